/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside the generators: the per-platform operations table and the helpers
 * the three implementations share. Not a public header.
 */
#ifndef MWSCHEMA_GEN_PRIVATE_H
#define MWSCHEMA_GEN_PRIVATE_H

#include "mwschema/buf.h"
#include "mwschema/diff.h"
#include "mwschema/gen.h"

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

#endif /* MWSCHEMA_GEN_PRIVATE_H */
