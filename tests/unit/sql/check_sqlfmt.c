/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of the pretty-printer (spec §7), MediaWiki's clean-up (§8.2)
 * and the quoting word lists (§4.2). Raw statements are written the way the
 * generators build them (§5): joined with ";\n\n", final ";", single spaces.
 * Expected texts come from the spec's worked examples (§9), from committed
 * MediaWiki files, or were traced by hand through sql-formatter's format().
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mwschema/sqlfmt.h"
#include "tests/check_main.h"

/* format() + clean-up, as a NUL-terminated string the caller frees. */
static char *
gen(const char *raw, mw_dbms dbms)
{
	mw_buf f = MW_BUF_INIT, c = MW_BUF_INIT;

	mw_sqlfmt_format(&f, raw, strlen(raw));
	mw_sqlfmt_cleanup(&c, mw_buf_cstr(&f), f.len, dbms);
	mw_buf_release(&f);
	return mw_buf_detach(&c);
}

static char *
fmt_only(const char *raw)
{
	mw_buf f = MW_BUF_INIT;

	mw_sqlfmt_format(&f, raw, strlen(raw));
	mw_buf_addc(&f, '\0');
	f.len--;
	return mw_buf_detach(&f);
}

static char *
clean_only(const char *text, mw_dbms dbms)
{
	mw_buf c = MW_BUF_INIT;

	mw_sqlfmt_cleanup(&c, text, strlen(text), dbms);
	return mw_buf_detach(&c);
}

#define CHECK_GEN(raw, dbms, expected) do { \
	char *got_ = gen(raw, dbms); \
	ck_assert_str_eq(got_, expected); \
	free(got_); \
} while (0)

#define CHECK_FMT(raw, expected) do { \
	char *got_ = fmt_only(raw); \
	ck_assert_str_eq(got_, expected); \
	free(got_); \
} while (0)

#define CHECK_CLEAN(text, dbms, expected) do { \
	char *got_ = clean_only(text, dbms); \
	ck_assert_str_eq(got_, expected); \
	free(got_); \
} while (0)

/* §9.1 */
START_TEST(test_create_actor_mysql)
{
	CHECK_GEN("CREATE TABLE /*_*/actor (actor_id BIGINT UNSIGNED AUTO_INCREMENT NOT NULL, "
		  "actor_user INT UNSIGNED DEFAULT NULL, actor_name VARBINARY(255) NOT NULL, "
		  "UNIQUE INDEX actor_user (actor_user), UNIQUE INDEX actor_name (actor_name), "
		  "PRIMARY KEY(actor_id)) /*$wgDBTableOptions*/;", MW_DBMS_MYSQL,
		  "CREATE TABLE /*_*/actor (\n"
		  "  actor_id BIGINT UNSIGNED AUTO_INCREMENT NOT NULL,\n"
		  "  actor_user INT UNSIGNED DEFAULT NULL,\n"
		  "  actor_name VARBINARY(255) NOT NULL,\n"
		  "  UNIQUE INDEX actor_user (actor_user),\n"
		  "  UNIQUE INDEX actor_name (actor_name),\n"
		  "  PRIMARY KEY(actor_id)\n"
		  ") /*$wgDBTableOptions*/;\n");
}
END_TEST

START_TEST(test_create_actor_postgres)
{
	CHECK_GEN("CREATE TABLE actor (actor_id BIGSERIAL NOT NULL, actor_user INT DEFAULT NULL, "
		  "actor_name TEXT NOT NULL, PRIMARY KEY(actor_id));\n\n"
		  "CREATE UNIQUE INDEX actor_user ON actor (actor_user);\n\n"
		  "CREATE UNIQUE INDEX actor_name ON actor (actor_name);\n\n"
		  "CREATE TABLE x (a INT)", MW_DBMS_POSTGRES,
		  "CREATE TABLE actor (\n"
		  "  actor_id BIGSERIAL NOT NULL,\n"
		  "  actor_user INT DEFAULT NULL,\n"
		  "  actor_name TEXT NOT NULL,\n"
		  "  PRIMARY KEY(actor_id)\n"
		  ");\n\n"
		  "CREATE UNIQUE INDEX actor_user ON actor (actor_user);\n\n"
		  "CREATE UNIQUE INDEX actor_name ON actor (actor_name);\n\n\n"
		  "CREATE TABLE x (a INT)\n");
}
END_TEST

