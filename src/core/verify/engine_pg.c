/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PostgreSQL engine through libpq (opened on first use): a scratch
 * schema per namespace, put alone on the search_path so that unqualified
 * names land in it.
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/dl.h"

#ifdef HAVE_LIBPQ

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * libpq, opened on first use (mwschema/dl.h): only verify (and audit) on
 * PostgreSQL need it, and it brings TLS, Kerberos and LDAP libraries with it.
 * Every function this file calls is listed once in the table and once as a
 * macro that routes the call through its pointer, so the code below calls
 * the library by its usual names.
 */

#define LIBPQ_FUNCTIONS(X) \
	X(PQcancel) \
	X(PQclear) \
	X(PQconnectdb) \
	X(PQconnectdbParams) \
	X(PQconsumeInput) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQfinish) \
	X(PQfname) \
	X(PQfreeCancel) \
	X(PQgetCancel) \
	X(PQgetResult) \
	X(PQgetisnull) \
	X(PQgetlength) \
	X(PQgetvalue) \
	X(PQisBusy) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQresultErrorMessage) \
	X(PQresultStatus) \
	X(PQsendQueryParams) \
	X(PQsetNoticeProcessor) \
	X(PQsocket) \
	X(PQstatus) \

static struct {
	LIBPQ_FUNCTIONS(MW_DL_POINTER)
} libpq;

/* pq_api_load: 0 once the client library is loaded, or -1 with the package to install. */
#define LIBPQ_SYMBOL(f) MW_DL_SYMBOL(libpq, f)
static MW_DL_LOADER(pq_api_load, MW_LIBPQ_SONAME, MW_LIBPQ_PACKAGE, "PostgreSQL support",
		    LIBPQ_FUNCTIONS(LIBPQ_SYMBOL))
#undef LIBPQ_SYMBOL

#define PQclear (*libpq.PQclear)
#define PQconnectdb (*libpq.PQconnectdb)
#define PQconnectdbParams (*libpq.PQconnectdbParams)
#define PQerrorMessage (*libpq.PQerrorMessage)
#define PQexec (*libpq.PQexec)
#define PQexecParams (*libpq.PQexecParams)
#define PQfinish (*libpq.PQfinish)
#define PQfname (*libpq.PQfname)
#define PQgetisnull (*libpq.PQgetisnull)
#define PQgetlength (*libpq.PQgetlength)
#define PQgetvalue (*libpq.PQgetvalue)
#define PQnfields (*libpq.PQnfields)
#define PQntuples (*libpq.PQntuples)
#define PQresultErrorMessage (*libpq.PQresultErrorMessage)
#define PQresultStatus (*libpq.PQresultStatus)
#define PQsetNoticeProcessor (*libpq.PQsetNoticeProcessor)
#define PQstatus (*libpq.PQstatus)
#define PQcancel (*libpq.PQcancel)
#define PQconsumeInput (*libpq.PQconsumeInput)
#define PQfreeCancel (*libpq.PQfreeCancel)
#define PQgetCancel (*libpq.PQgetCancel)
#define PQgetResult (*libpq.PQgetResult)
#define PQisBusy (*libpq.PQisBusy)
#define PQsendQueryParams (*libpq.PQsendQueryParams)
#define PQsocket (*libpq.PQsocket)


static PGconn *
pg(mw_engine *e)
{
	return e->conn;
}

static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * Our time limit and `password` first, so that the DSN expanded after them
 * wins, then `database`, which overrides the DSN's dbname (either may be NULL).
 */
static PGconn *
connect_params(const char *dsn, const char *password, const char *database)
{
	char timeout[16];
	const char *keys[5] = { "connect_timeout" }, *vals[5] = { timeout };
	size_t n = 1;

	snprintf(timeout, sizeof(timeout), "%u", mw_engine__connect_timeout());
	if (password) {
		keys[n] = "password";
		vals[n++] = password;
	}
	keys[n] = "dbname";
	vals[n++] = dsn ? dsn : "";
	if (database) {
		keys[n] = "dbname";
		vals[n++] = database;
	}
	return PQconnectdbParams(keys, vals, 1);
}

