/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the verify folder: the engines' back-end operations and
 * shared helpers (engine*.c), and the sample rows of the round trip
 * (verify*.c).
 */
#ifndef MWSCHEMA_VERIFY_INTERNAL_H
#define MWSCHEMA_VERIFY_INTERNAL_H

#include "mwschema/engine.h"
#include "mwschema/verify.h"

/*
 * Private to engine*.c: the per-engine operations behind
 * mwschema/engine.h, and helpers the back ends share.
 */

#include <stdbool.h>

struct engine_ops {
	const char *unavailable;	/* non-NULL: why this build cannot connect */
	/* opens the client library on first use (mwschema/dl.h): 0, or -1 with err */
	int (*load)(mw_buf *err);
	int (*open)(mw_engine *e, const char *dsn, mw_buf *err);
	void (*close)(mw_engine *e);
	/* drop the current namespace (if any) and create + enter a new one */
	int (*fresh)(mw_engine *e, const char *name, mw_buf *err);
	int (*drop)(mw_engine *e, const char *name, mw_buf *err);
	int (*exec_one)(mw_engine *e, const char *stmt, mw_buf *err);
	int (*query)(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err);
	/* query with one text parameter (MariaDB: %s, PostgreSQL: $1); NULL for SQLite */
	int (*query_param)(mw_rows *out, mw_engine *e, const char *sql, const char *param,
			   mw_buf *err);
	int (*read_shape)(mw_shape *out, mw_engine *e, const char *table, mw_buf *err);
	int (*list_tables)(char ***out, size_t *n, mw_engine *e, mw_buf *err);
	/* asks the engine to stop the running statement; async-signal-safe; may be NULL */
	void (*cancel)(mw_engine *e);
	/* live databases (audit); read_all NULL = list_tables + read_shape */
	int (*attach)(mw_engine *e, const char *dsn, const char *database, mw_buf *err);
	int (*use)(mw_engine *e, const char *database, mw_buf *err);
	int (*list_databases)(char ***out, size_t *n, mw_engine *e, mw_buf *err);
	int (*read_all)(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err);
	char quote;			/* identifier quote character */
};

struct mw_engine {
	const struct engine_ops *ops;
	mw_dbms dbms;
	void *conn;		/* sqlite3 *, MYSQL *, PGconn * */
	char *ns;		/* current scratch namespace, NULL before the first */
	char *dsn;		/* kept by the back end (SQLite: the first namespace's file;
				 * live engines: for the next database); the front frees it */
	unsigned serial;	/* namespaces made so far */
	void *cancel;		/* PGcancel * for a signal handler */
	bool dropping;		/* cleaning up: run even after an interrupt */
};

extern const struct engine_ops mw_engine_sqlite_ops;
extern const struct engine_ops mw_engine_mariadb_ops;
extern const struct engine_ops mw_engine_pg_ops;

/*
 * The guard (engine_guard.c): why `stmt` may not run on `dbms` ("refused:
 * ..."), or NULL; whether the user interrupted; the time limits in seconds
 * (MWSCHEMA_CONNECT_TIMEOUT, MWSCHEMA_STATEMENT_TIMEOUT, or the defaults).
 */
const char *mw_engine__stmt_refused(const char *stmt, mw_dbms dbms);
bool mw_engine__interrupted(void);
unsigned mw_engine__connect_timeout(void);
unsigned mw_engine__statement_timeout(void);
/* Registers an engine as open (or closed), and calls every open engine's cancel op. */
void mw_engine__live(mw_engine *e, bool open);
void mw_engine__cancel_all(void);
/*
 * The first line of the file named by environment variable `var` (a
 * password file), or NULL when unset; a file others may read is refused.
 * 0, or -1 with a message.
 */
int mw_engine__password_file(char **out, const char *var, mw_buf *err);

