/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the table diff: kinds and order, per-platform visibility,
 * column and index rename detection, primary keys and the summary.
 */
#include <config.h>

#include "mwschema/diff.h"
#include "mwschema/json.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

#define COL(n, t, o) "{\"name\":\"" n "\",\"type\":\"" t "\",\"options\":{" o "}}"
#define IDX(n, c, u) "{\"name\":\"" n "\",\"columns\":[" c "],\"unique\":" u "}"
#define TABLE(name, cols, idx, pk) "{\"name\":\"" name "\",\"columns\":[" cols "]," \
				   "\"indexes\":[" idx "],\"pk\":[" pk "]}"

static mw_doc *doc;
static mw_table_diff d;

static void
diff_of(const char *before, const char *after, mw_dbms dbms)
{
	char *json = mw_strdupf("{\"before\":%s,\"after\":%s}", before, after);
	mw_diags diags = MW_DIAGS_INIT;

	mw_doc_free(doc);
	mw_table_diff_clear(&d);
	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "t.json", &diags), 0);
	if ((int)dbms == MW_DBMS__COUNT)
		mw_table_diff_summary(&d, doc->change.before, doc->change.after);
	else
		mw_table_diff_compute(&d, doc->change.before, doc->change.after, dbms);
	mw_diags_free(&diags);
	free(json);
}

static void
teardown(void)
{
	mw_table_diff_clear(&d);
	mw_doc_free(doc);
	doc = NULL;
}

/* "kind:name" items joined by spaces. */
static char *
items(void)
{
	mw_buf b = MW_BUF_INIT;

	for (size_t i = 0; i < d.nitems; i++)
		mw_buf_addf(&b, "%s%s:%s", i ? " " : "", mw_diff_kind_name(d.items[i].kind),
			    d.items[i].name);
	return mw_buf_detach(&b);
}

#define ASSERT_ITEMS(want) do { char *got_ = items(); \
	ck_assert_str_eq(got_, want); free(got_); } while (0)

START_TEST(test_column_kinds_and_order)
{
	diff_of(TABLE("t", COL("a", "integer", "") "," COL("b", "integer", "") "," COL("c", "string", ""), "", "\"a\""),
		TABLE("t", COL("a", "integer", "\"unsigned\":true") "," COL("c", "string", "") "," COL("d", "text", "") "," COL("e", "blob", ""), "", "\"a\""),
		MW_DBMS_MYSQL);
	ASSERT_ITEMS("add-column:d add-column:e drop-column:b modify-column:a");
	ck_assert(mw_table_diff_find(&d, MW_DIFF_COLUMN_MODIFY)->col_changes & MW_COLCH_UNSIGNED);
}
END_TEST

START_TEST(test_column_rename)
{
	/* One dropped column with the same declaration: a rename. */
	diff_of(TABLE("t", COL("a", "integer", "") "," COL("b", "string", "\"length\":5"), "", ""),
		TABLE("t", COL("a", "integer", "") "," COL("b2", "string", "\"length\":5"), "", ""),
		MW_DBMS_MYSQL);
	ASSERT_ITEMS("rename-column:b2");
	ck_assert_str_eq(d.items[0].old_name, "b");
	/* Two candidates: ambiguous, so drop + add. */
	diff_of(TABLE("t", COL("a", "integer", "") "," COL("b", "integer", ""), "", ""),
		TABLE("t", COL("c", "integer", ""), "", ""), MW_DBMS_MYSQL);
	ASSERT_ITEMS("add-column:c drop-column:a drop-column:b");
}
END_TEST

START_TEST(test_per_platform)
{
	const char *b = TABLE("t", COL("a", "binary", "\"length\":32"), "", "");
	const char *a = TABLE("t", COL("a", "binary", "\"length\":64"), "", "");

	diff_of(b, a, MW_DBMS_POSTGRES);
	ck_assert(mw_table_diff_is_empty(&d));
	diff_of(b, a, MW_DBMS_SQLITE);
	ck_assert(mw_table_diff_is_empty(&d));
	diff_of(b, a, MW_DBMS_MYSQL);
	ASSERT_ITEMS("modify-column:a");
	diff_of(b, a, MW_DBMS__COUNT);
	ASSERT_ITEMS("modify-column:a");
	/* mwtinyint -> smallint: nothing on SQLite, a type change elsewhere. */
	diff_of(TABLE("t", COL("a", "mwtinyint", ""), "", ""), TABLE("t", COL("a", "smallint", ""), "", ""),
		MW_DBMS_SQLITE);
	ck_assert(mw_table_diff_is_empty(&d));
	diff_of(TABLE("t", COL("a", "mwtinyint", ""), "", ""), TABLE("t", COL("a", "smallint", ""), "", ""),
		MW_DBMS_POSTGRES);
	ASSERT_ITEMS("modify-column:a");
}
END_TEST

START_TEST(test_indexes)
{
#define cols COL("a", "integer", "") "," COL("b", "integer", "")

	diff_of(TABLE("t", cols, IDX("i1", "\"a\"", "false") "," IDX("i2", "\"b\"", "false"), "\"a\""),
		TABLE("t", cols, IDX("i1", "\"a\"", "true") "," IDX("i3", "\"b\"", "false") "," IDX("i4", "\"a\",\"b\"", "false"), "\"a\",\"b\""),
		MW_DBMS_MYSQL);
	ASSERT_ITEMS("add-index:i4 modify-index:i1 modify-primary-key:primary rename-index:i3");
	ck_assert_str_eq(mw_table_diff_find(&d, MW_DIFF_INDEX_RENAME)->old_name, "i2");
	diff_of(TABLE("t", cols, "", ""), TABLE("t", cols, "", "\"a\""), MW_DBMS_MYSQL);
	ASSERT_ITEMS("add-primary-key:primary");
	diff_of(TABLE("t", cols, "", "\"a\""), TABLE("t", cols, "", ""), MW_DBMS_MYSQL);
	ASSERT_ITEMS("drop-primary-key:primary");
#undef cols
}
END_TEST

START_TEST(test_tables)
{
	const char *t = TABLE("t", COL("a", "integer", ""), "", "");

	diff_of("{}", t, MW_DBMS_MYSQL);
	ASSERT_ITEMS("create-table:t");
	diff_of(t, "{}", MW_DBMS_MYSQL);
	ASSERT_ITEMS("drop-table:t");
	diff_of(t, TABLE("u", COL("a", "integer", ""), "", ""), MW_DBMS_MYSQL);
	ASSERT_ITEMS("create-table:u drop-table:t");
}
END_TEST

static Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_column_kinds_and_order);
	tcase_add_test(tc, test_column_rename);
	tcase_add_test(tc, test_per_platform);
	tcase_add_test(tc, test_indexes);
	tcase_add_test(tc, test_tables);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(diff_suite());
}
