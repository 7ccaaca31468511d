/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The trust boundary, part 2 (issue 14): writes stay in the checkout and
 * leave no temporary file even under kill -9; SQL is read as each engine
 * reads it; engines run only generated statements, one per call; verify
 * refuses SQL whose quoted values would break out, on SQLite here (the
 * servers are tests/security/sql-injection.sh).
 */
#include <config.h>

#include "mwschema/engine.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/sqllex.h"
#include "mwschema/verify.h"

#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/scratch.h"
#include "tests/check_main.h"

static char tmpdir[] = "/tmp/check_confine.XXXXXX";

static char *
at(const char *rel)
{
	return mw_path_join(tmpdir, rel);
}

static void
setup(void)
{
	char *p;

	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	p = at("checkout/sql");
	ck_assert_int_eq(mw_mkdirs(p, NULL), 0);
	free(p);
	p = at("elsewhere");
	ck_assert_int_eq(mw_mkdirs(p, NULL), 0);
	free(p);
}

START_TEST(confine_refuses_paths_that_leave)
{
	char *root = at("checkout"), *link = at("checkout/sql/mysql"), *out = at("elsewhere");
	char *resolved = NULL, *victim = at("elsewhere/x.sql");
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(symlink(out, link), 0);
	ck_assert_int_eq(mw_path_confine(root, "sql/postgres/patch-x.sql", &resolved, &err), 0);
	ck_assert_ptr_nonnull(strstr(resolved, "/checkout/sql/postgres/patch-x.sql"));
	ck_assert_int_eq(mw_path_confine(root, "sql/mysql/x.sql", NULL, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "sql/mysql/x.sql: resolves to ") &&
		      strstr(mw_buf_cstr(&err), "/elsewhere/x.sql, outside"), "%s",
		      mw_buf_cstr(&err));
	ck_assert_int_eq(mw_path_confine(root, "../elsewhere/x.sql", NULL, NULL), -1);
	ck_assert_int_eq(mw_path_confine(root, "sql/new/../../../x", NULL, NULL), -1);
	ck_assert_int_eq(mw_path_confine(root, "/etc/passwd", NULL, NULL), -1);
	ck_assert_int_eq(mw_write_file_confined(root, "sql/mysql/x.sql", "x", 1, NULL), -1);
	ck_assert(!mw_file_exists(victim));
	ck_assert_int_eq(mw_mkdirs_confined(root, "sql/mysql/sub", NULL), -1);
	ck_assert_int_eq(mw_write_file_confined(root, "sql/sqlite/a/b.sql", "x", 1, NULL), 0);
	free(resolved);
	free(root);
	free(link);
	free(out);
	free(victim);
	mw_buf_release(&err);
}
END_TEST

static size_t
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

START_TEST(kill_during_write_leaves_no_temporary_file)
{
	char *dir = at("kill"), *file = at("kill/tables-generated.sql");
	size_t size = 32u << 20;
	char *data = mw_xmalloc(size);

	memset(data, 'x', size);
	ck_assert_int_eq(mw_mkdirs(dir, NULL), 0);
	ck_assert_int_eq(mw_write_file_atomic(file, "old", 3, NULL), 0);
	for (int i = 0; i < 8; i++) {
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			for (;;)
				mw_write_file_atomic(file, data, size, NULL);
		}
		usleep(20000 + 15000 * (useconds_t)i);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		/* the file is whole (old or new), and nothing else is there */
		ck_assert_uint_eq(count_entries(dir), 1);
	}
	free(data);
	free(dir);
	free(file);
}
END_TEST

/*
 * Reading SQL as each engine does
 */

