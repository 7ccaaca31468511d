/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQL as each engine reads it: a tokeniser with the quoting and comment
 * rules of MySQL/MariaDB, PostgreSQL and SQLite, and the statement splitter
 * built on it.
 *
 * The pretty-printer's tokeniser (sqlfmt.h) copies doctrine/sql-formatter,
 * which reads every dialect the same way; running SQL needs the engine's own
 * reading: on MySQL a backslash escapes the next character inside quotes,
 * on PostgreSQL and SQLite it does not; PostgreSQL nests block comments and
 * has $tag$ strings; MySQL runs the inside of a comment that starts with "/" "*!".
 */
#ifndef MWSCHEMA_SQLLEX_H
#define MWSCHEMA_SQLLEX_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/dbms.h"

typedef enum mw_sqltok_kind {
	MW_SQLTOK_SPACE,
	MW_SQLTOK_COMMENT,	/* -- ..., # ... (MySQL), block comments */
	MW_SQLTOK_STRING,	/* '...', "..." on MySQL, E'...' and $tag$...$tag$ on PostgreSQL */
	MW_SQLTOK_QUOTED,	/* a quoted identifier: `...`, "...", [...] (SQLite) */
	MW_SQLTOK_WORD,		/* a keyword or an unquoted identifier */
	MW_SQLTOK_NUMBER,
	MW_SQLTOK_PUNCT,	/* any other single character */
	MW_SQLTOK_SEMICOLON,
	MW_SQLTOK_UNTERMINATED,	/* a quote or comment that never ends: the rest of the text */
} mw_sqltok_kind;

typedef struct mw_sqltok {
	mw_sqltok_kind kind;
	size_t start;
	size_t len;
} mw_sqltok;

/* Tokens of `sql` as `dbms` reads it; *out is malloc'd (caller frees). */
size_t mw_sql_lex(mw_sqltok **out, const char *sql, size_t len, mw_dbms dbms);

/* True for a MySQL comment whose inside MySQL executes (opened by "/" "*!" or "/" "*M!"). */
bool mw_sql_comment_runs(const char *text, size_t len);

/*
 * The statements of `sql` as `dbms` would run them: split at semicolons
 * outside quotes and comments, each without its ';', leading comments and
 * surrounding blanks; statements of comments only are dropped. Returns the
 * number of statements, or -1 (nothing in *out) when a quote or a comment
 * does not end. Free with mw_strv_free.
 */
long mw_sql_statements(char ***out, const char *sql, size_t len, mw_dbms dbms);

#endif /* MWSCHEMA_SQLLEX_H */
