/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the generators: column declarations per type and platform,
 * quoting, raw CREATE/ALTER statements, the SQLite simple path and rebuild,
 * apply-ready output and rollbacks.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "gen_doc.h"
#include "tests/check_main.h"

static const struct decl_case {
	const char *column;
	const char *mysql, *postgres, *sqlite;
} decl_cases[] = {
	{ "{\"name\":\"a\",\"type\":\"integer\",\"options\":{\"unsigned\":true,\"autoincrement\":true}}",
	  "INT UNSIGNED AUTO_INCREMENT NOT NULL", "SERIAL NOT NULL",
	  "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"bigint\",\"options\":{\"notnull\":false,\"unsigned\":true}}",
	  "BIGINT UNSIGNED DEFAULT NULL", "BIGINT DEFAULT NULL", "BIGINT UNSIGNED DEFAULT NULL" },
	{ "{\"name\":\"a\",\"type\":\"mwtinyint\",\"options\":{\"length\":1,\"default\":-1}}",
	  "TINYINT(1) DEFAULT -1 NOT NULL", "SMALLINT DEFAULT -1 NOT NULL",
	  "SMALLINT DEFAULT -1 NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"boolean\",\"options\":{\"default\":1}}",
	  "TINYINT(1) DEFAULT 1 NOT NULL", "BOOLEAN DEFAULT true NOT NULL",
	  "BOOLEAN DEFAULT 1 NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"string\",\"options\":{\"default\":\"it's\"}}",
	  "VARCHAR(255) DEFAULT 'it''s' NOT NULL", "VARCHAR(255) DEFAULT 'it''s' NOT NULL",
	  "VARCHAR(255) DEFAULT 'it''s' NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"binary\",\"options\":{\"length\":32,\"fixed\":true}}",
	  "BINARY(32) NOT NULL", "TEXT NOT NULL", "BLOB NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"blob\",\"options\":{\"length\":16777215,\"default\":\"\"}}",
	  "MEDIUMBLOB NOT NULL", "TEXT DEFAULT '' NOT NULL", "BLOB DEFAULT '' NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"text\",\"options\":{\"notnull\":false}}",
	  "LONGTEXT DEFAULT NULL", "TEXT DEFAULT NULL", "CLOB DEFAULT NULL" },
	{ "{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":\"19700101000000\"}}",
	  "BINARY(14) DEFAULT '19700101000000' NOT NULL",
	  "TIMESTAMPTZ DEFAULT '1970-01-01 00:00:00+00'  NOT NULL",
	  "BLOB DEFAULT '19700101000000' NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"PlatformOptions\":"
	  "{\"allowInfinite\":true},\"default\":\"infinity\"}}",
	  "VARBINARY(14) DEFAULT 'infinity' NOT NULL", "TIMESTAMPTZ DEFAULT 'infinity'  NOT NULL",
	  "BLOB DEFAULT 'infinity' NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"float\",\"options\":{\"unsigned\":true,\"default\":0}}",
	  "FLOAT UNSIGNED DEFAULT '0' NOT NULL", "FLOAT DEFAULT '0' NOT NULL",
	  "DOUBLE PRECISION DEFAULT '0' NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"decimal\",\"options\":{\"precision\":12,\"scale\":2}}",
	  "NUMERIC(12, 2) NOT NULL", "NUMERIC(12, 2) NOT NULL", "NUMERIC(12, 2) NOT NULL" },
	{ "{\"name\":\"a\",\"type\":\"datetimetz\",\"options\":{}}",
	  "DATETIME NOT NULL", "TIMESTAMPTZ NOT NULL", "DATETIME NOT NULL" },
	{ "{\"name\":\"a_b\",\"type\":\"mwenum\",\"options\":{\"fixed\":true,\"PlatformOptions\":"
	  "{\"enum_values\":[\"x\",\"y\"]}}}",
	  "ENUM( 'x','y' ) NOT NULL", "A_B_ENUM NOT NULL", "TEXT NOT NULL" },
};

START_TEST(test_column_decl)
{
	const struct decl_case *c = &decl_cases[_i];
	const char *want[] = { c->mysql, c->postgres, c->sqlite };

	for (int p = 0; p < MW_DBMS__COUNT; p++) {
		char *got = decl(c->column, (mw_dbms)p);

		ck_assert_msg(!strcmp(got, want[p]), "%s on %s: got '%s', want '%s'", c->column,
			      mw_dbms_name((mw_dbms)p), got, want[p]);
		free(got);
	}
}
END_TEST

