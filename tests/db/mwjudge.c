/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper: runs MediaWiki's own SQL for cases our SQL failed on, to tell
 * the engine's verdict on the input from a fault of ours.
 *
 * Reads lines "JSON<TAB>ENGINE<TAB>MWSQL" from standard input: a change or
 * schema file of the corpus, sqlite|mysql|postgres, and the SQL file
 * MediaWiki committed for it on that engine ("-": MediaWiki writes no file,
 * the change is invisible there). Each case is verified as `mwschema verify`
 * does, with MediaWiki's SQL as the patch (or, for a schema file, as the
 * full-schema SQL), statement by statement in the engine's scratch
 * namespace; with --rollback, our generated rollback follows it, and
 * --prefix=P fills the table-prefix marker as `verify --prefix` does. Prints
 * "JSON<TAB>ENGINE<TAB>pass|fail<TAB>STEP<TAB>DETAIL" per case, like
 * `verify --tsv`. Engines connect through MW_MYSQL_DSN and MW_PG_DSN.
 */
#include <config.h>

#include "mwschema/engine.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mw_engine *engines[MW_DBMS__COUNT];
static const char *prefix;	/* --prefix=P, as given to `mwschema verify` */

static mw_engine *
engine_for(mw_dbms d, mw_buf *err)
{
	const char *dsn = d == MW_DBMS_MYSQL ? getenv("MW_MYSQL_DSN")
			  : d == MW_DBMS_POSTGRES ? getenv("MW_PG_DSN") : NULL;

	if (!engines[d] && mw_engine_open(&engines[d], d, dsn, err) < 0)
		engines[d] = NULL;
	return engines[d];
}

static void
print_field(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar('\n');
}

static void
print_change(const char *json, mw_dbms d, const mw_verify_result *r)
{
	int bad = -1;

	for (int s = 0; s < MW_VSTEP__COUNT; s++)
		if (bad < 0 && r->status[s] == MW_VERIFY_FAIL)
			bad = s;
	printf("%s\t%s\t%s\t%s\t", json, mw_dbms_name(d), r->passed ? "pass" : "fail",
	       bad < 0 ? "-" : mw_verify_step_title(bad));
	print_field(bad < 0 ? "-" : r->detail[bad]);
}

/* One case; the MediaWiki SQL is already read into `sql`. */
static void
judge(const char *json, mw_dbms d, const char *sql, bool rollback)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_verify_opts opts = { prefix, NULL, sql, rollback, "x" };
	mw_buf err = MW_BUF_INIT, report = MW_BUF_INIT;
	mw_engine *e = engine_for(d, &err);
	mw_doc *doc = NULL;

	if (!e || mw_doc_load_file(&doc, json, &diags) < 0) {
		printf("%s\t%s\tfail\tsetup\t", json, mw_dbms_name(d));
		print_field(e ? "cannot load the file" : mw_buf_cstr(&err));
	} else if (doc->kind == MW_DOC_CHANGE) {
		mw_verify_result r;

		mw_verify_change(&r, e, &doc->change, &opts);
		print_change(json, d, &r);
		mw_verify_result_clear(&r);
	} else {
		int nfail = mw_verify_schema(&report, e, &doc->schema, &opts, false);
		const char *first = strstr(mw_buf_cstr(&report), "FAIL ");

		/* as `verify --tsv` prints a schema file: the first FAIL line */
		printf("%s\t%s\t%s\tschema\t", json, mw_dbms_name(d), nfail ? "fail" : "pass");
		if (first)
			printf("%.*s\n", (int)strcspn(first, "\n"), first);
		else
			printf("%zu tables\n", doc->schema.ntables);
	}
	mw_doc_free(doc);
	mw_diags_free(&diags);
	mw_buf_release(&err);
	mw_buf_release(&report);
}

int
main(int argc, char **argv)
{
	bool rollback = false;
	char line[8192];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rollback"))
			rollback = true;
		else if (!strncmp(argv[i], "--prefix=", 9))
			prefix = argv[i] + 9;
	}
	while (fgets(line, sizeof(line), stdin)) {
		char *json = strtok(line, "\t\n"), *engine = strtok(NULL, "\t\n");
		char *sqlfile = strtok(NULL, "\t\n");
		mw_buf sql = MW_BUF_INIT, err = MW_BUF_INIT;
		mw_dbms d;

		if (!json || !engine || !sqlfile || !mw_dbms_from_name(engine, &d))
			continue;
		if (strcmp(sqlfile, "-") && mw_read_file(&sql, sqlfile, &err) < 0) {
			printf("%s\t%s\tfail\tsetup\t%s\n", json, engine, mw_buf_cstr(&err));
		} else {
			judge(json, d, mw_buf_cstr(&sql), rollback);
		}
		fflush(stdout);
		mw_buf_release(&sql);
		mw_buf_release(&err);
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		mw_engine_close(engines[d]);
	return 0;
}