/* Growing arrays of the shape records. */
mw_shape_column *mw_shape_add_column(mw_shape *s, const char *name);
mw_shape_index *mw_shape_index_get(mw_shape *s, const char *name);	/* find or add */
void mw_shape_index_add_column(mw_shape_index *ix, const char *col);
void mw_shape_add_pk(mw_shape *s, const char *col);
void mw_shape_sort_indexes(mw_shape *s);
/* The shape named `name` in a list being built by name order (the last, or a new one). */
mw_shape *mw_shapes_next(mw_shape **v, size_t *n, const char *name);
/* Sorts shapes by name (byte order), for mw_shapes_find. */
void mw_shapes_sort(mw_shape *v, size_t n);
/* The index of `name` in a list sorted by mw_shapes_sort, or -1. */
long mw_shapes_find(const mw_shape *v, size_t n, const char *name);

/*
 * Catalogs read by query (engine_query.c; MariaDB, PostgreSQL): one catalog
 * row into the shape of its table, and a query of the whole database with
 * the column of its rows that names the table.
 */
typedef void mw_shape_row_fn(mw_shape *s, char *const *row);

struct mw_catalog_query {
	const char *sql;
	size_t table;			/* the column that names the row's table */
	mw_shape_row_fn *add;		/* may be NULL (a table row that only names one) */
};

/*
 * The shapes of the whole database from three queries: its tables (a row
 * each), then their columns and their indexes; rows of other relations
 * (views) are passed over. 0, or -1 with err.
 */
int mw_engine__read_catalog(mw_shape **out, size_t *n, mw_engine *e,
			    const struct mw_catalog_query q[3], mw_buf *err);
/* The rows of `sql` (query_param with `table`) into `out`, one `add` each. 0, or -1 with err. */
int mw_engine__read_rows(mw_shape *out, mw_engine *e, const char *sql, const char *table,
			 mw_shape_row_fn *add, mw_buf *err);
/* The first column of what `sql` returns, as a vector of `n` strings. 0, or -1 with err. */
int mw_engine__query_names(char ***out, size_t *n, mw_engine *e, const char *sql, mw_buf *err);
/* Runs `fmt` with its one %s replaced by `name` (a namespace we made). 0, or -1 with err. */
int mw_engine__run_named(mw_engine *e, const char *fmt, const char *name, mw_buf *err);


/* Appends one row of `ncols` cells (NULL = SQL NULL; len (size_t)-1 = strlen). */
void mw_rows_add(mw_rows *r, char *const *cells, const size_t *lens);
void mw_rows_set_names(mw_rows *r, size_t ncols, char *const *names);

/*
 * Private to src/core/verify*.c: the sample-row generator.
 */

struct sample_ctx {
	const mw_engine *engine;
	const mw_table *before;		/* the table the rows go into */
	const mw_table *after;		/* its unique keys limit the rows too (may be NULL) */
	const mw_shape *shape;		/* `before` as the engine created it */
};

/* Appends one literal for column `c`, row `row` (0-based), in `dbms`'s syntax. */
void mw_verify_sample_value(mw_buf *out, const mw_column *c, mw_dbms dbms, size_t row);
/* Appends INSERT statements for the sample rows; returns how many. */
size_t mw_verify_sample_inserts(mw_buf *sql, const struct sample_ctx *ctx);

/*
 * The guard (verify_guard.c). 0 when every quoted value of `t` reads back
 * as one string on `dbms`, else -1 with the column and the reason in why;
 * the same for the command line's prefix and table options; and the
 * statements of generated `sql` as `dbms` reads them, refused (-1, message)
 * unless there are exactly `expected` of them (0: any number).
 */
int mw_verify__table_safe(const mw_table *t, mw_dbms dbms, mw_buf *why);
int mw_verify__opts_safe(const mw_verify_opts *o, mw_buf *why);
int mw_verify__split_as_generated(char ***out, const char *sql, mw_dbms dbms, size_t expected,
				  mw_buf *err);

#endif /* MWSCHEMA_VERIFY_INTERNAL_H */
