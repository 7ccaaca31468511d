/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the DBAL 3.9 rules that the held-out synthetic sets found
 * (issue 18, rules A-G), each on the smallest input that shows it, beside
 * the golden rows that exercise them on random inputs.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "gen_doc.h"
#include "tests/check_main.h"

/* The raw statements of a change file on `dbms`. */
static char *
raw_change(const char *json, mw_dbms dbms)
{
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	mw_gen_change_raw(&out, doc->change.before, doc->change.after, dbms);
	mw_doc_free(doc);
	return mw_buf_detach(&out);
}

#define ck_change(json, dbms, want)                                        \
	do {                                                                \
		char *got_ = raw_change(json, dbms);                        \
		ck_assert_str_eq(got_, want);                               \
		free(got_);                                                 \
	} while (0)

#define ck_decl(column, dbms, want)                                        \
	do {                                                                \
		char *got_ = decl(column, dbms);                            \
		ck_assert_str_eq(got_, want);                               \
		free(got_);                                                 \
	} while (0)

#define INT_COL(n) "{\"name\":\"" n "\",\"type\":\"integer\",\"options\":{}}"

/* A: DBAL strips the quotes of "window"_pkey and quotes the whole name. */
START_TEST(test_a_pkey_of_reserved_table)
{
	const char *json = "{\"before\":{\"name\":\"window\",\"columns\":[" INT_COL("w_id") ","
			   INT_COL("w_a") "],\"indexes\":[],\"pk\":[\"w_id\"]},\"after\":{\"name\":"
			   "\"window\",\"columns\":[" INT_COL("w_id") "," INT_COL("w_a") "],"
			   "\"indexes\":[],\"pk\":[\"w_a\"]}}";
	const char *plain = "{\"before\":{\"name\":\"t\",\"columns\":[" INT_COL("w_id") "],"
			    "\"indexes\":[],\"pk\":[\"w_id\"]},\"after\":{\"name\":\"t\","
			    "\"columns\":[" INT_COL("w_id") "],\"indexes\":[]}}";

	ck_change(json, MW_DBMS_POSTGRES, "ALTER TABLE \"window\" DROP CONSTRAINT \"window_pkey\";\n\n"
		  "ALTER TABLE \"window\" ADD PRIMARY KEY (w_a);");
	ck_change(plain, MW_DBMS_POSTGRES, "ALTER TABLE t DROP CONSTRAINT t_pkey;");
}
END_TEST

/* B: MySQL's quoteStringLiteral doubles backslashes; the others keep them. */
START_TEST(test_b_backslashes)
{
	const char *col = "{\"name\":\"a\",\"type\":\"string\",\"options\":{\"default\":"
			  "\"C:\\\\Temp 'x'\"}}";

	ck_decl(col, MW_DBMS_MYSQL, "VARCHAR(255) DEFAULT 'C:\\\\Temp ''x''' NOT NULL");
	ck_decl(col, MW_DBMS_POSTGRES, "VARCHAR(255) DEFAULT 'C:\\Temp ''x''' NOT NULL");
	ck_decl(col, MW_DBMS_SQLITE, "VARCHAR(255) DEFAULT 'C:\\Temp ''x''' NOT NULL");
}
END_TEST

/* C, D: PostgreSQL mwtimestamp defaults go through ConvertibleTimestamp. */
START_TEST(test_cd_timestamp_defaults)
{
	ck_decl("{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":"
		"\"00000000000000\"}}", MW_DBMS_POSTGRES,
		"TIMESTAMPTZ DEFAULT '-0001-11-30 00:00:00+00'  NOT NULL");
	ck_decl("{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":"
		"\"2001-01-15T00:00:00Z\"}}", MW_DBMS_POSTGRES,
		"TIMESTAMPTZ DEFAULT '2001-01-15 00:00:00+00'  NOT NULL");
	/* elsewhere the value is a plain string */
	ck_decl("{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":"
		"\"00000000000000\"}}", MW_DBMS_MYSQL,
		"BINARY(14) DEFAULT '00000000000000' NOT NULL");
	/* falsy values are not converted; 'infinity' only with allowInfinite */
	ck_decl("{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":\"0\"}}",
		MW_DBMS_POSTGRES, "TIMESTAMPTZ DEFAULT '0' NOT NULL");
	ck_decl("{\"name\":\"a\",\"type\":\"mwtimestamp\",\"options\":{\"default\":true}}",
		MW_DBMS_POSTGRES, "TIMESTAMPTZ DEFAULT '1970-01-01 00:00:01+00'  NOT NULL");
}
END_TEST

#define DT(n, bag) "{\"name\":\"" n "\",\"type\":\"datetimetz\",\"options\":{\"" bag \
		   "\":{\"version\":true}}}"