START_TEST(test_create_actor_sqlite)
{
	CHECK_GEN("CREATE TABLE /*_*/actor (actor_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
		  "actor_user INTEGER UNSIGNED DEFAULT NULL, actor_name BLOB NOT NULL);\n\n"
		  "CREATE UNIQUE INDEX actor_user ON /*_*/actor (actor_user);\n\n"
		  "CREATE UNIQUE INDEX actor_name ON /*_*/actor (actor_name);", MW_DBMS_SQLITE,
		  "CREATE TABLE /*_*/actor (\n"
		  "  actor_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
		  "  actor_user INTEGER UNSIGNED DEFAULT NULL,\n"
		  "  actor_name BLOB NOT NULL\n"
		  ");\n\n"
		  "CREATE UNIQUE INDEX actor_user ON /*_*/actor (actor_user);\n\n"
		  "CREATE UNIQUE INDEX actor_name ON /*_*/actor (actor_name);\n");
}
END_TEST

/* An inline list of more than 30 characters wraps after 30 (core job_cmd). */
START_TEST(test_inline_wrap)
{
	CHECK_GEN("CREATE INDEX job_cmd ON /*_*/job (job_cmd, job_namespace, job_title, job_params);",
		  MW_DBMS_SQLITE,
		  "CREATE INDEX job_cmd ON /*_*/job (\n"
		  "  job_cmd, job_namespace, job_title,\n"
		  "  job_params\n"
		  ");\n");
	/* exactly 30 characters stays on one line, 31 does not */
	CHECK_FMT("CREATE INDEX i ON t (aaaaaaaaaaaaa, bbbbbbbbbbbbbbbb)",
		  "CREATE INDEX i ON t (aaaaaaaaaaaaa, bbbbbbbbbbbbbbbb)");
	CHECK_FMT("CREATE INDEX i ON t (aaaaaaaaaaaaa, bbbbbbbbbbbbbbbbb)",
		  "CREATE INDEX i ON t (\n  aaaaaaaaaaaaa, bbbbbbbbbbbbbbbbb\n)");
	/* the wrap happens at the first comma once >= 30 characters were counted */
	CHECK_FMT("(aaaaaaaaaaaaaaaaaaaaaaaaaaaaa, b, c)",
		  "(\n  aaaaaaaaaaaaaaaaaaaaaaaaaaaaa, b,\n  c\n)");
}
END_TEST

/* A CREATE TABLE without nested parentheses is an inline list (core querycache). */
START_TEST(test_inline_create_table)
{
	CHECK_GEN("CREATE TABLE /*_*/querycache (qc_type BLOB NOT NULL, "
		  "qc_value INTEGER UNSIGNED DEFAULT 0 NOT NULL, qc_namespace INTEGER DEFAULT 0 NOT NULL, "
		  "qc_title BLOB DEFAULT '' NOT NULL);\n\n"
		  "CREATE INDEX qc_type ON /*_*/querycache (qc_type, qc_value)", MW_DBMS_SQLITE,
		  "CREATE TABLE /*_*/querycache (\n"
		  "  qc_type BLOB NOT NULL, qc_value INTEGER UNSIGNED DEFAULT 0 NOT NULL,\n"
		  "  qc_namespace INTEGER DEFAULT 0 NOT NULL,\n"
		  "  qc_title BLOB DEFAULT '' NOT NULL\n"
		  ");\n\n"
		  "CREATE INDEX qc_type ON /*_*/querycache (qc_type, qc_value)\n");
}
END_TEST

