/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PHP evaluator discovery relies on (core/checkout/php.h): the paths a
 * LoadExtensionSchemaUpdates handler registers, per platform, through
 * __DIR__, dirname(), interpolation, helper methods and platform conditions;
 * the paths AbstractSchemaTestBase overrides return. And Source labels:
 * every spelling MediaWiki's generators have written names its JSON.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/workspace.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define ALL PHP_ALL_DBMS
#define MY (1u << MW_DBMS_MYSQL)
#define PG (1u << MW_DBMS_POSTGRES)
#define LITE (1u << MW_DBMS_SQLITE)

static php_hook hook;

/* Runs `body` as the handler method of includes/Hooks.php. */
static void
run(const char *body)
{
	char *src = mw_strdupf("<?php\nclass H {\n\tpublic function onLoadExtensionSchemaUpdates( "
			       "$updater ) {\n%s\n\t}\n}\n", body);

	php_hook_clear(&hook);
	php_hook_eval(&hook, src, strlen(src), "includes/Hooks.php", "onLoadExtensionSchemaUpdates");
	free(src);
}

static void
run_class(const char *src)
{
	php_hook_clear(&hook);
	php_hook_eval(&hook, src, strlen(src), "repo/includes/Store/Updater.php",
		      "onLoadExtensionSchemaUpdates");
}

/* The platforms registering `path` (0 when it is not registered). */
static unsigned
reg(const char *path)
{
	for (size_t i = 0; i < hook.nregs; i++)
		if (!strcmp(hook.regs[i].path, path))
			return hook.regs[i].dbms;
	return 0;
}

START_TEST(paths_and_interpolation)
{
	run("$dbType = $updater->getDB()->getType();\n"
	    "$dir = dirname( __DIR__ ) . '/sql';\n"
	    "$updater->addExtensionTable( 't', \"$dir/$dbType/tables-generated.sql\" );\n"
	    "$updater->addExtensionField( 't', 't_x', \"{$dir}/{$dbType}/patch-t-t_x.sql\" );\n"
	    "$updater->addExtensionIndex( 't', 't_i', __DIR__ . '/../sql/' . $dbType . '/i.sql' );\n"
	    "$updater->addExtensionTable( 'u', dirname( __DIR__, 1 ) . "
	    "\"/sql/{$updater->getDB()->getType()}/u.sql\" );\n");
	ck_assert(hook.found);
	ck_assert_uint_eq(reg("sql/mysql/tables-generated.sql"), MY);
	ck_assert_uint_eq(reg("sql/sqlite/tables-generated.sql"), LITE);
	ck_assert_uint_eq(reg("sql/postgres/patch-t-t_x.sql"), PG);
	ck_assert_uint_eq(reg("sql/sqlite/i.sql"), LITE);
	ck_assert_uint_eq(reg("sql/mysql/u.sql"), MY);
	ck_assert_uint_eq(hook.platforms, ALL);
	for (size_t i = 0; i < hook.nregs; i++)
		if (!strcmp(hook.regs[i].path, "sql/mysql/patch-t-t_x.sql")) {
			ck_assert_str_eq(hook.regs[i].verb, "addField");
			ck_assert_str_eq(hook.regs[i].table, "t");
			ck_assert_str_eq(hook.regs[i].name, "t_x");
		}
}
END_TEST

