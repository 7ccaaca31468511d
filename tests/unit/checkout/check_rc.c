/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rc files: commands, quoting, comments, errors as file:line, source, and
 * the standard locations (XDG config, .mwschemarc at the repository root).
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/rc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/scratch.h"

static mw_rc *
load(const char *text, mw_diags *diags)
{
	mw_rc *rc = mw_rc_new();

	ck_assert_int_eq(mw_rc_load_string(rc, text, strlen(text), "t.rc", diags), 0);
	return rc;
}

START_TEST(test_commands)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_rc *rc = load("# a comment\n"
			 "set schema-dir = sql\n"
			 "  set\ttitle = \"two words\"   # trailing comment\n"
			 "set quoted = 'a # b' \"c\\\"d\"\n"
			 "set compact=yes\n"
			 "set empty = \"\"\n"
			 "set schema-dir = sql/abstract\n"
			 "bind generic q quit now\n"
			 "color diff-add green default bold underline\n"
			 "lint-ignore no-enum 'sql/a b/*.json'\n"
			 "\n",
			 &diags);
	const mw_rc_entry *e;

	ck_assert_uint_eq(diags.n, 0);
	ck_assert_str_eq(mw_rc_get(rc, "schema-dir"), "sql/abstract");
	ck_assert_int_eq(mw_rc_get_entry(rc, "schema-dir")->line, 7);
	ck_assert_str_eq(mw_rc_get(rc, "title"), "two words");
	ck_assert_str_eq(mw_rc_get(rc, "quoted"), "a # b c\"d");
	ck_assert_str_eq(mw_rc_get(rc, "compact"), "yes");
	ck_assert_str_eq(mw_rc_get(rc, "empty"), "");
	ck_assert_ptr_null(mw_rc_get(rc, "missing"));
	ck_assert_uint_eq(mw_rc_count(rc), 9);
	e = mw_rc_entry_at(rc, 6);
	ck_assert_int_eq(e->cmd, MW_RC_BIND);
	ck_assert_uint_eq(e->argc, 3);
	ck_assert_str_eq(e->argv[2], "quit now");
	e = mw_rc_entry_at(rc, 7);
	ck_assert_int_eq(e->cmd, MW_RC_COLOR);
	ck_assert_uint_eq(e->argc, 5);
	ck_assert_str_eq(e->argv[4], "underline");
	e = mw_rc_entry_at(rc, 8);
	ck_assert_int_eq(e->cmd, MW_RC_LINT_IGNORE);
	ck_assert_str_eq(e->argv[1], "sql/a b/*.json");
	ck_assert_str_eq(e->file, "t.rc");
	ck_assert_int_eq(e->line, 10);
	mw_rc_set(rc, "schema-dir", "x");
	ck_assert_str_eq(mw_rc_get(rc, "schema-dir"), "x");
	ck_assert_ptr_null(mw_rc_entry_at(rc, 99));
	mw_rc_free(rc);
}
END_TEST

START_TEST(test_errors)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_rc *rc = load("set a = 1\n"
			 "set b\n"
			 "frobnicate x\n"
			 "bind generic q\n"
			 "color x red\n"
			 "lint-ignore only-rule\n"
			 "set c = \"unterminated\n"
			 "source\n"
			 "source does-not-exist.rc\n"
			 "set d = 4\n",
			 &diags);

	ck_assert_uint_eq(diags.n, 8);
	for (size_t i = 0; i < diags.n; i++) {
		ck_assert_str_eq(diags.items[i].file, "t.rc");
		ck_assert_int_eq(diags.items[i].line, (int)i + 2);
	}
	ck_assert_ptr_nonnull(strstr(diags.items[1].message, "unknown command"));
	ck_assert_ptr_nonnull(strstr(diags.items[5].message, "unterminated"));
	ck_assert_ptr_nonnull(strstr(diags.items[7].message, "cannot be read"));
	/* nothing from the line itself is repeated */
	ck_assert_ptr_null(strstr(diags.items[7].message, "does-not-exist"));
	ck_assert_ptr_null(strstr(diags.items[1].message, "frobnicate"));
	ck_assert_str_eq(mw_rc_get(rc, "a"), "1");
	ck_assert_str_eq(mw_rc_get(rc, "d"), "4");
	ck_assert_ptr_null(mw_rc_get(rc, "c"));
	mw_diags_free(&diags);
	mw_rc_free(rc);
}
END_TEST

static char tmpdir[] = "/tmp/check_rc.XXXXXX";

START_TEST(test_files)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_rc *rc = mw_rc_new();
	char *xdg, *sub, *root, *main_rc;

	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	scratch_write(tmpdir, "xdg/mwschema/config", "set who = user\nset lint.no-enum = off\n");
	scratch_write(tmpdir, "repo/.git/HEAD", "ref: refs/heads/main\n");
	scratch_write(tmpdir, "repo/.mwschemarc", "set who = repo\nsource themes/dark.rc\n");
	scratch_write(tmpdir, "repo/themes/dark.rc", "color default white black\nsource loop.rc\n");
	scratch_write(tmpdir, "repo/themes/loop.rc", "source loop.rc\n");
	scratch_write(tmpdir, "repo/sql/x.json", "[]");
	xdg = mw_path_join(tmpdir, "xdg");
	sub = mw_path_join(tmpdir, "repo/sql");
	setenv("XDG_CONFIG_HOME", xdg, 1);

	root = mw_rc_find_repo_root(sub);
	ck_assert_ptr_nonnull(root);
	ck_assert_ptr_nonnull(strstr(root, "/repo"));
	ck_assert_int_eq(mw_rc_load_default(rc, sub, &diags), 0);
	ck_assert_str_eq(mw_rc_get(rc, "who"), "repo");
	ck_assert_str_eq(mw_rc_get(rc, "lint.no-enum"), "off");
	ck_assert_int_eq(mw_rc_entry_at(rc, 3)->cmd, MW_RC_COLOR);
	ck_assert_ptr_nonnull(strstr(mw_rc_entry_at(rc, 3)->file, "themes/dark.rc"));
	/* the self-sourcing file is not read again, with one message */
	ck_assert_uint_eq(diags.n, 1);
	ck_assert_ptr_nonnull(strstr(diags.items[0].message, "cycle"));
	ck_assert_ptr_nonnull(strstr(diags.items[0].file, "loop.rc"));
	ck_assert_int_eq(diags.items[0].line, 1);

	main_rc = mw_path_join(tmpdir, "nothing-here");
	ck_assert_int_eq(mw_rc_load_file(rc, main_rc, &diags), -1);
	ck_assert_uint_eq(diags.n, 2);
	free(main_rc);
	free(root);
	free(xdg);
	free(sub);
	mw_diags_free(&diags);
	mw_rc_free(rc);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rc");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_files);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
