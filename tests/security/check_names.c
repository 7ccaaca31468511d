/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The trust boundary, part 1 (issue 14): names and values are checked once,
 * when a document is loaded; diagnostics never print terminal escapes;
 * updater entries cannot inject PHP; .mwschemarc's source is confined.
 */
#include <config.h>

#include "mwschema/diag.h"
#include "mwschema/fs.h"
#include "mwschema/ident.h"
#include "mwschema/json.h"
#include "mwschema/rc.h"
#include "mwschema/updater.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/scratch.h"
#include "tests/check_main.h"

static const char *const good_names[] = {
	"page", "_x", "rev_actor", "cl_timestamp_id", "A9",
	"slot_rank_idx_identifier_configuration_reference_association_n",
};

static const char *const bad_names[][2] = {
	{ "", "is empty" },
	{ "1abc", "starts with a digit" },
	{ "t (a INT); ATTACH DATABASE '/x' AS p; --", "has a space at character 2" },
	{ "../x", "has '.' at character 1" },
	{ "a\nb", "has a line break at character 2" },
	{ "a*/b", "has '*' at character 2" },
	{ "a\x1b[2Jb", "has a control character (U+001B) at character 2" },
	{ "\xd0\xb0\x62\x63", "has a non-ASCII character (U+0430" },	/* Cyrillic a */
	{ "a\xc2\x85", "has a control character (U+0085) at character 2" },
	{ "x\"y", "has '\"' at character 2" },
};

START_TEST(identifiers_follow_the_grammar)
{
	mw_buf why = MW_BUF_INIT;
	char longest[MW_IDENT_MAX + 2];

	for (size_t i = 0; i < sizeof(good_names) / sizeof(*good_names); i++)
		ck_assert_msg(mw_ident_check(good_names[i], NULL) == 0, "%s refused", good_names[i]);
	for (size_t i = 0; i < sizeof(bad_names) / sizeof(*bad_names); i++) {
		mw_buf_reset(&why);
		ck_assert_int_eq(mw_ident_check(bad_names[i][0], &why), -1);
		ck_assert_msg(strstr(mw_buf_cstr(&why), bad_names[i][1]), "%zu: %s", i,
			      mw_buf_cstr(&why));
	}
	memset(longest, 'a', sizeof(longest));
	longest[MW_IDENT_MAX] = '\0';
	ck_assert_int_eq(mw_ident_check(longest, NULL), 0);
	longest[MW_IDENT_MAX] = 'a';
	longest[MW_IDENT_MAX + 1] = '\0';
	ck_assert_int_eq(mw_ident_check(longest, NULL), -1);
	mw_buf_release(&why);
}
END_TEST

START_TEST(file_names_follow_the_grammar)
{
	ck_assert_int_eq(mw_ident_check_file_name("patch-cl_timestamp-1.34.json", NULL), 0);
	ck_assert_int_eq(mw_ident_check_file_name("tables-generated.sql", NULL), 0);
	ck_assert_int_eq(mw_ident_check_file_name("patch-x\".exec(\"touch PWNED\").\"y.json",
						 NULL), -1);
	ck_assert_int_eq(mw_ident_check_file_name("..json", NULL), -1);
	ck_assert_int_eq(mw_ident_check_file_name("a..b.json", NULL), -1);
	ck_assert_int_eq(mw_ident_check_file_name("-rf.json", NULL), -1);
	ck_assert_int_eq(mw_ident_check_file_name("$dir.json", NULL), -1);
	ck_assert_int_eq(mw_ident_check_file_name("a b.json", NULL), -1);
}
END_TEST

/* Loads `json` as `label`; returns the diagnostics as text (caller frees), NULL if it loaded. */
static char *
load_errors(const char *json, const char *label)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf out = MW_BUF_INIT;
	mw_doc *doc = NULL;

	if (mw_doc_load_buffer(&doc, json, strlen(json), label, &diags) == 0) {
		mw_doc_free(doc);
		mw_diags_free(&diags);
		return NULL;
	}
	for (size_t i = 0; i < diags.n; i++) {
		mw_diag_format(&out, &diags.items[i]);
		mw_buf_addc(&out, '\n');
	}
	mw_diags_free(&diags);
	return mw_buf_detach(&out);
}

