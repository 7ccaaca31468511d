/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Updater entries: verb choice, rendering, insertion into sample core and
 * extension PHP files (idempotence, refusal), Gerrit Change-Id and message.
 */
#include <config.h>

#include "mwschema/commit.h"
#include "mwschema/git.h"
#include "mwschema/json.h"
#include "mwschema/updater.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

#define T_BASE "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"integer\",\"options\":{}}," \
	"{\"name\":\"b\",\"type\":\"string\",\"options\":{\"length\":10}}],"
#define IX_B "{\"name\":\"t_b\",\"columns\":[\"b\"],\"unique\":false}"
#define IX_B2 "{\"name\":\"t_b2\",\"columns\":[\"b\"],\"unique\":false}"

/* The entry for a change written as JSON `before` / `after` snapshots. */
static mw_updater_entry
entry_for(const char *before, const char *after)
{
	char *json = mw_strdupf("{\"before\": %s, \"after\": %s}", before, after);
	mw_diags diags = MW_DIAGS_INIT;
	mw_updater_entry e;
	mw_doc *doc = NULL;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "x.json", &diags), 0);
	ck_assert_int_eq(mw_updater_entry_from_change(&e, &doc->change, "patch-x.sql"), 0);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	free(json);
	return e;
}

static void
assert_core(const mw_updater_entry *e, const char *want)
{
	mw_buf out = MW_BUF_INIT;

	mw_updater_render_core(&out, e);
	ck_assert_str_eq(mw_buf_cstr(&out), want);
	mw_buf_release(&out);
}