/* §9.2 */
START_TEST(test_add_columns)
{
	CHECK_GEN("ALTER TABLE /*_*/site_stats ADD ss_temp_users BIGINT UNSIGNED DEFAULT NULL, "
		  "ADD ss_active_temp_users BIGINT UNSIGNED DEFAULT NULL;", MW_DBMS_MYSQL,
		  "ALTER TABLE /*_*/site_stats\n"
		  "  ADD ss_temp_users BIGINT UNSIGNED DEFAULT NULL,\n"
		  "  ADD ss_active_temp_users BIGINT UNSIGNED DEFAULT NULL;\n");
	CHECK_GEN("ALTER TABLE site_stats ADD ss_temp_users BIGINT DEFAULT NULL;\n\n"
		  "ALTER TABLE site_stats ADD ss_active_temp_users BIGINT DEFAULT NULL;",
		  MW_DBMS_POSTGRES,
		  "ALTER TABLE site_stats\n"
		  "  ADD ss_temp_users BIGINT DEFAULT NULL;\n\n"
		  "ALTER TABLE site_stats\n"
		  "  ADD ss_active_temp_users BIGINT DEFAULT NULL;\n");
	CHECK_GEN("ALTER TABLE /*_*/site_stats ADD COLUMN ss_temp_users BIGINT UNSIGNED DEFAULT NULL;"
		  "\n\nALTER TABLE /*_*/site_stats ADD COLUMN ss_active_temp_users BIGINT UNSIGNED "
		  "DEFAULT NULL;", MW_DBMS_SQLITE,
		  "ALTER TABLE /*_*/site_stats\n"
		  "  ADD COLUMN ss_temp_users BIGINT UNSIGNED DEFAULT NULL;\n\n"
		  "ALTER TABLE /*_*/site_stats\n"
		  "  ADD COLUMN ss_active_temp_users BIGINT UNSIGNED DEFAULT NULL;\n");
}
END_TEST

/* §9.3: the SQLite rebuild, SELECT lists and the __temp__ rules. */
START_TEST(test_sqlite_rebuild)
{
	CHECK_GEN("CREATE TEMPORARY TABLE __temp__/*_*/objectcache AS SELECT keyname, value, exptime "
		  "FROM /*_*/objectcache;\n\n"
		  "DROP TABLE /*_*/objectcache;\n\n"
		  "CREATE TABLE /*_*/objectcache (keyname BLOB DEFAULT '' NOT NULL, "
		  "value BLOB DEFAULT NULL, exptime BLOB NOT NULL, PRIMARY KEY(keyname));\n\n"
		  "INSERT INTO /*_*/objectcache (keyname, value, exptime) SELECT keyname, value, "
		  "exptime FROM __temp__/*_*/objectcache;\n\n"
		  "DROP TABLE __temp__/*_*/objectcache;\n\n"
		  "CREATE INDEX exptime ON /*_*/objectcache (exptime);", MW_DBMS_SQLITE,
		  "CREATE TEMPORARY TABLE /*_*/__temp__objectcache AS\n"
		  "SELECT\n  keyname,\n  value,\n  exptime\n"
		  "FROM /*_*/objectcache;\n\n"
		  "DROP TABLE /*_*/objectcache;\n\n\n"
		  "CREATE TABLE /*_*/objectcache (\n"
		  "  keyname BLOB DEFAULT '' NOT NULL,\n"
		  "  value BLOB DEFAULT NULL,\n"
		  "  exptime BLOB NOT NULL,\n"
		  "  PRIMARY KEY(keyname)\n"
		  ");\n\n"
		  "INSERT INTO /*_*/objectcache (keyname, value, exptime)\n"
		  "SELECT\n  keyname,\n  value,\n  exptime\n"
		  "FROM /*_*/__temp__objectcache;\n\n"
		  "DROP TABLE /*_*/__temp__objectcache;\n\n"
		  "CREATE INDEX exptime ON /*_*/objectcache (exptime);\n");
}
END_TEST

