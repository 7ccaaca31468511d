/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Review: the git history readers (ranges, blobs, trees at a revision) and
 * the statuses mw_review_open computes, on real git repositories made in a
 * temporary directory with the git command.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/git.h"
#include "mwschema/json.h"
#include "mwschema/review.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/scratch.h"

#define TABLE_A "{\"name\":\"t\",\"columns\":[{\"name\":\"t_id\",\"type\":\"integer\"," \
	"\"options\":{\"unsigned\":true,\"autoincrement\":true}}],\"indexes\":[],\"pk\":[\"t_id\"]}"
#define TABLE_B "{\"name\":\"t\",\"columns\":[{\"name\":\"t_id\",\"type\":\"integer\"," \
	"\"options\":{\"unsigned\":true,\"autoincrement\":true}},{\"name\":\"t_x\"," \
	"\"type\":\"integer\",\"options\":{\"unsigned\":true,\"default\":0}}],\"indexes\":[]," \
	"\"pk\":[\"t_id\"]}"
#define CHANGE "{\"comment\":\"Add t_x\",\"before\":" TABLE_A ",\"after\":" TABLE_B "}"
#define PATCH "sql/abstractSchemaChanges/patch-t-t_x.json"

static char repo[256];

static void
commit(const char *msg)
{
	sh("cd '%s' && git add -A && git commit -qm '%s'", repo, msg);
}

/* A fresh repository with a private HOME, so the user's git config stays out. */
static void
setup(void)
{
	char *home;

	scratch_mkdtemp(repo, sizeof(repo), "mwreview");
	home = mw_path_join(repo, ".home");
	setenv("HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	sh("mkdir -p '%s' && git init -q -b master '%s' && git -C '%s' config user.name T && "
	   "git -C '%s' config user.email t@example.org && echo .home/ > '%s/.gitignore'", home,
	   repo, repo, repo, repo);
	free(home);
}

static void
teardown(void)
{
	sh("rm -rf '%s'", repo);
}

