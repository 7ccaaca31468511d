/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The three-way table merge behind "merge your edit on top": what each side
 * changed survives, the order follows theirs with our additions after their
 * neighbours, and an element both changed differently is a named conflict.
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "editor/merge.h"
#include "mwschema/json.h"

#define COL(n) "{\"name\":\"" n "\",\"type\":\"integer\",\"options\":{\"notnull\":true}}"
#define COLC(n, c) "{\"name\":\"" n "\",\"comment\":\"" c "\",\"type\":\"integer\"," \
	"\"options\":{\"notnull\":true}}"
#define IX(n, c) "{\"name\":\"" n "\",\"columns\":[\"" c "\"],\"unique\":false}"

static mw_table *
table(const char *columns, const char *indexes, const char *pk)
{
	char *json = mw_strdupf("{\"name\":\"t\",\"columns\":[%s],\"indexes\":[%s],\"pk\":[%s]}",
				columns, indexes, pk);
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	mw_table *t;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "t.json", &diags), 0);
	t = mw_table_dup(&doc->schema.tables[0]);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	free(json);
	return t;
}

static char *
column_names(const mw_table *t)
{
	mw_buf out = MW_BUF_INIT;

	for (size_t i = 0; i < t->ncolumns; i++)
		mw_buf_addf(&out, "%s%s", i ? " " : "", t->columns[i].name);
	return mw_buf_detach(&out);
}

START_TEST(both_add_columns)
{
	mw_table *base = table(COL("a") "," COL("b"), "", "\"a\"");
	mw_table *mine = table(COL("a") "," COL("m") "," COL("b"), "", "\"a\"");
	mw_table *theirs = table(COL("a") "," COL("b") "," COL("t"), IX("t_b", "b"), "\"a\"");
	mw_table *out;
	mw_buf err = MW_BUF_INIT;
	char *names;

	ck_assert_int_eq(table_merge3(&out, base, mine, theirs, &err), 0);
	names = column_names(out);
	ck_assert_str_eq(names, "a m b t");
	ck_assert_uint_eq(out->nindexes, 1);
	free(names);
	mw_table_free(out);
	mw_table_free(base);
	mw_table_free(mine);
	mw_table_free(theirs);
	mw_buf_release(&err);
}
END_TEST

START_TEST(one_side_changes)
{
	mw_table *base = table(COL("a") "," COL("b"), "", "\"a\"");
	mw_table *mine = table(COL("a") "," COLC("b", "mine"), "", "\"a\"");
	mw_table *theirs = table(COL("a"), "", "\"a\"");
	mw_table *same = table(COL("a") "," COLC("b", "mine"), "", "\"a\"");
	mw_table *pk = table(COL("a") "," COL("b"), "", "\"a\",\"b\"");
	mw_table *out;
	mw_buf err = MW_BUF_INIT;

	/* Changed here, dropped there: a conflict. */
	ck_assert_int_eq(table_merge3(&out, base, mine, theirs, &err), -1);
	ck_assert_str_eq(mw_buf_cstr(&err), "column 'b' was changed both in the editor and on disk");
	/* The same change on both sides is no conflict. */
	ck_assert_int_eq(table_merge3(&out, base, mine, same, &err), 0);
	ck_assert_str_eq(mw_table_column(out, "b")->comment, "mine");
	mw_table_free(out);
	/* Their primary key and our comment both survive. */
	ck_assert_int_eq(table_merge3(&out, base, mine, pk, &err), 0);
	ck_assert_uint_eq(out->npk, 2);
	ck_assert_str_eq(mw_table_column(out, "b")->comment, "mine");
	mw_table_free(out);
	/* Rebasing a change's before: its own differences win. */
	ck_assert_int_eq(table_rebase3(&out, base, mine, theirs), 0);
	ck_assert_str_eq(mw_table_column(out, "b")->comment, "mine");
	mw_table_free(out);
	mw_table_free(base);
	mw_table_free(mine);
	mw_table_free(theirs);
	mw_table_free(same);
	mw_table_free(pk);
	mw_buf_release(&err);
}
END_TEST

START_TEST(whole_tables)
{
	mw_table *a = table(COL("a"), "", "\"a\"");
	mw_table *b = table(COL("b"), "", "\"b\"");
	mw_table *out = NULL;
	mw_buf err = MW_BUF_INIT;

	/* Created on both sides, differently. */
	ck_assert_int_eq(table_merge3(&out, NULL, a, b, &err), -1);
	ck_assert_str_eq(mw_buf_cstr(&err), "table 't' was created in the editor and created on disk");
	/* Only one side made it: that one. */
	ck_assert_int_eq(table_merge3(&out, NULL, a, NULL, &err), 0);
	ck_assert(mw_table_equal(out, a));
	mw_table_free(out);
	ck_assert_int_eq(table_merge3(&out, a, a, NULL, &err), 0);
	ck_assert_ptr_null(out);
	mw_table_free(a);
	mw_table_free(b);
	mw_buf_release(&err);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("table merge");
	TCase *tc = tcase_create("merge");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, both_add_columns);
	tcase_add_test(tc, one_side_changes);
	tcase_add_test(tc, whole_tables);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
