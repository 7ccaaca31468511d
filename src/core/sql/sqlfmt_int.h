/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals shared by the pretty-printer's files: the word tables
 * (sqlfmt_words.c, generated), the lexer (sqllex.c, whose tokens are
 * public in sqllex.h) and the formatter (sqlfmt.c). Not part of the
 * public API.
 */
#ifndef MWSCHEMA_SQLFMT_INT_H
#define MWSCHEMA_SQLFMT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/sqllex.h"

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

/* PCRE's \s without UTF mode: space, \t, \n, \v, \f, \r. */
static inline bool
mw_sqlfmt_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

#endif /* MWSCHEMA_SQLFMT_INT_H */
