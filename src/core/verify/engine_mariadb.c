/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The MariaDB / MySQL engine through libmariadb (opened on first use): a
 * scratch database per namespace, strict sql_mode, and every warning treated
 * as an error.
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/dl.h"

#ifdef HAVE_MARIADB

#include <mysql.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * libmariadb, opened on first use (mwschema/dl.h): only verify (and audit) on
 * MariaDB need it, and it brings TLS and Kerberos libraries with it. Every
 * function this file calls is listed once in the table and once as a macro
 * that routes the call through its pointer, so the code below calls the
 * library by its usual names.
 */

#define LIBMARIADB_FUNCTIONS(X) \
	X(mysql_close) \
	X(mysql_errno) \
	X(mysql_error) \
	X(mysql_fetch_fields) \
	X(mysql_fetch_lengths) \
	X(mysql_fetch_row) \
	X(mysql_free_result) \
	X(mysql_init) \
	X(mysql_num_fields) \
	X(mysql_options) \
	X(mysql_query) \
	X(mysql_real_connect) \
	X(mysql_real_escape_string) \
	X(mysql_real_query) \
	X(mysql_select_db) \
	X(mysql_store_result) \
	X(mysql_warning_count) \

static struct {
	LIBMARIADB_FUNCTIONS(MW_DL_POINTER)
} libmariadb;

/* mariadb_api_load: 0 once the client library is loaded, or -1 with the package to install. */
#define LIBMARIADB_SYMBOL(f) MW_DL_SYMBOL(libmariadb, f)
static MW_DL_LOADER(mariadb_api_load, MW_MARIADB_SONAME, MW_MARIADB_PACKAGE, "MariaDB support",
		    LIBMARIADB_FUNCTIONS(LIBMARIADB_SYMBOL))
#undef LIBMARIADB_SYMBOL

#define mysql_close (*libmariadb.mysql_close)
#define mysql_errno (*libmariadb.mysql_errno)
#define mysql_error (*libmariadb.mysql_error)
#define mysql_fetch_fields (*libmariadb.mysql_fetch_fields)
#define mysql_fetch_lengths (*libmariadb.mysql_fetch_lengths)
#define mysql_fetch_row (*libmariadb.mysql_fetch_row)
#define mysql_free_result (*libmariadb.mysql_free_result)
#define mysql_init (*libmariadb.mysql_init)
#define mysql_num_fields (*libmariadb.mysql_num_fields)
#define mysql_options (*libmariadb.mysql_options)
#define mysql_query (*libmariadb.mysql_query)
#define mysql_real_connect (*libmariadb.mysql_real_connect)
#define mysql_real_escape_string (*libmariadb.mysql_real_escape_string)
#define mysql_real_query (*libmariadb.mysql_real_query)
#define mysql_select_db (*libmariadb.mysql_select_db)
#define mysql_store_result (*libmariadb.mysql_store_result)
#define mysql_warning_count (*libmariadb.mysql_warning_count)


struct dsn {
	char *host, *user, *password, *socket, *database;
	unsigned port;
};

static MYSQL *
my(mw_engine *e)
{
	return e->conn;
}

static void
dsn_set(struct dsn *d, const char *key, size_t klen, const char *val)
{
	char **slot = NULL;

	if (klen == 4 && !strncmp(key, "host", 4))
		slot = &d->host;
	else if (klen == 4 && !strncmp(key, "user", 4))
		slot = &d->user;
	else if ((klen == 8 && !strncmp(key, "password", 8)) || (klen == 6 && !strncmp(key, "passwd", 6)))
		slot = &d->password;
	else if ((klen == 11 && !strncmp(key, "unix_socket", 11)) || (klen == 6 && !strncmp(key, "socket", 6)))
		slot = &d->socket;
	else if ((klen == 8 && !strncmp(key, "database", 8)) || (klen == 6 && !strncmp(key, "dbname", 6)))
		slot = &d->database;
	else if (klen == 4 && !strncmp(key, "port", 4))
		d->port = (unsigned)strtoul(val, NULL, 10);
	if (slot) {
		free(*slot);
		*slot = mw_xstrdup(val);
	}
}

static void
dsn_from_env(struct dsn *d)
{
	static const char *const vars[][2] = {
		{ "host", "MYSQL_HOST" }, { "port", "MYSQL_TCP_PORT" },
		{ "unix_socket", "MYSQL_UNIX_PORT" }, { "user", "MYSQL_USER" },
		{ "password", "MYSQL_PWD" },
	};

	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i][1]);

		if (v && *v)
			dsn_set(d, vars[i][0], strlen(vars[i][0]), v);
	}
}