START_TEST(platform_conditions)
{
	/* Babel's branches: MySQL's file in sql/ itself. */
	run("$dir = dirname( __DIR__ ) . '/sql/';\n$dbType = $updater->getDB()->getType();\n"
	    "if ( $dbType === 'mysql' ) {\n$updater->addExtensionTable( 'b', $dir . 'tables-generated.sql' );\n"
	    "} elseif ( $dbType === 'sqlite' ) {\n"
	    "$updater->addExtensionTable( 'b', $dir . 'sqlite/tables-generated.sql' );\n"
	    "} else {\n$updater->addExtensionTable( 'b', $dir . 'postgres/tables-generated.sql' );\n}\n");
	ck_assert_uint_eq(reg("sql/tables-generated.sql"), MY);
	ck_assert_uint_eq(reg("sql/sqlite/tables-generated.sql"), LITE);
	ck_assert_uint_eq(reg("sql/postgres/tables-generated.sql"), PG);
	/* An early return lets only the other platforms past. */
	run("if ( $updater->getDB()->getType() !== 'mysql' ) {\nreturn;\n}\n"
	    "$updater->addExtensionTable( 'm', dirname( __DIR__ ) . '/sql/m.sql' );\n");
	ck_assert_uint_eq(reg("sql/m.sql"), MY);
	ck_assert_uint_eq(hook.platforms, MY);
	/* || and in_array, and a guard that excludes nobody. */
	run("$t = $updater->getDB()->getType();\n"
	    "if ( $t !== 'mysql' && $t !== 'sqlite' && $t !== 'postgres' ) { return; }\n"
	    "if ( $t === 'mysql' || $t === 'sqlite' ) {\n"
	    "$updater->addExtensionTable( 'a', __DIR__ . \"/../sql/$t/a.sql\" );\n}\n"
	    "if ( in_array( $t, [ 'postgres' ] ) ) {\n"
	    "$updater->addExtensionTable( 'p', __DIR__ . \"/../sql/$t/p.sql\" );\n}\n"
	    "if ( !$updater->tableExists( 'x' ) ) {\n"
	    "$updater->addExtensionTable( 'x', __DIR__ . \"/../sql/$t/x.sql\" );\n}\n");
	ck_assert_uint_eq(reg("sql/mysql/a.sql"), MY);
	ck_assert_uint_eq(reg("sql/sqlite/a.sql"), LITE);
	ck_assert_uint_eq(reg("sql/postgres/a.sql"), 0);
	ck_assert_uint_eq(reg("sql/postgres/p.sql"), PG);
	ck_assert_uint_eq(reg("sql/sqlite/x.sql"), LITE);
}
END_TEST

/* Wikibase's way: every path from a helper with a foreach over candidate types. */
START_TEST(helper_methods)
{
	run_class("<?php\nclass U {\n"
		  "public function onLoadExtensionSchemaUpdates( $updater ) {\n"
		  "$db = $updater->getDB();\n"
		  "$updater->addExtensionTable( 'wb', $this->getScriptPath( 'wb', $db->getType() ) );\n"
		  "$this->addOther( $updater, $db->getType() );\n"
		  "$updater->dropExtensionIndex( 'wb', 'wb_i', "
		  "$this->getUpdateScriptPath( 'patch-wb-drop', $db->getType() ) );\n}\n"
		  "private function addOther( DatabaseUpdater $u, string $type ): void {\n"
		  "$u->addExtensionTable( 'o', $this->getScriptPath( 'o', $type ) );\n}\n"
		  "private function getUpdateScriptPath( string $name, string $type ): string {\n"
		  "return $this->getScriptPath( 'archives/' . $name, $type );\n}\n"
		  "private function getScriptPath( string $name, string $type ): string {\n"
		  "$types = [ $type, 'mysql' ];\n"
		  "foreach ( $types as $type ) {\n"
		  "$path = __DIR__ . '/../../sql/' . $type . '/' . $name . '.sql';\n"
		  "if ( file_exists( $path ) ) { return $path; }\n}\n"
		  "throw new InvalidArgumentException( \"Could not find '$name'\" );\n}\n}\n");
	ck_assert(hook.found);
	ck_assert_uint_eq(reg("repo/sql/postgres/wb.sql"), PG);
	ck_assert_uint_eq(reg("repo/sql/sqlite/o.sql"), LITE);
	ck_assert_uint_eq(reg("repo/sql/mysql/archives/patch-wb-drop.sql"), MY);
	/* file_exists() names the path too, but only the updater's calls register. */
	for (size_t i = 0; i < hook.nregs; i++)
		ck_assert_ptr_nonnull(hook.regs[i].verb);
}
END_TEST