START_TEST(verb_choice)
{
	const char *base = T_BASE "\"indexes\":[" IX_B "],\"pk\":[\"a\"]}";
	mw_updater_entry e;

	e = entry_for("{}", base);
	assert_core(&e, "[ 'addTable', 't', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(base, "{}");
	assert_core(&e, "[ 'dropTable', 't', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(base, T_BASE "\"indexes\":[],\"pk\":[\"a\"]}");
	assert_core(&e, "[ 'dropIndex', 't', 't_b', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(T_BASE "\"indexes\":[],\"pk\":[\"a\"]}", base);
	assert_core(&e, "[ 'addIndex', 't', 't_b', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(base, T_BASE "\"indexes\":[" IX_B2 "],\"pk\":[\"a\"]}");
	assert_core(&e, "[ 'renameIndex', 't', 't_b', 't_b2', false, 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(base, T_BASE "\"indexes\":[" IX_B "],\"pk\":[\"a\",\"b\"]}");
	assert_core(&e, "[ 'modifyPrimaryKey', 't', [ 'a', 'b' ], 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
}
END_TEST

START_TEST(verb_columns)
{
	const char *base = T_BASE "\"indexes\":[],\"pk\":[\"a\"]}";
	const char *added = "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"integer\","
		"\"options\":{}},{\"name\":\"b\",\"type\":\"string\",\"options\":{\"length\":10}},"
		"{\"name\":\"c\",\"type\":\"integer\",\"options\":{\"notnull\":false}}],"
		"\"indexes\":[],\"pk\":[\"a\"]}";
	const char *longer = "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"integer\","
		"\"options\":{}},{\"name\":\"b\",\"type\":\"string\",\"options\":{\"length\":20}}],"
		"\"indexes\":[],\"pk\":[\"a\"]}";
	const char *commented = "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"integer\","
		"\"comment\":\"doc only\",\"options\":{}},{\"name\":\"b\",\"type\":\"string\","
		"\"options\":{\"length\":10}}],\"indexes\":[],\"pk\":[\"a\"]}";
	mw_updater_entry e;
	mw_buf out = MW_BUF_INIT;

	e = entry_for(base, added);
	assert_core(&e, "[ 'addField', 't', 'c', 'patch-x.sql' ]");
	mw_updater_render_extension(&out, &e);
	ck_assert_str_eq(mw_buf_cstr(&out),
			 "$updater->addExtensionField( 't', 'c', \"$dir/$dbType/patch-x.sql\" );");
	mw_updater_entry_clear(&e);
	e = entry_for(added, base);
	assert_core(&e, "[ 'dropField', 't', 'c', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	e = entry_for(base, longer);
	assert_core(&e, "[ 'modifyField', 't', 'b', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	/* A comment edit is no schema change. */
	e = entry_for(base, commented);
	assert_core(&e, "[ 'modifyTable', 't', 'patch-x.sql' ]");
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
}
END_TEST

static const char core_php[] =
	"<?php\n"
	"class MysqlUpdater extends DatabaseUpdater {\n"
	"\tprotected function getCoreUpdateList() {\n"
	"\t\treturn [\n"
	"\t\t\t// 1.44\n"
	"\t\t\t[ 'addField', 'a', 'b', 'patch-a-b.sql' ], // ']' in a comment\n"
	"\n"
	"\t\t\t// 1.45\n"
	"\t\t\t[ 'dropField', 'c', 'd', \"patch-c-d.sql\" ],\n"
	"\t\t];\n"
	"\t}\n"
	"}\n";

static mw_updater_entry
simple_entry(mw_updater_verb verb, const char *name)
{
	mw_updater_entry e = { verb, mw_xstrdup("t"), mw_xstrdup(name), NULL, NULL, 0,
			       mw_xstrdup("patch-t-x.sql") };

	return e;
}

START_TEST(core_insert)
{
	mw_updater_entry e = simple_entry(MW_UPD_ADD_FIELD, "x");
	mw_buf out = MW_BUF_INIT, again = MW_BUF_INIT, err = MW_BUF_INIT;
	const char *want_tail = "\t\t\t[ 'dropField', 'c', 'd', \"patch-c-d.sql\" ],\n"
		"\t\t\t[ 'addField', 't', 'x', 'patch-t-x.sql' ],\n\t\t];\n\t}\n}\n";

	ck_assert_int_eq(mw_updater_insert_core(&out, core_php, strlen(core_php), &e, &err), 0);
	ck_assert_uint_eq(out.len, strlen(core_php) + strlen("\t\t\t[ 'addField', 't', 'x', "
							     "'patch-t-x.sql' ],\n"));
	ck_assert_str_eq(mw_buf_cstr(&out) + out.len - strlen(want_tail), want_tail);
	ck_assert(!strncmp(mw_buf_cstr(&out), core_php, strlen(core_php) - strlen("\t\t];\n\t}\n}\n")));
	/* Idempotent: the second run changes nothing. */
	ck_assert_int_eq(mw_updater_insert_core(&again, out.data, out.len, &e, &err),
			 MW_UPDATER_PRESENT);
	ck_assert_str_eq(mw_buf_cstr(&again), mw_buf_cstr(&out));
	ck_assert(mw_updater_mentions(core_php, strlen(core_php), "patch-c-d.sql"));
	ck_assert(!mw_updater_mentions(core_php, strlen(core_php), "patch-c.sql"));
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&again);
	mw_buf_release(&err);
}
END_TEST

START_TEST(core_refuse)
{
	static const char no_comma[] = "<?php\nfunction getCoreUpdateList() {\n\treturn [\n"
		"\t\t[ 'addField', 'a', 'b', 'p.sql' ]\n\t];\n}\n";
	static const char inline_close[] = "<?php\nfunction getCoreUpdateList() {\n\treturn [\n"
		"\t\t[ 'addField', 'a', 'b', 'p.sql' ], ];\n}\n";
	static const char none[] = "<?php\nfunction other() { return []; }\n";
	mw_updater_entry e = simple_entry(MW_UPD_ADD_FIELD, "x");
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;

	ck_assert_int_eq(mw_updater_insert_core(&out, no_comma, strlen(no_comma), &e, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "trailing comma"));
	mw_buf_reset(&err);
	ck_assert_int_eq(mw_updater_insert_core(&out, inline_close, strlen(inline_close), &e, &err),
			 -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "line of its own"));
	mw_buf_reset(&err);
	ck_assert_int_eq(mw_updater_insert_core(&out, none, strlen(none), &e, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "getCoreUpdateList"));
	ck_assert_uint_eq(out.len, 0);
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

/* Multi-line convenience calls, a platform branch, then a maintenance call. */
static const char ext_php[] =
	"<?php\n"
	"class SchemaHandler implements LoadExtensionSchemaUpdatesHook {\n"
	"\tpublic function onLoadExtensionSchemaUpdates( $updater ) {\n"
	"\t\t$dbType = $updater->getDB()->getType();\n"
	"\t\t$dir = __DIR__ . \"/../sql\";\n"
	"\n"
	"\t\t$updater->addExtensionTable(\n"
	"\t\t\t'thing',\n"
	"\t\t\t\"$dir/$dbType/tables-generated.sql\"\n"
	"\t\t);\n"
	"\n"
	"\t\tif ( $dbType === 'mysql' ) {\n"
	"\t\t\t$updater->modifyExtensionField( 'thing', 'x', \"$dir/mysql/patch-x.sql\" );\n"
	"\t\t} else {\n"
	"\t\t\t// nothing\n"
	"\t\t}\n"
	"\n"
	"\t\t$updater->addPostDatabaseUpdateMaintenance( Fix::class );\n"
	"\t}\n"
	"}\n";

START_TEST(extension_insert_multiline)
{
	mw_updater_entry e = simple_entry(MW_UPD_ADD_INDEX, "t_x");
	mw_buf out = MW_BUF_INIT, again = MW_BUF_INIT, err = MW_BUF_INIT;
	const char *want = "\t\t}\n"
		"\n"
		"\t\t$updater->addExtensionIndex(\n"
		"\t\t\t't',\n"
		"\t\t\t't_x',\n"
		"\t\t\t\"$dir/$dbType/patch-t-x.sql\"\n"
		"\t\t);\n"
		"\n"
		"\t\t$updater->addPostDatabaseUpdateMaintenance";

	ck_assert_int_eq(mw_updater_insert_extension(&out, ext_php, strlen(ext_php),
						     "onLoadExtensionSchemaUpdates", &e, &err), 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), want));
	ck_assert_int_eq(mw_updater_insert_extension(&again, out.data, out.len,
						     "onLoadExtensionSchemaUpdates", &e, &err),
			 MW_UPDATER_PRESENT);
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&again);
	mw_buf_release(&err);
}
END_TEST

