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
#include "editor/textdiff.h"
#include "editor/words.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "demo_repo.h"
#include "tests/check_main.h"

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

static const char page_before[] =
	"{ \"name\": \"pg\", \"columns\": ["
	"{ \"name\": \"pg_id\", \"type\": \"integer\", \"options\": { \"notnull\": true } },"
	"{ \"name\": \"pg_old\", \"type\": \"integer\", \"options\": { \"notnull\": true } },"
	"{ \"name\": \"pg_gone\", \"type\": \"integer\", \"options\": { \"notnull\": true } } ],"
	" \"indexes\": [ { \"name\": \"pg_old_idx\", \"columns\": [ \"pg_old\" ], \"unique\": false } ],"
	" \"pk\": [ \"pg_id\" ] }";
static const char page_after[] =
	"{ \"name\": \"pg\", \"columns\": ["
	"{ \"name\": \"pg_id\", \"type\": \"integer\", \"options\": { \"notnull\": true } },"
	"{ \"name\": \"pg_old\", \"type\": \"integer\", \"options\": { \"notnull\": true } },"
	"{ \"name\": \"pg_model\", \"type\": \"integer\", \"options\": { \"notnull\": false } } ],"
	" \"indexes\": [ { \"name\": \"pg_old_idx\", \"columns\": [ \"pg_old\" ], \"unique\": false } ],"
	" \"pk\": [ \"pg_id\" ] }";

/* A change doing several things is named and described by all of them. */
START_TEST(test_words_several)
{
	mw_table *b = table_from_json(page_before), *a = table_from_json(page_after);
	mw_table_diff d = MW_TABLE_DIFF_INIT;
	mw_buf out = MW_BUF_INIT;
	char *name, *subject;

	ck_assert_int_eq(mw_table_diff_summary(&d, b, a), 0);
	words_edits(&out, &d);
	ck_assert_msg(strstr(mw_buf_cstr(&out), "drop field pg_gone") != NULL, "%s", mw_buf_cstr(&out));
	ck_assert_msg(strstr(mw_buf_cstr(&out), "add field pg_model") != NULL, "%s", mw_buf_cstr(&out));
	name = words_change_name(a, &d);
	ck_assert_ptr_nonnull(name);
	ck_assert_msg(strstr(name, "patch-pg-") == name && strstr(name, "drop") && strstr(name, "pg_model"),
		      "%s", name);
	subject = words_commit_subject(a, &d);
	ck_assert_ptr_nonnull(subject);
	ck_assert_msg(!strncmp(subject, "Change pg: ", 11), "%s", subject);
	ck_assert_uint_le(strlen(subject), 72);
	free(name);
	free(subject);
	/* One edit: the core's name and subject stand. */
	mw_table_diff_clear(&d);
	ck_assert_int_eq(mw_table_diff_summary(&d, b, b), 0);
	ck_assert_ptr_null(words_change_name(b, &d));
	mw_table_diff_clear(&d);
	mw_buf_release(&out);
	mw_table_free(a);
	mw_table_free(b);
}
END_TEST

START_TEST(test_words_body_pk)
{
	mw_table *t = table_from_json(page_before);
	mw_buf out = MW_BUF_INIT;

	words_commit_body(&out, "Pages need a model.", "no", "revert");
	ck_assert_str_eq(mw_buf_cstr(&out), "Pages need a model.\n\nOptional: no\nRollback: revert\n");
	mw_buf_reset(&out);
	words_commit_body(&out, "", "", "");
	ck_assert_str_eq(mw_buf_cstr(&out), "");
	words_pk(&out, t);
	ck_assert_str_eq(mw_buf_cstr(&out), "primary key set to (pg_id)");
	mw_buf_reset(&out);
	mw_strv_free(t->pk, t->npk);
	t->pk = NULL;
	t->npk = 0;
	words_pk(&out, t);
	ck_assert_str_eq(mw_buf_cstr(&out), "primary key cleared");
	mw_buf_release(&out);
	mw_table_free(t);
}
END_TEST