#define TABLE(name, col, extra) \
	"[{\"name\": \"" name "\", \"columns\": [{\"name\": \"" col "\", \"type\": \"integer\", " \
	"\"options\": {}}], \"indexes\": [" extra "]}]"

START_TEST(loader_refuses_names_with_position)
{
	char *e = load_errors(TABLE("t (a INT); ATTACH DATABASE '/tmp/x' AS p; --", "a", ""),
			      "t.json");

	ck_assert_ptr_nonnull(e);
	ck_assert_msg(strstr(e, "t.json:1:11: /0/name: table name \"t (a INT); ATTACH"), "%s", e);
	free(e);
	e = load_errors(TABLE("t", "a\\u001b]0;pwned\\u0007", ""), "t.json");
	ck_assert_ptr_nonnull(e);
	ck_assert_msg(strstr(e, "/0/columns/0/name: column name \"a\\x1b]0;pwned\\x07\""), "%s", e);
	ck_assert_msg(!strchr(e, '\x1b') && !strchr(e, '\a'), "raw escape printed: %s", e);
	free(e);
	e = load_errors(TABLE("t", "a", "{\"name\": \"i/../../x\", \"columns\": [\"a\"], "
			      "\"unique\": false}"), "t.json");
	ck_assert_msg(e && strstr(e, "/0/indexes/0/name: index name"), "%s", e ? e : "loaded");
	free(e);
}
END_TEST