START_TEST(extension_insert_virtual)
{
	static const char php[] =
		"<?php\nclass H {\n"
		"\tpublic function onLoadExtensionSchemaUpdates( $du ) {\n"
		"\t\t$base = __DIR__ . '/../schema';\n"
		"\t\t$du->addExtensionUpdateOnVirtualDomain( [ self::DOMAIN, 'addField', 'a', 'b', "
		"\"$base/$dbType/patch-a-b.sql\", true ] );\n"
		"\t}\n}\n";
	mw_updater_entry e = { MW_UPD_MODIFY_PK, mw_xstrdup("t"), NULL, NULL, NULL, 0,
			       mw_xstrdup("patch-t-pk.sql") };
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;

	e.columns = mw_xcalloc(2, sizeof(char *));
	e.columns[e.ncolumns++] = mw_xstrdup("a");
	e.columns[e.ncolumns++] = mw_xstrdup("b");
	ck_assert_int_eq(mw_updater_insert_extension(&out, php, strlen(php),
						     "onLoadExtensionSchemaUpdates", &e, &err), 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"\t\t$du->addExtensionUpdateOnVirtualDomain( [ self::DOMAIN, 'modifyPrimaryKey', "
		"'t', [ 'a', 'b' ], \"$base/$dbType/patch-t-pk.sql\", true ] );\n\t}\n}\n"));
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

