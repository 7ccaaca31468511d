/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code index: the PHP tokenizer on strings, comments, heredoc, nowdoc
 * and interpolation; which uses of a name count (whole identifiers, not
 * comments, not the updater's entries) and where they are; tables and
 * indexes in their contexts; replacing and removing files; and a scanned
 * directory kept current when files change on disk.
 */
#include <config.h>

#include "core/code/internal.h"
#include "mwschema/code.h"
#include "mwschema/fs.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/scratch.h"

/* The tokens of `php` as "KIND:text" words, strings marked whole with '='. */
static char *
tokens(const char *php)
{
	static const char *const kinds[] = { "end", "name", "var", "str", "open", "close",
					     "comma", "arrow", "member", "semi", "other" };
	struct code_lex lx;
	struct php_tok t;
	mw_buf out = MW_BUF_INIT;

	code_lex_init(&lx, php, strlen(php));
	while (code_lex_next(&lx, &t))
		mw_buf_addf(&out, "%s%s%s:%.*s@%d", out.len ? " " : "", kinds[t.kind],
			    t.kind == PT_STR && t.whole ? "=" : "", (int)(t.end - t.start),
			    php + t.start, t.line);
	return mw_buf_detach(&out);
}

static void
assert_tokens(const char *php, const char *want)
{
	char *got = tokens(php);

	ck_assert_msg(!strcmp(got, want), "%s\n got: %s\nwant: %s", php, got, want);
	free(got);
}

START_TEST(test_tokenizer)
{
	assert_tokens("<html><?php $a = 'x'; ?>text 'no' <?= \"y\" ?>",
		      "var:a@1 other:=@1 str=:x@1 semi:;@1 str=:y@1");
	assert_tokens("<?php // 'no'\n# 'no'\n/* 'no'\n */ f( 'a\\'b', #[Attr]\n1 );",
		      "name:f@4 open:(@4 str=:a\\'b@4 comma:,@4 other:#@4 open:[@4 name:Attr@4 "
		      "close:]@4 other:1@5 close:)@5 semi:;@5");
	assert_tokens("<?php \"a $b c\"; \"x{$d['k']}y\"; \"$o->p q\";",
		      "str:a @1 var:b@1 str: c@1 semi:;@1 str:x@1 var:d@1 open:[@1 str=:k@1 "
		      "close:]@1 str:y@1 semi:;@1 var:o@1 member:->@1 name:p@1 str: q@1 semi:;@1");
	assert_tokens("<?php $s = <<<SQL\n  SELECT a\n  FROM {$t}\n  SQL;\n$n = <<<'EOT'\n"
		      "x $y\nEOT;\n",
		      "var:s@1 other:=@1 str:  SELECT a\n  FROM @2 var:t@3 semi:;@4 var:n@5 "
		      "other:=@5 str=:x $y@6 semi:;@7");
	/* an escaped quote or dollar ends nothing; "\n" stays in the chunk */
	assert_tokens("<?php \"a\\\"b\\$c\\nd\";", "str=:a\\\"b\\$c\\nd@1 semi:;@1");
	/* unterminated things end at the end of the text */
	assert_tokens("<?php 'abc", "str=:abc@1");
	assert_tokens("<?php /* abc", "");
}
END_TEST

static mw_code *
code_of(const char *path, const char *php)
{
	mw_code *code = mw_code_new("");

	mw_code_put(code, path, php, strlen(php));
	return code;
}

/* "line:col form call" of each use, joined by "; ". */
static char *
uses(const mw_code *code, const char *name, mw_code_what what)
{
	mw_code_use *u;
	size_t n = mw_code_uses(code, name, what, &u);
	mw_buf out = MW_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		mw_buf_addf(&out, "%s%s:%d:%d %s %s%s", i ? "; " : "", u[i].file, u[i].line,
			    u[i].column, mw_code_form_name(u[i].form), u[i].call ? u[i].call : "-",
			    u[i].in_tests ? " test" : "");
	free(u);
	return mw_buf_detach(&out);
}

static void
assert_uses(const mw_code *code, const char *name, mw_code_what what, const char *want)
{
	char *got = uses(code, name, what);

	ck_assert_msg(!strcmp(got, want), "%s\n got: %s\nwant: %s", name, got, want);
	free(got);
}

static const char store[] =
	"<?php\n"
	"// rev_actor in a comment\n"
	"$res = $dbr->newSelectQueryBuilder()\n"
	"\t->select( [ 'rev_id', 'rev_actor', 'rev_actor_old' ] )\n"
	"\t->from( 'revision' )\n"
	"\t->join( 'page', null, 'page_id = rev_page' )\n"
	"\t->where( [ 'rev_actor' => $actor, 'rev_deleted' => 0 ] )\n"
	"\t->useIndex( [ 'revision' => 'rev_actor_timestamp' ] )\n"
	"\t->orderBy( 'rev_timestamp DESC' )\n"
	"\t->caller( __METHOD__ )->fetchResultSet();\n"
	"foreach ( $res as $row ) { $ids[] = $row->rev_actor; $row->rev_actor(); }\n"
	"$dbw->update( 'revision', [ 'rev_actor' => 0 ], [ 'rev_page' => 1 ], __METHOD__ );\n"
	"$n = $dbr->selectField( 'revision', 'COUNT(*)', [], __METHOD__, [ 'USE INDEX' => 'rev_page_id' ] );\n"
	"$q = \"SELECT rev_actor FROM revision JOIN page ON page_id=rev_page FORCE INDEX (rev_page_id)\";\n"
	"$updater->dropExtensionField( 'revision', 'rev_actor', 'patch.sql' );\n"
	"$u = [ [ 'dropField', 'revision', 'rev_actor', 'patch.sql' ], [ 'addField', 'revision', 'rev_x' ] ];\n"
	"if ( $db->fieldExists( 'revision', 'rev_actor', __METHOD__ ) ) { unset( $r['rev_actor'] ); }\n";

START_TEST(test_column_uses)
{
	mw_code *code = code_of("includes/Store.php", store);

	assert_uses(code, "rev_actor", MW_CODE_COLUMN,
		    "includes/Store.php:4:25 literal ->select; "
		    "includes/Store.php:7:14 key ->where; "
		    "includes/Store.php:11:43 property -; "
		    "includes/Store.php:12:30 key ->update; "
		    "includes/Store.php:14:14 sql -; "
		    "includes/Store.php:17:77 literal unset");
	assert_uses(code, "rev_actor_old", MW_CODE_COLUMN, "includes/Store.php:4:38 literal ->select");
	assert_uses(code, "rev_timestamp", MW_CODE_COLUMN, "includes/Store.php:9:14 sql ->orderBy");
	assert_uses(code, "rev_act", MW_CODE_COLUMN, "");
	mw_code_free(code);
}
END_TEST

START_TEST(test_table_and_index_uses)
{
	mw_code *code = code_of("includes/Store.php", store);

	assert_uses(code, "revision", MW_CODE_TABLE,
		    "includes/Store.php:5:11 literal ->from; "
		    "includes/Store.php:12:16 literal ->update; "
		    "includes/Store.php:13:26 literal ->selectField; "
		    "includes/Store.php:14:29 sql -");
	assert_uses(code, "page", MW_CODE_TABLE,
		    "includes/Store.php:6:11 literal ->join; includes/Store.php:14:43 sql -");
	assert_uses(code, "rev_actor_timestamp", MW_CODE_INDEX,
		    "includes/Store.php:8:31 literal ->useIndex");
	assert_uses(code, "rev_page_id", MW_CODE_INDEX,
		    "includes/Store.php:13:83 literal ->selectField; "
		    "includes/Store.php:14:81 sql -");
	/* a column is no table: only the contexts count */
	assert_uses(code, "rev_actor", MW_CODE_TABLE, "");
	mw_code_free(code);
}
END_TEST

START_TEST(test_replace_remove_and_tests)
{
	mw_code *code = code_of("includes/A.php", "<?php $a = [ 'wd_name' => 1 ];");

	mw_code_put(code, "tests/phpunit/ATest.php", "<?php f( 'wd_name' );", 21);
	assert_uses(code, "wd_name", MW_CODE_COLUMN,
		    "includes/A.php:1:15 key -; tests/phpunit/ATest.php:1:11 literal f test");
	/* replacing a file many times leaves only its latest text */
	for (int i = 0; i < 3000; i++) {
		char php[64];

		snprintf(php, sizeof(php), "<?php\n$x%d = 'wd_name';", i);
		mw_code_put(code, "includes/A.php", php, strlen(php));
	}
	assert_uses(code, "wd_name", MW_CODE_COLUMN,
		    "includes/A.php:2:11 literal -; tests/phpunit/ATest.php:1:11 literal f test");
	ck_assert_uint_eq(mw_code_nfiles(code), 2);
	ck_assert(mw_code_remove(code, "includes/A.php"));
	ck_assert(!mw_code_remove(code, "includes/A.php"));
	assert_uses(code, "wd_name", MW_CODE_COLUMN, "tests/phpunit/ATest.php:1:11 literal f test");
	ck_assert_uint_eq(mw_code_nfiles(code), 1);
	mw_code_free(code);
}
END_TEST

START_TEST(test_columns_count_characters)
{
	mw_code *code = code_of("a.php", "<?php\n$msg = 'é€'; $x = [ 'wd_name' ];\n\t$s = \"ü wd_name\";");

	assert_uses(code, "wd_name", MW_CODE_COLUMN, "a.php:2:22 literal -; a.php:3:10 sql -");
	mw_code_free(code);
}
END_TEST

START_TEST(test_scan_and_refresh)
{
	char dir[] = "/tmp/check_code.XXXXXX", *rm;
	mw_buf err = MW_BUF_INIT;
	mw_code *code = mw_code_new("root/");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	scratch_write(dir, "includes/A.php", "<?php f( 'wd_name' );");
	scratch_write(dir, "vendor/x/B.php", "<?php f( 'wd_name' );");
	scratch_write(dir, ".git/C.php", "<?php f( 'wd_name' );");
	scratch_write(dir, "includes/notes.txt", "'wd_name'");
	ck_assert_int_eq(mw_code_scan_dir(code, dir, &err), 0);
	assert_uses(code, "wd_name", MW_CODE_COLUMN, "root/includes/A.php:1:11 literal f");
	ck_assert_uint_eq(mw_code_refresh(code), 0);
	/* an edit, a new file in a new directory */
	scratch_write(dir, "includes/A.php", "<?php\n\ng( 'wd_name' );");
	scratch_write(dir, "maintenance/sub/D.php", "<?php $r->wd_name;");
	ck_assert_uint_eq(mw_code_refresh(code), 2);
	assert_uses(code, "wd_name", MW_CODE_COLUMN,
		    "root/includes/A.php:3:5 literal g; root/maintenance/sub/D.php:1:11 property -");
	/* a deletion */
	rm = mw_path_join(dir, "includes/A.php");
	ck_assert_int_eq(unlink(rm), 0);
	ck_assert_uint_eq(mw_code_refresh(code), 1);
	assert_uses(code, "wd_name", MW_CODE_COLUMN, "root/maintenance/sub/D.php:1:11 property -");
	ck_assert_uint_eq(mw_code_nfiles(code), 1);
	free(rm);
	rm = mw_strdupf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(rm), 0);
	free(rm);
	mw_code_free(code);
	ck_assert_int_eq(mw_code_scan_dir(code = mw_code_new(""), dir, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "cannot read"));
	mw_code_free(code);
	mw_buf_release(&err);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("code");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_tokenizer);
	tcase_add_test(tc, test_column_uses);
	tcase_add_test(tc, test_table_and_index_uses);
	tcase_add_test(tc, test_replace_remove_and_tests);
	tcase_add_test(tc, test_columns_count_characters);
	tcase_add_test(tc, test_scan_and_refresh);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
