/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the engine layer: script splitting, normalisation, the
 * SQLite catalog reader on a real in-memory database, and the shared
 * whole-database catalog reader (fed by SQLite's catalog here). MariaDB / PostgreSQL
 * cases run when MW_MYSQL_DSN / MW_PG_DSN name a server (tests/db does).
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/verify/internal.h"
#include "mwschema/sqllex.h"
#include "tests/check_main.h"

static const char fixture[] =
	"-- header comment; with a semicolon\n"
	"CREATE TABLE /*_*/t (\n"
	"  t_id INTEGER NOT NULL,\n"
	"  t_name VARCHAR(255) DEFAULT 'it''s; fine' NOT NULL,\n"
	"  t_num NUMERIC(10, 0) DEFAULT NULL,\n"
	"  PRIMARY KEY(t_id)\n"
	");\n\n"
	"CREATE UNIQUE INDEX t_name ON /*_*/t (t_name, t_num);\n"
	"CREATE INDEX t_num ON /*_*/t (t_num);\n";

START_TEST(test_split)
{
	char **s;
	size_t n;

	mw_sql_split(&s, &n, fixture);
	ck_assert_uint_eq(n, 3);
	ck_assert(!strncmp(s[0], "CREATE TABLE /*_*/t (", 21));
	ck_assert(strstr(s[0], "'it''s; fine'"));
	ck_assert_str_eq(s[2], "CREATE INDEX t_num ON /*_*/t (t_num)");
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
	mw_sql_split(&s, &n, "-- only a comment;\n/* and; another */ ;");
	ck_assert_uint_eq(n, 0);
	free(s);
}
END_TEST

static void
assert_default(const char *literal, const char *want)
{
	char *got = mw_norm_default(literal);

	if (!want)
		ck_assert_msg(got == NULL, "%s gave %s", literal ? literal : "(null)", got ? got : "");
	else
		ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_normalise)
{
	char *t = mw_norm_type("NUMERIC(10, 0)  UNSIGNED");

	ck_assert_str_eq(t, "numeric(10,0) unsigned");
	free(t);
	assert_default("'abc'::character varying", "abc");
	assert_default("'1970-01-01 00:00:00+00'::timestamp with time zone",
		       "1970-01-01 00:00:00+00");
	assert_default("NULL::character varying", NULL);
	assert_default("NULL", NULL);
	assert_default("'it''s'", "it's");
	assert_default("'-1'::integer", "-1");
	assert_default("(-1)", "-1");
	assert_default("''", "");
	assert_default("0", "0");
	assert_default("'\\0\\0'", "\\0\\0");	/* MySQL's NUL padding stays visible */
	assert_default("'a\\\\b'", "a\\b");
	assert_default(NULL, NULL);
}
END_TEST

static void
check_fixture_shape(mw_dbms dbms, const char *dsn)
{
	mw_engine *e;
	mw_buf err = MW_BUF_INIT, script = MW_BUF_INIT;
	mw_shape s;
	const mw_shape_column *c;

	ck_assert_msg(mw_engine_open(&e, dbms, dsn, &err) == 0, "%s", mw_buf_cstr(&err));
	for (const char *p = fixture; *p; p++) {
		if (!strncmp(p, "/*_*/", 5))
			p += 4;
		else
			mw_buf_addc(&script, *p);
	}
	ck_assert_msg(mw_engine_exec(e, mw_buf_cstr(&script), &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_msg(mw_engine_read_shape(&s, e, "t", &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_uint_eq(s.ncolumns, 3);
	ck_assert_uint_eq(s.npk, 1);
	ck_assert_str_eq(s.pk[0], "t_id");
	c = mw_shape_column_find(&s, "t_name");
	ck_assert_ptr_nonnull(c);
	ck_assert(c->notnull);
	ck_assert_str_eq(c->deflt, "it's; fine");
	c = mw_shape_column_find(&s, "t_num");
	ck_assert(!c->notnull);
	ck_assert_ptr_null(c->deflt);
	ck_assert_uint_eq(s.nindexes, 2);
	ck_assert_str_eq(s.indexes[0].name, "t_name");
	ck_assert(s.indexes[0].unique);
	ck_assert_uint_eq(s.indexes[0].ncolumns, 2);
	ck_assert_str_eq(s.indexes[1].columns[0], "t_num");
	ck_assert(!s.indexes[1].unique);
	mw_shape_clear(&s);
	ck_assert_int_eq(mw_engine_read_shape(&s, e, "missing", &err), MW_ENGINE_NO_TABLE);
	/* a fresh namespace is empty */
	ck_assert_int_eq(mw_engine_fresh(e, &err), 0);
	ck_assert_int_eq(mw_engine_read_shape(&s, e, "t", &err), MW_ENGINE_NO_TABLE);
	mw_engine_close(e);
	mw_buf_release(&err);
	mw_buf_release(&script);
}

START_TEST(test_sqlite_shape)
{
	check_fixture_shape(MW_DBMS_SQLITE, NULL);
}
END_TEST

START_TEST(test_sqlite_errors_and_rows)
{
	mw_engine *e;
	mw_buf err = MW_BUF_INIT;
	mw_rows r;

	ck_assert_int_eq(mw_engine_open(&e, MW_DBMS_SQLITE, NULL, &err), 0);
	ck_assert_int_eq(mw_engine_exec(e, "CREATE TABLE a (x INT); CREATE TABLE a (y INT);", &err),
			 -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "statement 2: CREATE TABLE a (y INT):"), "%s",
		      mw_buf_cstr(&err));
	ck_assert_int_eq(mw_engine_exec(e, "INSERT INTO a VALUES (1), (NULL)", &err), 0);
	ck_assert_int_eq(mw_engine_query(&r, e, "SELECT x FROM a ORDER BY x", &err), 0);
	ck_assert_uint_eq(r.nrows, 2);
	ck_assert_ptr_null(r.cells[0]);
	ck_assert_str_eq(r.cells[1], "1");
	mw_rows_clear(&r);
	mw_engine_close(e);
	mw_buf_release(&err);
}
END_TEST

static void
add_catalog_column(mw_shape *s, char *const *row)
{
	mw_shape_add_column(s, row[0]);
}

static void
add_catalog_index(mw_shape *s, char *const *row)
{
	mw_shape_index_add_column(mw_shape_index_get(s, row[0]), row[1]);
}

/*
 * Three queries, each row to the shape its table column names; rows of a
 * relation the tables' query left out (as views are) are passed over.
 */
START_TEST(test_read_catalog)
{
	static const struct mw_catalog_query q[3] = {
		{ "SELECT 'x', name FROM sqlite_master WHERE type = 'table' AND name <> 'v' "
		  "ORDER BY name DESC", 1, NULL },
		{ "SELECT p.name, m.name FROM sqlite_master m, pragma_table_info(m.name) p "
		  "ORDER BY m.name, p.cid", 1, add_catalog_column },
		{ "SELECT l.name, i.name, m.name FROM sqlite_master m, pragma_index_list(m.name) l, "
		  "pragma_index_info(l.name) i WHERE m.type = 'table'", 2, add_catalog_index },
	};
	struct mw_catalog_query bad[3];
	mw_engine *e;
	mw_buf err = MW_BUF_INIT;
	mw_shape *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(mw_engine_open(&e, MW_DBMS_SQLITE, NULL, &err), 0);
	ck_assert_msg(mw_engine_exec(e, "CREATE TABLE c (z INT); CREATE TABLE a (x INT, y INT); "
				     "CREATE TABLE B (w INT); CREATE INDEX a_y ON a (y, x); "
				     "CREATE TABLE v (x INT)", &err) == 0, "%s",
		      mw_buf_cstr(&err));
	ck_assert_msg(mw_engine__read_catalog(&v, &n, e, q, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_uint_eq(n, 3);
	/* byte order, whatever order the catalog gave */
	ck_assert_str_eq(v[0].name, "B");
	ck_assert_str_eq(v[1].name, "a");
	ck_assert_str_eq(v[2].name, "c");
	ck_assert_uint_eq(v[1].ncolumns, 2);
	ck_assert_str_eq(v[1].columns[1].name, "y");
	ck_assert_uint_eq(v[1].nindexes, 1);
	ck_assert_uint_eq(v[1].indexes[0].ncolumns, 2);
	ck_assert_str_eq(v[1].indexes[0].columns[0], "y");
	ck_assert_uint_eq(v[0].ncolumns + v[2].ncolumns, 2);
	mw_shapes_free(v, n);
	/* a failing query: nothing built, the engine's message */
	memcpy(bad, q, sizeof(bad));
	bad[2].sql = "SELECT nothing FROM nowhere";
	v = NULL;
	n = 0;
	ck_assert_int_eq(mw_engine__read_catalog(&v, &n, e, bad, &err), -1);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "nowhere"), "%s", mw_buf_cstr(&err));
	mw_engine_close(e);
	mw_buf_release(&err);
}
END_TEST

START_TEST(test_server_shapes)
{
	const char *my = getenv("MW_MYSQL_DSN"), *pg = getenv("MW_PG_DSN");

	if (my && mw_engine_available(MW_DBMS_MYSQL))
		check_fixture_shape(MW_DBMS_MYSQL, my);
	if (pg && mw_engine_available(MW_DBMS_POSTGRES))
		check_fixture_shape(MW_DBMS_POSTGRES, pg);
}
END_TEST

static Suite *
engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_normalise);
	tcase_add_test(tc, test_sqlite_shape);
	tcase_add_test(tc, test_sqlite_errors_and_rows);
	tcase_add_test(tc, test_read_catalog);
	tcase_add_test(tc, test_server_shapes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(engine_suite());
}
