/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite through libsqlite3, opened on first use (see mwschema/engine.h and
 * mwschema/dl.h).
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/dl.h"

#include "mwschema/model.h"
#include "mwschema/sqllex.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * libsqlite3, opened on first use (mwschema/dl.h): generate --db, verify and
 * review's round trip need it, and loading it costs about a million
 * instructions (Debian builds it with BIND_NOW: 1,600 symbol look-ups), more
 * than the rest of a small command. Every function this file calls is listed
 * once in the table and once as a macro that routes the call through its
 * pointer, so the code below calls the library by its usual names.
 */

#define LIBSQLITE3_FUNCTIONS(X) \
	X(sqlite3_bind_text) \
	X(sqlite3_close) \
	X(sqlite3_column_bytes) \
	X(sqlite3_column_count) \
	X(sqlite3_column_int) \
	X(sqlite3_column_name) \
	X(sqlite3_column_text) \
	X(sqlite3_db_config) \
	X(sqlite3_errmsg) \
	X(sqlite3_exec) \
	X(sqlite3_finalize) \
	X(sqlite3_free) \
	X(sqlite3_initialize) \
	X(sqlite3_interrupt) \
	X(sqlite3_limit) \
	X(sqlite3_open) \
	X(sqlite3_open_v2) \
	X(sqlite3_prepare_v2) \
	X(sqlite3_progress_handler) \
	X(sqlite3_step) \

static struct {
	LIBSQLITE3_FUNCTIONS(MW_DL_POINTER)
} libsqlite3;

/* sqlite_api_load: 0 once the library is loaded, or -1 with the package to install in err. */
#define LIBSQLITE3_SYMBOL(f) MW_DL_SYMBOL(libsqlite3, f)
static MW_DL_LOADER(sqlite_api_load, MW_SQLITE_SONAME, MW_SQLITE_PACKAGE, "SQLite support",
		    LIBSQLITE3_FUNCTIONS(LIBSQLITE3_SYMBOL))
#undef LIBSQLITE3_SYMBOL

#define sqlite3_bind_text (*libsqlite3.sqlite3_bind_text)
#define sqlite3_close (*libsqlite3.sqlite3_close)
#define sqlite3_column_bytes (*libsqlite3.sqlite3_column_bytes)
#define sqlite3_column_count (*libsqlite3.sqlite3_column_count)
#define sqlite3_column_int (*libsqlite3.sqlite3_column_int)
#define sqlite3_column_name (*libsqlite3.sqlite3_column_name)
#define sqlite3_column_text (*libsqlite3.sqlite3_column_text)
#define sqlite3_errmsg (*libsqlite3.sqlite3_errmsg)
#define sqlite3_exec (*libsqlite3.sqlite3_exec)
#define sqlite3_finalize (*libsqlite3.sqlite3_finalize)
#define sqlite3_free (*libsqlite3.sqlite3_free)
#define sqlite3_initialize (*libsqlite3.sqlite3_initialize)
#define sqlite3_open (*libsqlite3.sqlite3_open)
#define sqlite3_open_v2 (*libsqlite3.sqlite3_open_v2)
#define sqlite3_prepare_v2 (*libsqlite3.sqlite3_prepare_v2)
#define sqlite3_step (*libsqlite3.sqlite3_step)
#define sqlite3_db_config (*libsqlite3.sqlite3_db_config)
#define sqlite3_interrupt (*libsqlite3.sqlite3_interrupt)
#define sqlite3_limit (*libsqlite3.sqlite3_limit)
#define sqlite3_progress_handler (*libsqlite3.sqlite3_progress_handler)

/*
 * Hardening of every connection: no ATTACH (a statement cannot reach another
 * file), defensive mode (no writes to the schema tables), and a deadline
 * checked while statements run.
 */
struct deadline {
	time_t at;
};

/* The engine's (one statement at a time, in one thread). */
static struct deadline engine_deadline;

static int
past_deadline(void *arg)
{
	const struct deadline *d = arg;

	return mw_engine_interrupted() || time(NULL) > d->at;
}

static void
harden(sqlite3 *db, struct deadline *d)
{
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_progress_handler(db, 10000, past_deadline, d);
}

