/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table edits: what each gives, that the input table is never touched (the
 * editor keeps it for undo), and the refusals with the JSON pointer of the
 * part of the request at fault (the editor's forms place errors by it);
 * and mw_strv_equal, which the model, the diff and the merge compare keys by.
 */
#include <config.h>

#include "mwschema/edit.h"
#include "mwschema/json.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

/* Literals for the char * fields of model records built in tests. */
#define S(lit) ((char *)(lit))

static const char schema_text[] =
	"[\n"
	"\t{\n\t\t\"name\": \"page\",\n\t\t\"columns\": [\n"
	"\t\t\t{ \"name\": \"page_id\", \"type\": \"integer\", \"options\": { \"autoincrement\": true } },\n"
	"\t\t\t{ \"name\": \"page_title\", \"type\": \"binary\", \"options\": { \"length\": 255 } },\n"
	"\t\t\t{ \"name\": \"page_len\", \"type\": \"integer\", \"options\": { \"unsigned\": true } }\n"
	"\t\t],\n\t\t\"indexes\": [\n"
	"\t\t\t{ \"name\": \"page_name\", \"columns\": [ \"page_title\" ], \"unique\": true },\n"
	"\t\t\t{ \"name\": \"page_len_idx\", \"columns\": [ \"page_len\" ], \"unique\": false }\n"
	"\t\t],\n\t\t\"pk\": [ \"page_id\" ]\n\t},\n"
	"\t{\n\t\t\"name\": \"user\",\n\t\t\"columns\": [\n"
	"\t\t\t{ \"name\": \"user_id\", \"type\": \"integer\", \"options\": {} }\n"
	"\t\t],\n\t\t\"indexes\": [],\n\t\t\"pk\": [ \"user_id\" ]\n\t}\n"
	"]\n";

static mw_doc *doc;
static mw_table *orig;
static mw_diags errs;

static void
setup(void)
{
	mw_diags d = MW_DIAGS_INIT;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, schema_text, strlen(schema_text), "s.json", &d),
			 0);
	mw_diags_free(&d);
	orig = mw_table_dup(&doc->schema.tables[0]);
	memset(&errs, 0, sizeof(errs));
}

static void
teardown(void)
{
	/* No edit, accepted or refused, touches the table it was given. */
	ck_assert(mw_table_equal(orig, &doc->schema.tables[0]));
	mw_table_free(orig);
	mw_doc_free(doc);
	mw_diags_free(&errs);
}

static const mw_table *
page(void)
{
	return &doc->schema.tables[0];
}

/* An accepted edit: *t is its result, which the caller frees. */
static void
ok(int rc, mw_table *const *t)
{
	ck_assert_msg(rc == 0, "edit refused: %s", errs.n ? errs.items[0].message : "?");
	ck_assert_ptr_nonnull(*t);
	ck_assert_uint_eq(errs.n, 0);
}

static void
refused(int rc, const mw_table *t, const char *path, const char *message)
{
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_null(t);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_int_eq(errs.items[0].severity, MW_SEV_ERROR);
	ck_assert_str_eq(errs.items[0].path, path);
	ck_assert_str_eq(errs.items[0].message, message);
	mw_diags_clear(&errs);
}

START_TEST(test_rename_column_follows_indexes_and_pk)
{
	mw_table *a, *b;

	ok(mw_edit_rename_column(&a, page(), "page_title", "page_name", &errs), &a);
	ck_assert_ptr_nonnull(mw_table_column(a, "page_name"));
	ck_assert_str_eq(a->indexes[0].columns[0], "page_name");
	ok(mw_edit_rename_column(&b, a, "page_id", "page_key", &errs), &b);
	ck_assert_str_eq(b->pk[0], "page_key");
	ck_assert_str_eq(a->pk[0], "page_id");
	mw_table_free(a);
	mw_table_free(b);
}
END_TEST

