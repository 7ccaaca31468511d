/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the sql folder: the pretty-printer's word tables and helpers
 * (sqlfmt*.c, sqllex.c), and the generators' per-platform operations and
 * shared pieces (gen*.c).
 */
#ifndef MWSCHEMA_SQL_INTERNAL_H
#define MWSCHEMA_SQL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diff.h"
#include "mwschema/gen.h"
#include "mwschema/sqllex.h"
#include "mwschema/strmap.h"

/*
 * Internals shared by the pretty-printer's files: the word tables
 * (sqlfmt_words.c, generated), the lexer (sqllex.c, whose tokens are
 * public in sqllex.h) and the formatter (sqlfmt.c). Not part of the
 * public API.
 */

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

/*
 * Inside the generators: the per-platform operations table and the helpers
 * the three implementations share. Not a public header.
 */

/* Raw statements being collected: joined with ";\n\n" as they come. */
struct mw_gen_out {
	mw_buf *sql;
	size_t n;
};

/* Starts a new statement (writes the separator) and returns the buffer. */
mw_buf *mw_gen_stmt(struct mw_gen_out *o);

/* One DBMS's SQL (like tig's view_ops: one static instance per platform file). */
struct mw_gen_ops {
	mw_dbms dbms;
	/* CREATE TABLE and what belongs to it (indexes, enum types). */
	void (*create_table)(struct mw_gen_out *o, const mw_diff_side *t);
	/* The statements of an altered table (both sides exist, same name). */
	void (*alter_table)(struct mw_gen_out *o, const mw_table_diff *d);
};

extern const struct mw_gen_ops mw_gen_mysql_ops;
extern const struct mw_gen_ops mw_gen_postgres_ops;
extern const struct mw_gen_ops mw_gen_sqlite_ops;

/* "/\*_*\/name" on MySQL and SQLite, the (quoted) bare name on PostgreSQL. */
void mw_gen_table_name(mw_buf *out, const char *name, mw_dbms dbms);
/* "DROP TABLE <name>" */
void mw_gen_drop_table(struct mw_gen_out *o, const char *name, mw_dbms dbms);
/* Index columns, quoted, ", "-joined; with MySQL prefix lengths when `lengths`. */
void mw_gen_index_columns(mw_buf *out, const mw_index *ix, mw_dbms dbms, bool lengths);
/* "CREATE [UNIQUE |FULLTEXT |SPATIAL ]INDEX name ON table (cols)[ WHERE ...]" */
void mw_gen_create_index(struct mw_gen_out *o, const mw_index *ix, const char *table,
			 mw_dbms dbms);
/* A quoted identifier lower-cased first (DBAL keys renamed objects by lower-case name). */
void mw_gen_quote_lower(mw_buf *out, const char *name, mw_dbms dbms);
/* True when lower(column) equals one of the key's names as written (DBAL's array keys). */
bool mw_gen_lower_in(const char *column, char *const *names, size_t n);
/*
 * DBAL keys columns and indexes by lower-cased name in PHP arrays: a map of
 * such keys, so that a wide table is not searched once per column. The
 * caller folds each key and hands it over (the map frees it); values are
 * not NULL. A key put twice keeps its first value unless `replace` (PHP's
 * last assignment wins).
 */
struct mw_gen_names {
	mw_strmap map;
	char **keys;
	size_t n;
};

void mw_gen_names_put(struct mw_gen_names *x, char *key, const void *value, bool replace);
const void *mw_gen_names_get(const struct mw_gen_names *x, const char *key);
void mw_gen_names_clear(struct mw_gen_names *x);

#endif /* MWSCHEMA_SQL_INTERNAL_H */