/* §9.4, §9.5: Postgres SET on its own line, ALTER/DROP line breaks. */
START_TEST(test_alter_postgres)
{
	CHECK_GEN("ALTER TABLE imagelinks DROP CONSTRAINT imagelinks_pkey;\n\n"
		  "ALTER TABLE imagelinks ALTER il_target_id SET NOT NULL;\n\n"
		  "ALTER TABLE imagelinks ADD PRIMARY KEY (il_from, il_target_id);",
		  MW_DBMS_POSTGRES,
		  "ALTER TABLE imagelinks\n"
		  "  DROP CONSTRAINT imagelinks_pkey;\n\n"
		  "ALTER TABLE imagelinks\n"
		  "  ALTER il_target_id\n"
		  "SET\n"
		  "  NOT NULL;\n\n"
		  "ALTER TABLE imagelinks\n"
		  "  ADD PRIMARY KEY (il_from, il_target_id);\n");
	CHECK_GEN("ALTER TABLE abuse_filter_log ALTER afl_ip SET DEFAULT '';", MW_DBMS_POSTGRES,
		  "ALTER TABLE abuse_filter_log\n  ALTER afl_ip\nSET\n  DEFAULT '';\n");
	CHECK_GEN("ALTER TABLE abuse_filter_log ALTER afl_ip_hex DROP DEFAULT;", MW_DBMS_POSTGRES,
		  "ALTER TABLE abuse_filter_log\n  ALTER afl_ip_hex\n  DROP DEFAULT;\n");
	CHECK_GEN("ALTER INDEX namespace_title RENAME TO wl_namespace_title;", MW_DBMS_POSTGRES,
		  "ALTER INDEX namespace_title\n  RENAME TO wl_namespace_title;\n");
}
END_TEST

START_TEST(test_alter_mysql)
{
	CHECK_GEN("DROP INDEX `primary` ON /*_*/imagelinks;\n\n"
		  "ALTER TABLE /*_*/imagelinks CHANGE il_target_id il_target_id BIGINT UNSIGNED "
		  "NOT NULL;\n\n"
		  "ALTER TABLE /*_*/imagelinks ADD PRIMARY KEY (il_from, il_target_id);",
		  MW_DBMS_MYSQL,
		  "DROP INDEX `primary` ON /*_*/imagelinks;\n\n"
		  "ALTER TABLE /*_*/imagelinks\n"
		  "  CHANGE il_target_id il_target_id BIGINT UNSIGNED NOT NULL;\n\n"
		  "ALTER TABLE /*_*/imagelinks\n"
		  "  ADD PRIMARY KEY (il_from, il_target_id);\n");
	CHECK_GEN("ALTER TABLE /*_*/objectcache DROP modtoken, DROP flags;", MW_DBMS_MYSQL,
		  "ALTER TABLE /*_*/objectcache\n  DROP modtoken,\n  DROP flags;\n");
	CHECK_GEN("DROP INDEX namespace_title ON /*_*/watchlist;\n\n"
		  "CREATE INDEX wl_namespace_title ON /*_*/watchlist (wl_namespace, wl_title);",
		  MW_DBMS_MYSQL,
		  "DROP INDEX namespace_title ON /*_*/watchlist;\n\n"
		  "CREATE INDEX wl_namespace_title ON /*_*/watchlist (wl_namespace, wl_title);\n");
}
END_TEST

/* Boundaries get spaces, "DEFAULT -1" stays tight, "x - 1" does not. */
START_TEST(test_boundaries_and_minus)
{
	CHECK_GEN("CREATE TABLE /*_*/t (a INT DEFAULT -1 NOT NULL) ENGINE=MyISAM;", MW_DBMS_MYSQL,
		  "CREATE TABLE /*_*/t (a INT DEFAULT -1 NOT NULL) ENGINE = MyISAM;\n");
	CHECK_FMT("SELECT a - 1, -1, (a)-1 FROM t WHERE a=-1 AND b<>2 LIMIT 5, 10",
		  "SELECT\n  a - 1,\n  -1,\n  (a)-1\nFROM\n  t\nWHERE\n  a =-1\n  AND b <> 2\n"
		  "LIMIT\n  5, 10");
	CHECK_FMT("x::text, 'it''s', \"q\\\"x\", `a``b`",
		  "x :: text,\n'it''s',\n\"q\\\"x\",\n`a``b`");
	CHECK_FMT("NUMERIC(10, 2)", "NUMERIC(10, 2)");
	CHECK_FMT("ENUM( 'a','b' )", "ENUM('a', 'b')");
}
END_TEST

