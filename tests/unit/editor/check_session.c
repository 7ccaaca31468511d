/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session without curses, on a scratch git copy of the demo:
 * the sequences a user types in the editor (new table, write, commit, keep
 * editing), so that the ASan and valgrind stages see the editor's logic.
 */
#include <config.h>

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"

static char repo[256];

static void
sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd) == 0, "command failed: %s", cmd);
}

/* A git copy of the demo, with a private HOME and state directory. */
static void
setup(void)
{
	const char *src = getenv("top_srcdir");
	char *home, *state;

	snprintf(repo, sizeof(repo), "%s/mwsession.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") :
		 "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(repo));
	home = mw_path_join(repo, ".home");
	state = mw_path_join(repo, ".home/state");
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	sh("cp -R '%s/demo/sql' '%s/demo/includes' '%s/' && mkdir -p '%s' && "
	   "git init -q -b main '%s' && git -C '%s' config user.name T && "
	   "git -C '%s' config user.email t@example.org && echo .home/ > '%s/.gitignore' && "
	   "git -C '%s' add -A && git -C '%s' commit -qm demo",
	   src ? src : ".", src ? src : ".", repo, home, repo, repo, repo, repo, repo, repo);
	free(state);
	free(home);
}

static void
teardown(void)
{
	sh("rm -rf '%s'", repo);
}

static mw_table *
table_from_json(const char *json)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	mw_table *t;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "new.json", &diags), 0);
	ck_assert_int_eq(doc->kind, MW_DOC_TABLE);
	t = mw_table_dup(&doc->schema.tables[0]);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return t;
}

/* Adds an unsigned int column `name` to table `i`, as the add-column form does. */
static void
add_column(struct session *s, long i, const char *name)
{
	mw_buf err = MW_BUF_INIT;
	const mw_table *t = session_edit_target(s, i, &err);
	mw_table *after;
	mw_column *c;

	ck_assert_msg(t != NULL, "%s", mw_buf_cstr(&err));
	after = mw_table_dup(t);
	after->columns = mw_xrealloc(after->columns, (after->ncolumns + 1) * sizeof(*after->columns));
	c = &after->columns[after->ncolumns++];
	mw_column_copy(c, &t->columns[0]);
	free(c->name);
	c->name = mw_xstrdup(name);
	session_edit_apply(s, i, after);
	mw_buf_release(&err);
}

static const char widget[] =
	"{ \"name\": \"widget\", \"comment\": \"Widgets.\", \"columns\": ["
	"{ \"name\": \"wd_id\", \"type\": \"integer\", \"options\": { \"notnull\": true, "
	"\"unsigned\": true, \"autoincrement\": true } } ], \"indexes\": [], \"pk\": [ \"wd_id\" ] }";

/* The crash of issue 15/16: commit, then any edit read freed tables in lint. */
START_TEST(test_new_table_write_commit_edit)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT, written = MW_BUF_INIT;
	mw_diags diags = MW_DIAGS_INIT;
	size_t before;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	before = session_ntables(s);
	ck_assert_int_eq(session_new_table(s, table_from_json(widget), &err), 0);
	ck_assert(session_has_change(s));
	ck_assert_msg(session_write(s, &written, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_msg(strstr(mw_buf_cstr(&written), "tables.json") != NULL, "%s",
		      mw_buf_cstr(&written));
	ck_assert_msg(session_commit(s, "Add the widget table", "", NULL, false, &diags, &err) == 0,
		      "%s", mw_buf_cstr(&err));
	ck_assert_uint_eq(session_ntables(s), before + 1);
	ck_assert(!session_has_change(s));

	/* Keep editing: every table, the new one included, goes through lint. */
	for (long i = 0; i < (long)session_ntables(s); i++)
		if (!strcmp(session_table(s, i)->name, "widget"))
			add_column(s, i, "wd_extra");
	ck_assert(session_has_change(s));
	ck_assert(s->findings.n > 0 || s->plan.sql[0].len > 0);
	session_update(s);
	ck_assert(session_undo(s));
	ck_assert(!session_has_change(s));

	mw_diags_free(&diags);
	mw_buf_release(&written);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Write, edit again, write again: the second write starts from the first. */
START_TEST(test_write_twice)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT, written = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_first");
	ck_assert_msg(session_write(s, &written, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_second");
	mw_buf_reset(&written);
	ck_assert_msg(session_write(s, &written, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&written);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

static Suite *
session_suite(void)
{
	Suite *s = suite_create("editor session");
	TCase *tc = tcase_create("session");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_new_table_write_commit_edit);
	tcase_add_test(tc, test_write_twice);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(session_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
