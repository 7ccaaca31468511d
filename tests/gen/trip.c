/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper for tests/gen/roundtrip.sh: SQLite round trips in one
 * process. Reads lines "CHANGE.json<TAB>MWSQL" from standard input; for
 * each, in a new in-memory database and through our engine (one statement
 * at a time): creates `before` (our CREATE), applies the forward patch (ours;
 * then, when MWSQL is not "", MediaWiki's committed file instead), then our
 * rollback, and compares the catalog with the `before` it started from
 * (column positions aside). Prints "CHANGE.json<TAB>OURS<TAB>THEIRS", each
 * outcome one of "same", "before: E", "forward: E", "reverse: E",
 * "different: <first differing catalog row>", THEIRS "-" when not run.
 * E is the engine's message with the statement text left out.
 */
#include <config.h>

#include "mwschema/engine.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"
#include "mwschema/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The catalog as roundtrip.sh has always compared it. */
static const char *const shape_queries[] = {
	"SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
	"FROM sqlite_master m, pragma_table_info(m.name) p "
	"WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2",
	"SELECT m.name, il.name, il.\"unique\", group_concat(ii.name) "
	"FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii "
	"WHERE m.type = 'table' AND il.origin = 'c' GROUP BY 1, 2 ORDER BY 1, 2",
};

static void
shape(mw_buf *out, mw_engine *e)
{
	mw_buf err = MW_BUF_INIT;

	for (size_t q = 0; q < sizeof(shape_queries) / sizeof(*shape_queries); q++) {
		mw_rows rows = { 0 };

		if (mw_engine_query(&rows, e, shape_queries[q], &err) < 0) {
			mw_buf_addf(out, "query failed: %s\n", mw_buf_cstr(&err));
			continue;
		}
		for (size_t r = 0; r < rows.nrows; r++) {
			for (size_t c = 0; c < rows.ncols; c++) {
				const char *cell = rows.cells[r * rows.ncols + c];

				mw_buf_addf(out, "%s%s", c ? "|" : "", cell ? cell : "");
			}
			mw_buf_addc(out, '\n');
		}
		mw_rows_clear(&rows);
	}
	mw_buf_release(&err);
}

/* "statement N: <statement>: message" -> "statement N: <last clause>" */
static void
add_message(mw_buf *out, const char *err)
{
	const char *last = strrchr(err, ':');

	if (!strncmp(err, "statement ", 10) && last) {
		const char *tail = last[1] == ' ' ? last + 2 : last + 1;

		mw_buf_addf(out, "%.*s%s", (int)(strchr(err, ':') - err + 2), err, tail);
		return;
	}
	mw_buf_adds(out, err);
}

/* Runs `sql` (placeholders filled); on failure writes "<step>: E" to out. */
static bool
run(mw_buf *out, mw_engine *e, const char *sql, const char *step)
{
	mw_buf err = MW_BUF_INIT;
	char *ready = mw_verify_fill_placeholders(sql, NULL, NULL);
	bool ok = mw_engine_exec(e, ready, &err) == 0;

	if (!ok) {
		mw_buf_addf(out, "%s: ", step);
		add_message(out, mw_buf_cstr(&err));
	}
	free(ready);
	mw_buf_release(&err);
	return ok;
}

/* "different: <the first catalog row of `got` that differs>" */
static void
first_difference(mw_buf *out, const char *want, const char *got)
{
	const char *line = got;

	for (; *want && *want == *got; want++, got++)
		if (*got == '\n')
			line = got + 1;
	mw_buf_addf(out, "different: %.*s", (int)strcspn(line, "\n"), line);
}

static void
trip(mw_buf *out, mw_engine *e, const mw_change *ch, const char *forward)
{
	mw_buf sql = MW_BUF_INIT, want = MW_BUF_INIT, got = MW_BUF_INIT;

	if (mw_engine_fresh(e, out) < 0)
		return;
	if (ch->before)
		mw_gen_change(&sql, NULL, ch->before, MW_DBMS_SQLITE, "x", MW_GEN_NO_HEADER);
	if (!run(out, e, mw_buf_cstr(&sql), "before"))
		goto out;
	shape(&want, e);
	if (!run(out, e, forward, "forward"))
		goto out;
	mw_buf_reset(&sql);
	mw_gen_change(&sql, ch->after, ch->before, MW_DBMS_SQLITE, "x", MW_GEN_NO_HEADER);
	if (!run(out, e, mw_buf_cstr(&sql), "reverse"))
		goto out;
	shape(&got, e);
	if (strcmp(mw_buf_cstr(&want), mw_buf_cstr(&got)))
		first_difference(out, mw_buf_cstr(&want), mw_buf_cstr(&got));
	else
		mw_buf_adds(out, "same");
out:
	mw_buf_release(&sql);
	mw_buf_release(&want);
	mw_buf_release(&got);
}

static void
one_case(mw_engine *e, const char *json, const char *mwsql)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf ours = MW_BUF_INIT, theirs = MW_BUF_INIT, fwd = MW_BUF_INIT;
	mw_doc *doc = NULL;

	if (mw_doc_load_file(&doc, json, &diags) < 0 || doc->kind != MW_DOC_CHANGE) {
		printf("%s\tload error\t-\n", json);
		goto out;
	}
	mw_gen_change(&fwd, doc->change.before, doc->change.after, MW_DBMS_SQLITE, "x",
		      MW_GEN_NO_HEADER);
	trip(&ours, e, &doc->change, mw_buf_cstr(&fwd));
	if (*mwsql && strcmp(mw_buf_cstr(&ours), "same")) {
		mw_buf_reset(&fwd);
		if (strcmp(mwsql, "-") && mw_read_file(&fwd, mwsql, &theirs) < 0)
			mw_buf_adds(&theirs, ": cannot read");
		else
			trip(&theirs, e, &doc->change, mw_buf_cstr(&fwd));
	}
	printf("%s\t%s\t%s\n", json, mw_buf_cstr(&ours), theirs.len ? mw_buf_cstr(&theirs) : "-");
out:
	fflush(stdout);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	mw_buf_release(&ours);
	mw_buf_release(&theirs);
	mw_buf_release(&fwd);
}

int
main(void)
{
	mw_buf err = MW_BUF_INIT;
	mw_engine *e = NULL;
	char line[8192];

	if (mw_engine_open(&e, MW_DBMS_SQLITE, NULL, &err) < 0) {
		fprintf(stderr, "trip: %s\n", mw_buf_cstr(&err));
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		char *tab = strchr(line, '\t');

		line[strcspn(line, "\n")] = '\0';
		if (tab)
			*tab++ = '\0';
		one_case(e, line, tab ? tab : "");
	}
	mw_engine_close(e);
	mw_buf_release(&err);
	return 0;
}