static char *
raw_schema(const char *json, mw_dbms dbms)
{
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	mw_gen_schema_raw(&out, &doc->schema, dbms);
	mw_doc_free(doc);
	return mw_buf_detach(&out);
}

START_TEST(test_quoting)
{
	const char *json = "{\"name\":\"user\",\"columns\":[{\"name\":\"key\",\"type\":\"integer\","
			   "\"options\":{}}],\"indexes\":[{\"name\":\"order\",\"columns\":[\"key\"],"
			   "\"unique\":false}],\"pk\":[\"key\"]}";
	char *my = raw_schema(json, MW_DBMS_MYSQL), *pg = raw_schema(json, MW_DBMS_POSTGRES);
	char *lite = raw_schema(json, MW_DBMS_SQLITE);

	ck_assert_str_eq(my, "CREATE TABLE /*_*/user (`key` INT NOT NULL, INDEX `order` (`key`), "
			 "PRIMARY KEY(`key`)) /*$wgDBTableOptions*/;");
	ck_assert_str_eq(pg, "CREATE TABLE \"user\" (key INT NOT NULL, PRIMARY KEY(key));\n\n"
			 "CREATE INDEX \"order\" ON \"user\" (key);");
	ck_assert_str_eq(lite, "CREATE TABLE /*_*/user (\"key\" INTEGER NOT NULL, "
			 "PRIMARY KEY(\"key\"));\n\nCREATE INDEX \"order\" ON /*_*/user (\"key\");");
	free(my);
	free(pg);
	free(lite);
}
END_TEST

START_TEST(test_pk_first_and_options)
{
	const char *json = "[{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"integer\","
			   "\"options\":{}},{\"name\":\"y\",\"type\":\"integer\",\"options\":"
			   "{\"notnull\":false}}],\"indexes\":[{\"name\":\"t_x\",\"columns\":[\"x\"],"
			   "\"unique\":false,\"options\":{\"lengths\":[10]}}],\"pk\":[\"y\"],"
			   "\"table_options\":[\"ENGINE=MyISAM\",\"DEFAULT CHARSET=utf8mb4\"]}]";
	char *my = raw_schema(json, MW_DBMS_MYSQL);

	ck_assert_str_eq(my, "CREATE TABLE /*_*/t (y INT NOT NULL, x INT NOT NULL, "
			 "INDEX t_x (x(10)), PRIMARY KEY(y)) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;");
	free(my);
}
END_TEST

#define TABLE_HEAD "{\"name\":\"t\",\"columns\":[{\"name\":\"t_id\",\"type\":\"integer\"," \
		   "\"options\":{\"autoincrement\":true}},{\"name\":\"t_a\",\"type\":\"string\"," \
		   "\"options\":{\"length\":10}}"
#define TABLE_TAIL "],\"indexes\":[{\"name\":\"t_a\",\"columns\":[\"t_a\"],\"unique\":false}]," \
		   "\"pk\":[\"t_id\"]}"

static char *
raw_change(const char *after_extra, const char *after_tail, mw_dbms dbms, bool reverse)
{
	char *json = mw_strdupf("{\"before\":" TABLE_HEAD TABLE_TAIL ",\"after\":" TABLE_HEAD
				"%s%s}", after_extra, after_tail);
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	if (reverse)
		mw_gen_change_raw(&out, doc->change.after, doc->change.before, dbms);
	else
		mw_gen_change_raw(&out, doc->change.before, doc->change.after, dbms);
	mw_doc_free(doc);
	free(json);
	return mw_buf_detach(&out);
}

#define ADD_B ",{\"name\":\"t_b\",\"type\":\"integer\",\"options\":{\"notnull\":false}}"

START_TEST(test_sqlite_simple_path)
{
	char *s = raw_change(ADD_B, TABLE_TAIL, MW_DBMS_SQLITE, false);

	ck_assert_str_eq(s, "ALTER TABLE /*_*/t ADD COLUMN t_b INTEGER DEFAULT NULL;");
	free(s);
	s = raw_change(ADD_B, TABLE_TAIL, MW_DBMS_MYSQL, false);
	ck_assert_str_eq(s, "ALTER TABLE /*_*/t ADD t_b INT DEFAULT NULL;");
	free(s);
}
END_TEST

