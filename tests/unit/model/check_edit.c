/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Model operations: validation messages, and undo / redo sequences that
 * must give back exactly the schema they started from.
 */
#include <config.h>

#include "mwschema/edit.h"
#include "mwschema/json.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Literals for the char * fields of model records built in tests. */
#define S(lit) ((char *)(lit))

static const char schema_text[] =
	"[\n"
	"\t{\n\t\t\"name\": \"page\",\n\t\t\"columns\": [\n"
	"\t\t\t{ \"name\": \"page_id\", \"type\": \"integer\", \"options\": { \"autoincrement\": true } },\n"
	"\t\t\t{ \"name\": \"page_title\", \"type\": \"binary\", \"options\": { \"length\": 255 } },\n"
	"\t\t\t{ \"name\": \"page_len\", \"type\": \"integer\", \"options\": { \"unsigned\": true } }\n"
	"\t\t],\n\t\t\"indexes\": [\n"
	"\t\t\t{ \"name\": \"page_name\", \"columns\": [ \"page_title\" ], \"unique\": true }\n"
	"\t\t],\n\t\t\"pk\": [ \"page_id\" ]\n\t},\n"
	"\t{\n\t\t\"name\": \"user\",\n\t\t\"columns\": [\n"
	"\t\t\t{ \"name\": \"user_id\", \"type\": \"integer\", \"options\": {} }\n"
	"\t\t],\n\t\t\"indexes\": [],\n\t\t\"pk\": [ \"user_id\" ]\n\t}\n"
	"]\n";

static mw_doc *doc;
static mw_buf err;
static mw_edit_log elog;

static void
setup(void)
{
	mw_diags d = MW_DIAGS_INIT;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, schema_text, strlen(schema_text), "s.json", &d),
			 0);
	mw_diags_free(&d);
	mw_buf_init(&err);
	memset(&elog, 0, sizeof(elog));
}

static void
teardown(void)
{
	mw_edit_log_free(&elog);
	mw_doc_free(doc);
	mw_buf_release(&err);
}

static mw_table *
table(const char *name)
{
	return mw_schema_table(&doc->schema, name);
}

/* Records and applies one edit through the log. */
static void
run(int rc, mw_edit *e)
{
	ck_assert_msg(rc == 0, "edit refused: %s", mw_buf_cstr(&err));
	ck_assert_int_eq(mw_edit_log_do(&elog, &doc->schema, e, &err), 0);
}

static char *
text_now(void)
{
	mw_buf out = MW_BUF_INIT;

	mw_doc_serialize(&out, doc);
	return mw_buf_detach(&out);
}

START_TEST(test_rename_column_follows_indexes_and_pk)
{
	mw_edit e;

	run(mw_edit_rename_column(&e, &doc->schema, "page", "page_title", "page_name", &err), &e);
	ck_assert_ptr_nonnull(mw_table_column(table("page"), "page_name"));
	ck_assert_str_eq(table("page")->indexes[0].columns[0], "page_name");
	run(mw_edit_rename_column(&e, &doc->schema, "page", "page_id", "page_key", &err), &e);
	ck_assert_str_eq(table("page")->pk[0], "page_key");
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	ck_assert_str_eq(table("page")->indexes[0].columns[0], "page_title");
	ck_assert_str_eq(table("page")->pk[0], "page_id");
}
END_TEST

START_TEST(test_undo_redo_sequence_restores_bytes)
{
	mw_column c = { .name = S("page_touched"), .type = MW_T_MWTIMESTAMP, .notnull = true,
			.precision = 10 };
	char *cols[] = { S("page_touched"), S("page_len") };
	mw_index ix = { .name = S("page_touched_len"), .columns = cols, .ncolumns = 2 };
	mw_table t = { .name = S("extra"), .columns = &c, .ncolumns = 1 };
	char *before = text_now(), *mid, *now;
	mw_edit e;

	run(mw_edit_add_column(&e, &doc->schema, "page", &c, 1, &err), &e);
	run(mw_edit_add_index(&e, &doc->schema, "page", &ix, &err), &e);
	run(mw_edit_rename_index(&e, &doc->schema, "page", "page_name", "page_title_uniq", &err),
	    &e);
	run(mw_edit_set_pk(&e, &doc->schema, "page", cols, 1, &err), &e);
	run(mw_edit_add_table(&e, &doc->schema, &t, 1, &err), &e);
	run(mw_edit_drop_table(&e, &doc->schema, "user", &err), &e);
	ck_assert_uint_eq(elog.n, 6);
	ck_assert_uint_eq(doc->schema.ntables, 2);
	ck_assert_str_eq(doc->schema.tables[1].name, "extra");
	ck_assert_str_eq(table("page")->columns[1].name, "page_touched");
	mid = text_now();
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), -1);
	ck_assert_str_eq(mw_buf_cstr(&err), "nothing to undo");
	now = text_now();
	ck_assert_str_eq(now, before);
	free(now);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(mw_edit_log_redo(&elog, &doc->schema, &err), 0);
	ck_assert_int_eq(mw_edit_log_redo(&elog, &doc->schema, &err), -1);
	now = text_now();
	ck_assert_str_eq(now, mid);
	free(now);
	/* a new edit after undo drops the redo tail */
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	run(mw_edit_drop_index(&e, &doc->schema, "page", "page_touched_len", &err), &e);
	ck_assert_uint_eq(elog.n, 6);
	ck_assert_int_eq(mw_edit_log_redo(&elog, &doc->schema, &err), -1);
	free(before);
	free(mid);
}
END_TEST