/* mysql://user:password@host:port/database (query ignored). */
static void
dsn_parse_uri(struct dsn *d, const char *s)
{
	const char *at = strchr(s, '@'), *host = at ? at + 1 : s, *end, *colon;

	if (at) {
		colon = memchr(s, ':', (size_t)(at - s));
		free(d->user);
		d->user = mw_xstrndup(s, (size_t)((colon ? colon : at) - s));
		if (colon) {
			free(d->password);
			d->password = mw_xstrndup(colon + 1, (size_t)(at - colon - 1));
		}
	}
	end = host + strcspn(host, "/?");
	colon = memchr(host, ':', (size_t)(end - host));
	if ((colon ? colon : end) > host) {
		free(d->host);
		d->host = mw_xstrndup(host, (size_t)((colon ? colon : end) - host));
	}
	if (colon)
		d->port = (unsigned)strtoul(colon + 1, NULL, 10);
	if (*end == '/' && end[1] && end[1] != '?') {
		free(d->database);
		d->database = mw_xstrndup(end + 1, strcspn(end + 1, "?"));
	}
}

static void
dsn_parse(struct dsn *d, const char *s)
{
	if (!strncmp(s, "mysql://", 8) || !strncmp(s, "mariadb://", 10)) {
		dsn_parse_uri(d, strstr(s, "://") + 3);
		return;
	}
	while (*s) {
		size_t wlen = strcspn(s, " \t"), klen = strcspn(s, "=");

		if (klen < wlen) {
			char *val = mw_xstrndup(s + klen + 1, wlen - klen - 1);

			dsn_set(d, s, klen, val);
			free(val);
		}
		s += wlen;
		s += strspn(s, " \t");
	}
}

static void
dsn_free(struct dsn *d)
{
	free(d->host);
	free(d->user);
	free(d->password);
	free(d->socket);
	free(d->database);
}

/*
 * Time limits on the client (a server that accepts and never answers) and
 * on the server; no LOAD DATA LOCAL; and no CLIENT_MULTI_STATEMENTS, so the
 * server itself refuses a second statement in one call.
 */
static void
set_limits(MYSQL *m)
{
	unsigned connect = mw_engine__connect_timeout(), stmt = mw_engine__statement_timeout();
	unsigned no = 0;

	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &stmt);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &stmt);
	mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &no);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "binary");
}

/* MariaDB's own statement limit; MySQL has none for DDL (the read timeout still holds). */
static void
set_server_limit(MYSQL *m)
{
	char *sql = mw_strdupf("SET SESSION max_statement_time = %u",
			       mw_engine__statement_timeout());

	if (mysql_query(m, sql) == 0)
		mysql_free_result(mysql_store_result(m));
	free(sql);
}

static int
mariadb_open(mw_engine *e, const char *dsn, mw_buf *err)
{
	struct dsn d = { 0 };
	MYSQL *m;
	char *file_pw = NULL;
	int rc = 0;

	if (!(m = mysql_init(NULL))) {
		mw_buf_adds(err, "MariaDB: out of memory");
		return -1;
	}
	dsn_from_env(&d);
	if (mw_engine__password_file(&file_pw, "MW_MYSQL_PASSWORD_FILE", err) < 0) {
		mysql_close(m);
		dsn_free(&d);
		return -1;
	}
	if (file_pw) {
		free(d.password);
		d.password = file_pw;
	}
	if (dsn)
		dsn_parse(&d, dsn);
	set_limits(m);
	if (!mysql_real_connect(m, d.host, d.user, d.password, d.database, d.port, d.socket, 0)) {
		mw_buf_addf(err, "MariaDB: cannot connect (%s): %s",
			    d.socket ? d.socket : d.host ? d.host : "default socket", mysql_error(m));
		mysql_close(m);
		rc = -1;
	} else if (mysql_query(m, "SET SESSION sql_mode = 'TRADITIONAL,ONLY_FULL_GROUP_BY'")) {
		mw_buf_addf(err, "MariaDB: cannot set sql_mode: %s", mysql_error(m));
		mysql_close(m);
		rc = -1;
	} else {
		set_server_limit(m);
		e->conn = m;
	}
	dsn_free(&d);
	return rc;
}

static void
mariadb_close(mw_engine *e)
{
	if (e->conn)
		mysql_close(my(e));
	e->conn = NULL;
}

static int
mariadb_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err);

/* The warnings of the last statement as "Level Code: Message; ...". */
static void
add_warnings(mw_buf *out, mw_engine *e)
{
	mw_rows w = { 0 };
	mw_buf ignored = MW_BUF_INIT;

	if (mariadb_query(&w, e, "SHOW WARNINGS", &ignored) == 0) {
		for (size_t r = 0; r < w.nrows && w.ncols >= 3; r++)
			mw_buf_addf(out, "%s%s %s: %s", r ? "; " : "", w.cells[r * w.ncols],
				    w.cells[r * w.ncols + 1], w.cells[r * w.ncols + 2]);
	}
	mw_rows_clear(&w);
	mw_buf_release(&ignored);
}