/* Identifiers that equal keywords change the layout exactly as upstream. */
START_TEST(test_keyword_identifiers)
{
	CHECK_FMT("CREATE TABLE t (range INT NOT NULL, rows INT NOT NULL);",
		  "CREATE TABLE t (\n  range\n    INT NOT NULL,\n  rows\n    INT NOT NULL\n);");
	CHECK_GEN("CREATE TABLE t (range INT NOT NULL, rows INT NOT NULL);", MW_DBMS_POSTGRES,
		  "CREATE TABLE t (\n  range\n  INT NOT NULL,\n  rows\n  INT NOT NULL\n);\n");
	/* after a '.', a keyword is a plain word */
	CHECK_FMT("SELECT t.from, t.set FROM t", "SELECT\n  t.from,\n  t.set\nFROM\n  t");
	/* multi-word keywords: any whitespace inside, collapsed */
	CHECK_FMT("SELECT a FROM t ORDER \n\t BY a", "SELECT\n  a\nFROM\n  t\nORDER BY\n  a");
	CHECK_FMT("a LEFT  OUTER\nJOIN b", "a\nLEFT OUTER JOIN b");
	/* longest match, then the look-ahead: no fall-back to a shorter keyword */
	CHECK_FMT("x UNION ALLX y", "x UNION ALLX y");
	CHECK_FMT("x UNION ALL y", "x\nUNION ALL\n  y");
	CHECK_FMT("a settings b", "a settings b");
	/* an identifier named "end" dedents */
	CHECK_FMT("CREATE TABLE t (a INT, end INT)", "CREATE TABLE t (a INT,\nend INT)");
}
END_TEST

START_TEST(test_case_blocks)
{
	CHECK_FMT("SELECT CASE WHEN a THEN b ELSE c END FROM t",
		  "SELECT\n  CASE WHEN a THEN\n    b\n  ELSE\n    c\n  END\nFROM\n  t");
	CHECK_FMT("BEGIN x; END", "BEGIN\n  x;\nEND");
}
END_TEST

START_TEST(test_comments)
{
	CHECK_FMT("-- hello\nCREATE TABLE t (a INT /* c\nd */, b INT) # x\n;",
		  "-- hello\nCREATE TABLE t (\n  a INT\n  /* c\n  d */\n  ,\n  b INT\n) # x\n;");
	CHECK_FMT("/* unterminated", "/* unterminated");
	CHECK_FMT("a 'unterminated", "a 'unterminated");
}
END_TEST

START_TEST(test_unbalanced)
{
	CHECK_FMT("a (b, (c)", "a (\n  b,\n  (c) WARNING: unclosed parentheses or section");
	/* a stray ')' is written without the usual space after it */
	CHECK_FMT("a) b", "a)b");
	CHECK_FMT("", "");
	CHECK_FMT("   \n ", "");
}
END_TEST

START_TEST(test_cleanup_steps)
{
	/* step 1: Postgres-only replacements */
	CHECK_CLEAN("a\nWHERE\n  b", MW_DBMS_POSTGRES, "a\nWHERE b\n");
	CHECK_CLEAN("a\nWHERE\n  b", MW_DBMS_MYSQL, "a\nWHERE\n  b\n");
	CHECK_CLEAN("x (\n    a\n  );", MW_DBMS_POSTGRES, "x (\n  a\n);\n");
	CHECK_CLEAN("KEY(\n  a", MW_DBMS_POSTGRES, "KEY(\n    a\n");
	/* step 2 and 3 */
	CHECK_CLEAN("CREATE TABLE\n/*_*/\nactor (", MW_DBMS_MYSQL, "CREATE TABLE /*_*/actor (\n");
	CHECK_CLEAN(")\n/*$wgDBTableOptions*/\n;", MW_DBMS_MYSQL, ") /*$wgDBTableOptions*/;\n");
	CHECK_CLEAN(") /*$wgDBTableOptions*/ x;", MW_DBMS_MYSQL, ") /*$wgDBTableOptions*/ x;\n");
	/* step 4 */
	CHECK_CLEAN("a;\n\nCREATE TABLE b;\n\nCREATE INDEX c", MW_DBMS_SQLITE,
		    "a;\n\n\nCREATE TABLE b;\n\nCREATE INDEX c\n");
	/* step 5: only at line starts */
	CHECK_CLEAN("DROP\n  TABLE x;\nx DROP\n  INDEX y", MW_DBMS_MYSQL,
		    "DROP TABLE x;\nx\n  DROP INDEX y\n");
	/* step 6: not after ';' or whitespace, upper case only, whole words */
	CHECK_CLEAN("t\nADD\n  x,\nCHANGE y;\n\nDROP z;\na add b\na ADDX b", MW_DBMS_MYSQL,
		    "t\n  ADD x,\n  CHANGE y;\n\nDROP z;\na add b\na ADDX b\n");
	/* step 7 */
	CHECK_CLEAN("", MW_DBMS_MYSQL, "\n");
	CHECK_CLEAN("x\n", MW_DBMS_MYSQL, "x\n");
	/* step 8 */
	CHECK_CLEAN("FROM\n  __temp__ /*_*/t;", MW_DBMS_SQLITE, "FROM /*_*/__temp__t;\n");
	CHECK_CLEAN("FROM\n  __temp__ /*_*/t;", MW_DBMS_MYSQL, "FROM\n  __temp__ /*_*/t;\n");
}
END_TEST

