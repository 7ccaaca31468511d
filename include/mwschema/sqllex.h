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
 */
#ifndef MWSCHEMA_SQLLEX_H
#define MWSCHEMA_SQLLEX_H

#include <stddef.h>

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

#endif /* MWSCHEMA_SQLLEX_H */