static mw_git *
open_repo(void)
{
	mw_buf err = MW_BUF_INIT;
	mw_git *git = NULL;

	ck_assert_msg(mw_git_open(&git, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return git;
}

START_TEST(test_git_ranges)
{
	mw_buf err = MW_BUF_INIT, blob = MW_BUF_INIT;
	mw_git_range r;
	mw_git *git;
	char **names;
	size_t n;

	scratch_write(repo, "a.txt", "one\n");
	commit("first");
	scratch_write(repo, "a.txt", "two\n");
	scratch_write(repo, "dir/b.txt", "b\n");
	commit("second");
	sh("git -C '%s' checkout -qb topic && echo c > '%s/c.txt'", repo, repo);
	commit("third");
	sh("git -C '%s' checkout -q master && echo d > '%s/d.txt'", repo, repo);
	commit("fourth on master");
	git = open_repo();

	/* A root commit is compared with the empty tree. */
	ck_assert_int_eq(mw_git_range_read(&r, git, "HEAD~2", &err), 0);
	ck_assert_int_eq(r.nfiles, 2);
	ck_assert_str_eq(r.files[0].path, ".gitignore");
	ck_assert_int_eq(r.files[1].status, 'A');
	ck_assert_str_eq(r.base, "");
	ck_assert_int_eq(r.ncommits, 1);
	ck_assert_str_eq(r.commits[0].subject, "first");
	mw_git_range_clear(&r);

	/* A branch: since it forked, so master's later commit is not in it. */
	ck_assert_int_eq(mw_git_range_read(&r, git, "topic", &err), 0);
	ck_assert_int_eq(r.ncommits, 1);
	ck_assert_int_eq(r.nfiles, 1);
	ck_assert_str_eq(r.files[0].path, "c.txt");
	mw_git_range_clear(&r);

	/* A range: the commits of the right side, from the merge base. */
	ck_assert_int_eq(mw_git_range_read(&r, git, "HEAD~2..topic", &err), 0);
	ck_assert_int_eq(r.ncommits, 2);
	ck_assert_str_eq(r.commits[0].subject, "third");
	ck_assert_int_eq(r.nfiles, 3);
	ck_assert_str_eq(r.files[0].path, "a.txt");
	ck_assert_int_eq(r.files[0].status, 'M');
	ck_assert_str_eq(r.files[1].path, "c.txt");
	ck_assert_str_eq(r.files[2].path, "dir/b.txt");
	mw_git_range_clear(&r);

	ck_assert_int_eq(mw_git_range_read(&r, git, "nope", &err), MW_GIT_EREV);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "unknown revision 'nope'"));
	mw_buf_reset(&err);

	/* Blobs and trees as an older revision has them. */
	ck_assert_int_eq(mw_git_blob_read(&blob, git, "HEAD~2", "a.txt", &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&blob), "one\n");
	ck_assert_int_eq(mw_git_blob_read(&blob, git, "HEAD~2", "dir/b.txt", &err), MW_GIT_ENOENT);
	ck_assert_int_eq(mw_git_tree_list(&names, &n, git, "HEAD", "", &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(names[1], "a.txt");
	mw_strv_free(names, n);
	ck_assert_int_eq(mw_git_tree_list(&names, &n, git, "HEAD", "missing", &err), 0);
	ck_assert_int_eq(n, 0);
	mw_git_free(git);
	mw_buf_release(&blob);
	mw_buf_release(&err);
}
END_TEST

/* Writes what a generator makes of the change for `dbms` to the name-rule path. */
static void
put_generated(mw_dbms dbms, const char *tweak_from, const char *tweak_to)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf sql = MW_BUF_INIT;
	mw_doc *doc = NULL;
	char *path, *text, *at;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, CHANGE, strlen(CHANGE), PATCH, &diags), 0);
	ck_assert_int_eq(mw_gen_change(&sql, doc->change.before, doc->change.after, dbms, PATCH,
				       0), 0);
	text = mw_buf_detach(&sql);
	if (tweak_from && (at = strstr(text, tweak_from)))
		memcpy(at, tweak_to, strlen(tweak_to));
	path = mw_strdupf("sql/%s/patch-t-t_x.sql", mw_dbms_name(dbms));
	scratch_write(repo, path, text);
	free(path);
	free(text);
	mw_doc_free(doc);
	mw_diags_free(&diags);
}

