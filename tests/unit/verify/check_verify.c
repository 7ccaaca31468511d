/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of verification: placeholders, shape comparison after real
 * ALTERs (hand-written SQL fixtures, so the generator is not involved) and
 * the sample-row generator. SQLite always; MariaDB / PostgreSQL when
 * MW_MYSQL_DSN / MW_PG_DSN are set.
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/verify/internal.h"
#include "tests/check_main.h"

START_TEST(test_placeholders)
{
	char *s = mw_verify_fill_placeholders("CREATE TABLE /*_*/t (a INT) /*$wgDBTableOptions*/;",
					      "tp_", NULL);

	ck_assert_str_eq(s, "CREATE TABLE tp_t (a INT) ENGINE=InnoDB, DEFAULT CHARSET=binary;");
	free(s);
	s = mw_verify_fill_placeholders("DROP TABLE /*_*/t", NULL, "X");
	ck_assert_str_eq(s, "DROP TABLE t");
	free(s);
}
END_TEST

/* Runs `sql` in a fresh namespace and reads table t. */
static void
shape_of(mw_shape *out, mw_engine *e, const char *sql)
{
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(mw_engine_fresh(e, &err), 0);
	ck_assert_msg(mw_engine_exec(e, sql, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_msg(mw_engine_read_shape(out, e, "t", &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
}

/* Differences between the table built by `patched` and by `fresh`; first one in msg. */
static size_t
diff_of(mw_engine *e, const char *patched, const char *fresh, mw_buf *msg)
{
	mw_shape got, want;
	size_t n;

	shape_of(&got, e, patched);
	shape_of(&want, e, fresh);
	mw_buf_reset(msg);
	n = mw_verify_compare_shapes(msg, &got, &want);
	mw_shape_clear(&got);
	mw_shape_clear(&want);
	return n;
}

static const char base[] =
	"CREATE TABLE t (t_id INTEGER NOT NULL, t_a VARCHAR(10) DEFAULT 'x' NOT NULL, "
	"t_b INTEGER DEFAULT NULL, PRIMARY KEY(t_id));"
	"CREATE INDEX t_a ON t (t_a);";

static void
check_comparisons(mw_engine *e)
{
	mw_buf msg = MW_BUF_INIT, patched = MW_BUF_INIT;
	bool pg = mw_engine_dbms(e) == MW_DBMS_POSTGRES;
	bool my = mw_engine_dbms(e) == MW_DBMS_MYSQL;

	ck_assert_uint_eq(diff_of(e, base, base, &msg), 0);
	/* column order aside: an added column lands last, a fresh CREATE has it first */
	mw_buf_addf(&patched, "%s ALTER TABLE t ADD t_c INTEGER DEFAULT 0 NOT NULL;", base);
	ck_assert_uint_eq(diff_of(e, mw_buf_cstr(&patched),
				  "CREATE TABLE t (t_c INTEGER DEFAULT 0 NOT NULL, t_id INTEGER NOT NULL, "
				  "t_a VARCHAR(10) DEFAULT 'x' NOT NULL, t_b INTEGER DEFAULT NULL, "
				  "PRIMARY KEY(t_id)); CREATE INDEX t_a ON t (t_a);", &msg), 0);
	/* a wrong default is named */
	ck_assert_uint_eq(diff_of(e, base,
				  "CREATE TABLE t (t_id INTEGER NOT NULL, t_a VARCHAR(10) DEFAULT 'y' "
				  "NOT NULL, t_b INTEGER DEFAULT NULL, PRIMARY KEY(t_id));"
				  "CREATE INDEX t_a ON t (t_a);", &msg), 1);
	ck_assert_msg(strstr(msg.data, "column t_a: default is 'x', a fresh CREATE gives 'y'"),
		      "%s", msg.data);
	/* a missing index, a type, a primary key */
	ck_assert_uint_eq(diff_of(e, "CREATE TABLE t (t_id INTEGER NOT NULL, t_a VARCHAR(12) "
				  "DEFAULT 'x' NOT NULL, t_b INTEGER DEFAULT NULL)", base, &msg), 3);
	ck_assert_msg(strstr(msg.data, "column t_a: type is varchar(12), a fresh CREATE gives "
			     "varchar(10)") || (my && strstr(msg.data, "varchar(12)")),
		      "%s", msg.data);
	ck_assert_msg(strstr(msg.data, "(and 2 more differences)"), "%s", msg.data);
	/* uniqueness */
	mw_buf_reset(&patched);
	mw_buf_addf(&patched, "%s DROP INDEX t_a%s; CREATE UNIQUE INDEX t_a ON t (t_a);", base,
		    my ? " ON t" : "");
	ck_assert_uint_eq(diff_of(e, mw_buf_cstr(&patched), base, &msg), 1);
	ck_assert_msg(strstr(msg.data, "index t_a: is unique index t_a (t_a), a fresh CREATE gives "
			     "index t_a (t_a)"), "%s", msg.data);
	if (pg) {
		/* a renamed SERIAL keeps its old sequence name: still the same shape */
		ck_assert_uint_eq(diff_of(e, "CREATE TABLE t (t_old SERIAL NOT NULL, PRIMARY KEY(t_old));"
					  "ALTER TABLE t RENAME COLUMN t_old TO t_id",
					  "CREATE TABLE t (t_id SERIAL NOT NULL, PRIMARY KEY(t_id))", &msg), 0);
	}
	mw_buf_release(&msg);
	mw_buf_release(&patched);
}

static void
with_engine(mw_dbms dbms, const char *dsn, void (*fn)(mw_engine *))
{
	mw_engine *e;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(mw_engine_open(&e, dbms, dsn, &err) == 0, "%s", mw_buf_cstr(&err));
	fn(e);
	mw_engine_close(e);
	mw_buf_release(&err);
}

static void
each_engine(void (*fn)(mw_engine *))
{
	const char *my = getenv("MW_MYSQL_DSN"), *pg = getenv("MW_PG_DSN");

	with_engine(MW_DBMS_SQLITE, NULL, fn);
	if (my && *my && mw_engine_available(MW_DBMS_MYSQL))
		with_engine(MW_DBMS_MYSQL, my, fn);
	if (pg && *pg && mw_engine_available(MW_DBMS_POSTGRES))
		with_engine(MW_DBMS_POSTGRES, pg, fn);
}

START_TEST(test_compare)
{
	each_engine(check_comparisons);
}
END_TEST

static void
set_column(mw_column *c, const char *name, mw_type type)
{
	memset(c, 0, sizeof(*c));
	c->name = mw_xstrdup(name);
	c->type = type;
	c->notnull = true;
	c->precision = 10;
}

/* t(t_id integer, t_flag boolean, t_name string default 'n'), pk t_id */
static void
make_table(mw_table *t, bool unique_flag)
{
	memset(t, 0, sizeof(*t));
	t->name = mw_xstrdup("t");
	t->ncolumns = 3;
	t->columns = mw_xcalloc(3, sizeof(*t->columns));
	set_column(&t->columns[0], "t_id", MW_T_INTEGER);
	set_column(&t->columns[1], "t_flag", MW_T_BOOLEAN);
	set_column(&t->columns[2], "t_name", MW_T_STRING);
	t->columns[2].deflt.kind = MW_V_STRING;
	t->columns[2].deflt.text = mw_xstrdup("n");
	t->npk = 1;
	t->pk = mw_xcalloc(1, sizeof(*t->pk));
	t->pk[0] = mw_xstrdup("t_id");
	if (unique_flag) {
		t->nindexes = 1;
		t->indexes = mw_xcalloc(1, sizeof(*t->indexes));
		t->indexes[0].name = mw_xstrdup("t_flag");
		t->indexes[0].unique = true;
		t->indexes[0].ncolumns = 1;
		t->indexes[0].columns = mw_xcalloc(1, sizeof(char *));
		t->indexes[0].columns[0] = mw_xstrdup("t_flag");
	}
}

static void
check_samples(mw_engine *e)
{
	static const char create[] =
		"CREATE TABLE t (t_id INTEGER NOT NULL, t_flag %s NOT NULL, "
		"t_name VARCHAR(255) DEFAULT 'n' NOT NULL, PRIMARY KEY(t_id))";
	mw_buf sql = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_table t;
	mw_shape s;
	mw_rows rows;
	struct sample_ctx ctx = { e, &t, NULL, &s };
	bool pg = mw_engine_dbms(e) == MW_DBMS_POSTGRES;

	for (int unique = 0; unique < 2; unique++) {
		mw_buf_reset(&sql);
		mw_buf_addf(&sql, create, pg ? "BOOLEAN" : "SMALLINT");
		make_table(&t, unique);
		shape_of(&s, e, mw_buf_cstr(&sql));
		mw_buf_reset(&sql);
		/* a unique boolean leaves room for two rows only */
		ck_assert_uint_eq(mw_verify_sample_inserts(&sql, &ctx), unique ? 2 : 3);
		ck_assert_msg(mw_engine_exec(e, mw_buf_cstr(&sql), &err) == 0, "%s", mw_buf_cstr(&err));
		ck_assert_int_eq(mw_engine_query(&rows, e, "SELECT t_name FROM t ORDER BY t_id", &err), 0);
		/* the first row takes the default */
		ck_assert_str_eq(rows.cells[0], "n");
		ck_assert_str_eq(rows.cells[1], "2");
		mw_rows_clear(&rows);
		mw_shape_clear(&s);
		mw_table_clear(&t);
	}
	mw_buf_release(&sql);
	mw_buf_release(&err);
}

START_TEST(test_samples)
{
	each_engine(check_samples);
}
END_TEST

static Suite *
verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_placeholders);
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_samples);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(verify_suite());
}
