/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running generated SQL on real database engines. The only module that
 * knows about libsqlite3 (and the optional MariaDB / PostgreSQL clients).
 *
 * An engine is one connection plus a private scratch namespace: an in-memory
 * database on SQLite, a database `mwverify_<pid>_<n>` on MariaDB, a schema of
 * that name (first in search_path) on PostgreSQL. mw_engine_fresh() drops the
 * current namespace and starts an empty one; mw_engine_close() drops it too.
 */
#ifndef MWSCHEMA_ENGINE_H
#define MWSCHEMA_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"

/*
 * Opens (creating if needed) the SQLite database file `db_path` and runs the
 * statements of `sql` in one transaction, one at a time and under the same
 * rules as mw_engine_exec (no ATTACH, nothing but generated statements).
 * 0, or -1 with the engine's message (and the failing statement) in `err`;
 * on failure nothing is committed.
 */
int mw_sqlite_exec_file(const char *db_path, const char *sql, mw_buf *err);

typedef struct mw_engine mw_engine;

/*
 * A table as the engine's catalog describes it, normalised so that
 * equivalent declarations compare equal as strings: types in lower case with
 * single spaces, defaults without quotes or casts (NULL = no default, which
 * includes DEFAULT NULL), sequence defaults reported as `autoincrement`.
 */
typedef struct mw_shape_column {
	char *name;
	char *type;
	bool notnull;
	char *deflt;
	bool autoincrement;
} mw_shape_column;

typedef struct mw_shape_index {
	char *name;
	char **columns;		/* "col", or "col(n)" for a MySQL prefix length */
	size_t ncolumns;
	bool unique;
	char *kind;		/* "fulltext", "spatial", or NULL for a plain index */
	char *where;		/* partial-index predicate, NULL when none */
} mw_shape_index;

typedef struct mw_shape {
	char *name;
	mw_shape_column *columns;	/* catalog order */
	size_t ncolumns;
	char **pk;			/* primary key, in key order */
	size_t npk;
	mw_shape_index *indexes;	/* sorted by name, primary key excluded */
	size_t nindexes;
	char *engine;			/* MySQL storage engine ("innodb"); NULL elsewhere */
	char *charset;			/* MySQL default character set ("binary"); NULL elsewhere */
} mw_shape;

/* A query result as text; a NULL cell is SQL NULL. */
typedef struct mw_rows {
	size_t ncols;
	size_t nrows;
	char **names;		/* ncols column labels */
	char **cells;		/* nrows * ncols, row-major */
	size_t *lens;		/* byte length of each cell */
} mw_rows;

/*
 * Time limits, in seconds, unless MWSCHEMA_CONNECT_TIMEOUT or
 * MWSCHEMA_STATEMENT_TIMEOUT say otherwise: for connecting (a server that
 * accepts and never answers), and for each statement (on the server, and on
 * the client for a server that stops answering).
 */
#define MW_ENGINE_CONNECT_TIMEOUT 10
#define MW_ENGINE_STATEMENT_TIMEOUT 60

/* Returned by mw_engine_read_shape when the table does not exist. */
#define MW_ENGINE_NO_TABLE 1

/* True when support for `dbms` was compiled in (SQLite always is). */
bool mw_engine_available(mw_dbms dbms);

/*
 * Connects. `dsn` may be NULL. SQLite works in memory; a `dsn` there names
 * an existing database file, opened (not created) as the first namespace;
 * MariaDB reads MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_UNIX_PORT, MYSQL_USER and
 * MYSQL_PWD, and a DSN of `key=value` words (host, port, user, password,
 * unix_socket) or `mysql://user:password@host:port`; PostgreSQL takes
 * libpq's conninfo (or URI) and PG* variables (PGPASSWORD, PGPASSFILE).
 * MW_MYSQL_PASSWORD_FILE and MW_PG_PASSWORD_FILE name a file whose first
 * line is the password (it must not be readable by others), so that no
 * password needs to be on a command line. MariaDB sessions run with
 * sql_mode 'TRADITIONAL,ONLY_FULL_GROUP_BY'. The engine starts in a fresh
 * namespace. 0, or -1 with a message in err (*out is then NULL).
 */
