/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session without curses, on a scratch git copy of the demo:
 * the sequences a user types in the editor (new table, write, commit, keep
 * editing; undo and write; restart and resume; open a change that shipped;
 * a file changed behind the editor), so that the ASan and valgrind stages
 * see the editor's logic.
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "demo_repo.h"
#include "tests/check_main.h"

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

/* u then w: the disk goes back to what was committed, byte for byte. */
START_TEST(test_undo_write_removes)
{
	struct session *s = open_session();

	add_column(s, table_named(s, "actor"), "actor_x");
	write_ok(s);
	ck_assert(file_has("sql/abstractSchemaChanges/patch-actor-actor_x.json", "actor_x"));
	ck_assert(file_has("includes/installer/MysqlUpdater.php", "patch-actor-actor_x.sql"));
	ck_assert(!s->dirty && s->written);
	ck_assert(session_undo(s));
	ck_assert(s->dirty && !session_has_change(s));
	ck_assert_str_eq(session_title_name(s), "patch-actor-actor_x");
	write_ok(s);
	ck_assert(!s->dirty && !s->written);
	assert_clean();
	session_free(s);
}
END_TEST

/* Renaming a written change: the old name's files go. */
START_TEST(test_rename_written)
{
	struct session *s = open_session();
	char *st;

	add_column(s, table_named(s, "actor"), "actor_x");
	write_ok(s);
	session_set_name(s, "patch-actor-renamed");
	ck_assert(s->dirty);
	write_ok(s);
	ck_assert(!file_has("includes/installer/MysqlUpdater.php", "patch-actor-actor_x.sql"));
	ck_assert(file_has("includes/installer/MysqlUpdater.php", "patch-actor-renamed.sql"));
	st = git_status();
	ck_assert_msg(!strstr(st, "actor_x"), "%s", st);
	free(st);
	session_free(s);
}
END_TEST

/* A restarted editor finds the change written but not committed, and commits it. */
START_TEST(test_restart_resume_commit)
{
	struct session *s = open_session();
	struct session_pending p;
	mw_buf err = MW_BUF_INIT;
	mw_diags diags = MW_DIAGS_INIT;
	char *path;

	add_column(s, table_named(s, "actor"), "actor_x");
	write_ok(s);
	session_free(s);

	s = open_session();
	ck_assert(!session_has_change(s) && !s->written);
	ck_assert_int_eq(session_pending(s, &p, &err), 0);
	ck_assert_uint_eq(p.nchanges, 1);
	ck_assert_str_eq(p.changes[0], "sql/abstractSchemaChanges/patch-actor-actor_x.json");
	ck_assert_uint_eq(p.nfiles, 11);
	ck_assert_ptr_null(session_shipped(s, p.changes[0]));
	path = mw_path_join(repo, p.changes[0]);
	ck_assert_msg(session_open_change(s, path, SESSION_AMEND, &err) == 0, "%s",
		      mw_buf_cstr(&err));
	ck_assert(session_has_change(s) && s->written && !s->dirty);
	ck_assert_str_eq(session_title_name(s), "patch-actor-actor_x");
	ck_assert_ptr_nonnull(mw_table_column(session_before(s), "actor_id"));
	ck_assert_ptr_null(mw_table_column(session_before(s), "actor_x"));
	ck_assert_msg(session_commit(s, "Add actor_x", "", NULL, true, &diags, &err) == 0, "%s",
		      mw_buf_cstr(&err));
	assert_clean();
	/* And it has shipped now: committed, registered. */
	free(s->last_bug);
	s->last_bug = session_shipped(s, p.changes[0]);
	ck_assert_str_eq(s->last_bug, "committed in HEAD, registered in "
			 "includes/installer/MysqlUpdater.php");
	session_pending_clear(&p);
	mw_diags_free(&diags);
	mw_buf_release(&err);
	free(path);
	session_free(s);
}
END_TEST

/*
 * The demo's 1.43 change: amending it would rewrite a release. Opened as a
 * new change, the edit gets a file of its own and a "// 1.45" updater block.
 */