START_TEST(test_sqlite_rebuild)
{
	/* Dropping a column (the reverse of adding one) rebuilds the table. */
	char *s = raw_change(ADD_B, TABLE_TAIL, MW_DBMS_SQLITE, true);

	ck_assert_str_eq(s,
		"CREATE TEMPORARY TABLE __temp__/*_*/t AS SELECT t_id, t_a FROM /*_*/t;\n\n"
		"DROP TABLE /*_*/t;\n\n"
		"CREATE TABLE /*_*/t (t_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
		"t_a VARCHAR(10) NOT NULL);\n\n"
		"INSERT INTO /*_*/t (t_id, t_a) SELECT t_id, t_a FROM __temp__/*_*/t;\n\n"
		"DROP TABLE __temp__/*_*/t;\n\n"
		"CREATE INDEX t_a ON /*_*/t (t_a);");
	free(s);
}
END_TEST

START_TEST(test_index_rename)
{
	const char *tail = "],\"indexes\":[{\"name\":\"t_a_new\",\"columns\":[\"t_a\"],"
			   "\"unique\":false}],\"pk\":[\"t_id\"]}";
	char *my = raw_change("", tail, MW_DBMS_MYSQL, false);
	char *pg = raw_change("", tail, MW_DBMS_POSTGRES, false);

	ck_assert_str_eq(my, "DROP INDEX t_a ON /*_*/t;\n\nCREATE INDEX t_a_new ON /*_*/t (t_a);");
	ck_assert_str_eq(pg, "ALTER INDEX t_a RENAME TO t_a_new;");
	free(my);
	free(pg);
}
END_TEST

START_TEST(test_no_change)
{
	char *s = raw_change("", TABLE_TAIL, MW_DBMS_MYSQL, false);

	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_apply_ready)
{
	const char *sql = "CREATE TABLE /*_*/t (a INT) /*$wgDBTableOptions*/; -- a/b /* c */";
	mw_buf out = MW_BUF_INIT;

	mw_gen_apply_ready(&out, sql, strlen(sql), "mw_", NULL);
	ck_assert_str_eq(mw_buf_cstr(&out), "CREATE TABLE mw_t (a INT) ENGINE=InnoDB, DEFAULT "
			 "CHARSET=binary; -- a/b /* c */");
	mw_buf_reset(&out);
	mw_gen_apply_ready(&out, sql, strlen(sql), NULL, "ENGINE=Aria");
	ck_assert_str_eq(mw_buf_cstr(&out), "CREATE TABLE t (a INT) ENGINE=Aria; -- a/b /* c */");
	mw_buf_release(&out);
}
END_TEST

START_TEST(test_rollback)
{
	char *json = mw_strdupf("{\"before\":" TABLE_HEAD ADD_B TABLE_TAIL ",\"after\":" TABLE_HEAD
				TABLE_TAIL "}");
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	ck_assert_int_eq(mw_gen_rollback(&out, doc->change.before, doc->change.after,
					 MW_DBMS_MYSQL, "sql/x.json", 0), 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "ROLLBACK"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "-- Source: sql/x.json\n"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "-- WARNING: the forward change drops "
				     "column t.t_b"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "ALTER TABLE /*_*/t\n  ADD t_b INT "
				     "DEFAULT NULL;\n"));
	mw_doc_free(doc);
	mw_buf_release(&out);
	free(json);
}
END_TEST

START_TEST(test_output_name)
{
	char *a = mw_gen_output_name("sql/tables.json", true, false);
	char *b = mw_gen_output_name("schema/cu_useragent.json", true, false);
	char *c = mw_gen_output_name("x/patch-y.json", false, false);
	char *d = mw_gen_output_name("x/patch-y.json", false, true);

	ck_assert_str_eq(a, "tables-generated.sql");
	ck_assert_str_eq(b, "cu_useragent.sql");
	ck_assert_str_eq(c, "patch-y.sql");
	ck_assert_str_eq(d, "patch-y-rollback.sql");
	free(a);
	free(b);
	free(c);
	free(d);
}
END_TEST

static Suite *
gen_suite(void)
{
	Suite *s = suite_create("gen");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_column_decl, 0, sizeof(decl_cases) / sizeof(*decl_cases));
	tcase_add_test(tc, test_quoting);
	tcase_add_test(tc, test_pk_first_and_options);
	tcase_add_test(tc, test_sqlite_simple_path);
	tcase_add_test(tc, test_sqlite_rebuild);
	tcase_add_test(tc, test_index_rename);
	tcase_add_test(tc, test_no_change);
	tcase_add_test(tc, test_apply_ready);
	tcase_add_test(tc, test_rollback);
	tcase_add_test(tc, test_output_name);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(gen_suite());
}