START_TEST(extension_refuse)
{
	static const char php[] = "<?php\nclass H {\n"
		"\tpublic function onLoadExtensionSchemaUpdates( $u ) {\n\t\treturn true;\n\t}\n}\n";
	mw_updater_entry e = simple_entry(MW_UPD_ADD_FIELD, "x");
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;

	ck_assert_int_eq(mw_updater_insert_extension(&out, php, strlen(php),
						     "onLoadExtensionSchemaUpdates", &e, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "no call registering"));
	mw_buf_reset(&err);
	ck_assert_int_eq(mw_updater_insert_extension(&out, php, strlen(php), "onMissing", &e,
						     &err), -1);
	ck_assert_uint_eq(out.len, 0);
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

/* A release that is out keeps its block: the row opens one for the release in development. */
START_TEST(core_insert_release)
{
	mw_updater_entry e = simple_entry(MW_UPD_ADD_FIELD, "x");
	mw_buf out = MW_BUF_INIT, same = MW_BUF_INIT, err = MW_BUF_INIT;
	const char *want_tail = "\t\t\t[ 'dropField', 'c', 'd', \"patch-c-d.sql\" ],\n"
		"\n\t\t\t// 1.46\n"
		"\t\t\t[ 'addField', 't', 'x', 'patch-t-x.sql' ],\n\t\t];\n\t}\n}\n";

	ck_assert_int_eq(mw_updater_insert_core_release(&out, core_php, strlen(core_php), &e,
							"1.46", &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&out) + out.len - strlen(want_tail), want_tail);
	/* The newest block is the release in development: the row joins it. */
	ck_assert_int_eq(mw_updater_insert_core_release(&same, core_php, strlen(core_php), &e,
							"1.45", &err), 0);
	ck_assert_ptr_null(strstr(mw_buf_cstr(&same), "\n\n\t\t\t[ 'addField', 't'"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&same), "\"patch-c-d.sql\" ],\n"
				     "\t\t\t[ 'addField', 't', 'x', 'patch-t-x.sql' ],\n"));
	mw_updater_entry_clear(&e);
	mw_buf_release(&out);
	mw_buf_release(&same);
	mw_buf_release(&err);
}
END_TEST

/* Removing what insertion added gives the file back byte for byte. */
START_TEST(core_remove)
{
	mw_updater_entry e = simple_entry(MW_UPD_ADD_FIELD, "x");
	mw_buf added = MW_BUF_INIT, back = MW_BUF_INIT, removed = MW_BUF_INIT, err = MW_BUF_INIT;
	static const char *const releases[] = { "1.46", "1.45", NULL };

	for (size_t i = 0; i < 3; i++) {
		mw_buf_reset(&added);
		mw_buf_reset(&back);
		mw_buf_reset(&removed);
		ck_assert_int_eq(mw_updater_insert_core_release(&added, core_php, strlen(core_php),
								&e, releases[i], &err), 0);
		ck_assert_int_eq(mw_updater_remove(&back, added.data, added.len, NULL,
						   "patch-t-x.sql", &removed, &err), 0);
		ck_assert_str_eq(mw_buf_cstr(&back), core_php);
		ck_assert_str_eq(mw_buf_cstr(&removed),
				 "\t\t\t[ 'addField', 't', 'x', 'patch-t-x.sql' ],\n");
	}
	/* The only row of a block takes its release comment along. */
	mw_buf_reset(&back);
	ck_assert_int_eq(mw_updater_remove(&back, core_php, strlen(core_php), NULL,
					   "patch-c-d.sql", NULL, &err), 0);
	ck_assert_ptr_null(strstr(mw_buf_cstr(&back), "1.45"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&back), "comment\n\t\t];"));
	mw_buf_reset(&back);
	ck_assert_int_eq(mw_updater_remove(&back, core_php, strlen(core_php), NULL,
					   "patch-none.sql", NULL, &err), MW_UPDATER_ABSENT);
	ck_assert_str_eq(mw_buf_cstr(&back), core_php);
	mw_updater_entry_clear(&e);
	mw_buf_release(&added);
	mw_buf_release(&back);
	mw_buf_release(&removed);
	mw_buf_release(&err);
}
END_TEST