START_TEST(test_columns_indexes_and_key)
{
	mw_column c = { .name = S("page_touched"), .type = MW_T_MWTIMESTAMP, .notnull = true,
			.precision = 10 };
	char *cols[] = { S("page_touched"), S("page_len") };
	mw_index ix = { .name = S("page_touched_len"), .columns = cols, .ncolumns = 2 };
	mw_table *t, *u;

	ok(mw_edit_add_column(&t, page(), &c, 1, &errs), &t);
	ck_assert_str_eq(t->columns[1].name, "page_touched");
	ok(mw_edit_add_index(&u, t, &ix, &errs), &u);
	ck_assert_str_eq(u->indexes[2].name, "page_touched_len");
	mw_table_free(t);
	ok(mw_edit_set_pk(&t, u, cols, 1, &errs), &t);
	ck_assert_uint_eq(t->npk, 1);
	ck_assert_str_eq(t->pk[0], "page_touched");
	mw_table_free(u);
	ok(mw_edit_drop_index(&u, t, "page_name", &errs), &u);
	ck_assert_ptr_null(mw_table_index(u, "page_name"));
	mw_table_free(t);
	ok(mw_edit_drop_column(&t, u, "page_title", &errs), &t);
	ck_assert_ptr_null(mw_table_column(t, "page_title"));
	mw_table_free(t);
	mw_table_free(u);
}
END_TEST

/* A modified index keeps its place, so the JSON diff stays one hunk. */
START_TEST(test_modify_and_rename_index_in_place)
{
	char *cols[] = { S("page_title"), S("page_len") };
	mw_index ix = { .name = S("page_name"), .columns = cols, .ncolumns = 2, .unique = true };
	mw_table *t;

	ok(mw_edit_modify_index(&t, page(), "page_name", &ix, &errs), &t);
	ck_assert_str_eq(t->indexes[0].name, "page_name");
	ck_assert_uint_eq(t->indexes[0].ncolumns, 2);
	ck_assert_str_eq(t->indexes[1].name, "page_len_idx");
	mw_table_free(t);
	ix.name = S("page_title_len");
	ok(mw_edit_modify_index(&t, page(), "page_name", &ix, &errs), &t);
	ck_assert_str_eq(t->indexes[0].name, "page_title_len");
	mw_table_free(t);
	ok(mw_edit_rename_index(&t, page(), "page_len_idx", "page_len_2", &errs), &t);
	ck_assert_str_eq(t->indexes[1].name, "page_len_2");
	ck_assert_str_eq(t->indexes[1].columns[0], "page_len");
	mw_table_free(t);
}
END_TEST

START_TEST(test_modify_column)
{
	mw_column c;
	mw_table *t;

	mw_column_copy(&c, mw_table_column(page(), "page_len"));
	c.type = MW_T_BIGINT;
	ok(mw_edit_modify_column(&t, page(), "page_len", &c, &errs), &t);
	ck_assert_int_eq(mw_table_column(t, "page_len")->type, MW_T_BIGINT);
	ck_assert_int_eq(mw_table_column(page(), "page_len")->type, MW_T_INTEGER);
	mw_table_free(t);
	mw_column_clear(&c);
}
END_TEST

