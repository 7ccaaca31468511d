/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Recovery files: one per running editor, locked while it runs, private,
 * short names whatever the checkout's path; "not now" keeps them, "no"
 * keeps a backup; a failed autosave is reported; a fatal signal writes the
 * edit made just before it. Two editors on one checkout never lose each
 * other's work.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo_repo.h"

/* The recovery directory of the copy (one per checkout), as a glob for the shell. */
#define RECOVERY "'%s/.home/state/mwschema/recovery'/*"

static int
count(const char *glob)
{
	char *out = sh_out("ls " RECOVERY "/%s 2>/dev/null | wc -l", repo, glob);
	int n = atoi(out);

	free(out);
	return n;
}

/* Two editors, two changes, both killed: both changes survive, one restored at a time. */
START_TEST(two_editors)
{
	struct session *s1 = open_session(), *s2 = open_session(), *s3;
	mw_buf err = MW_BUF_INIT;
	long pid;

	ck_assert_uint_eq(session_live_editors(s2, &pid), 1);
	ck_assert_int_eq(pid, getpid());
	ck_assert(!session_recovery_exists(s2));
	add_column(s1, table_named(s1, "actor"), "actor_one");
	add_column(s2, table_named(s2, "page"), "page_two");
	session_autosave(s1);
	session_autosave(s2);
	ck_assert_str_eq(mw_buf_cstr(&s1->autosave_error), "");
	ck_assert_int_eq(count("*.json"), 2);
	/* Each quits with its edit unsaved: both files stay. */
	session_free(s1);
	session_free(s2);

	s3 = open_session();
	ck_assert_uint_eq(s3->norphans, 2);
	ck_assert_msg(session_recover(s3, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert(session_has_change(s3));
	/* One change at a time: the second is refused, and kept. */
	ck_assert_int_eq(session_recover(s3, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "is in progress"), "%s", mw_buf_cstr(&err));
	ck_assert_int_eq(count("*.json"), 2);
	session_recovery_later(s3);
	session_free(s3);
	ck_assert_int_eq(count("*.json"), 2);
	sh("grep -q actor_one " RECOVERY "/*.json", repo);
	sh("grep -q page_two " RECOVERY "/*.json", repo);
	mw_buf_release(&err);
}
END_TEST

/* Files are private; Esc keeps the file; n moves it to a backup. */
START_TEST(later_and_discard)
{
	struct session *s = open_session();
	mw_buf err = MW_BUF_INIT;
	char *backup = NULL, *mode;

	add_column(s, table_named(s, "actor"), "actor_x");
	session_autosave(s);
	mode = sh_out("stat -c %%a " RECOVERY "/*.json " RECOVERY "/*.meta " RECOVERY
		      "/*.lock " RECOVERY " | sort -u | tr '\\n' ' '", repo, repo, repo, repo);
	ck_assert_str_eq(mode, "600 700 ");
	free(mode);
	session_free(s);

	s = open_session();
	ck_assert(session_recovery_exists(s));
	session_recovery_later(s);
	ck_assert(!session_recovery_exists(s));
	session_free(s);
	ck_assert_int_eq(count("*.json"), 1);

	s = open_session();
	ck_assert_int_eq(session_recovery_discard(s, &backup, &err), 0);
	ck_assert_ptr_nonnull(strstr(backup, "/discarded/"));
	ck_assert(mw_file_exists(backup));
	ck_assert_int_eq(count("*.json"), 0);
	free(backup);
	session_free(s);

	s = open_session();
	ck_assert(!session_recovery_exists(s));
	session_free(s);
	mw_buf_release(&err);
}
END_TEST

/* A checkout path longer than NAME_MAX still gets its recovery, under short names. */
START_TEST(long_checkout_path)
{
	char deep[1024], *names;
	struct session *s;
	mw_buf err = MW_BUF_INIT;
	int len = snprintf(deep, sizeof(deep), "%s", repo);

	for (int i = 0; i < 3; i++)
		len += snprintf(deep + len, sizeof(deep) - (size_t)len, "/%0120d", i);
	sh("mkdir -p '%s' && cp -R '%s/sql' '%s/includes' '%s/'", deep, repo, repo, deep);
	ck_assert_int_gt(len, 300);
	ck_assert_msg(session_open(&s, deep, &err) == 0, "%s", mw_buf_cstr(&err));
	add_column(s, table_named(s, "actor"), "actor_x");
	session_autosave(s);
	ck_assert_str_eq(mw_buf_cstr(&s->autosave_error), "");
	names = sh_out("cd '%s/.home/state/mwschema/recovery' && find . | awk -F/ "
		       "'{ for (i = 1; i <= NF; i++) if (length($i) > 40) print $i }'", repo);
	ck_assert_str_eq(names, "");
	free(names);
	session_free(s);
	mw_buf_release(&err);
}
END_TEST

/* An autosave that fails says why, and the next one that works clears it. */
START_TEST(autosave_failure_reported)
{
	struct session *s = open_session();
	char *dir = sh_out("printf %%s " RECOVERY, repo);

	add_column(s, table_named(s, "actor"), "actor_x");
	sh("mv '%s' '%s.away' && touch '%s'", dir, dir, dir);
	session_autosave(s);
	ck_assert_msg(strstr(mw_buf_cstr(&s->autosave_error), "autosave failed, edits not safe"),
		      "%s", mw_buf_cstr(&s->autosave_error));
	sh("rm '%s' && mv '%s.away' '%s'", dir, dir, dir);
	session_autosave(s);
	ck_assert_str_eq(mw_buf_cstr(&s->autosave_error), "");
	session_free(s);
	free(dir);
}
END_TEST

/* No state directory at all: the editor runs, and says it keeps no recovery. */
START_TEST(no_state_directory)
{
	struct session *s;
	char *file = mw_path_join(repo, ".home/not-a-dir");

	sh("touch '%s'", file);
	setenv("XDG_STATE_HOME", file, 1);
	s = open_session();
	ck_assert_msg(strstr(mw_buf_cstr(&s->autosave_error), "no recovery file can be kept"), "%s",
		      mw_buf_cstr(&s->autosave_error));
	add_column(s, table_named(s, "actor"), "actor_x");
	session_autosave(s);
	ck_assert(session_has_change(s));
	session_free(s);
	free(file);
}
END_TEST

/* The edit typed just before a fatal signal is in the recovery file. */
static void
die_by(int sig)
{
	pid_t pid = fork();
	int status = 0;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct session *s = open_session();

		add_column(s, table_named(s, "actor"), "actor_signal");
		/* No autosave: only the handler can save it. */
		session_catch_signals(s, NULL);
		raise(sig);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sig, "status %d", status);
	sh("grep -q actor_signal " RECOVERY "/*.json", repo);
	sh("rm -rf '%s/.home/state/mwschema/recovery'", repo);
}

START_TEST(fatal_signals_save)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGSEGV, SIGABRT };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		die_by(sigs[i]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("editor recovery");
	TCase *tc = tcase_create("recovery");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, two_editors);
	tcase_add_test(tc, later_and_discard);
	tcase_add_test(tc, long_checkout_path);
	tcase_add_test(tc, autosave_failure_reported);
	tcase_add_test(tc, no_state_directory);
	tcase_add_test(tc, fatal_signals_save);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