/* Connects (see connect_params); the message names `database` when given. */
static int
pg_connect(mw_engine *e, const char *dsn, const char *password, const char *database,
	   mw_buf *err)
{
	PGconn *c = connect_params(dsn, password, database);

	if (!c || PQstatus(c) != CONNECTION_OK) {
		mw_buf_addf(err, "PostgreSQL: cannot connect%s%s: %s", database ? " to " : "",
			    database ? database : "", c ? PQerrorMessage(c) : "out of memory");
		while (err->len && (err->data[err->len - 1] == '\n'))
			mw_buf_truncate(err, err->len - 1);
		PQfinish(c);
		return -1;
	}
	/* "CREATE TABLE will create implicit sequence" and friends are noise */
	PQsetNoticeProcessor(c, ignore_notice, NULL);
	e->conn = c;
	e->cancel = PQgetCancel(c);
	return 0;
}

static int
pg_open(mw_engine *e, const char *dsn, mw_buf *err)
{
	char *password = NULL, *limit;
	int rc;

	if (mw_engine__password_file(&password, "MW_PG_PASSWORD_FILE", err) < 0)
		return -1;
	rc = pg_connect(e, dsn, password, NULL, err);
	free(password);
	if (rc < 0)
		return -1;
	limit = mw_strdupf("SET statement_timeout = '%us'", mw_engine__statement_timeout());
	PQclear(PQexec(pg(e), limit));
	free(limit);
	return 0;
}

static void
pg_close(mw_engine *e)
{
	PQfreeCancel(e->cancel);
	e->cancel = NULL;
	PQfinish(pg(e));
	e->conn = NULL;
}

static void
pg_cancel(mw_engine *e)
{
	char buf[256];

	/* PQcancel is safe in a signal handler (libpq's documentation says so) */
	if (e->cancel)
		PQcancel(e->cancel, buf, sizeof(buf));
}

/* Checks a result; on failure appends the server's message and clears it. */
static int
check(PGresult *res, mw_engine *e, mw_buf *err)
{
	ExecStatusType st = PQresultStatus(res);
	const char *msg;
	size_t len;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
		return 0;
	msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pg(e));
	len = strlen(msg);
	while (len && msg[len - 1] == '\n')
		len--;
	mw_buf_add(err, msg, len);
	PQclear(res);
	return -1;
}

/* Waits for the server's answer; false when the client's deadline passed first. */
static bool
wait_answer(PGconn *c, time_t deadline)
{
	struct pollfd pfd = { PQsocket(c), POLLIN, 0 };

	while (PQisBusy(c)) {
		time_t left = deadline - time(NULL);
		int n;

		if (left <= 0)
			return false;
		n = poll(&pfd, 1, (int)(left > 1 ? 1000 : left * 1000));
		if ((n > 0 && !PQconsumeInput(c)) || (n < 0 && errno != EINTR))
			return true;	/* the connection failed: PQgetResult says how */
	}
	return true;
}

/*
 * One statement through the extended protocol, which refuses a second one,
 * waiting at most the statement limit plus a grace period (the server's own
 * statement_timeout normally answers first); on the client's deadline the
 * statement is cancelled and the connection given up.
 */
static PGresult *
pg_run(mw_engine *e, const char *sql, int nparams, const char *const *params, mw_buf *err)
{
	PGconn *c = pg(e);
	PGresult *res = NULL, *r;
	time_t deadline = time(NULL) + (time_t)mw_engine__statement_timeout() + 5;

	if (!PQsendQueryParams(c, sql, nparams, NULL, params, NULL, NULL, 0)) {
		check(NULL, e, err);
		return NULL;
	}
	if (!wait_answer(c, deadline)) {
		pg_cancel(e);
		mw_buf_addf(err, "no answer within %u s: the statement was cancelled",
			    mw_engine__statement_timeout());
		/* a server that honours the cancel answers at once; else give it up */
		if (wait_answer(c, time(NULL) + 5))
			while ((r = PQgetResult(c)))
				PQclear(r);
		return NULL;
	}
	while ((r = PQgetResult(c))) {
		if (res && PQresultStatus(res) != PGRES_FATAL_ERROR) {
			PQclear(res);
			res = NULL;
		}
		if (!res)
			res = r;
		else
			PQclear(r);
	}
	return res;
}

static int
pg_exec_one(mw_engine *e, const char *stmt, mw_buf *err)
{
	PGresult *res = pg_run(e, stmt, 0, NULL, err);

	if (!res && err->len)
		return -1;
	if (check(res, e, err) < 0)
		return -1;
	PQclear(res);
	return 0;
}