static int
mariadb_exec_one(mw_engine *e, const char *stmt, mw_buf *err)
{
	MYSQL_RES *res;

	if (mysql_real_query(my(e), stmt, strlen(stmt))) {
		mw_buf_addf(err, "%s", mysql_error(my(e)));
		return -1;
	}
	res = mysql_store_result(my(e));
	mysql_free_result(res);
	if (mysql_warning_count(my(e)) > 0) {
		/* strict-mode policy: a warning is a failure */
		mw_buf_adds(err, "warning: ");
		add_warnings(err, e);
		return -1;
	}
	return 0;
}

static int
mariadb_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	MYSQL_FIELD *fields;
	char **names;
	size_t ncols;

	if (mysql_real_query(my(e), sql, strlen(sql)) || !(res = mysql_store_result(my(e)))) {
		mw_buf_addf(err, "%s: %s", sql, mysql_errno(my(e)) ? mysql_error(my(e))
								 : "no result set");
		return -1;
	}
	ncols = mysql_num_fields(res);
	fields = mysql_fetch_fields(res);
	names = mw_xcalloc(ncols + 1, sizeof(*names));
	for (size_t i = 0; i < ncols; i++)
		names[i] = fields[i].name;
	mw_rows_set_names(out, ncols, names);
	free(names);
	while ((row = mysql_fetch_row(res))) {
		unsigned long *l = mysql_fetch_lengths(res);
		size_t *lens = mw_xcalloc(ncols + 1, sizeof(*lens));

		for (size_t i = 0; i < ncols; i++)
			lens[i] = l[i];
		mw_rows_add(out, row, lens);
		free(lens);
	}
	mysql_free_result(res);
	return 0;
}

static int
mariadb_fresh(mw_engine *e, const char *name, mw_buf *err)
{
	if (mw_engine__run_named(e, "CREATE DATABASE `%s`", name, err) < 0)
		return -1;
	return mysql_select_db(my(e), name) ? (mw_buf_adds(err, mysql_error(my(e))), -1) : 0;
}

static int
mariadb_drop(mw_engine *e, const char *name, mw_buf *err)
{
	return mw_engine__run_named(e, "DROP DATABASE IF EXISTS `%s`", name, err);
}

/* `sql` with one '%s' replaced by the escaped, quoted `param`. */
static char *
with_param(mw_engine *e, const char *sql, const char *param)
{
	size_t len = strlen(param);
	char *esc = mw_xmalloc(2 * len + 3), *res;

	esc[0] = '\'';
	len = mysql_real_escape_string(my(e), esc + 1, param, (unsigned long)len);
	esc[len + 1] = '\'';
	esc[len + 2] = '\0';
	res = mw_strdupf(sql, esc);
	free(esc);
	return res;
}

static int
query_param(mw_rows *out, mw_engine *e, const char *sql, const char *param, mw_buf *err)
{
	char *q = with_param(e, sql, param);
	int rc = mariadb_query(out, e, q, err);

	free(q);
	return rc;
}

/* One information_schema.COLUMNS row (name, type, nullable, default, extra) into `out`. */
static void
add_column_row(mw_shape *out, char *const *c)
{
	mw_shape_column *col = mw_shape_add_column(out, c[0]);

	col->type = mw_norm_type(c[1]);
	col->notnull = !strcmp(c[2], "NO");
	col->deflt = mw_norm_default(c[3]);
	col->autoincrement = c[4] && strcasestr(c[4], "auto_increment");
}

/* One STATISTICS row (index, column, non-unique, sub-part, type) into `out`. */
static void
add_index_row(mw_shape *out, char *const *c)
{
	mw_shape_index *ix;
	char *col;

	if (!strcmp(c[0], "PRIMARY")) {
		mw_shape_add_pk(out, c[1]);
		return;
	}
	ix = mw_shape_index_get(out, c[0]);
	ix->unique = !strcmp(c[2], "0");
	if (!ix->kind && c[4] && strcmp(c[4], "BTREE"))
		ix->kind = mw_norm_type(c[4]);
	col = c[3] ? mw_strdupf("%s(%s)", c[1], c[3]) : mw_xstrdup(c[1]);
	mw_shape_index_add_column(ix, col);
	free(col);
}

#define COLUMNS_QUERY "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, " \
	"TABLE_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
