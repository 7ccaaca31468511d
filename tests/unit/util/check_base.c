/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the base helpers every module relies on: buffers,
 * diagnostics, platform names, files and the model's copy/equality.
 */
#include <config.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/fs.h"
#include "mwschema/model.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/check_main.h"

START_TEST(buf_grows_and_formats)
{
	mw_buf b = MW_BUF_INIT;

	ck_assert_str_eq(mw_buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		mw_buf_addf(&b, "%d,", i % 10);
	ck_assert_uint_eq(b.len, 2000);
	mw_buf_truncate(&b, 4);
	ck_assert_str_eq(mw_buf_cstr(&b), "0,1,");
	mw_buf_addc(&b, 'x');
	mw_buf_adds(&b, "yz");
	ck_assert_str_eq(mw_buf_cstr(&b), "0,1,xyz");
	mw_buf_reset(&b);
	ck_assert_str_eq(mw_buf_cstr(&b), "");
	mw_buf_release(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(buf_detach_gives_ownership)
{
	mw_buf b = MW_BUF_INIT;
	char *s;

	mw_buf_adds(&b, "tables.json");
	s = mw_buf_detach(&b);
	ck_assert_str_eq(s, "tables.json");
	ck_assert_uint_eq(b.len, 0);
	free(s);
	s = mw_strdupf("%s-%03d", "patch", 7);
	ck_assert_str_eq(s, "patch-007");
	free(s);
}
END_TEST

START_TEST(diag_formats_location_path_and_hint)
{
	mw_diags list = MW_DIAGS_INIT;
	mw_buf out = MW_BUF_INIT;

	mw_diags_add(&list, MW_SEV_ERROR, NULL, "sql/tables.json", 812, 14, "/31/columns/2/type",
		     "string", "unknown type \"%s\"", "varchr");
	mw_diags_add(&list, MW_SEV_WARNING, "no-enum", "a.json", 3, 0, NULL, NULL, "enum");
	mw_diag_format(&out, &list.items[0]);
	ck_assert_str_eq(mw_buf_cstr(&out), "sql/tables.json:812:14: /31/columns/2/type: "
					    "unknown type \"varchr\"\n    hint: string");
	mw_buf_reset(&out);
	mw_diag_format(&out, &list.items[1]);
	ck_assert_str_eq(mw_buf_cstr(&out), "a.json:3: warning: enum [no-enum]");
	ck_assert_uint_eq(mw_diags_count(&list, MW_SEV_WARNING), 2);
	ck_assert_uint_eq(mw_diags_count(&list, MW_SEV_ERROR), 1);
	mw_diags_sort(&list);
	ck_assert_str_eq(list.items[0].file, "a.json");
	mw_buf_release(&out);
	mw_diags_free(&list);
}
END_TEST

START_TEST(dbms_names_round_trip)
{
	mw_dbms d;

	for (int i = 0; i < MW_DBMS__COUNT; i++) {
		ck_assert(mw_dbms_from_name(mw_dbms_name((mw_dbms)i), &d));
		ck_assert_int_eq(d, i);
	}
	ck_assert(mw_dbms_from_name("MariaDB", &d));
	ck_assert_int_eq(d, MW_DBMS_MYSQL);
	ck_assert(!mw_dbms_from_name("oracle", &d));
	ck_assert_str_eq(mw_dbms_title(MW_DBMS_POSTGRES), "PostgreSQL");
}
END_TEST

START_TEST(fs_atomic_write_then_read)
{
	char dir[] = "/tmp/check_base.XXXXXX";
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	char *sub, *file;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	sub = mw_path_join(dir, "sql/mysql");
	file = mw_path_join(sub, "tables-generated.sql");
	ck_assert_int_eq(mw_mkdirs(sub, &err), 0);
	ck_assert_int_eq(mw_write_file_atomic(file, "CREATE\n", 7, &err), 0);
	ck_assert_int_eq(mw_write_file_atomic(file, "DROP\n", 5, &err), 0);
	ck_assert_int_eq(mw_read_file(&data, file, &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&data), "DROP\n");
	ck_assert(mw_file_exists(file));
	ck_assert(mw_is_dir(sub));
	ck_assert_int_eq(mw_read_file(&data, sub, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "is a directory"));
	unlink(file);
	rmdir(sub);
	*strrchr(sub, '/') = '\0';
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(file);
	mw_buf_release(&data);
	mw_buf_release(&err);
}
END_TEST

START_TEST(fs_paths_split)
{
	char *s;

	s = mw_path_basename("sql/abstractSchemaChanges/patch-x.json");
	ck_assert_str_eq(s, "patch-x.json");
	free(s);
	s = mw_path_dirname("sql/tables.json");
	ck_assert_str_eq(s, "sql");
	free(s);
	s = mw_path_dirname("tables.json");
	ck_assert_str_eq(s, ".");
	free(s);
	s = mw_path_join("sql/", "tables.json");
	ck_assert_str_eq(s, "sql/tables.json");
	free(s);
}
END_TEST

static void
make_table(mw_table *t)
{
	memset(t, 0, sizeof(*t));
	t->name = mw_xstrdup("actor");
	t->ncolumns = 2;
	t->columns = mw_xcalloc(2, sizeof(*t->columns));
	t->columns[0].name = mw_xstrdup("actor_id");
	t->columns[0].type = MW_T_BIGINT;
	t->columns[0].notnull = true;
	t->columns[0].is_unsigned = true;
	t->columns[0].autoincrement = true;
	t->columns[1].name = mw_xstrdup("actor_name");
	t->columns[1].type = MW_T_BINARY;
	t->columns[1].notnull = true;
	t->columns[1].has_length = true;
	t->columns[1].length = 255;
	t->pk = mw_xcalloc(1, sizeof(*t->pk));
	t->pk[0] = mw_xstrdup("actor_id");
	t->npk = 1;
}

START_TEST(model_copy_is_deep_and_equal)
{
	mw_table t, *copy;
	mw_type ty;

	make_table(&t);
	copy = mw_table_dup(&t);
	ck_assert(mw_table_equal(&t, copy));
	ck_assert_ptr_ne(copy->columns[1].name, t.columns[1].name);
	copy->columns[1].length = 64;
	ck_assert(!mw_table_equal(&t, copy));
	ck_assert_int_eq(mw_table_column_pos(copy, "actor_name"), 1);
	ck_assert(mw_table_in_pk(copy, "actor_id"));
	ck_assert(!mw_table_in_pk(copy, "actor_name"));
	ck_assert(mw_type_from_name("mwtimestamp", &ty));
	ck_assert_str_eq(mw_type_name(ty), "mwtimestamp");
	mw_table_free(copy);
	mw_table_clear(&t);
}
END_TEST

static Suite *
base_suite(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, buf_grows_and_formats);
	tcase_add_test(tc, buf_detach_gives_ownership);
	tcase_add_test(tc, diag_formats_location_path_and_hint);
	tcase_add_test(tc, dbms_names_round_trip);
	tcase_add_test(tc, fs_atomic_write_then_read);
	tcase_add_test(tc, fs_paths_split);
	tcase_add_test(tc, model_copy_is_deep_and_equal);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(base_suite());
}