/* Several returns are several possibilities (OAuth's getPath). */
START_TEST(several_returns)
{
	run_class("<?php\nclass U {\n"
		  "public function onLoadExtensionSchemaUpdates( $updater ) {\n"
		  "$t = $updater->getDB()->getType();\n"
		  "$updater->addExtensionTable( 'a', $this->getPath( 'a.sql', $t ) );\n}\n"
		  "private function getPath( $filename, $dbType ) {\n"
		  "$base = dirname( dirname( __DIR__ ) ) . '/schema';\n"
		  "if ( file_exists( \"$base/$dbType/$filename\" ) ) {\n"
		  "return \"$base/$dbType/$filename\";\n}\nreturn \"$base/$filename\";\n}\n}\n");
	ck_assert_uint_eq(reg("repo/schema/mysql/a.sql"), MY);
	ck_assert_uint_eq(reg("repo/schema/a.sql"), ALL);
}
END_TEST

/* Closures, heredocs, comments and strings do not derail the walk. */
START_TEST(robust)
{
	run("// $updater->addExtensionTable( 'no', __DIR__ . '/no.sql' );\n"
	    "/* $updater->addExtensionTable( 'no', __DIR__ . '/no2.sql' ); */\n"
	    "$updater->addExtensionUpdate( [ function ( $u ) { $u->addExtensionTable( 'no', "
	    "__DIR__ . '/no3.sql' ); } ] );\n"
	    "$s = <<<EOT\n{$x} ) ; }\nEOT;\n"
	    "$updater->addExtensionUpdateOnVirtualDomain( [ 'virtual-x', 'addTable', 'v', "
	    "dirname( __DIR__ ) . \"/sql/{$updater->getDB()->getType()}/v.sql\", true ] );\n"
	    "$updater->addPostDatabaseUpdateMaintenance( Fix::class );\n");
	ck_assert_uint_eq(reg("includes/no.sql"), 0);
	ck_assert_uint_eq(reg("includes/no2.sql"), 0);
	ck_assert_uint_eq(reg("includes/no3.sql"), 0);
	ck_assert_uint_eq(reg("sql/sqlite/v.sql"), LITE);
	for (size_t i = 0; i < hook.nregs; i++)
		if (!strcmp(hook.regs[i].path, "sql/mysql/v.sql"))
			ck_assert_str_eq(hook.regs[i].verb, "addTable");
	/* a method that is not there, and text that is not PHP */
	php_hook_clear(&hook);
	php_hook_eval(&hook, "}}} ((( \"", 9, "x.php", "onLoadExtensionSchemaUpdates");
	ck_assert(!hook.found);
	ck_assert_uint_eq(hook.nregs, 0);
	php_hook_clear(&hook);
}
END_TEST

/* The text is (pointer, length), not a C string: an unclosed heredoc, and
 * its label inside a longer word, stop at the end (fuzz_php found reads
 * past it; ASan sees the exact-size copy). */
START_TEST(heredoc_unterminated)
{
	static const char text[] = "<?php class H { public function onLoadExtensionSchemaUpdates( $u ) "
				   "{ $s = <<<EOT\nxEOT EOTx";
	char *src = malloc(sizeof(text) - 1);

	memcpy(src, text, sizeof(text) - 1);
	php_hook_clear(&hook);
	php_hook_eval(&hook, src, sizeof(text) - 1, "x.php", "onLoadExtensionSchemaUpdates");
	ck_assert_uint_eq(hook.nregs, 0);
	php_hook_clear(&hook);
	free(src);
}
END_TEST