START_TEST(statements_split_per_dialect)
{
	const char *sql = "CREATE TABLE t (a TEXT DEFAULT 'C:\\'); DROP TABLE x; -- '\n";
	char **v;

	/* PostgreSQL and SQLite: the backslash is a character, two statements */
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_SQLITE), 2);
	ck_assert_str_eq(v[1], "DROP TABLE x");
	mw_strv_free(v, 2);
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_POSTGRES), 2);
	mw_strv_free(v, 2);
	/* MySQL: it escapes the quote, and the string swallows the DROP up to "-- '" */
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_MYSQL), 1);
	mw_strv_free(v, 1);
	sql = "CREATE TABLE t (a TEXT DEFAULT 'C:\\'); DROP TABLE x;";
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_MYSQL), -1);
	sql = "SELECT 1 /* a /* nested */ ; still a comment */; SELECT $x$;$x$; # c\n";
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_POSTGRES), 3);
	mw_strv_free(v, 3);
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_MYSQL), 4);
	mw_strv_free(v, 4);
}
END_TEST

static mw_sqltok_kind
kind_at(const char *sql, size_t at, mw_dbms dbms)
{
	mw_sqltok *t;
	size_t n = mw_sql_lex(&t, sql, strlen(sql), dbms);
	mw_sqltok_kind k = MW_SQLTOK_UNTERMINATED;

	for (size_t i = 0; i < n; i++)
		if (t[i].start == at)
			k = t[i].kind;
	free(t);
	return k;
}

/* The printer's tokenizer read as each engine: what differs from the printer's reading. */
START_TEST(engine_reading_of_the_one_lexer)
{
	const char *sql = "SELECT E'a\\';x' FROM t;";
	char **v;

	/* PostgreSQL's E'...' takes backslashes: one string, then one statement */
	ck_assert_int_eq(kind_at(sql, 7, MW_DBMS_POSTGRES), MW_SQLTOK_STRING);
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_POSTGRES), 1);
	mw_strv_free(v, 1);
	/* "..." is a string on MySQL, a name elsewhere; [...] a name on SQLite only */
	ck_assert_int_eq(kind_at("x \"a\"", 2, MW_DBMS_MYSQL), MW_SQLTOK_STRING);
	ck_assert_int_eq(kind_at("x \"a\"", 2, MW_DBMS_POSTGRES), MW_SQLTOK_QUOTED);
	ck_assert_int_eq(kind_at("x [a;b]", 2, MW_DBMS_SQLITE), MW_SQLTOK_QUOTED);
	ck_assert_int_eq(kind_at("x [a;b]", 2, MW_DBMS_MYSQL), MW_SQLTOK_PUNCT);
	ck_assert_int_eq(kind_at("x `a`", 2, MW_DBMS_POSTGRES), MW_SQLTOK_PUNCT);
	/* MySQL: "--" is a comment only before a blank; "#" only there */
	ck_assert_int_eq(kind_at("1 --1", 2, MW_DBMS_MYSQL), MW_SQLTOK_PUNCT);
	ck_assert_int_eq(kind_at("1 -- 1", 2, MW_DBMS_MYSQL), MW_SQLTOK_COMMENT);
	ck_assert_int_eq(kind_at("1 # c", 2, MW_DBMS_SQLITE), MW_SQLTOK_PUNCT);
	/* a quote closing before the final newline is closed (no PCRE `$`) */
	sql = "INSERT INTO t VALUES ('a');\n";
	ck_assert_int_eq(mw_sql_statements(&v, sql, strlen(sql), MW_DBMS_SQLITE), 1);
	mw_strv_free(v, 1);
	ck_assert_int_eq(kind_at("x 'a", 2, MW_DBMS_SQLITE), MW_SQLTOK_UNTERMINATED);
	ck_assert_int_eq(kind_at("x /* a", 2, MW_DBMS_MYSQL), MW_SQLTOK_UNTERMINATED);
	ck_assert_int_eq(kind_at("x $$a", 2, MW_DBMS_POSTGRES), MW_SQLTOK_UNTERMINATED);
	/* $1 is a parameter, not a dollar quote */
	ck_assert_int_eq(kind_at("x $1$ ;", 2, MW_DBMS_POSTGRES), MW_SQLTOK_PUNCT);
}
END_TEST

