/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals shared by the pretty-printer's files: the word tables
 * (sqlfmt_words.c, generated), the tokeniser (sqlfmt_lex.c) and the
 * formatter (sqlfmt.c). Not part of the public API.
 */
#ifndef MWSCHEMA_SQLFMT_INT_H
#define MWSCHEMA_SQLFMT_INT_H

#include <stdbool.h>
#include <stddef.h>

/* A sorted (byte order) list of upper-case words. */
typedef struct mw_sqlfmt_wordlist {
	const char *const *words;
	size_t count;
} mw_sqlfmt_wordlist;

extern const mw_sqlfmt_wordlist mw_sqlfmt_toplevel;
extern const mw_sqlfmt_wordlist mw_sqlfmt_toplevel_multi;	/* entries with spaces */
extern const mw_sqlfmt_wordlist mw_sqlfmt_newline;
extern const mw_sqlfmt_wordlist mw_sqlfmt_newline_multi;
extern const mw_sqlfmt_wordlist mw_sqlfmt_reserved;
extern const mw_sqlfmt_wordlist mw_sqlfmt_functions;
extern const mw_sqlfmt_wordlist mw_sqlfmt_kw_mysql;
extern const mw_sqlfmt_wordlist mw_sqlfmt_kw_postgres;
extern const mw_sqlfmt_wordlist mw_sqlfmt_kw_sqlite;

/* Longest word of any list; longer runs can never be keywords. */
#define MW_SQLFMT_MAX_WORD 32

/*
 * True when `s` (n bytes, compared upper-cased, no spaces) is in `list`.
 * Binary search.
 */
bool mw_sqlfmt_wordlist_has(const mw_sqlfmt_wordlist *list, const char *s, size_t n);

/* Token types of doctrine/sql-formatter's Tokenizer (same meaning). */
typedef enum mw_sqlfmt_toktype {
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
} mw_sqlfmt_toktype;

typedef struct mw_sqlfmt_token {
	size_t start;
	size_t len;
	mw_sqlfmt_toktype type;
} mw_sqlfmt_token;

/*
 * Splits `sql` into tokens; *out_tokens is malloc'ed (caller frees), never
 * NULL. Every byte belongs to exactly one token, so the total is linear.
 */
size_t mw_sqlfmt_tokenize(mw_sqlfmt_token **out_tokens, const char *sql, size_t len);

/* PCRE's \s without UTF mode: space, \t, \n, \v, \f, \r. */
static inline bool
mw_sqlfmt_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

#endif /* MWSCHEMA_SQLFMT_INT_H */