START_TEST(test_refusals_name_the_field)
{
	mw_column c = { .name = S("page_len"), .type = MW_T_INTEGER, .precision = 10 };
	char *bad[] = { S("nope") }, *twice[] = { S("page_id"), S("page_id") };
	char long_name[MW_NAME_MAX + 2];
	mw_index ix = { .name = S("x"), .columns = bad, .ncolumns = 1 };
	mw_table *t = NULL;

	refused(mw_edit_add_column(&t, page(), &c, -1, &errs), t, "/columns/3/name",
		"table \"page\" already has a column \"page_len\"");
	c.name = S("bad name");
	refused(mw_edit_add_column(&t, page(), &c, 0, &errs), t, "/columns/0/name",
		"invalid column name \"bad name\": use letters, digits and _");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = 0;
	c.name = long_name;
	refused(mw_edit_modify_column(&t, page(), "page_len", &c, &errs), t, "/columns/2/name",
		"column name \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is "
		"longer than 63 characters");
	c.name = S("page_x");
	c.type = MW_T__COUNT;
	refused(mw_edit_add_column(&t, page(), &c, -1, &errs), t, "/columns/3/type",
		"column \"page_x\" has no valid type");
	refused(mw_edit_drop_column(&t, page(), "page_title", &errs), t, "/indexes/0",
		"column \"page_title\" is used by index \"page_name\"; drop or change the index "
		"first");
	refused(mw_edit_drop_column(&t, page(), "page_id", &errs), t, "/pk/0",
		"column \"page_id\" is part of the primary key; change the primary key first");
	refused(mw_edit_drop_column(&t, &doc->schema.tables[1], "user_id", &errs), t,
		"/columns/0", "cannot drop \"user_id\": a table needs at least one column; drop "
		"the table instead");
	refused(mw_edit_rename_column(&t, page(), "page_id", "page_len", &errs), t,
		"/columns/0/name", "table \"page\" already has a column \"page_len\"");
	refused(mw_edit_add_index(&t, page(), &ix, &errs), t, "/indexes/2/columns/0",
		"index \"x\" names unknown column \"nope\" of table \"page\"");
	ix.ncolumns = 0;
	refused(mw_edit_add_index(&t, page(), &ix, &errs), t, "/indexes/2/columns",
		"index \"x\" needs at least one column");
	refused(mw_edit_rename_index(&t, page(), "page_len_idx", "page_name", &errs), t,
		"/indexes/1/name", "table \"page\" already has an index \"page_name\"");
	refused(mw_edit_rename_index(&t, page(), "nope", "y", &errs), t, "/indexes",
		"table \"page\" has no index \"nope\"");
	refused(mw_edit_set_pk(&t, page(), twice, 2, &errs), t, "/pk/1",
		"the primary key lists column \"page_id\" twice");
}
END_TEST

START_TEST(test_new_table)
{
	mw_column c = { .name = S("user_id"), .type = MW_T_INTEGER, .precision = 10 };
	char *key[] = { S("user_key") };
	mw_table t = { .name = S("user"), .columns = &c, .ncolumns = 1 };

	refused(mw_edit_check_new_table(&doc->schema, &t, &errs), NULL, "/name",
		"a table named \"user\" already exists");
	t.name = S("user2");
	ck_assert_int_eq(mw_edit_check_new_table(&doc->schema, &t, &errs), 0);
	t.pk = key;
	t.npk = 1;
	refused(mw_edit_check_new_table(&doc->schema, &t, &errs), NULL, "/pk/0",
		"the primary key names unknown column \"user_key\" of table \"user2\"");
	c.name = S("");
	refused(mw_edit_check_new_table(&doc->schema, &t, &errs), NULL, "/columns/0/name",
		"the column name is empty");
}
END_TEST

START_TEST(test_strv_equal)
{
	char *a[] = { S("x"), S("y") }, *b[] = { S("x"), S("y") }, *c[] = { S("y"), S("x") };
	char *n[] = { NULL, S("y") };

	ck_assert(mw_strv_equal(a, 2, b, 2));
	ck_assert(mw_strv_equal(a, 0, c, 0));
	ck_assert(!mw_strv_equal(a, 2, c, 2));
	ck_assert(!mw_strv_equal(a, 2, b, 1));
	ck_assert(!mw_strv_equal(a, 2, n, 2));
	ck_assert(mw_strv_equal(n, 2, n, 2));
}
END_TEST

static Suite *
edit_suite(void)
{
	Suite *s = suite_create("edit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rename_column_follows_indexes_and_pk);
	tcase_add_test(tc, test_columns_indexes_and_key);
	tcase_add_test(tc, test_modify_and_rename_index_in_place);
	tcase_add_test(tc, test_modify_column);
	tcase_add_test(tc, test_refusals_name_the_field);
	tcase_add_test(tc, test_new_table);
	tcase_add_test(tc, test_strv_equal);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(edit_suite());
}