/* A new type drops what it does not take; a mistyped word gets its neighbour. */
START_TEST(test_words_fit_suggest)
{
	static const char *const cmds[] = { "table", "tutorial", "messages", "write" };
	bool uns = true, ai = true;
	mw_buf def = MW_BUF_INIT, said = MW_BUF_INIT;

	mw_buf_adds(&def, "0");
	ck_assert(words_fit_options(MW_T_STRING, &uns, &ai, &def, &said));
	ck_assert(!uns && !ai);
	ck_assert_str_eq(mw_buf_cstr(&def), "'0'");
	ck_assert_str_eq(mw_buf_cstr(&said),
			 "unsigned off, autoincrement off, default quoted as text for a string column");
	uns = ai = true;
	mw_buf_reset(&said);
	ck_assert(!words_fit_options(MW_T_BIGINT, &uns, &ai, &def, &said));
	ck_assert(uns && ai);
	ck_assert(words_fit_options(MW_T_DECIMAL, &uns, &ai, &def, &said));
	ck_assert(uns && !ai);
	ck_assert_str_eq(words_suggest("tabel", cmds, 4), "table");
	ck_assert_str_eq(words_suggest("mesages", cmds, 4), "messages");
	ck_assert_str_eq(words_suggest("tut", cmds, 4), "tutorial");
	ck_assert_ptr_null(words_suggest("zzzzzz", cmds, 4));
	mw_buf_release(&def);
	mw_buf_release(&said);
}
END_TEST

/* Undo and redo say which edit they took back or made again. */
START_TEST(test_undo_words)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_first");
	add_column(s, 0, "x_second");
	ck_assert(session_undo(s));
	ck_assert_str_eq(mw_buf_cstr(&s->undo_words), "add field x_second");
	ck_assert(session_undo(s));
	ck_assert_str_eq(mw_buf_cstr(&s->undo_words), "add field x_first");
	ck_assert(session_redo(s));
	ck_assert_str_eq(mw_buf_cstr(&s->undo_words), "add field x_first");
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* The change's name follows all its edits, not the last one. */
START_TEST(test_name_several)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;
	const mw_table *t;
	mw_table *after;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, 0, "x_first");
	t = session_table(s, 0);
	ck_assert_msg(strstr(s->change_name, "x_first") != NULL, "%s", s->change_name);
	after = mw_table_dup(t);
	/* Drop the table's first column too. */
	mw_column_clear(&after->columns[1]);
	memmove(&after->columns[1], &after->columns[2], (after->ncolumns - 2) * sizeof(*after->columns));
	after->ncolumns--;
	session_edit_apply(s, 0, after);
	if (s->plan.summary.nitems > 1) {
		ck_assert_msg(strstr(s->change_name, "x_first") && strstr(s->change_name, "drop"), "%s",
			      s->change_name);
	}
	/* Back to one edit: the core's name again. */
	ck_assert(session_undo(s));
	ck_assert_msg(strstr(s->change_name, "x_first") != NULL && !strstr(s->change_name, "drop"),
		      "%s", s->change_name);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* The JSON diff lists the old lines before the new ones, as diff(1). */
START_TEST(test_diff_order)
{
	mw_buf out = MW_BUF_INIT;

	text_diff(&out, "a\nold\nz\n", "a\nnew\nz\n", 1);
	ck_assert_str_eq(mw_buf_cstr(&out), "@@ -1 +1 @@\n a\n-old\n+new\n z\n");
	mw_buf_release(&out);
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
	tcase_add_test(tc, test_words_several);
	tcase_add_test(tc, test_words_body_pk);
	tcase_add_test(tc, test_undo_words);
	tcase_add_test(tc, test_words_fit_suggest);
	tcase_add_test(tc, test_name_several);
	tcase_add_test(tc, test_diff_order);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(live_suite());
}

/* vim: set ts=8 sw=8 noexpandtab: */
