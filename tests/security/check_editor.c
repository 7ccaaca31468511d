/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The trust boundary, part 3 (issue 14): the editor writes its change and
 * schema files only inside the checkout, whatever the table is called and
 * wherever a symbolic link in the checkout points.
 */
#include <config.h>

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/model.h"
#include "tests/scratch.h"

static char repo[256], outside[300];

/* A git copy of the demo, a directory beside it, a private HOME. */
static void
setup(void)
{
	const char *src = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
	char *home, *state;

	scratch_mkdtemp(repo, sizeof(repo), "mwtrust");
	snprintf(outside, sizeof(outside), "%s.outside", repo);
	home = mw_path_join(repo, ".home");
	state = mw_path_join(repo, ".home/state");
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	sh("cp -R '%s/demo/sql' '%s/demo/includes' '%s/' && mkdir -p '%s' '%s' && "
	   "git init -q -b main '%s' && echo .home/ > '%s/.gitignore'",
	   src, src, repo, home, outside, repo, repo);
	free(state);
	free(home);
}

static void
teardown(void)
{
	sh("rm -rf '%s' '%s'", repo, outside);
}

/* A table as the editor's form would hand it over, name unchecked. */
static mw_table *
table_named(const char *name)
{
	mw_table *t = mw_xcalloc(1, sizeof(*t));
	mw_column *c;

	t->name = mw_xstrdup(name);
	t->columns = mw_xcalloc(1, sizeof(*t->columns));
	t->ncolumns = 1;
	c = &t->columns[0];
	c->name = mw_xstrdup("x_id");
	c->type = MW_T_INTEGER;
	c->notnull = true;
	c->precision = 10;
	return t;
}

static size_t
files_outside(void)
{
	char cmd[400];
	FILE *p;
	size_t n = 0;
	int ch;

	snprintf(cmd, sizeof(cmd), "find '%s' -mindepth 1 | wc -l", outside);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((ch = fgetc(p)) != EOF && ch >= '0' && ch <= '9')
		n = n * 10 + (size_t)(ch - '0');
	pclose(p);
	return n;
}

static char *
write_new_table(const char *name)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT, written = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_int_eq(session_new_table(s, table_named(name), &err), 0);
	mw_buf_reset(&err);
	ck_assert_int_eq(session_write(s, &written, &err), -1);
	mw_buf_release(&written);
	session_free(s);
	return mw_buf_detach(&err);
}

START_TEST(table_name_cannot_lead_out)
{
	char *name = mw_strdupf("../../../%s/x", strrchr(outside, '/') + 1);
	char *err = write_new_table(name);

	ck_assert_msg(strstr(err, "refused"), "%s", err);
	ck_assert_uint_eq(files_outside(), 0);
	free(err);
	free(name);
}
END_TEST

START_TEST(symlinked_change_directory_is_not_followed)
{
	char *err;

	sh("rm -rf '%s/sql/abstractSchemaChanges' && ln -s '%s' '%s/sql/abstractSchemaChanges'",
	   repo, outside, repo);
	err = write_new_table("gadget");
	ck_assert_msg(strstr(err, "outside") && strstr(err, "refused"), "%s", err);
	ck_assert_uint_eq(files_outside(), 0);
	free(err);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("trust-editor");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, table_name_cannot_lead_out);
	tcase_add_test(tc, symlinked_change_directory_is_not_followed);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