/* Exactly one statement: prepared, with nothing but blanks and comments after it. */
static int
run_one(sqlite3 *db, struct deadline *d, const char *stmt, mw_buf *err)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	char **rest = NULL;
	long more;
	int rc;

	d->at = time(NULL) + (time_t)mw_engine__statement_timeout();
	if (sqlite3_prepare_v2(db, stmt, -1, &st, &tail) != SQLITE_OK) {
		mw_buf_adds(err, sqlite3_errmsg(db));
		return -1;
	}
	more = tail ? mw_sql_statements(&rest, tail, strlen(tail), MW_DBMS_SQLITE) : 0;
	mw_strv_free(rest, more > 0 ? (size_t)more : 0);
	if (more != 0) {
		sqlite3_finalize(st);
		mw_buf_adds(err, "refused: more than one statement");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		mw_buf_adds(err, rc == SQLITE_INTERRUPT ? "interrupted, or over the statement time "
			    "limit" : sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
exec_script(sqlite3 *db, struct deadline *d, const char *sql, mw_buf *err)
{
	char **stmts;
	long n = mw_sql_statements(&stmts, sql, strlen(sql), MW_DBMS_SQLITE);
	int rc = 0;

	if (n < 0) {
		mw_buf_adds(err, "a quote or a comment never ends: nothing was run");
		return -1;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		const char *refused = mw_engine__stmt_refused(stmts[i], MW_DBMS_SQLITE);

		if (refused)
			mw_buf_adds(err, refused);
		rc = refused ? -1 : run_one(db, d, stmts[i], err);
		if (rc < 0)
			mw_buf_addf(err, " (statement %ld)", i + 1);
	}
	mw_strv_free(stmts, (size_t)n);
	return rc;
}

int
mw_sqlite_exec_file(const char *db_path, const char *sql, mw_buf *err)
{
	struct deadline d = { 0 };
	sqlite3 *db = NULL;
	mw_buf msg = MW_BUF_INIT;
	int rc;

	if (sqlite_api_load(err) < 0)
		return -1;
	if (sqlite3_open(db_path, &db) != SQLITE_OK) {
		mw_buf_addf(err, "%s: %s", db_path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return -1;
	}
	harden(db, &d);
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (rc == 0)
		rc = exec_script(db, &d, sql, &msg);
	if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		mw_buf_adds(&msg, sqlite3_errmsg(db));
		rc = -1;
	}
	if (rc < 0) {
		mw_buf_addf(err, "%s: %s", db_path, msg.len ? mw_buf_cstr(&msg) : sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	mw_buf_release(&msg);
	sqlite3_close(db);
	return rc;
}

/*
 * The SQLite engine: a private in-memory database per namespace.
 */

static sqlite3 *
db_of(mw_engine *e)
{
	return e->conn;
}

static int
sqlite_open(mw_engine *e, const char *dsn, mw_buf *err)
{
	(void)err;
	e->conn = NULL;
	e->dsn = mw_xstrdup(dsn);
	return 0;
}

static void
sqlite_close(mw_engine *e)
{
	sqlite3_close(db_of(e));
	e->conn = NULL;
}

static int
sqlite_fresh(mw_engine *e, const char *name, mw_buf *err)
{
	sqlite3 *db = NULL;
	const char *path = e->dsn && e->serial == 1 ? e->dsn : ":memory:";
	int flags = path == e->dsn ? SQLITE_OPEN_READWRITE
				   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	(void)name;
	sqlite_close(e);
	/* a database file given as DSN is inspected, never created */
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		mw_buf_addf(err, "SQLite: %s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return -1;
	}
	harden(db, &engine_deadline);
	e->conn = db;
	return 0;
}

static int
sqlite_drop(mw_engine *e, const char *name, mw_buf *err)
{
	(void)e;
	(void)name;
	(void)err;
	return 0;	/* the next fresh() or close() discards the memory */
}

static int
sqlite_exec_one(mw_engine *e, const char *stmt, mw_buf *err)
{
	return run_one(db_of(e), &engine_deadline, stmt, err);
}

static void
sqlite_cancel(mw_engine *e)
{
	if (e->conn)
		sqlite3_interrupt(db_of(e));
}

/* Prepares `sql` with up to one text parameter. */
static sqlite3_stmt *
prepare(mw_engine *e, const char *sql, const char *param, mw_buf *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db_of(e), sql, -1, &st, NULL) != SQLITE_OK) {
		mw_buf_addf(err, "%s: %s", sql, sqlite3_errmsg(db_of(e)));
		sqlite3_finalize(st);
		return NULL;
	}
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	return st;
}

static int
finish(sqlite3_stmt *st, int rc, mw_engine *e, mw_buf *err)
{
	if (rc != SQLITE_DONE) {
		mw_buf_addf(err, "%s", sqlite3_errmsg(db_of(e)));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
sqlite_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err)
{
	sqlite3_stmt *st = prepare(e, sql, NULL, err);
	size_t ncols;
	char **cells;
	size_t *lens;
	int rc;

	if (!st)
		return -1;
	ncols = (size_t)sqlite3_column_count(st);
	cells = mw_xcalloc(ncols + 1, sizeof(*cells));
	lens = mw_xcalloc(ncols + 1, sizeof(*lens));
	for (size_t i = 0; i < ncols; i++)
		cells[i] = (char *)sqlite3_column_name(st, (int)i);
	mw_rows_set_names(out, ncols, cells);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++) {
			cells[i] = (char *)sqlite3_column_text(st, (int)i);
			lens[i] = (size_t)sqlite3_column_bytes(st, (int)i);
		}
		mw_rows_add(out, cells, lens);
	}
	free(cells);
	free(lens);
	return finish(st, rc, e, err);
}

static int
read_columns(mw_shape *out, mw_engine *e, const char *table, bool autoinc, mw_buf *err)
{
	sqlite3_stmt *st = prepare(e, "SELECT name, type, \"notnull\", dflt_value, pk "
				   "FROM pragma_table_info(?) ORDER BY pk, cid", table, err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mw_shape_column *c = mw_shape_add_column(out, (const char *)sqlite3_column_text(st, 0));

		c->type = mw_norm_type((const char *)sqlite3_column_text(st, 1));
		c->notnull = sqlite3_column_int(st, 2) != 0;
		c->deflt = mw_norm_default((const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_int(st, 4) > 0) {
			mw_shape_add_pk(out, c->name);
			/* only an INTEGER PRIMARY KEY can carry AUTOINCREMENT */
			c->autoincrement = autoinc && !strcmp(c->type, "integer");
		}
	}
	return finish(st, rc, e, err);
}

static int
read_index_columns(mw_shape_index *ix, mw_engine *e, mw_buf *err)
{
	sqlite3_stmt *st = prepare(e, "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
				   ix->name, err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mw_shape_index_add_column(ix, (const char *)sqlite3_column_text(st, 0));
	return finish(st, rc, e, err);
}

static int
read_indexes(mw_shape *out, mw_engine *e, const char *table, mw_buf *err)
{
	/* origin 'pk' is the primary key, already read from table_info */
	sqlite3_stmt *st = prepare(e, "SELECT name, \"unique\" FROM pragma_index_list(?) "
				   "WHERE origin <> 'pk'", table, err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mw_shape_index *ix = mw_shape_index_get(out, (const char *)sqlite3_column_text(st, 0));

		ix->unique = sqlite3_column_int(st, 1) != 0;
	}
	if (finish(st, rc, e, err) < 0)
		return -1;
	for (size_t i = 0; i < out->nindexes; i++)
		if (read_index_columns(&out->indexes[i], e, err) < 0)
			return -1;
	return 0;
}

static int
sqlite_read_shape(mw_shape *out, mw_engine *e, const char *table, mw_buf *err)
{
	sqlite3_stmt *st = prepare(e, "SELECT sql FROM sqlite_master WHERE type = 'table' "
				   "AND name = ? COLLATE NOCASE", table, err);
	bool autoinc;
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? MW_ENGINE_NO_TABLE : -1;
	}
	autoinc = strcasestr((const char *)sqlite3_column_text(st, 0), "autoincrement") != NULL;
	sqlite3_finalize(st);
	if (read_columns(out, e, table, autoinc, err) < 0)
		return -1;
	return read_indexes(out, e, table, err);
}

static int
sqlite_list_tables(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	return mw_engine__query_names(out, n, e, "SELECT name FROM sqlite_master WHERE "
				      "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
				      err);
}

/* A live database file, opened read-only; it must exist. */
static int
sqlite_use(mw_engine *e, const char *database, mw_buf *err)
{
	sqlite3 *db = NULL;

	sqlite_close(e);
	if (!database) {
		mw_buf_adds(err, "SQLite: no database file given");
		return -1;
	}
	if (sqlite3_open_v2(database, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK) {
		mw_buf_addf(err, "SQLite: %s: %s", database, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return -1;
	}
	e->conn = db;
	return 0;
}

static int
sqlite_attach(mw_engine *e, const char *dsn, const char *database, mw_buf *err)
{
	e->dsn = mw_xstrdup(dsn);
	/* attached engines may open their files in threads: initialise here, once */
	sqlite3_initialize();
	/* without a file yet, the first mw_engine_use opens one */
	return database || dsn ? sqlite_use(e, database ? database : dsn, err) : 0;
}

const struct engine_ops mw_engine_sqlite_ops = {
	.unavailable = NULL,
	.load = sqlite_api_load,
	.open = sqlite_open,
	.close = sqlite_close,
	.fresh = sqlite_fresh,
	.drop = sqlite_drop,
	.exec_one = sqlite_exec_one,
	.query = sqlite_query,
	.read_shape = sqlite_read_shape,
	.list_tables = sqlite_list_tables,
	.cancel = sqlite_cancel,
	.attach = sqlite_attach,
	.use = sqlite_use,
	.quote = '"',
};