/* E: CREATE and the comparator read `version` from PlatformOptions only. */
START_TEST(test_e_version_bags)
{
	const char *schema = "[{\"name\":\"t\",\"columns\":[" DT("t_a", "PlatformOptions") ","
			     DT("t_b", "CustomSchemaOptions") "],\"indexes\":[]}]";
	const char *change = "{\"before\":{\"name\":\"t\",\"columns\":[" DT("t_a", "PlatformOptions")
			     "," DT("t_b", "CustomSchemaOptions") "],\"indexes\":[]},\"after\":{"
			     "\"name\":\"t\",\"columns\":[" DT("t_a", "CustomSchemaOptions") ","
			     DT("t_b", "CustomSchemaOptions") "," DT("t_c", "CustomSchemaOptions")
			     "],\"indexes\":[]}}";
	mw_doc *doc = load(schema);
	mw_buf out = MW_BUF_INIT;

	mw_gen_schema_raw(&out, &doc->schema, MW_DBMS_MYSQL);
	ck_assert_str_eq(mw_buf_cstr(&out), "CREATE TABLE /*_*/t (t_a TIMESTAMP NOT NULL, "
			 "t_b DATETIME NOT NULL) /*$wgDBTableOptions*/;");
	/* moving the option is a change; ADD and CHANGE see both bags */
	ck_change(change, MW_DBMS_MYSQL, "ALTER TABLE /*_*/t ADD t_c TIMESTAMP NOT NULL, "
		  "CHANGE t_a t_a TIMESTAMP NOT NULL;");
	mw_buf_release(&out);
	mw_doc_free(doc);
}
END_TEST

#define BOTH_BAGS "{\"name\":\"t_d\",\"type\":\"datetimetz\",\"options\":{\"PlatformOptions\":" \
		  "{\"version\":true},\"CustomSchemaOptions\":{\"version\":false}}}"

/* E, both bags spelt: CREATE reads PlatformOptions, ALTER the merge (the older bag wins). */
START_TEST(test_e_version_in_both_bags)
{
	const char *schema = "[{\"name\":\"t\",\"columns\":[" BOTH_BAGS "],\"indexes\":[]}]";
	const char *change = "{\"before\":{\"name\":\"t\",\"columns\":[" INT_COL("t_a") "],"
			     "\"indexes\":[]},\"after\":{\"name\":\"t\",\"columns\":[" INT_COL("t_a")
			     "," BOTH_BAGS "],\"indexes\":[]}}";
	mw_doc *doc = load(schema);
	mw_buf out = MW_BUF_INIT;

	mw_gen_schema_raw(&out, &doc->schema, MW_DBMS_MYSQL);
	ck_assert_str_eq(mw_buf_cstr(&out), "CREATE TABLE /*_*/t (t_d TIMESTAMP NOT NULL) "
			 "/*$wgDBTableOptions*/;");
	ck_change(change, MW_DBMS_MYSQL, "ALTER TABLE /*_*/t ADD t_d DATETIME NOT NULL;");
	mw_buf_release(&out);
	mw_doc_free(doc);
}
END_TEST

/* F: MySQL's BINARY and VARBINARY share one 65535 limit. */
START_TEST(test_f_fixed_binary)
{
	ck_decl("{\"name\":\"a\",\"type\":\"binary\",\"options\":{\"length\":767,\"fixed\":true}}",
		MW_DBMS_MYSQL, "BINARY(767) NOT NULL");
	ck_decl("{\"name\":\"a\",\"type\":\"binary\",\"options\":{\"length\":65536,\"fixed\":true}}",
		MW_DBMS_MYSQL, "MEDIUMBLOB NOT NULL");
	/* and PostgreSQL's VARCHAR limit is DBAL's 65535 */
	ck_decl("{\"name\":\"a\",\"type\":\"string\",\"options\":{\"length\":65536}}",
		MW_DBMS_POSTGRES, "TEXT NOT NULL");
}
END_TEST

#define G_BEFORE "{\"name\":\"t\",\"columns\":[{\"name\":\"t_id\",\"type\":\"bigint\",\"options\":" \
		 "{\"unsigned\":true,\"autoincrement\":true}}," INT_COL("t_a") "," INT_COL("t_b") \
		 "],\"indexes\":[{\"name\":\"t_a\",\"columns\":[\"t_a\"],\"unique\":false}]," \
		 "\"pk\":[\"t_id\"]}"
#define G_INDEX "[{\"name\":\"t_a2\",\"columns\":[\"t_a\"],\"unique\":true}]"

/*
 * G: the auto-increment column leaving the primary key loses the attribute
 * after the paired index changes; one staying in it loses it before them.
 */