START_TEST(test_shipped_new_change)
{
	const char *rel = "sql/abstractSchemaChanges/patch-page-page_lang.json";
	struct session *s = open_session();
	mw_buf err = MW_BUF_INIT, before = MW_BUF_INIT, path_buf = MW_BUF_INIT;
	char *why, *path = mw_path_join(repo, rel);

	mw_read_file(&before, path, NULL);
	why = session_shipped(s, rel);
	ck_assert_str_eq(why, "committed in HEAD, registered in includes/installer/MysqlUpdater.php");
	free(why);
	sh("git -C '%s' branch REL1_43", repo);
	why = session_shipped(s, rel);
	ck_assert_str_eq(why, "committed in HEAD, in release branch REL1_43, registered in "
			 "includes/installer/MysqlUpdater.php");
	free(why);

	ck_assert_int_eq(session_open_change(s, path, SESSION_NEW, &err), 0);
	ck_assert(!session_has_change(s));
	ck_assert_str_eq(session_table(s, s->cur)->name, "page");
	add_column(s, s->cur, "page_x");
	ck_assert_str_eq(s->change_name, "patch-page-page_x");
	write_ok(s);
	mw_read_file(&path_buf, path, NULL);
	ck_assert_str_eq(mw_buf_cstr(&path_buf), mw_buf_cstr(&before));
	ck_assert(file_has("includes/installer/MysqlUpdater.php",
			   "\n\t\t\t// 1.45\n\t\t\t[ 'addField', 'page', 'page_x', "
			   "'patch-page-page_x.sql' ],\n"));
	ck_assert(file_has("includes/installer/MysqlUpdater.php",
			   "\t\t\t// 1.43\n\t\t\t[ 'addField', 'page', 'page_lang', "
			   "'patch-page-page_lang.sql' ],\n\n"));
	mw_buf_release(&err);
	mw_buf_release(&before);
	mw_buf_release(&path_buf);
	free(path);
	session_free(s);
}
END_TEST

/* Amending a change keeps its comment and layout; only a table's newest change may be. */
START_TEST(test_amend_keeps_comment)
{
	const char *rel = "sql/abstractSchemaChanges/patch-page-page_lang.json";
	struct session *s = open_session();
	mw_buf err = MW_BUF_INIT;
	char *path = mw_path_join(repo, rel);

	ck_assert_msg(session_open_change(s, path, SESSION_AMEND, &err) == 0, "%s",
		      mw_buf_cstr(&err));
	ck_assert(session_has_change(s) && !s->dirty);
	ck_assert_str_eq(session_title_name(s), "patch-page-page_lang");
	add_column(s, s->change_table, "page_x");
	write_ok(s);
	ck_assert(file_has(rel, "\"comment\": \"Add page_lang, so a page can override"));
	ck_assert(file_has(rel, "page_x"));
	ck_assert(file_has(rel, "\t\t\t{ \"name\": \"page_random\", \"columns\": [ "
			   "\"page_random\" ], \"unique\": false },"));
	session_free(s);

	/* Once the schema moved on, the old change cannot be amended. */
	sh("git -C '%s' checkout -q -- . && git -C '%s' clean -qfd sql includes", repo, repo);
	s = open_session();
	add_column(s, table_named(s, "page"), "page_y");
	write_ok(s);
	sh("git -C '%s' add -A && git -C '%s' commit -qm y", repo, repo);
	session_free(s);
	s = open_session();
	mw_buf_reset(&err);
	ck_assert_int_eq(session_open_change(s, path, SESSION_AMEND, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "is not the newest change of table page"), "%s",
		      mw_buf_cstr(&err));
	mw_buf_release(&err);
	free(path);
	session_free(s);
}
END_TEST