static mw_review *
review(const char *rev)
{
	mw_review_opts opts = { repo, rev, NULL, false };
	mw_buf err = MW_BUF_INIT;
	mw_review *r = NULL;

	ck_assert_msg(mw_review_open(&r, &opts, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return r;
}

START_TEST(test_review_statuses)
{
	const mw_review_item *it;
	mw_review *r;

	scratch_write(repo, "sql/tables.json", "[" TABLE_B "]");
	scratch_write(repo, "includes/installer/MysqlUpdater.php", "[ 'addField', 't', 't_x', 'patch-t-t_x.sql' ],\n");
	scratch_write(repo, "includes/installer/PostgresUpdater.php", "nothing here\n");
	commit("base");
	scratch_write(repo, PATCH, CHANGE);
	put_generated(MW_DBMS_MYSQL, NULL, NULL);
	put_generated(MW_DBMS_POSTGRES, "DEFAULT 0", "DEFAULT 1");
	commit("change");
	r = review(NULL);

	ck_assert_int_eq(r->nitems, 1);
	it = mw_review_item_at(r, 0);
	ck_assert_int_eq(it->kind, MW_REVIEW_CHANGE);
	ck_assert_int_eq(it->touch, MW_REVIEW_ADDED);
	ck_assert_str_eq(it->title, "Add field t_x to t");
	ck_assert_str_eq(it->comment, "Add t_x");
	ck_assert_int_eq(it->sql[MW_DBMS_MYSQL].sync, MW_REVIEW_SYNC_EQUAL);
	ck_assert_int_eq(it->sql[MW_DBMS_MYSQL].updater, MW_REVIEW_UPD_PRESENT);
	ck_assert_int_eq(it->sql[MW_DBMS_POSTGRES].sync, MW_REVIEW_SYNC_DIFFERS);
	ck_assert_int_eq(it->sql[MW_DBMS_POSTGRES].first_line, 6);
	ck_assert_ptr_nonnull(strstr(it->sql[MW_DBMS_POSTGRES].committed_line, "DEFAULT 1"));
	ck_assert_int_eq(it->sql[MW_DBMS_POSTGRES].updater, MW_REVIEW_UPD_MISSING);
	ck_assert_ptr_nonnull(it->sql[MW_DBMS_POSTGRES].updater_hint);
	/* A change may lack a platform's file: not a problem while others exist. */
	ck_assert_int_eq(it->sql[MW_DBMS_SQLITE].sync, MW_REVIEW_SYNC_MISSING);
	ck_assert(!it->sql[MW_DBMS_SQLITE].problem);
	ck_assert_int_eq(it->sql[MW_DBMS_SQLITE].updater, MW_REVIEW_UPD_NO_PATCH);
	ck_assert_ptr_nonnull(it->sql[MW_DBMS_SQLITE].rollback);
	ck_assert_int_eq(it->schema_state, MW_REVIEW_SCHEMA_IN_SYNC);
	ck_assert(it->roundtrip_ran && it->roundtrip.passed);
	ck_assert_uint_eq(it->problems, MW_REVIEW_P_DRIFT | MW_REVIEW_P_UPDATER);
	ck_assert(!mw_review_ok(r));
	ck_assert_int_eq(it->nrows, 3);	/* two columns, the key */
	ck_assert_int_eq(it->rows[1].mark, '+');
	ck_assert_str_eq(it->rows[1].after, "integer unsigned NOT NULL DEFAULT 0");
	mw_review_free(r);

	/* The base commit touches no change and no schema SQL: tables.json only. */
	r = review("HEAD~1");
	ck_assert_int_eq(r->nitems, 1);
	ck_assert_int_eq(r->items[0].kind, MW_REVIEW_SCHEMA);
	ck_assert_int_eq(r->items[0].sql[MW_DBMS_MYSQL].sync, MW_REVIEW_SYNC_MISSING);
	ck_assert(r->items[0].sql[MW_DBMS_MYSQL].problem);	/* schemas need every file */
	mw_review_free(r);
}
END_TEST

START_TEST(test_review_paging)
{
	mw_review r;
	mw_review_item items[3];
	mw_buf b = MW_BUF_INIT;

	memset(&r, 0, sizeof(r));
	memset(items, 0, sizeof(items));
	r.items = items;
	r.nitems = 3;
	ck_assert_uint_eq(mw_review_step(&r, 0, 1), 1);
	ck_assert_uint_eq(mw_review_step(&r, 2, 1), 2);
	ck_assert_uint_eq(mw_review_step(&r, 0, -1), 0);
	ck_assert_uint_eq(mw_review_step(&r, 2, -5), 0);
	ck_assert_ptr_null(mw_review_item_at(&r, 3));
	r.nitems = 0;
	ck_assert_uint_eq(mw_review_step(&r, 0, 1), 0);
	mw_review_problems_describe(&b, MW_REVIEW_P_DRIFT | MW_REVIEW_P_ROUNDTRIP);
	ck_assert_str_eq(mw_buf_cstr(&b), "drift, SQLite round trip failed");
	ck_assert_str_eq(mw_review_sync_name(MW_REVIEW_SYNC_EQUAL), "in sync");
	ck_assert_str_eq(mw_review_updater_name(MW_REVIEW_UPD_MISSING), "missing");
	mw_buf_release(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("review");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_git_ranges);
	tcase_add_test(tc, test_review_statuses);
	tcase_add_test(tc, test_review_paging);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