static void
collect(mw_rows *out, PGresult *res)
{
	size_t ncols = (size_t)PQnfields(res), nrows = (size_t)PQntuples(res);
	char **cells = mw_xcalloc(ncols + 1, sizeof(*cells));
	size_t *lens = mw_xcalloc(ncols + 1, sizeof(*lens));

	for (size_t i = 0; i < ncols; i++)
		cells[i] = PQfname(res, (int)i);
	mw_rows_set_names(out, ncols, cells);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t i = 0; i < ncols; i++) {
			bool null = PQgetisnull(res, (int)r, (int)i);

			cells[i] = null ? NULL : PQgetvalue(res, (int)r, (int)i);
			lens[i] = (size_t)PQgetlength(res, (int)r, (int)i);
		}
		mw_rows_add(out, cells, lens);
	}
	free(cells);
	free(lens);
	PQclear(res);
}

static int
pg_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err)
{
	PGresult *res = pg_run(e, sql, 0, NULL, err);

	if ((!res && err->len) || check(res, e, err) < 0)
		return -1;
	collect(out, res);
	return 0;
}

static int
query_param(mw_rows *out, mw_engine *e, const char *sql, const char *param, mw_buf *err)
{
	PGresult *res = pg_run(e, sql, 1, &param, err);

	memset(out, 0, sizeof(*out));
	if ((!res && err->len) || check(res, e, err) < 0)
		return -1;
	collect(out, res);
	return 0;
}

/*
 * The scratch schema is alone on the search_path; the guard refuses every
 * qualified name, so statements reach nothing else (pg_catalog's functions
 * aside, which the generators' statements do not call).
 */
static int
pg_fresh(mw_engine *e, const char *name, mw_buf *err)
{
	if (mw_engine__run_named(e, "CREATE SCHEMA \"%s\"", name, err) < 0)
		return -1;
	return mw_engine__run_named(e, "SET search_path TO \"%s\"", name, err);
}

static int
pg_drop(mw_engine *e, const char *name, mw_buf *err)
{
	return mw_engine__run_named(e, "DROP SCHEMA IF EXISTS \"%s\" CASCADE", name, err);
}

/* The catalog's spelling of a type: data_type plus length or precision. */
static char *
column_type(char *const *c)
{
	char *raw, *res;

	if (!strcmp(c[1], "USER-DEFINED"))
		raw = mw_xstrdup(c[2]);
	else if (c[3])
		raw = mw_strdupf("%s(%s)", c[1], c[3]);
	else if (!strcmp(c[1], "numeric") && c[4])
		raw = mw_strdupf("%s(%s,%s)", c[1], c[4], c[5] ? c[5] : "0");
	else
		raw = mw_xstrdup(c[1]);
	res = mw_norm_type(raw);
	free(raw);
	return res;
}

/* One information_schema.columns row (see COLUMNS_QUERY) into `out`. */
static void
add_column_row(mw_shape *out, char *const *c)
{
	mw_shape_column *col = mw_shape_add_column(out, c[0]);

	col->type = column_type(c);
	col->notnull = !strcmp(c[6], "NO");
	/* SERIAL: the sequence's name follows the column's first name */
	col->autoincrement = c[7] && !strncmp(c[7], "nextval(", 8);
	col->deflt = col->autoincrement ? NULL : mw_norm_default(c[7]);
}

/* One index-column row (see INDEXES_QUERY) into `out`. */
static void
add_index_row(mw_shape *out, char *const *c)
{
	mw_shape_index *ix;

	if (!strcmp(c[2], "t")) {
		mw_shape_add_pk(out, c[3]);
		return;
	}
	ix = mw_shape_index_get(out, c[0]);
	ix->unique = !strcmp(c[1], "t");
	if (c[4] && !ix->where)
		ix->where = mw_xstrdup(c[4]);
	mw_shape_index_add_column(ix, c[3]);
}

#define COLUMNS_QUERY "SELECT column_name, data_type, udt_name, character_maximum_length, " \
	"numeric_precision, numeric_scale, is_nullable, column_default, table_name " \
	"FROM information_schema.columns WHERE table_schema = current_schema() "
#define INDEXES_QUERY "SELECT i.relname, ix.indisunique, ix.indisprimary, " \
	"pg_get_indexdef(ix.indexrelid, k.ord::int, true), " \
	"pg_get_expr(ix.indpred, ix.indrelid, true), t.relname " \
	"FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid " \
	"JOIN pg_class i ON i.oid = ix.indexrelid " \
	"JOIN pg_namespace n ON n.oid = t.relnamespace " \
	"CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) " \
	"WHERE n.nspname = current_schema() "

