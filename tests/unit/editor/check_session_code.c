/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's Policy findings against the checkout's code: dropping a
 * column the PHP uses shows each use (code-still-uses) as the edit is made,
 * and editing the PHP on disk updates them at the next keystroke.
 */
#include <config.h>

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "editor/session.h"
#include "mwschema/edit.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "tests/scratch.h"

static char repo[256];

/* The code-still-uses fixture as an extension checkout, with widget in sql/tables.json. */
static void
setup(void)
{
	const char *src = getenv("top_srcdir");
	char *fix = mw_strdupf("%s/tests/data/lint/code-still-uses", src ? src : ".");
	char *home;

	scratch_mkdtemp(repo, sizeof(repo), "mwcode");
	home = mw_path_join(repo, ".home");
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", home, 1);
	sh("cp -R '%s/includes' '%s/tests' '%s/extension.json' '%s/' && mkdir -p '%s/sql' '%s' && "
	   "python3 -c 'import json,sys; json.dump([json.load(open(sys.argv[1]))[\"before\"]], "
	   "open(sys.argv[2], \"w\"), indent=\"\\t\")' '%s/fail.json' '%s/sql/tables.json'",
	   fix, fix, fix, repo, repo, home, fix, repo);
	free(home);
	free(fix);
}

static void
teardown(void)
{
	sh("rm -rf '%s'", repo);
}

static size_t
count_uses(const struct session *s, const char *file_prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < s->findings.n; i++) {
		const mw_diag *d = &s->findings.items[i];

		if (d->rule && !strcmp(d->rule, "code-still-uses") &&
		    !strncmp(d->file, file_prefix, strlen(file_prefix)))
			n++;
	}
	return n;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

START_TEST(test_policy_sees_the_code)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;
	const mw_table *t;
	mw_table *after, *no_index;
	mw_diags diags = MW_DIAGS_INIT;
	char *php;
	double t0, first, again;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_uint_eq(count_uses(s, ""), 0);
	ck_assert_ptr_nonnull(t = session_edit_target(s, 0, &err));
	ck_assert_int_eq(mw_edit_drop_index(&no_index, t, "wd_name_idx", &diags), 0);
	ck_assert_int_eq(mw_edit_drop_column(&after, no_index, "wd_name", &diags), 0);
	mw_table_free(no_index);
	t0 = now_ms();
	session_edit_apply(s, 0, after);	/* indexes the checkout, then lints */
	first = now_ms() - t0;
	/* wd_name five times, its index twice */
	ck_assert_uint_eq(count_uses(s, "includes/WidgetStore.php"), 7);
	ck_assert_uint_eq(count_uses(s, "tests/"), 1);
	/* the PHP changes on disk: the next update sees it */
	php = mw_path_join(repo, "includes/WidgetStore.php");
	sh("sed -i 's/wd_name/wd_title/g' '%s'", php);	/* the index too: wd_title_idx */
	t0 = now_ms();
	session_update(s);
	again = now_ms() - t0;
	ck_assert_uint_eq(count_uses(s, "includes/WidgetStore.php"), 0);
	ck_assert_uint_eq(count_uses(s, "tests/"), 1);
	printf("session update: %.2f ms with the first index, %.2f ms after a PHP edit\n", first,
	       again);
	free(php);
	session_free(s);
	mw_buf_release(&err);
	mw_diags_free(&diags);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("session_code");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_policy_sees_the_code);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