START_TEST(extension_remove)
{
	mw_updater_entry e = simple_entry(MW_UPD_ADD_INDEX, "t_x");
	mw_buf added = MW_BUF_INIT, back = MW_BUF_INIT, err = MW_BUF_INIT;
	static const char shared[] = "<?php\nclass H {\n"
		"\tpublic function onLoadExtensionSchemaUpdates( $u ) {\n"
		"\t\t$u->addExtensionField( 'a', 'b', 'patch-a-b.sql' ); $x = 1;\n\t}\n}\n";

	ck_assert_int_eq(mw_updater_insert_extension(&added, ext_php, strlen(ext_php),
						     "onLoadExtensionSchemaUpdates", &e, &err), 0);
	ck_assert_int_eq(mw_updater_remove(&back, added.data, added.len,
					   "onLoadExtensionSchemaUpdates", "patch-t-x.sql", NULL,
					   &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&back), ext_php);
	/* A call inside a branch goes alone; the branch stays. */
	mw_buf_reset(&back);
	ck_assert_int_eq(mw_updater_remove(&back, ext_php, strlen(ext_php),
					   "onLoadExtensionSchemaUpdates", "patch-x.sql", NULL,
					   &err), 0);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&back), "'mysql' ) {\n\t\t} else {"));
	/* Never a half line. */
	mw_buf_reset(&back);
	ck_assert_int_eq(mw_updater_remove(&back, shared, strlen(shared),
					   "onLoadExtensionSchemaUpdates", "patch-a-b.sql", NULL,
					   &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "shares its lines"));
	ck_assert_uint_eq(back.len, 0);
	mw_updater_entry_clear(&e);
	mw_buf_release(&added);
	mw_buf_release(&back);
	mw_buf_release(&err);
}
END_TEST

/* Expected values computed with `git hash-object --stdin`, as Gerrit's hook does. */
START_TEST(change_id)
{
	char id[42];

	mw_git_change_id(id, "A U Thor <a@example.org> 1700000000 +0000", NULL,
			 "Add field x to y\n\nBody.\n\nBug: T123\n");
	ck_assert_str_eq(id, "I99deb7550ca5b5e51b30b54288c88376e6200b15");
	mw_git_change_id(id, "Jane <j@x.org> 1234567890 -0130",
			 "0123456789abcdef0123456789abcdef01234567", "msg\n");
	ck_assert_str_eq(id, "I6475a04959f847af30df6db67f0f563eb079cc6a");
}
END_TEST

START_TEST(message)
{
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;
	char long_subject[80];

	ck_assert_int_eq(mw_commit_message(&out, NULL, "Add field x to y", "Body.", "T123", &err),
			 0);
	ck_assert_str_eq(mw_buf_cstr(&out), "Add field x to y\n\nBody.\n\nBug: T123\n");
	mw_buf_reset(&out);
	ck_assert_int_eq(mw_commit_message(&out, "Subject\n\nText\n\nBug: T9\n", NULL, NULL,
					   "T123", &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&out), "Subject\n\nText\n\nBug: T9\n");
	memset(long_subject, 'x', 73);
	long_subject[73] = '\0';
	ck_assert_int_eq(mw_commit_message(&out, long_subject, NULL, NULL, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), "73 characters"));
	ck_assert_int_eq(mw_commit_message(&out, "ok", NULL, NULL, "123", &err), -1);
	ck_assert(mw_commit_bug_valid("T123456"));
	ck_assert(!mw_commit_bug_valid("T"));
	ck_assert(!mw_commit_bug_valid("T12a"));
	mw_buf_release(&out);
	mw_buf_release(&err);
}
END_TEST

static Suite *
updater_suite(void)
{
	Suite *s = suite_create("updater");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, verb_choice);
	tcase_add_test(tc, verb_columns);
	tcase_add_test(tc, core_insert);
	tcase_add_test(tc, core_refuse);
	tcase_add_test(tc, core_insert_release);
	tcase_add_test(tc, core_remove);
	tcase_add_test(tc, extension_remove);
	tcase_add_test(tc, extension_insert_multiline);
	tcase_add_test(tc, extension_insert_virtual);
	tcase_add_test(tc, extension_refuse);
	tcase_add_test(tc, change_id);
	tcase_add_test(tc, message);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(updater_suite());
}