START_TEST(test_modify_and_drop_column)
{
	mw_column c;
	mw_edit e;

	mw_column_copy(&c, mw_table_column(table("page"), "page_len"));
	c.type = MW_T_BIGINT;
	run(mw_edit_modify_column(&e, &doc->schema, "page", "page_len", &c, &err), &e);
	ck_assert_int_eq(mw_table_column(table("page"), "page_len")->type, MW_T_BIGINT);
	run(mw_edit_drop_column(&e, &doc->schema, "page", "page_len", &err), &e);
	ck_assert_ptr_null(mw_table_column(table("page"), "page_len"));
	ck_assert_uint_eq(table("page")->ncolumns, 2);
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	ck_assert_int_eq(mw_table_column(table("page"), "page_len")->type, MW_T_BIGINT);
	ck_assert_int_eq(mw_edit_log_undo(&elog, &doc->schema, &err), 0);
	ck_assert_int_eq(mw_table_column(table("page"), "page_len")->type, MW_T_INTEGER);
	mw_column_clear(&c);
}
END_TEST

static void
expect_refused(int rc, const char *message)
{
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(mw_buf_cstr(&err), message);
}

START_TEST(test_invalid_operations_are_refused)
{
	mw_column c = { .name = S("page_len"), .type = MW_T_INTEGER, .precision = 10 };
	char *bad[] = { S("nope") }, *twice[] = { S("page_id"), S("page_id") };
	mw_index ix = { .name = S("x"), .columns = bad, .ncolumns = 1 };
	mw_table t = { .name = S("user"), .columns = &c, .ncolumns = 1 };
	mw_edit e;

	expect_refused(mw_edit_add_column(&e, &doc->schema, "page", &c, -1, &err),
		       "table \"page\" already has a column \"page_len\"");
	expect_refused(mw_edit_add_column(&e, &doc->schema, "nope", &c, -1, &err),
		       "no table named \"nope\"");
	c.name = S("bad name");
	expect_refused(mw_edit_add_column(&e, &doc->schema, "page", &c, -1, &err),
		       "invalid column name \"bad name\": use letters, digits and _");
	expect_refused(mw_edit_drop_column(&e, &doc->schema, "page", "page_title", &err),
		       "column \"page_title\" is used by index \"page_name\"; drop or change the "
		       "index first");
	expect_refused(mw_edit_drop_column(&e, &doc->schema, "page", "page_id", &err),
		       "column \"page_id\" is part of the primary key; change the primary key "
		       "first");
	expect_refused(mw_edit_drop_column(&e, &doc->schema, "user", "user_id", &err),
		       "cannot drop \"user_id\": a table needs at least one column; drop the "
		       "table instead");
	expect_refused(mw_edit_rename_column(&e, &doc->schema, "page", "page_id", "page_len",
					     &err),
		       "table \"page\" already has a column \"page_len\"");
	expect_refused(mw_edit_add_index(&e, &doc->schema, "page", &ix, &err),
		       "index \"x\" names unknown column \"nope\" of table \"page\"");
	expect_refused(mw_edit_rename_index(&e, &doc->schema, "page", "nope", "y", &err),
		       "table \"page\" has no index \"nope\"");
	expect_refused(mw_edit_set_pk(&e, &doc->schema, "page", twice, 2, &err),
		       "the primary key lists column \"page_id\" twice");
	c.name = S("user_id");
	expect_refused(mw_edit_add_table(&e, &doc->schema, &t, -1, &err),
		       "a table named \"user\" already exists");
	expect_refused(mw_edit_drop_table(&e, &doc->schema, "nope", &err),
		       "no table named \"nope\"");
	ck_assert_uint_eq(elog.n, 0);
}
END_TEST

START_TEST(test_stale_record_is_refused)
{
	mw_edit e, other;

	ck_assert_int_eq(mw_edit_rename_index(&e, &doc->schema, "page", "page_name", "pn", &err),
			 0);
	ck_assert_int_eq(mw_edit_drop_index(&other, &doc->schema, "page", "page_name", &err), 0);
	ck_assert_int_eq(mw_edit_apply(&doc->schema, &other, &err), 0);
	expect_refused(mw_edit_apply(&doc->schema, &e, &err),
		       "cannot rename index page.page_name to pn: table \"page\" changed since");
	mw_edit_clear(&e);
	mw_edit_clear(&other);
}
END_TEST

static Suite *
edit_suite(void)
{
	Suite *s = suite_create("edit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rename_column_follows_indexes_and_pk);
	tcase_add_test(tc, test_undo_redo_sequence_restores_bytes);
	tcase_add_test(tc, test_modify_and_drop_column);
	tcase_add_test(tc, test_invalid_operations_are_refused);
	tcase_add_test(tc, test_stale_record_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(edit_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
