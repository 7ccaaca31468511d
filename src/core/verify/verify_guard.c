/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Before verify runs anything: the SQL must be what the generators meant.
 *
 * Names and the values the generators copy unquoted were checked when the
 * document was loaded (json.h). What remains is data inside quotes: a
 * default, an enum value. MediaWiki writes enum values without escaping
 * them, and a literal quoted for one engine may end early on another (a
 * backslash on MySQL), so each such literal is read back as the engine
 * would read it and must be one complete string. Then the whole script must
 * split into exactly the statements the generator wrote.
 */
#include <config.h>

#include "core/verify/internal.h"

#include "mwschema/gen.h"
#include "mwschema/sqllex.h"

#include <stdlib.h>
#include <string.h>

/* `text` read by `dbms`: strings separated by `sep` only, `want` of them (0: any). */
static bool
only_strings(const char *text, mw_dbms dbms, char sep, size_t want)
{
	mw_sqltok *t;
	size_t n = mw_sql_lex(&t, text, strlen(text), dbms), strings = 0;
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		if (t[i].kind == MW_SQLTOK_STRING)
			strings++;
		else if (t[i].kind == MW_SQLTOK_PUNCT && sep && text[t[i].start] == sep)
			continue;
		else if (!sep && t[i].kind != MW_SQLTOK_UNTERMINATED &&
			 t[i].kind != MW_SQLTOK_SEMICOLON && t[i].kind != MW_SQLTOK_COMMENT)
			continue;
		else
			ok = false;
	}
	free(t);
	return ok && (!want || strings == want) && (sep || strings <= 1);
}

static bool
column_safe(const mw_column *c, mw_dbms dbms, mw_buf *why)
{
	mw_buf b = MW_BUF_INIT;
	bool ok = true;

	/* the list is in the SQL on MySQL (ENUM) and, for a fixed one, PostgreSQL (CREATE TYPE) */
	if (c->type == MW_T_MWENUM && c->n_enum_values &&
	    (dbms == MW_DBMS_MYSQL || (dbms == MW_DBMS_POSTGRES && c->fixed))) {
		mw_gen_enum_values(&b, c);
		if (!(ok = only_strings(mw_buf_cstr(&b), dbms, ',', c->n_enum_values)))
			mw_buf_addf(why, "column %s: an enum value holds a quote or a backslash, and "
				    "MediaWiki writes enum values as they are, so %s would not read "
				    "the list the JSON gives", c->name, mw_dbms_title(dbms));
	}
	mw_buf_reset(&b);
	mw_gen_default_decl(&b, c, dbms);
	if (ok && !(ok = only_strings(mw_buf_cstr(&b), dbms, 0, 0)))
		mw_buf_addf(why, "column %s: its default, as written for %s, does not read back as "
			    "one complete string (a backslash or a quote the literal does not "
			    "escape for this engine)", c->name, mw_dbms_title(dbms));
	mw_buf_release(&b);
	return ok;
}

int
mw_verify__table_safe(const mw_table *t, mw_dbms dbms, mw_buf *why)
{
	for (size_t i = 0; t && i < t->ncolumns; i++)
		if (!column_safe(&t->columns[i], dbms, why))
			return -1;
	return 0;
}

/* The placeholders' replacements, from the command line: plain words only. */
int
mw_verify__opts_safe(const mw_verify_opts *o, mw_buf *why)
{
	const char *p = o->prefix ? o->prefix : "", *to = o->table_options;

	if (strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
	    strlen(p)) {
		mw_buf_adds(why, "the table prefix may only have letters, digits and _");
		return -1;
	}
	if (to && strspn(to, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_=, ") !=
	    strlen(to)) {
		mw_buf_adds(why, "the table options may only have NAME=VALUE words and commas");
		return -1;
	}
	return 0;
}

int
mw_verify__split_as_generated(char ***out, const char *sql, mw_dbms dbms, size_t expected,
			      mw_buf *err)
{
	long n = mw_sql_statements(out, sql, strlen(sql), dbms);

	if (n >= 0 && (!expected || (size_t)n == expected))
		return 0;
	if (n >= 0)
		mw_strv_free(*out, (size_t)n);
	*out = NULL;
	if (n < 0)
		mw_buf_addf(err, "as %s reads it, a quote or a comment of the SQL never ends: "
			    "nothing was run", mw_dbms_title(dbms));
	else
		mw_buf_addf(err, "as %s reads it, the SQL holds %ld statement%s, not the %zu the "
			    "generator wrote (a value ends its quotes early): nothing was run",
			    mw_dbms_title(dbms), n, n == 1 ? "" : "s", expected);
	return -1;
}