START_TEST(loader_refuses_unquoted_values)
{
	static const char *const cases[][2] = {
		{ TABLE("t", "a", "{\"name\": \"i\", \"columns\": [\"a\"], \"unique\": false, "
			"\"options\": {\"where\": \"a IS NULL); DROP TABLE public.victim; --\"}}"),
		  "/0/indexes/0/options/where: the partial-index condition has" },
		{ TABLE("t", "a", "{\"name\": \"i\", \"columns\": [\"a\"], \"unique\": false, "
			"\"options\": {\"where\": \"pg_sleep(10) IS NULL\"}}"), "a function call" },
		{ TABLE("t", "a", "{\"name\": \"i\", \"columns\": [\"a\"], \"unique\": false, "
			"\"options\": {\"where\": \"a = E'\\\\\\\\'\"}}"), "a prefixed string" },
		{ "[{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", "
		  "\"options\": {\"default\": \"0; DROP TABLE x\"}}], \"indexes\": []}]",
		  "/0/columns/0/options/default: the default of an integer column" },
		{ "[{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"boolean\", "
		  "\"options\": {\"default\": \"1 OR 1\"}}], \"indexes\": []}]",
		  "the default of a boolean column" },
		{ "[{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", "
		  "\"options\": {}}], \"indexes\": [], \"table_options\": [\"ENGINE=InnoDB; "
		  "DROP DATABASE wiki\"]}]", "/0/table_options/0: a table option is NAME=VALUE" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *e = load_errors(cases[i][0], "t.json");

		ck_assert_msg(e && strstr(e, cases[i][1]), "%zu: %s", i, e ? e : "loaded");
		free(e);
	}
	/* what MediaWiki writes loads */
	ck_assert_ptr_null(load_errors(TABLE("t", "a", "{\"name\": \"i\", \"columns\": [\"a\"], "
				       "\"unique\": false, \"options\": {\"where\": "
				       "\"(a IS NOT NULL) AND a <> 'x''y' OR a IN (1, 2)\"}}"),
				       "t.json"));
}
END_TEST

START_TEST(loader_refuses_file_names)
{
	char *e = load_errors(TABLE("t", "a", ""),
			      "sql/abstractSchemaChanges/patch-x\".exec(\"touch PWNED\").\"y.json");

	ck_assert_msg(e && strstr(e, "the file name \"patch-x\".exec") &&
		      strstr(e, "has '\"' at character 8"), "%s", e ? e : "loaded");
	free(e);
	ck_assert_ptr_null(load_errors(TABLE("t", "a", ""), "sql/tables.json"));
	ck_assert_ptr_null(load_errors(TABLE("t", "a", ""), "(buffer)"));
}
END_TEST

START_TEST(diagnostics_escape_terminal_controls)
{
	mw_diags d = MW_DIAGS_INIT;
	mw_buf out = MW_BUF_INIT;

	mw_diags_add(&d, MW_SEV_ERROR, "r", "f\x1b[31m.json", 1, 2, NULL, "h\x9b\xe2\x80\xae",
		     "m\x1b]0;title\x07 \xc2\x9b end\nnext");
	mw_diag_format(&out, &d.items[0]);
	ck_assert_str_eq(mw_buf_cstr(&out), "f\\x1b[31m.json:1:2: error: m\\x1b]0;title\\x07 "
			 "\\u009b end\\nnext [r]\n    hint: h\\x9b\\u202e");
	mw_buf_release(&out);
	mw_diags_free(&d);
}
END_TEST

/*
 * Updater entries
 */

static mw_updater_entry
entry(const char *table, const char *name, const char *patch)
{
	mw_updater_entry e = { MW_UPD_ADD_FIELD, mw_xstrdup(table), mw_xstrdup(name), NULL, NULL,
			       0, mw_xstrdup(patch) };

	return e;
}

static const char ext_php[] =
	"<?php\nclass H {\n\tpublic function onLoadExtensionSchemaUpdates( $updater ) {\n"
	"\t\t$dir = __DIR__;\n\t\t$dbType = $updater->getDB()->getType();\n"
	"\t\t// patch-t-b.sql comes later\n"
	"\t\t$updater->addExtensionField( 't', 'a', \"$dir/$dbType/patch-t-a.sql\" );\n\t}\n}\n";

START_TEST(updater_refuses_php_injection)
{
	mw_updater_entry bad = entry("t", "b", "patch-x\".exec(\"touch PWNED\").\"y.sql");
	mw_updater_entry bad_name = entry("t", "b'); system('x'); //", "patch-t-b.sql");
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;

	ck_assert_int_eq(mw_updater_insert_extension(&out, ext_php, strlen(ext_php),
						     "onLoadExtensionSchemaUpdates", &bad, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "not a valid file name"), "%s", mw_buf_cstr(&err));
	mw_buf_reset(&err);
	ck_assert_int_eq(mw_updater_insert_core(&out, ext_php, strlen(ext_php), &bad_name, &err),
			 -1);
	ck_assert_uint_eq(out.len, 0);
	/* the hint check prints: the name single-quoted, the path without interpolation */
	mw_updater_render_extension(&out, &bad);
	ck_assert_msg(strstr(mw_buf_cstr(&out), "patch-x\\\".exec(\\\"touch PWNED\\\").\\\"y.sql\""),
		      "%s", mw_buf_cstr(&out));
	mw_buf_reset(&out);
	mw_updater_render_core(&out, &bad_name);
	ck_assert_msg(strstr(mw_buf_cstr(&out), "'b\\'); system(\\'x\\'); //'"), "%s",
		      mw_buf_cstr(&out));
	mw_updater_entry_clear(&bad);
	mw_updater_entry_clear(&bad_name);
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

START_TEST(updater_comment_is_no_entry)
{
	mw_updater_entry e = entry("t", "b", "patch-t-b.sql");
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;

	ck_assert(!mw_updater_mentions(ext_php, strlen(ext_php), "patch-t-b.sql"));
	ck_assert(mw_updater_mentions(ext_php, strlen(ext_php), "patch-t-a.sql"));
	ck_assert_int_eq(mw_updater_insert_extension(&out, ext_php, strlen(ext_php),
						     "onLoadExtensionSchemaUpdates", &e, &err), 0);
	ck_assert_msg(strstr(mw_buf_cstr(&out), "addExtensionField( 't', 'b', "
			     "\"$dir/$dbType/patch-t-b.sql\" );"), "%s", mw_buf_cstr(&out));
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

/*
 * .mwschemarc source
 */

static char tmpdir[] = "/tmp/check_names.XXXXXX";

static mw_rc *
load_repo_rc(mw_diags *diags)
{
	char *rc_path = mw_path_join(tmpdir, "repo/.mwschemarc");
	mw_rc *rc = mw_rc_new();

	mw_rc_load_file(rc, rc_path, diags);
	free(rc_path);
	return rc;
}

static bool
diags_mention(const mw_diags *d, const char *what)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].message, what))
			return true;
	return false;
}

