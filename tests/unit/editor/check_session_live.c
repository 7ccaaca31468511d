/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session's side of issue 22, without curses: a form's edit previewed
 * live (no undo step until accepted, cancel restores), and the words the
 * editor shows about a change (its name, undo/redo messages, messages log).
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "editor/msglog.h"
#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "demo_repo.h"

/* Table i with one more column named `name` (a copy of the first one). */
static mw_table *
with_column(struct session *s, long i, const char *name)
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
	mw_buf_release(&err);
	return after;
}

/* Each keystroke's table is previewed; cancelling leaves no change and no undo step. */
START_TEST(test_preview_cancel)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	session_preview(s, 0, with_column(s, 0, "x_a"));
	ck_assert(session_has_change(s));
	ck_assert(strstr(mw_buf_cstr(&s->diff), "x_a") != NULL);
	ck_assert(s->plan.sql[0].len > 0);
	/* The next keystroke replaces the preview, it does not stack on it. */
	session_preview(s, 0, NULL);
	session_preview(s, 0, with_column(s, 0, "x_ab"));
	ck_assert(strstr(mw_buf_cstr(&s->diff), "x_ab") != NULL);
	session_preview(s, 0, NULL);
	ck_assert(!session_has_change(s));
	ck_assert(!session_undo(s));
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Accepting makes one undo step, back to the change as it was before the form. */
START_TEST(test_preview_accept)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_first");
	session_preview(s, 0, with_column(s, 0, "x_s"));
	session_preview(s, 0, NULL);
	session_preview(s, 0, with_column(s, 0, "x_second"));
	session_edit_apply(s, 0, with_column(s, 0, "x_second"));
	ck_assert(!s->previewing);
	ck_assert(strstr(mw_buf_cstr(&s->diff), "x_second") != NULL);
	ck_assert(session_undo(s));
	ck_assert(strstr(mw_buf_cstr(&s->diff), "x_first") != NULL);
	ck_assert(strstr(mw_buf_cstr(&s->diff), "x_second") == NULL);
	ck_assert(session_undo(s));
	ck_assert(!session_has_change(s));
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Freeing the session in the middle of a preview frees both tables. */
START_TEST(test_preview_free)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_first");
	session_preview(s, 0, with_column(s, 0, "x_s"));
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Every message is kept in full (newlines too), the oldest dropped past the bound. */
START_TEST(test_msglog)
{
	struct msglog l = { 0 };
	mw_buf out = MW_BUF_INIT;

	ck_assert_ptr_null(msglog_last(&l));
	msglog_add(&l, false, "column added; change patch-x");
	msglog_add(&l, true, "a long reason\nover two lines");
	msglog_add(&l, false, "");
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(msglog_last(&l)->text, "a long reason\nover two lines");
	ck_assert(msglog_last(&l)->error);
	msglog_format(&l, &out);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "info   column added; change patch-x\n"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "error  a long reason"));
	for (int i = 0; i < MSGLOG_MAX; i++)
		msglog_add(&l, false, "again");
	ck_assert_uint_eq(l.n, MSGLOG_MAX);
	ck_assert_uint_eq(l.dropped, 2);
	mw_buf_reset(&out);
	msglog_format(&l, &out);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "(2 older messages dropped)"));
	mw_buf_release(&out);
	msglog_free(&l);
}
END_TEST

static Suite *
live_suite(void)
{
	Suite *s = suite_create("editor session (issue 22)");
	TCase *tc = tcase_create("live");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_preview_cancel);
	tcase_add_test(tc, test_preview_accept);
	tcase_add_test(tc, test_preview_free);
	tcase_add_test(tc, test_msglog);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(live_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
