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

/* The lists a word belongs to (bits of mw_sqlfmt_word.lists). */
enum {
	MW_SQLFMT_TOPLEVEL = 1 << 0,	/* printer: top-level keyword */
	MW_SQLFMT_NEWLINE = 1 << 1,	/* printer: newline keyword */
	MW_SQLFMT_RESERVED = 1 << 2,	/* printer: reserved word */
	MW_SQLFMT_FUNCTION = 1 << 3,	/* printer: function name */
	MW_SQLFMT_KW_MYSQL = 1 << 4,	/* DBAL: quoted on MySQL */
	MW_SQLFMT_KW_POSTGRES = 1 << 5,	/* DBAL: quoted on PostgreSQL */
	MW_SQLFMT_KW_SQLITE = 1 << 6,	/* DBAL: quoted on SQLite */
	/* first word of a multi-word top-level / newline keyword */
	MW_SQLFMT_MULTI_TOPLEVEL = 1 << 7,
	MW_SQLFMT_MULTI_NEWLINE = 1 << 8
};

typedef struct mw_sqlfmt_word {
	const char *word;	/* upper case, no spaces */
	unsigned char len;
	unsigned short lists;	/* MW_SQLFMT_* bits */
} mw_sqlfmt_word;

/* All single words of all lists, hashed with linear probing (sqlfmt_words.c). */
#define MW_SQLFMT_SLOTS 2048
extern const mw_sqlfmt_word mw_sqlfmt_words[];
extern const unsigned short mw_sqlfmt_word_slots[MW_SQLFMT_SLOTS];

/* The printer's multi-word top-level and newline keywords. */
typedef struct mw_sqlfmt_wordlist {
	const char *const *words;
	size_t count;
} mw_sqlfmt_wordlist;

extern const mw_sqlfmt_wordlist mw_sqlfmt_toplevel_multi;
extern const mw_sqlfmt_wordlist mw_sqlfmt_newline_multi;

/* Longest word of any list; longer runs can never be keywords. */
#define MW_SQLFMT_MAX_WORD 32

/* MW_SQLFMT_* bits of `s` (n bytes, compared upper-cased), 0 when in no list. */
unsigned mw_sqlfmt_word_lists(const char *s, size_t n);

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

/* Upper-cased token values the formatter tests, whatever the token type. */
typedef enum mw_sqlfmt_tokword {
	MW_TW_NONE,
	MW_TW_CASE,
	MW_TW_BEGIN,
	MW_TW_LOOP,
	MW_TW_WHEN,
	MW_TW_THEN,
	MW_TW_ELSE,
	MW_TW_END,
	MW_TW_LIMIT
} mw_sqlfmt_tokword;

typedef struct mw_sqlfmt_token {
	size_t start;
	size_t len;
	mw_sqlfmt_toktype type;
	char ch;			/* the byte of a 1-byte token, else 0 */
	unsigned char word;		/* mw_sqlfmt_tokword */
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