START_TEST(rc_source_is_confined_and_quiet)
{
	mw_diags diags = MW_DIAGS_INIT;
	char *xdg;
	mw_rc *rc;

	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	xdg = mw_path_join(tmpdir, "xdg");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", tmpdir, 1);
	scratch_write(tmpdir, ".git-credentials", "https://user:ghp_SECRET@example.org\n");
	scratch_write(tmpdir, "xdg/mwschema/keys", "set who = keys\n");
	scratch_write(tmpdir, "repo/.git/HEAD", "ref: refs/heads/main\n");
	scratch_write(tmpdir, "repo/.mwschemarc", "source ~/.git-credentials\nsource ../.git-credentials\n"
		   "source /etc/passwd\nsource ~/xdg/mwschema/keys\n"
		   "https://user:ghp_SECRET@example.org\n");
	rc = load_repo_rc(&diags);
	ck_assert_str_eq(mw_rc_get(rc, "who"), "keys");
	ck_assert_uint_eq(diags.n, 4);
	for (size_t i = 0; i < diags.n; i++)
		ck_assert_msg(!strstr(diags.items[i].message, "SECRET") &&
			      !strstr(diags.items[i].message, "https") &&
			      !strstr(diags.items[i].message, "credentials"), "%s",
			      diags.items[i].message);
	ck_assert(diags_mention(&diags, "outside the checkout"));
	mw_diags_free(&diags);
	mw_rc_free(rc);
	free(xdg);
}
END_TEST

START_TEST(rc_source_cycles_and_fan_out_end_quickly)
{
	mw_diags diags = MW_DIAGS_INIT;
	time_t start = time(NULL);
	mw_buf text = MW_BUF_INIT;
	mw_rc *rc;

	/* three self-sources used to take forever; a 2^16 fan-out is capped */
	scratch_write(tmpdir, "repo/.mwschemarc", "source .mwschemarc\nsource .mwschemarc\n"
		   "source .mwschemarc\nsource f0.rc\n");
	for (int i = 0; i < 16; i++) {
		char *name = mw_strdupf("repo/f%d.rc", i);

		mw_buf_reset(&text);
		mw_buf_addf(&text, "set level = %d\nsource f%d.rc\nsource f%d.rc\n", i, i + 1, i + 1);
		scratch_write(tmpdir, name, mw_buf_cstr(&text));
		free(name);
	}
	scratch_write(tmpdir, "repo/f16.rc", "set level = 16\n");
	rc = load_repo_rc(&diags);
	ck_assert(time(NULL) - start < 5);
	ck_assert(diags_mention(&diags, "(a cycle)"));
	ck_assert(diags_mention(&diags, "more than 64 files"));
	mw_buf_release(&text);
	mw_diags_free(&diags);
	mw_rc_free(rc);
}
END_TEST

static Suite *
names_suite(void)
{
	Suite *s = suite_create("trust-names");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, identifiers_follow_the_grammar);
	tcase_add_test(tc, file_names_follow_the_grammar);
	tcase_add_test(tc, loader_refuses_names_with_position);
	tcase_add_test(tc, loader_refuses_unquoted_values);
	tcase_add_test(tc, loader_refuses_file_names);
	tcase_add_test(tc, diagnostics_escape_terminal_controls);
	tcase_add_test(tc, updater_refuses_php_injection);
	tcase_add_test(tc, updater_comment_is_no_entry);
	tcase_add_test(tc, rc_source_is_confined_and_quiet);
	tcase_add_test(tc, rc_source_cycles_and_fan_out_end_quickly);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* one process: the rc tests share their temporary directory */
	int status = run_suite_as(names_suite(), CK_NOFORK);

	scratch_remove(tmpdir);
	return status;
}