START_TEST(test_reserved_words)
{
	ck_assert(mw_sql_is_reserved(MW_DBMS_MYSQL, "key"));
	ck_assert(mw_sql_is_reserved(MW_DBMS_MYSQL, "Primary"));
	ck_assert(mw_sql_is_reserved(MW_DBMS_SQLITE, "key"));
	ck_assert(!mw_sql_is_reserved(MW_DBMS_POSTGRES, "key"));
	ck_assert(mw_sql_is_reserved(MW_DBMS_POSTGRES, "user"));
	ck_assert(mw_sql_is_reserved(MW_DBMS_POSTGRES, "collation"));
	ck_assert(!mw_sql_is_reserved(MW_DBMS_MYSQL, "actor_name"));
	ck_assert(!mw_sql_is_reserved(MW_DBMS_MYSQL, ""));
	ck_assert(!mw_sql_is_reserved(MW_DBMS_MYSQL, NULL));
	ck_assert(!mw_sql_is_reserved(MW_DBMS_MYSQL, "a_very_long_identifier_that_is_not_a_keyword"));
}
END_TEST

/* Arbitrary bytes, including NULs and lone quotes, never crash. */
START_TEST(test_fuzz_random)
{
	static const char alphabet[] = "(),;.'\"`[]-#/*\n\t :=<>0123456789abcSELECTFROMendcase\0";
	char buf[512];
	unsigned seed = 12345;

	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof(buf));
		mw_buf f = MW_BUF_INIT, c = MW_BUF_INIT;

		for (size_t k = 0; k < n; k++)
			buf[k] = (round & 1) ? (char)rand_r(&seed)
					     : alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
		mw_sqlfmt_format(&f, buf, n);
		for (int d = 0; d < MW_DBMS__COUNT; d++) {
			mw_buf_reset(&c);
			mw_sqlfmt_cleanup(&c, mw_buf_cstr(&f), f.len, (mw_dbms)d);
			ck_assert(c.len >= 1 && c.data[c.len - 1] == '\n');
		}
		mw_buf_release(&f);
		mw_buf_release(&c);
	}
}
END_TEST

static Suite *
sqlfmt_suite(void)
{
	Suite *s = suite_create("sqlfmt");
	TCase *tc = tcase_create("printer");

	tcase_add_test(tc, test_create_actor_mysql);
	tcase_add_test(tc, test_create_actor_postgres);
	tcase_add_test(tc, test_create_actor_sqlite);
	tcase_add_test(tc, test_inline_wrap);
	tcase_add_test(tc, test_inline_create_table);
	tcase_add_test(tc, test_add_columns);
	tcase_add_test(tc, test_sqlite_rebuild);
	tcase_add_test(tc, test_alter_postgres);
	tcase_add_test(tc, test_alter_mysql);
	tcase_add_test(tc, test_boundaries_and_minus);
	tcase_add_test(tc, test_keyword_identifiers);
	tcase_add_test(tc, test_case_blocks);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_unbalanced);
	tcase_add_test(tc, test_cleanup_steps);
	tcase_add_test(tc, test_reserved_words);
	tcase_add_test(tc, test_fuzz_random);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(sqlfmt_suite());
}
