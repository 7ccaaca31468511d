/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The change plan: built once, it diffs and generates each platform once and
 * agrees with the generators called on their own; and the policy's change
 * names, which the editor proposes and lint accepts.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"
#include "mwschema/plan.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

static const char table_json[] =
	"{ \"name\": \"page\", \"columns\": ["
	"{ \"name\": \"page_id\", \"type\": \"integer\", \"options\": { \"unsigned\": true, "
	"\"autoincrement\": true } },"
	"{ \"name\": \"page_title\", \"type\": \"binary\", \"options\": { \"length\": 255 } },"
	"{ \"name\": \"page_is_new\", \"type\": \"mwtinyint\", \"options\": { \"default\": 0 } } ],"
	"\"indexes\": [ { \"name\": \"page_title_idx\", \"columns\": [ \"page_title\" ], \"unique\": false } ],"
	"\"pk\": [ \"page_id\" ] }";

static mw_doc *doc;

static void
setup(void)
{
	mw_diags d = MW_DIAGS_INIT;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, table_json, strlen(table_json), "t.json", &d), 0);
	mw_diags_free(&d);
}

static void
teardown(void)
{
	mw_doc_free(doc);
}

static const mw_table *
page(void)
{
	return &doc->schema.tables[0];
}

/* page without column `name` (the column must not be indexed). */
static mw_table *
without_column(const char *name)
{
	mw_table *t = mw_table_dup(page());
	long at = mw_table_column_pos(t, name);

	ck_assert_int_ge(at, 0);
	mw_column_clear(&t->columns[at]);
	memmove(&t->columns[at], &t->columns[at + 1],
		(t->ncolumns - (size_t)at - 1) * sizeof(*t->columns));
	t->ncolumns--;
	return t;
}

START_TEST(test_each_platform_once)
{
	mw_table *after = without_column("page_is_new");
	unsigned long diffs = mw_table_diff_computed(), gens = mw_gen_change_count();
	mw_change_plan plan;

	mw_change_plan_build(&plan, page(), after, "sql/abstractSchemaChanges/x.json");
	ck_assert_uint_eq(mw_table_diff_computed() - diffs, MW_DBMS__COUNT);
	ck_assert_uint_eq(mw_gen_change_count() - gens, MW_DBMS__COUNT);
	ck_assert(!mw_change_plan_is_empty(&plan));
	ck_assert_ptr_nonnull(mw_table_diff_find(&plan.summary, MW_DIFF_COLUMN_DROP));
	ck_assert(plan.has_entry);
	ck_assert_int_eq(plan.entry.verb, MW_UPD_DROP_FIELD);
	ck_assert_str_eq(plan.entry.patch, "x.sql");
	ck_assert_str_eq(plan.name, "patch-drop-page-page_is_new");
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf want = MW_BUF_INIT, got = MW_BUF_INIT;

		ck_assert_int_eq(mw_gen_change(&want, page(), after, (mw_dbms)d,
					       "sql/abstractSchemaChanges/x.json", 0), 0);
		ck_assert_str_eq(mw_buf_cstr(&plan.sql[d]), mw_buf_cstr(&want));
		mw_buf_reset(&want);
		ck_assert_int_eq(mw_gen_rollback(&want, page(), after, (mw_dbms)d,
						 "sql/abstractSchemaChanges/x.json", 0), 0);
		ck_assert_int_eq(mw_change_plan_rollback(&got, &plan, (mw_dbms)d, 0), 0);
		ck_assert_str_eq(mw_buf_cstr(&got), mw_buf_cstr(&want));
		mw_buf_release(&want);
		mw_buf_release(&got);
	}
	mw_change_plan_clear(&plan);
	mw_table_free(after);
}
END_TEST

START_TEST(test_no_change)
{
	mw_table *after = mw_table_dup(page());
	mw_change_plan plan;

	free(after->columns[1].comment);
	after->columns[1].comment = mw_xstrdup("only a comment");
	mw_change_plan_build(&plan, page(), after, NULL);
	ck_assert(mw_change_plan_is_empty(&plan));
	ck_assert_uint_eq(plan.sql[MW_DBMS_MYSQL].len, 0);
	ck_assert_str_eq(plan.entry.patch, "patch-page.sql");
	mw_change_plan_clear(&plan);
	mw_table_free(after);
}
END_TEST

START_TEST(test_names)
{
	mw_table *dropped = without_column("page_is_new"), *renamed = mw_table_dup(page());
	mw_table *pk = mw_table_dup(page());
	char *key[] = { (char *)"page_id", (char *)"page_title" };

	free(renamed->indexes[0].name);
	renamed->indexes[0].name = mw_xstrdup("page_title_new");
	mw_strv_free(pk->pk, pk->npk);
	pk->pk = mw_strv_dup(key, 2);
	pk->npk = 2;
#define NAME_IS(b, a, want) \
	do { \
		char *name = mw_change_name(b, a); \
		ck_assert_str_eq(name, want); \
		free(name); \
	} while (0)
	NAME_IS(page(), dropped, "patch-drop-page-page_is_new");
	NAME_IS(dropped, page(), "patch-page-page_is_new");
	NAME_IS(NULL, page(), "patch-page");
	NAME_IS(page(), NULL, "patch-drop-page");
	NAME_IS(page(), renamed, "patch-page-page_title_new");
	NAME_IS(page(), pk, "patch-page-pk");
#undef NAME_IS
	/* MediaWiki spells drops both ways; a drop must say so. */
	ck_assert(mw_change_name_fits("patch-drop-page-page_is_new", page(), dropped));
	ck_assert(mw_change_name_fits("patch-page-drop-page_is_new", page(), dropped));
	ck_assert(!mw_change_name_fits("patch-page-page_is_new", page(), dropped));
	ck_assert(!mw_change_name_fits("patch-pages-x", dropped, page()));
	ck_assert(mw_change_name_fits("patch-page", NULL, page()));
	ck_assert(mw_change_name_fits("patch-drop-page", page(), NULL));
	mw_table_free(dropped);
	mw_table_free(renamed);
	mw_table_free(pk);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_each_platform_once);
	tcase_add_test(tc, test_no_change);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(plan_suite());
}
