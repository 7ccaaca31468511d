/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQL lexer: doctrine/sql-formatter 1.5's Tokenizer, reproduced exactly
 * (spec §7.1), and the one place that knows where SQL strings, quoted
 * names and comments begin and end. The pretty-printer formats its tokens,
 * lint's SQL rules look past strings and comments with them, and the
 * engines split scripts into statements with them.
 *
 * Its quoting rules are the printer's, for every platform: '...' and "..."
 * end at the unescaped quote (a backslash escapes the next byte, a doubled
 * quote is a quote), `...` and [...] at the doubled-or-single closing
 * character; comments are "-- ...", "# ..." and slash-star blocks.
 *
 * Running SQL needs each engine's own reading, which the same tokenizer
 * gives when asked for an engine (mw_sql_lex, mw_sql_statements): on MySQL
 * a backslash escapes the next character inside quotes, on PostgreSQL and
 * SQLite it does not ('C:\' is a whole string there); "..." is a string on
 * MySQL and a name elsewhere; PostgreSQL nests block comments and has
 * E'...' and $tag$ strings; "#" starts a comment on MySQL only, "--" there
 * only before a blank; MySQL runs the inside of a comment that starts with
 * "/" "*!". verify reads generated SQL that way before running it, so that
 * a value cannot end its quotes early unnoticed.
 */
#ifndef MWSCHEMA_SQLLEX_H
#define MWSCHEMA_SQLLEX_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/dbms.h"

/* Token types of doctrine/sql-formatter's Tokenizer (same meaning). */
typedef enum mw_sql_toktype {
	MW_TOK_WHITESPACE,
	MW_TOK_WORD,
	MW_TOK_QUOTE,
	MW_TOK_BACKTICK,
	MW_TOK_RESERVED,
	MW_TOK_TOPLEVEL,
	MW_TOK_NEWLINE,
	MW_TOK_BOUNDARY,
	MW_TOK_COMMENT,
	MW_TOK_BLOCK_COMMENT,
	MW_TOK_NUMBER,
	MW_TOK_VARIABLE
} mw_sql_toktype;

/* Upper-cased token values the formatter tests, whatever the token type. */
typedef enum mw_sql_tokword {
	MW_TW_NONE,
	MW_TW_CASE,
	MW_TW_BEGIN,
	MW_TW_LOOP,
	MW_TW_WHEN,
	MW_TW_THEN,
	MW_TW_ELSE,
	MW_TW_END,
	MW_TW_LIMIT
} mw_sql_tokword;

typedef struct mw_sql_token {
	size_t start;
	size_t len;
	mw_sql_toktype type;
	char ch;			/* the byte of a 1-byte token, else 0 */
	unsigned char word;		/* mw_sql_tokword */
} mw_sql_token;

/*
 * Splits `sql` (len bytes) into tokens; *out_tokens is malloc'ed (caller
 * frees), never NULL. Every byte belongs to exactly one token, so the
 * tokens cover the text and the total is linear.
 */
size_t mw_sql_tokenize(mw_sql_token **out_tokens, const char *sql, size_t len);

/*
 * Splits a script into statements at the `;` tokens: each statement from
 * its first token that is not whitespace or a comment, without the `;` and
 * trailing whitespace; comment-only statements are dropped. *out and each
 * statement are malloc'ed (caller frees).
 */
void mw_sql_split(char ***out, size_t *n, const char *script);

/*
 * SQL as each engine reads it (the same lexer, the engine's quotes,
 * comments and words)
 */

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