START_TEST(test_g_pk_change_order)
{
	const char *leaves = "{\"before\":" G_BEFORE ",\"after\":{\"name\":\"t\",\"columns\":["
			     INT_COL("t_a") "," INT_COL("t_b") "],\"indexes\":" G_INDEX ","
			     "\"pk\":[\"t_a\",\"t_b\"]}}";
	const char *stays = "{\"before\":" G_BEFORE ",\"after\":{\"name\":\"t\",\"columns\":["
			    "{\"name\":\"t_id\",\"type\":\"bigint\",\"options\":{\"unsigned\":true,"
			    "\"autoincrement\":true}}," INT_COL("t_a") "," INT_COL("t_b") "],"
			    "\"indexes\":" G_INDEX ",\"pk\":[\"t_id\",\"t_b\"]}}";

	ck_change(leaves, MW_DBMS_MYSQL,
		  "ALTER TABLE /*_*/t DROP INDEX t_a, ADD UNIQUE INDEX t_a2 (t_a);\n\n"
		  "ALTER TABLE /*_*/t MODIFY t_id BIGINT UNSIGNED NOT NULL;\n\n"
		  "DROP INDEX `primary` ON /*_*/t;\n\n"
		  "ALTER TABLE /*_*/t DROP t_id;\n\n"
		  "ALTER TABLE /*_*/t ADD PRIMARY KEY (t_a, t_b);");
	ck_change(stays, MW_DBMS_MYSQL,
		  "ALTER TABLE /*_*/t MODIFY t_id BIGINT UNSIGNED NOT NULL;\n\n"
		  "ALTER TABLE /*_*/t DROP INDEX t_a, ADD UNIQUE INDEX t_a2 (t_a);\n\n"
		  "DROP INDEX `primary` ON /*_*/t;\n\n"
		  "ALTER TABLE /*_*/t ADD PRIMARY KEY (t_id, t_b);");
}
END_TEST

/*
 * MediaWiki's timestamp default ends in a space (" DEFAULT '...' "): only
 * visible where an earlier backslash-escaped quote left the printer inside
 * a string, as here on PostgreSQL.
 */
START_TEST(test_timestamp_default_space)
{
	const char *json = "{\"before\":{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":"
			   "\"text\",\"options\":{}},{\"name\":\"b\",\"type\":\"mwtimestamp\","
			   "\"options\":{}}],\"indexes\":[]},\"after\":{\"name\":\"t\",\"columns\":["
			   "{\"name\":\"a\",\"type\":\"text\",\"options\":{\"default\":\"a\\\\'b\"}},"
			   "{\"name\":\"b\",\"type\":\"mwtimestamp\",\"options\":{\"default\":"
			   "\"19700101000001\"}}],\"indexes\":[]}}";
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	mw_gen_change(&out, doc->change.before, doc->change.after, MW_DBMS_POSTGRES, "x", 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "SET DEFAULT ' 1970 - 01 - 01 00 :00 :01 + 00 ' ;\n"));
	mw_buf_release(&out);
	mw_doc_free(doc);
}
END_TEST

/* MediaWiki's CREATE TYPE starts with two newlines: kept inside an open string. */
START_TEST(test_enum_type_newlines)
{
	const char *json = "[{\"name\":\"w\",\"columns\":[{\"name\":\"a\",\"type\":\"string\","
			   "\"options\":{\"default\":\"say \\\\\"}}],\"indexes\":[]},{\"name\":\"c\","
			   "\"columns\":[{\"name\":\"e\",\"type\":\"mwenum\",\"options\":{\"fixed\":true,"
			   "\"PlatformOptions\":{\"enum_values\":[\"x\"]}}}],\"indexes\":[]}]";
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	mw_gen_schema(&out, &doc->schema, MW_DBMS_POSTGRES, "x", MW_GEN_NO_HEADER);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "NOT NULL);\n\n\n\nCREATE TYPE E_ENUM"));
	mw_buf_release(&out);
	mw_doc_free(doc);
}
END_TEST

/* DBAL writes CURRENT_TIMESTAMP unquoted for date-time columns. */
START_TEST(test_current_timestamp)
{
	const char *col = "{\"name\":\"a\",\"type\":\"datetimetz\",\"options\":{\"default\":"
			  "\"CURRENT_TIMESTAMP\"}}";

	ck_decl(col, MW_DBMS_MYSQL, "DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL");
	ck_decl(col, MW_DBMS_POSTGRES, "TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP NOT NULL");
	ck_decl(col, MW_DBMS_SQLITE, "DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL");
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("gen_rules");
	TCase *tc = tcase_create("dbal");

	tcase_add_test(tc, test_a_pkey_of_reserved_table);
	tcase_add_test(tc, test_b_backslashes);
	tcase_add_test(tc, test_cd_timestamp_defaults);
	tcase_add_test(tc, test_e_version_bags);
	tcase_add_test(tc, test_e_version_in_both_bags);
	tcase_add_test(tc, test_f_fixed_binary);
	tcase_add_test(tc, test_g_pk_change_order);
	tcase_add_test(tc, test_current_timestamp);
	tcase_add_test(tc, test_timestamp_default_space);
	tcase_add_test(tc, test_enum_type_newlines);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(rules_suite());
}