int mw_engine_open(mw_engine **out, mw_dbms dbms, const char *dsn, mw_buf *err);
/*
 * For a SIGINT / SIGTERM handler (async-signal-safe): every open engine is
 * asked to cancel the statement it runs, and later statements are refused
 * ("interrupted"), so the caller returns promptly; mw_engine_close still
 * drops the scratch namespace.
 */
void mw_engine_interrupt(void);
bool mw_engine_interrupted(void);
/* Drops the scratch namespace and disconnects; NULL-safe. */
void mw_engine_close(mw_engine *e);
mw_dbms mw_engine_dbms(const mw_engine *e);
/* Drops the current scratch namespace and switches to a new, empty one. */
int mw_engine_fresh(mw_engine *e, mw_buf *err);

/*
 * Runs a script statement by statement, one per call to the engine: split
 * at `;` outside quotes and comments as the engine reads them (sqllex.h).
 * A statement that is not one mwschema generates (CREATE, ALTER or DROP of
 * a table, index, type or sequence, INSERT INTO, PostgreSQL's SELECT
 * setval), names another database or schema, or hides a MySQL executable
 * comment is refused before it reaches the engine; a script whose quotes
 * or comments do not end runs nothing. Stops at the first error, or on
 * MariaDB at the first statement that leaves a warning (SHOW WARNINGS), and
 * then returns -1 with "statement N: <statement>: <message>" in err.
 */
int mw_engine_exec(mw_engine *e, const char *script, mw_buf *err);
/* Runs one query and returns every row as text. 0 or -1. */
int mw_engine_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err);
/* Reads `table` from the catalog. 0, MW_ENGINE_NO_TABLE, or -1. */
int mw_engine_read_shape(mw_shape *out, mw_engine *e, const char *table, mw_buf *err);
/* Names of the tables in the namespace, sorted (temporary tables excluded). */
int mw_engine_list_tables(char ***out, size_t *n, mw_engine *e, mw_buf *err);
/* Appends `name` quoted as an identifier for this engine. */
void mw_engine_quote_ident(mw_buf *out, const mw_engine *e, const char *name);

/*
 * Live databases (audit): an attached engine reads a database that exists,
 * makes no scratch namespace and runs its session read-only (SQLite opens
 * the file read-only; MariaDB sets SESSION TRANSACTION READ ONLY; PostgreSQL
 * sets default_transaction_read_only, and TimeZone UTC so that timestamp
 * defaults read back the same everywhere). `database` is the SQLite file,
 * the MariaDB database, or the PostgreSQL database to connect to; NULL keeps
 * the DSN's own. Messages never include a password.
 */
int mw_engine_attach(mw_engine **out, mw_dbms dbms, const char *dsn, const char *database,
		     mw_buf *err);
/* Moves an attached engine to another database (MariaDB: USE; the others reconnect). */
int mw_engine_use(mw_engine *e, const char *database, mw_buf *err);
/* The server's databases, sorted, without the system ones and verify's scratch ones. */
int mw_engine_list_databases(char ***out, size_t *n, mw_engine *e, mw_buf *err);
/*
 * Every table of the current namespace, sorted by name, as mw_engine_read_shape
 * gives them (plus engine and charset on MariaDB), read with a few catalog
 * queries instead of a few per table. Free with mw_shapes_free.
 */
int mw_engine_read_all(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err);
void mw_shapes_free(mw_shape *shapes, size_t n);

void mw_shape_clear(mw_shape *s);
void mw_rows_clear(mw_rows *r);
/* Borrowed pointer or NULL; names compare case-insensitively. */
const mw_shape_column *mw_shape_column_find(const mw_shape *s, const char *name);
/*
 * The normalisation shapes use, for callers that compare their own text with
 * a shape: a type in lower case with single spaces, and a default literal
 * without quotes, casts or parentheses (NULL for none or NULL). New strings.
 */
char *mw_norm_type(const char *type);
char *mw_norm_default(const char *literal);
/* 1-line description of a column / index, as reports print them. */
void mw_shape_column_describe(mw_buf *out, const mw_shape_column *c);
void mw_shape_index_describe(mw_buf *out, const mw_shape_index *ix);

#endif /* MWSCHEMA_ENGINE_H */