static int
pg_read_shape(mw_shape *out, mw_engine *e, const char *table, mw_buf *err)
{
	mw_rows r;
	char *name;
	int rc;

	/* An unquoted name was folded to lower case; a quoted one kept its case. */
	if (query_param(&r, e, "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
			"ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
			"AND c.relkind IN ('r', 'p') AND c.relname::text IN ($1::text, lower($1::text)) "
			"ORDER BY c.relname::text = $1::text DESC LIMIT 1", table, err) < 0)
		return -1;
	if (r.nrows == 0) {
		mw_rows_clear(&r);
		return MW_ENGINE_NO_TABLE;
	}
	name = mw_xstrdup(r.cells[0]);
	mw_rows_clear(&r);
	/* the catalog's spelling, which statements must quote as it is */
	out->name = name;
	rc = mw_engine__read_rows(out, e, COLUMNS_QUERY "AND table_name = $1 ORDER BY "
				  "ordinal_position", name, add_column_row, err);
	if (rc == 0)
		rc = mw_engine__read_rows(out, e, INDEXES_QUERY "AND t.relname = $1 ORDER BY "
					  "i.relname, k.ord", name, add_index_row, err);
	return rc;
}

static int
pg_list_tables(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	return mw_engine__query_names(out, n, e, "SELECT table_name FROM information_schema.tables "
				      "WHERE table_schema = current_schema() AND "
				      "table_type = 'BASE TABLE'", err);
}

/*
 * Live databases
 */

/* A live database: `database` (may be NULL) overrides the DSN's dbname. */
static int
pg_connect_live(mw_engine *e, const char *dsn, const char *database, mw_buf *err)
{
	PGresult *res;

	if (pg_connect(e, dsn, NULL, database, err) < 0)
		return -1;
	/* read-only, and timestamp defaults spelt in UTC whatever the server's zone */
	res = PQexec(pg(e), "SET default_transaction_read_only = on; SET TimeZone = 'UTC'");
	if (check(res, e, err) < 0)
		return -1;
	PQclear(res);
	return 0;
}

static int
pg_attach(mw_engine *e, const char *dsn, const char *database, mw_buf *err)
{
	e->dsn = mw_xstrdup(dsn);
	return pg_connect_live(e, dsn, database, err);
}

static int
pg_use(mw_engine *e, const char *database, mw_buf *err)
{
	pg_close(e);
	return pg_connect_live(e, e->dsn, database, err);
}

static int
pg_list_databases(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	return mw_engine__query_names(out, n, e, "SELECT datname FROM pg_database WHERE "
				      "datallowconn AND NOT datistemplate AND "
				      "datname <> 'postgres'", err);
}

/*
 * COLUMNS_QUERY's nine columns straight from pg_catalog: information_schema
 * builds its view over every relation first, which a new connection per
 * database pays again each time.
 */
#define CATALOG_COLUMNS_QUERY "SELECT a.attname, CASE WHEN ty.typtype = 'e' " \
	"THEN 'USER-DEFINED' ELSE format_type(a.atttypid, NULL) END, ty.typname, " \
	"CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 0 THEN a.atttypmod - 4 END, " \
	"CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0 THEN ((a.atttypmod - 4) >> 16) & 65535 END, " \
	"CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535 END, " \
	"CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END, pg_get_expr(d.adbin, d.adrelid), " \
	"c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid " \
	"JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type ty ON ty.oid = a.atttypid " \
	"LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " \
	"WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 " \
	"AND NOT a.attisdropped ORDER BY c.relname, a.attnum"

/* Three catalog queries for the whole database. */
static int
pg_read_all(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err)
{
	static const struct mw_catalog_query q[3] = {
		{ "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
		  "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')", 0, NULL },
		{ CATALOG_COLUMNS_QUERY, 8, add_column_row },
		{ INDEXES_QUERY "ORDER BY t.relname, i.relname, k.ord", 5, add_index_row },
	};

	return mw_engine__read_catalog(out, n, e, q, err);
}

const struct engine_ops mw_engine_pg_ops = {
	.unavailable = NULL,
	.load = pq_api_load,
	.open = pg_open,
	.close = pg_close,
	.fresh = pg_fresh,
	.drop = pg_drop,
	.exec_one = pg_exec_one,
	.query = pg_query,
	.query_param = query_param,
	.read_shape = pg_read_shape,
	.list_tables = pg_list_tables,
	.cancel = pg_cancel,
	.attach = pg_attach,
	.use = pg_use,
	.list_databases = pg_list_databases,
	.read_all = pg_read_all,
	.quote = '"',
};

#else /* !HAVE_LIBPQ */

const struct engine_ops mw_engine_pg_ops = {
	.unavailable = "PostgreSQL: not available in this build (configure found no libpq; "
		       "install libpq-dev and run configure again)",
	.quote = '"',
};

#endif