/* An auto name never takes over another change's file. */
START_TEST(test_unique_name)
{
	struct session *s = open_session();
	long page = table_named(s, "page");
	mw_buf err = MW_BUF_INIT;
	mw_table *t;

	/* page_lang dropped and added back: patch-page-page_lang.json is taken. */
	t = mw_table_dup(session_table(s, page));
	mw_column_clear(&t->columns[t->ncolumns - 1]);
	t->ncolumns--;
	session_edit_apply(s, page, t);
	write_ok(s);
	sh("git -C '%s' add -A && git -C '%s' commit -qm drop", repo, repo);
	session_free(s);
	s = open_session();
	page = table_named(s, "page");
	t = mw_table_dup(session_table(s, page));
	session_free(s);
	s = open_session();
	{
		mw_diags diags = MW_DIAGS_INIT;
		mw_doc *doc;
		char *p = mw_path_join(repo, "sql/abstractSchemaChanges/patch-page-page_lang.json");

		ck_assert_int_eq(mw_doc_load_file(&doc, p, &diags), 0);
		session_edit_apply(s, table_named(s, "page"), mw_table_dup(doc->change.after));
		mw_doc_free(doc);
		mw_diags_free(&diags);
		free(p);
	}
	ck_assert_str_eq(s->change_name, "patch-page-page_lang-2");
	session_set_name(s, "patch-page-page_lang");
	ck_assert_int_eq(session_write(s, NULL, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "already exists"), "%s", mw_buf_cstr(&err));
	mw_table_free(t);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Another program sets the comment of column `name` in tables.json. */
static void
set_comment(const char *name, const char *comment)
{
	sh("sed -i '/\"name\": \"%s\"/,/\"comment\"/ s/\"comment\": \"[^\"]*\"/\"comment\": \"%s\"/' "
	   "'%s/sql/tables.json'", name, comment, repo);
}

/* Edits behind the editor's back are found before w, and merged on request. */
START_TEST(test_outside_edit_merge)
{
	struct session *s = open_session();
	mw_buf conflicts = MW_BUF_INIT, err = MW_BUF_INIT;

	add_column(s, table_named(s, "actor"), "actor_x");
	session_write_conflicts(s, &conflicts);
	ck_assert_str_eq(mw_buf_cstr(&conflicts), "");
	sh("sed -i 's/Unique user name, first letter upper case/changed outside/' "
	   "'%s/sql/tables.json'", repo);
	session_write_conflicts(s, &conflicts);
	ck_assert_str_eq(mw_buf_cstr(&conflicts), "sql/tables.json\n");
	ck_assert_msg(session_merge_disk(s, NULL, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_reset(&conflicts);
	session_write_conflicts(s, &conflicts);
	ck_assert_str_eq(mw_buf_cstr(&conflicts), "");
	ck_assert(session_has_change(s));
	write_ok(s);
	ck_assert(file_has("sql/tables.json", "changed outside"));
	ck_assert(file_has("sql/tables.json", "actor_x"));

	/* Written, then changed on disk where the change is: merged into its after. */
	add_column(s, table_named(s, "actor"), "actor_y");
	set_comment("actor_x", "theirs");
	mw_buf_reset(&conflicts);
	session_write_conflicts(s, &conflicts);
	ck_assert_str_eq(mw_buf_cstr(&conflicts), "sql/tables.json\n");
	ck_assert_msg(session_merge_disk(s, NULL, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_ptr_null(mw_table_column(session_before(s), "actor_x"));
	ck_assert_str_eq(mw_table_column(s->after, "actor_x")->comment, "theirs");
	ck_assert_ptr_nonnull(mw_table_column(s->after, "actor_y"));
	write_ok(s);
	/* Named after both its columns since issue 22. */
	ck_assert(file_has("sql/abstractSchemaChanges/patch-actor-actor_x-actor_y.json", "theirs"));

	/* Both sides changed one column: a conflict, named, nothing merged. */
	{
		long i = table_named(s, "actor");
		mw_table *t = mw_table_dup(session_table(s, i));

		free(mw_table_column(t, "actor_y")->comment);
		mw_table_column(t, "actor_y")->comment = mw_xstrdup("mine");
		session_edit_apply(s, i, t);
	}
	set_comment("actor_y", "theirs");
	mw_buf_reset(&err);
	ck_assert_int_eq(session_merge_disk(s, NULL, &err), -1);
	ck_assert_str_eq(mw_buf_cstr(&err),
			 "column 'actor_y' was changed both in the editor and on disk");
	mw_buf_release(&conflicts);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* Reload takes the disk and keeps the change in a backup. */
START_TEST(test_outside_edit_reload)
{
	struct session *s = open_session();
	mw_buf err = MW_BUF_INIT, text = MW_BUF_INIT;
	char *backup = NULL;

	add_column(s, table_named(s, "actor"), "actor_x");
	sh("sed -i 's/Unique user name, first letter upper case/changed outside/' "
	   "'%s/sql/tables.json'", repo);
	ck_assert_msg(session_reload(s, &backup, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert(!session_has_change(s) && !s->dirty);
	ck_assert_ptr_nonnull(backup);
	ck_assert_int_eq(mw_read_file(&text, backup, NULL), 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&text), "actor_x"));
	ck_assert_ptr_nonnull(strstr(backup, "/discarded/"));
	/* The backup opens as a change again. */
	ck_assert_msg(session_open_change(s, backup, SESSION_AMEND, &err) == 0, "%s",
		      mw_buf_cstr(&err));
	ck_assert(session_has_change(s));
	ck_assert_ptr_nonnull(mw_table_column(s->after, "actor_x"));
	free(backup);
	mw_buf_release(&text);
	mw_buf_release(&err);
	session_free(s);
}
END_TEST

/* A schema that does not load names its file, line and column. */
START_TEST(test_load_error_where)
{
	struct session *s = NULL;
	struct session_where where = { NULL, 0, 0 };
	mw_buf err = MW_BUF_INIT;
	char *want = mw_path_join(repo, "sql/tables.json");

	sh("sed -i '20i<<<<<<< HEAD' '%s/sql/tables.json'", repo);
	ck_assert_int_eq(session_open_at(&s, repo, &where, &err), -1);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "sql/tables.json:20:1: "), "%s", mw_buf_cstr(&err));
	ck_assert_str_eq(where.path, want);
	ck_assert_int_eq(where.line, 20);
	ck_assert_int_eq(where.column, 1);
	session_where_clear(&where);
	mw_buf_release(&err);
	free(want);
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
	tcase_add_test(tc, test_undo_write_removes);
	tcase_add_test(tc, test_rename_written);
	tcase_add_test(tc, test_restart_resume_commit);
	tcase_add_test(tc, test_shipped_new_change);
	tcase_add_test(tc, test_amend_keeps_comment);
	tcase_add_test(tc, test_unique_name);
	tcase_add_test(tc, test_outside_edit_merge);
	tcase_add_test(tc, test_outside_edit_reload);
	tcase_add_test(tc, test_load_error_where);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(session_suite());
}