#define INDEXES_QUERY "SELECT INDEX_NAME, COLUMN_NAME, NON_UNIQUE, SUB_PART, INDEX_TYPE, " \
	"TABLE_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "

static int
mariadb_read_shape(mw_shape *out, mw_engine *e, const char *table, mw_buf *err)
{
	mw_rows r = { 0 };
	int rc;

	rc = query_param(&r, e, "SELECT 1 FROM information_schema.TABLES WHERE "
			 "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s", table, err);
	if (rc == 0 && r.nrows == 0)
		rc = MW_ENGINE_NO_TABLE;
	mw_rows_clear(&r);
	if (rc != 0)
		return rc;
	if (mw_engine__read_rows(out, e, COLUMNS_QUERY "AND TABLE_NAME = %s ORDER BY "
				 "ORDINAL_POSITION", table, add_column_row, err) < 0)
		return -1;
	return mw_engine__read_rows(out, e, INDEXES_QUERY "AND TABLE_NAME = %s ORDER BY "
				    "INDEX_NAME, SEQ_IN_INDEX", table, add_index_row, err);
}

static int
mariadb_list_tables(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	return mw_engine__query_names(out, n, e, "SELECT TABLE_NAME FROM information_schema.TABLES "
				      "WHERE TABLE_SCHEMA = DATABASE()", err);
}

/*
 * Live databases
 */

static int
mariadb_use(mw_engine *e, const char *database, mw_buf *err)
{
	mw_rows r = { 0 };
	bool none;

	if (database && mysql_select_db(my(e), database)) {
		mw_buf_addf(err, "MariaDB: %s", mysql_error(my(e)));
		return -1;
	}
	if (database)
		return 0;
	if (mariadb_query(&r, e, "SELECT DATABASE()", err) < 0)
		return -1;
	none = !r.nrows || !r.cells[0];
	mw_rows_clear(&r);
	if (none)
		mw_buf_adds(err, "MariaDB: no database selected: add database=NAME to the DSN, or "
			    "name them with --database or --all-databases");
	return none ? -1 : 0;
}

static int
mariadb_attach(mw_engine *e, const char *dsn, const char *database, mw_buf *err)
{
	if (mariadb_open(e, dsn, err) < 0)
		return -1;
	/* an audit never writes, whatever the account may do */
	if (mysql_query(my(e), "SET SESSION TRANSACTION READ ONLY")) {
		mw_buf_addf(err, "MariaDB: %s", mysql_error(my(e)));
		return -1;
	}
	return database ? mariadb_use(e, database, err) : 0;
}

static int
mariadb_list_databases(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	return mw_engine__query_names(out, n, e, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
				      "WHERE SCHEMA_NAME NOT IN ('information_schema', 'mysql', "
				      "'performance_schema', 'sys') AND SCHEMA_NAME NOT LIKE "
				      "'mwverify\\_%'", err);
}

/* "utf8mb4_general_ci" -> "utf8mb4"; "binary" stays. */
static char *
collation_charset(const char *collation)
{
	return collation ? mw_xstrndup(collation, strcspn(collation, "_")) : NULL;
}

/* One TABLES row (name, engine, collation) into `out`. */
static void
add_table_row(mw_shape *out, char *const *c)
{
	out->engine = c[1] ? mw_norm_type(c[1]) : NULL;
	out->charset = collation_charset(c[2]);
}

/* Three catalog queries for the whole database; rows come grouped by table. */
static int
mariadb_read_all(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err)
{
	static const struct mw_catalog_query q[3] = {
		{ "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES "
		  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
		  0, add_table_row },
		{ COLUMNS_QUERY "ORDER BY TABLE_NAME, ORDINAL_POSITION", 5, add_column_row },
		{ INDEXES_QUERY "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", 5, add_index_row },
	};

	return mw_engine__read_catalog(out, n, e, q, err);
}

const struct engine_ops mw_engine_mariadb_ops = {
	.unavailable = NULL,
	.load = mariadb_api_load,
	.open = mariadb_open,
	.close = mariadb_close,
	.fresh = mariadb_fresh,
	.drop = mariadb_drop,
	.exec_one = mariadb_exec_one,
	.query = mariadb_query,
	.query_param = query_param,
	.read_shape = mariadb_read_shape,
	.list_tables = mariadb_list_tables,
	.attach = mariadb_attach,
	.use = mariadb_use,
	.list_databases = mariadb_list_databases,
	.read_all = mariadb_read_all,
	.quote = '`',
};

#else /* !HAVE_MARIADB */

const struct engine_ops mw_engine_mariadb_ops = {
	.unavailable = "MariaDB: not available in this build (configure found no libmariadb; "
		       "install libmariadb-dev and run configure again)",
	.quote = '`',
};

#endif