/* What AbstractSchemaTestBase subclasses return. */
START_TEST(schema_test_paths)
{
	static const char src[] =
		"<?php\nclass T extends AbstractSchemaTestBase {\n"
		"protected static function getSchemasDirectory(): string {\n"
		"return __DIR__ . '/../../../sql/abstract/';\n}\n"
		"protected static function getSchemaSQLDirs(): array {\n"
		"return [ 'mysql' => __DIR__ . '/../../../sql/mysql/',\n"
		"'sqlite' => __DIR__ . '/../../../sql/sqlite' ];\n}\n}\n";
	char *path = NULL, *paths[MW_DBMS__COUNT];
	const char *rel = "repo/tests/phpunit/includes/XSchemaTest.php";

	ck_assert(php_method_path(&path, src, strlen(src), rel, "getSchemasDirectory"));
	ck_assert_str_eq(path, "repo/sql/abstract");
	ck_assert(php_method_paths(paths, src, strlen(src), rel, "getSchemaSQLDirs"));
	ck_assert_str_eq(paths[MW_DBMS_MYSQL], "repo/sql/mysql");
	ck_assert_str_eq(paths[MW_DBMS_SQLITE], "repo/sql/sqlite");
	ck_assert_ptr_null(paths[MW_DBMS_POSTGRES]);
	free(path);
	ck_assert(!php_method_path(&path, src, strlen(src), rel, "getSchemaChangesDirectory"));
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		free(paths[d]);
	free(path);
}
END_TEST

START_TEST(path_normalise)
{
	char *p = php_path_normalise("\x03includes/../sql/./x//y.sql");

	ck_assert_str_eq(p, "sql/x/y.sql");
	free(p);
	ck_assert_ptr_null(php_path_normalise("\x03../outside.sql"));
	p = php_path_for("sql/\x02/archives/\x01-x.sql", MW_DBMS_POSTGRES);
	ck_assert_str_eq(p, "sql/postgres/archives/postgres-x.sql");
	free(p);
}
END_TEST

/* Every spelling of a Source label seen in Wikimedia extensions. */
START_TEST(labels)
{
	static const struct {
		const char *label, *rel;
		int score;
	} cases[] = {
		{ "sql/tables.json", "sql/tables.json", 3 },
		{ "./sql/tables.json", "sql/tables.json", 3 },
		{ "./tables.json", "sql/tables.json", 2 },
		{ "tables.json", "sql/tables.json", 2 },
		{ "abstractSchemaChanges/patch-x.json", "sql/abstractSchemaChanges/patch-x.json", 2 },
		{ "/var/www/wiki/mediawiki/extensions/GlobalUsage/sql/tables.json", "sql/tables.json", 3 },
		{ "extensions/Wikibase/client/sql/abstract/entity_usage.json",
		  "client/sql/abstract/entity_usage.json", 3 },
		{ "db\\tables.json", "db/tables.json", 3 },
		{ "C:\\wiki\\extensions\\Pa\\db\\tables.json", "db/tables.json", 3 },
		{ "/home/me/src/Pa/db/tables.json", "db/tables.json", 1 },
		{ "sql/tables.json", "db/tables.json", 0 },
		{ "tables.json", "sql/tables-virtual.json", 0 },
		{ "", "sql/tables.json", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		ck_assert_msg(mw_workspace_label_score(cases[i].label, cases[i].rel) == cases[i].score,
			      "%s -> %s: %d", cases[i].label, cases[i].rel,
			      mw_workspace_label_score(cases[i].label, cases[i].rel));
}
END_TEST

static Suite *
php_suite(void)
{
	Suite *s = suite_create("php");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, paths_and_interpolation);
	tcase_add_test(tc, platform_conditions);
	tcase_add_test(tc, helper_methods);
	tcase_add_test(tc, several_returns);
	tcase_add_test(tc, robust);
	tcase_add_test(tc, heredoc_unterminated);
	tcase_add_test(tc, schema_test_paths);
	tcase_add_test(tc, path_normalise);
	tcase_add_test(tc, labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(php_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	php_hook_clear(&hook);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