static mw_engine *
sqlite_engine(void)
{
	mw_buf err = MW_BUF_INIT;
	mw_engine *e = NULL;

	ck_assert_msg(mw_engine_open(&e, MW_DBMS_SQLITE, NULL, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return e;
}

START_TEST(engine_runs_only_generated_statements)
{
	static const char *const refused[][2] = {
		{ "ATTACH DATABASE 'VICTIM' AS p", "not a statement mwschema generates" },
		{ "PRAGMA writable_schema = 1", "not a statement mwschema generates" },
		{ "CREATE TABLE p.x (y INT)", "qualified" },
		{ "DROP TABLE main.t", "qualified" },
		{ "INSERT INTO \"t\" SELECT * FROM \"other\".\"t\"", "qualified" },
		{ "CREATE TABLE a (x INT); ATTACH DATABASE 'VICTIM' AS p", "not a statement" },
		{ "CREATE TABLE a (x INT) /* never ends", "never ends" },
	};
	mw_engine *e = sqlite_engine();
	mw_buf err = MW_BUF_INIT;
	char *victim = at("attached.db");

	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		const char *mark = strstr(refused[i][0], "VICTIM");
		char *sql = mark ? mw_strdupf("%.*s%s%s", (int)(mark - refused[i][0]), refused[i][0],
					      victim, mark + 6) : mw_xstrdup(refused[i][0]);

		mw_buf_reset(&err);
		ck_assert_int_eq(mw_engine_exec(e, sql, &err), -1);
		ck_assert_msg(strstr(mw_buf_cstr(&err), refused[i][1]), "%s: %s", sql,
			      mw_buf_cstr(&err));
		free(sql);
	}
	/* of the two-statement case, the first ran alone and the ATTACH never */
	ck_assert(!mw_file_exists(victim));
	mw_buf_reset(&err);
	ck_assert_msg(mw_engine_exec(e, "CREATE TABLE b (x INT); CREATE INDEX bx ON b (x); "
				     "INSERT INTO b VALUES (1)", &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert(!mw_file_exists(victim));
	mw_engine_close(e);
	mw_buf_release(&err);
	free(victim);
}
END_TEST

/* Runs verify of `json` (a change) on SQLite; returns the first step's detail. */
static char *
verify_sqlite(const char *json)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_verify_opts opts = { 0 };
	mw_verify_result r;
	mw_engine *e = sqlite_engine();
	mw_doc *doc = NULL;
	char *detail;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "patch-t.json", &diags), 0);
	mw_verify_change(&r, e, &doc->change, &opts);
	detail = mw_xstrdup(r.detail[MW_VSTEP_CREATE]);
	mw_verify_result_clear(&r);
	mw_engine_close(e);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return detail;
}

START_TEST(verify_refuses_values_that_break_out)
{
	char *victim = at("pwn.db"), *json, *d;

	json = mw_strdupf("{\"before\": {\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": "
			  "\"mwenum\", \"options\": {\"PlatformOptions\": {\"enum_values\": [\"x'); "
			  "ATTACH DATABASE '%s' AS p; CREATE TABLE p.x (y INT); --\"]}}}], "
			  "\"indexes\": []}, \"after\": {}}", victim);
	/* SQLite stores an enum as TEXT: the list never reaches its SQL, nor the ATTACH */
	d = verify_sqlite(json);
	ck_assert_msg(strstr(d, "t: 1 column, 1 statement"), "%s", d);
	ck_assert(!mw_file_exists(victim));
	free(d);
	free(json);
	free(victim);
}
END_TEST

static Suite *
confine_suite(void)
{
	Suite *s = suite_create("trust-confine");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, confine_refuses_paths_that_leave);
	tcase_add_test(tc, kill_during_write_leaves_no_temporary_file);
	tcase_add_test(tc, statements_split_per_dialect);
	tcase_add_test(tc, engine_reading_of_the_one_lexer);
	tcase_add_test(tc, engine_runs_only_generated_statements);
	tcase_add_test(tc, verify_refuses_values_that_break_out);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int status = run_suite_as(confine_suite(), CK_NOFORK);

	scratch_remove(tmpdir);
	return status;
}
