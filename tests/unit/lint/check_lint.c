/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Lint rules: every rule's fixtures (tests/data/lint/<rule>/expect lists
 * each fixture file with the exact line:column and severity of every finding
 * of that rule, or "-" for none), the JSON-pointer locator, configuration.
 */
#include <config.h>

#include "mwschema/code.h"
#include "mwschema/fs.h"
#include "mwschema/lint.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

static char *
data_path(const char *rule, const char *file)
{
	const char *top = getenv("top_srcdir");

	return mw_strdupf("%s/tests/data/lint/%s%s%s", top ? top : ".", rule, file ? "/" : "",
			  file ? file : "");
}

/*
 * Lints a fixture. A fixture directory that is a checkout (extension.json)
 * has its PHP indexed for the rules that read the code.
 */
static void
lint_fixture(mw_lint *lint, const char *rule, const char *path, mw_diags *diags)
{
	char *dir = data_path(rule, NULL), *ext = mw_path_join(dir, "extension.json");
	mw_lint_others others = MW_LINT_OTHERS_INIT;
	mw_buf err = MW_BUF_INIT;
	mw_code *code = NULL;
	mw_doc *doc;

	if (!mw_file_exists(ext) || strstr(path, ".sql")) {
		mw_lint_file(lint, path, diags);
	} else if (mw_doc_load_file_flags(&doc, path, MW_LOAD_SHAPE_ONLY, diags) == 0) {
		code = mw_code_new("");
		ck_assert_int_eq(mw_code_scan_dir(code, dir, &err), 0);
		others.code = code;
		mw_lint_doc(lint, doc, &others, diags);
		mw_doc_free(doc);
	}
	mw_code_free(code);
	mw_buf_release(&err);
	free(ext);
	free(dir);
}

/*
 * "line:col severity" of each finding of `rule` for `file`, one per line;
 * "other/file:line:col severity" for a finding in another file.
 */
static char *
findings_of(const char *rule, const char *file)
{
	mw_lint *lint = mw_lint_new();
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf got = MW_BUF_INIT;
	char *path = data_path(rule, file);

	lint_fixture(lint, rule, path, &diags);
	mw_diags_sort(&diags);
	for (size_t i = 0; i < diags.n; i++) {
		const mw_diag *d = &diags.items[i];

		ck_assert_msg(d->rule, "%s: load error: %s", path, d->message);
		if (strcmp(d->rule, rule))
			continue;
		if (d->file && strcmp(d->file, path))
			mw_buf_addf(&got, "%s:", d->file);
		mw_buf_addf(&got, "%d:%d %s\n", d->line, d->column, mw_severity_name(d->severity));
	}
	mw_diags_free(&diags);
	mw_lint_free(lint);
	free(path);
	return mw_buf_detach(&got);
}

struct expectation {
	char file[128];
	mw_buf want;		/* "line:col severity\n" per finding */
};

/* Reads the expect file into one expectation per fixture file (in order). */
static size_t
read_expectations(struct expectation *ex, size_t max, const char *rule, size_t *nfail,
		  size_t *npass)
{
	char *path = data_path(rule, "expect"), line[512], file[128], pos[160], sev[32];
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	ck_assert_msg(fp != NULL, "rule %s has no fixtures (%s)", rule, path);
	while (fgets(line, sizeof(line), fp)) {
		int k = sscanf(line, "%127s %159s %31s", file, pos, sev);

		if (k < 2 || file[0] == '#')
			continue;
		if (!n || strcmp(ex[n - 1].file, file)) {
			ck_assert(n < max);
			memset(&ex[n], 0, sizeof(ex[n]));
			snprintf(ex[n].file, sizeof(ex[n].file), "%s", file);
			*(strcmp(pos, "-") ? nfail : npass) += 1;
			n++;
		}
		if (strcmp(pos, "-"))
			mw_buf_addf(&ex[n - 1].want, "%s %s\n", pos, sev);
	}
	fclose(fp);
	free(path);
	return n;
}

START_TEST(test_rule_fixtures)
{
	const mw_lint_rule *r = mw_lint_rule_at((size_t)_i);
	struct expectation ex[16];
	size_t nfail = 0, npass = 0, n = read_expectations(ex, 16, r->id, &nfail, &npass);

	ck_assert_msg(nfail > 0 && npass > 0, "%s needs a failing and a passing fixture", r->id);
	for (size_t i = 0; i < n; i++) {
		char *got = findings_of(r->id, ex[i].file);

		ck_assert_msg(!strcmp(got, mw_buf_cstr(&ex[i].want)), "%s/%s: expected\n%sgot\n%s",
			      r->id, ex[i].file, mw_buf_cstr(&ex[i].want), got);
		free(got);
		mw_buf_release(&ex[i].want);
	}
}
END_TEST

START_TEST(test_rule_table)
{
	ck_assert_uint_ge(mw_lint_rule_count(), 22);
	for (size_t i = 0; i < mw_lint_rule_count(); i++) {
		const mw_lint_rule *r = mw_lint_rule_at(i);

		ck_assert_ptr_eq(mw_lint_rule_find(r->id), r);
		ck_assert_uint_gt(strlen(r->summary), 10);
		ck_assert_uint_gt(strlen(r->explanation), 150);
		ck_assert_msg(strspn(r->id, "abcdefghijklmnopqrstuvwxyz-") == strlen(r->id), "%s",
			      r->id);
	}
	ck_assert_ptr_null(mw_lint_rule_find("no-such-rule"));
	ck_assert_int_eq(mw_lint_rule_find("pk-required")->severity, MW_SEV_ERROR);
	ck_assert_int_eq(mw_lint_rule_find("ref-unsigned")->severity, MW_SEV_WARNING);
	ck_assert_int_eq(mw_lint_rule_find("no-sql")->severity, MW_SEV_INFO);
	ck_assert_int_eq(mw_lint_rule_find("unsafe-statement")->scope, MW_LINT_SCOPE_SQL);
}
END_TEST

static const char locate_doc[] =
	"[\n"
	"\t{ \"name\": \"a/b\", \"x~y\": 1, \"s\": \"[{\\\"\", \"columns\": [\n"
	"\t\t{ \"name\": \"c1\" },\n"
	"\t\t{ \"name\": \"c2\", \"options\": { \"n\": [1, 2] } }\n"
	"\t] },\n"
	"\t{ \"name\": \"é\", \"pk\": [] }\n"
	"]\n";

static void
assert_locate(const char *path, int want_rc, int want_line, int want_col)
{
	int line, col, rc = mw_lint_locate(&line, &col, locate_doc, strlen(locate_doc), path);

	ck_assert_msg(rc == want_rc && line == want_line && col == want_col,
		      "%s: got rc %d at %d:%d", path, rc, line, col);
}

START_TEST(test_locate)
{
	int line, col;

	assert_locate("", 0, 1, 1);
	assert_locate("/0", 0, 2, 2);
	assert_locate("/0/name", 0, 2, 4);
	assert_locate("/0/x~0y", 0, 2, 19);
	assert_locate("/0/columns", 0, 2, 42);
	assert_locate("/0/columns/1", 0, 4, 3);
	assert_locate("/0/columns/1/options/n/1", 0, 4, 41);
	assert_locate("/0/columns/1/options/missing", 1, 4, 19);
	assert_locate("/0/columns/7", 1, 2, 42);
	assert_locate("/1/pk", 0, 6, 17);	/* "é" counts as one column */
	assert_locate("/2", 1, 1, 1);
	ck_assert_int_eq(mw_lint_locate(&line, &col, "42", 2, "/0"), -1);
	ck_assert_int_eq(mw_lint_locate(&line, &col, "[1, {\"a\"", 8, "/1/a"), 1);
}
END_TEST

static size_t
count_rule(const mw_diags *d, const char *rule, mw_severity *sev)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (d->items[i].rule && !strcmp(d->items[i].rule, rule)) {
			n++;
			*sev = d->items[i].severity;
		}
	}
	return n;
}

static size_t
lint_with_config(const char *rc_text, const char *rule, const char *file, mw_severity *sev,
		 mw_diags *cfg)
{
	mw_rc *rc = mw_rc_new();
	mw_lint *lint = mw_lint_new();
	mw_diags out = MW_DIAGS_INIT;
	char *path = data_path(rule, file);
	size_t n;

	mw_rc_load_string(rc, rc_text, strlen(rc_text), "test.rc", cfg);
	mw_lint_configure(lint, rc, cfg);
	mw_lint_file(lint, path, &out);
	n = count_rule(&out, rule, sev);
	mw_diags_free(&out);
	mw_lint_free(lint);
	mw_rc_free(rc);
	free(path);
	return n;
}

START_TEST(test_config)
{
	mw_diags cfg = MW_DIAGS_INIT;
	mw_severity sev = MW_SEV_INFO;

	ck_assert_uint_eq(lint_with_config("", "no-enum", "fail.json", &sev, &cfg), 1);
	ck_assert_int_eq(sev, MW_SEV_WARNING);
	ck_assert_uint_eq(lint_with_config("set lint.no-enum = error\n", "no-enum", "fail.json",
					   &sev, &cfg), 1);
	ck_assert_int_eq(sev, MW_SEV_ERROR);
	ck_assert_uint_eq(lint_with_config("set lint.no-enum = off\n", "no-enum", "fail.json",
					   &sev, &cfg), 0);
	ck_assert_uint_eq(lint_with_config("lint-ignore no-enum */no-enum/*.json\n", "no-enum",
					   "fail.json", &sev, &cfg), 0);
	ck_assert_uint_eq(lint_with_config("lint-ignore * fail.json\n", "no-enum", "fail.json",
					   &sev, &cfg), 0);
	ck_assert_uint_eq(lint_with_config("lint-ignore no-enum other/*.json\n", "no-enum",
					   "fail.json", &sev, &cfg), 1);
	ck_assert_uint_eq(cfg.n, 0);

	/* Bad lines: reported with file:line, skipped, the good lines still apply. */
	ck_assert_uint_eq(lint_with_config("set lint.no-enum = loud\n"
					   "set lint.nope = off\n"
					   "lint-ignore nope *\n"
					   "set lint.no-enum = info\n",
					   "no-enum", "fail.json", &sev, &cfg),
			  1);
	ck_assert_int_eq(sev, MW_SEV_INFO);
	ck_assert_uint_eq(cfg.n, 3);
	ck_assert_str_eq(cfg.items[0].file, "test.rc");
	ck_assert_int_eq(cfg.items[0].line, 1);
	ck_assert_ptr_nonnull(strstr(cfg.items[0].message, "loud"));
	ck_assert_int_eq(cfg.items[1].line, 2);
	ck_assert_int_eq(cfg.items[2].line, 3);
	mw_diags_free(&cfg);
}
END_TEST

/* Tables of other files (the checkout's tables.json) inform change files. */
START_TEST(test_extra_tables)
{
	static const char schema_json[] =
		"[{\"name\": \"page\", \"columns\": [{\"name\": \"page_id\", \"type\": \"bigint\", "
		"\"options\": {\"unsigned\": true}}], \"indexes\": [{\"name\": \"page_x\", "
		"\"columns\": [\"page_id\"], \"unique\": false}], \"pk\": [\"page_id\"]}]";
	static const char change_json[] =
		"{\"before\": {}, \"after\": {\"name\": \"widget\", \"columns\": [{\"name\": "
		"\"wd_page\", \"type\": \"integer\", \"options\": {\"unsigned\": true}}], "
		"\"indexes\": [{\"name\": \"page_x\", \"columns\": [\"wd_page\"], \"unique\": "
		"false}], \"pk\": [\"wd_page\"]}}";
	mw_doc *schema, *change;
	mw_diags out = MW_DIAGS_INIT;
	mw_lint *lint = mw_lint_new();
	mw_lint_others others = MW_LINT_OTHERS_INIT;
	mw_severity sev;

	ck_assert_int_eq(mw_doc_load_buffer(&schema, schema_json, strlen(schema_json),
					    "tables.json", &out), 0);
	ck_assert_int_eq(mw_doc_load_buffer(&change, change_json, strlen(change_json),
					    "patch-widget.json", &out), 0);
	mw_lint_doc(lint, change, NULL, &out);
	ck_assert_uint_eq(count_rule(&out, "ref-unsigned", &sev), 0);
	mw_lint_others_add(&others, &schema->schema);
	mw_lint_doc(lint, change, &others, &out);
	mw_lint_others_release(&others);
	ck_assert_uint_eq(count_rule(&out, "ref-unsigned", &sev), 1);
	ck_assert_uint_eq(count_rule(&out, "index-name-unique", &sev), 1);
	mw_diags_free(&out);
	mw_lint_free(lint);
	mw_doc_free(schema);
	mw_doc_free(change);
}
END_TEST

START_TEST(test_sql_generated)
{
	static const char gen[] = "-- This file is automatically generated using x.\n"
				  "DELETE FROM t LIMIT 1;\n";
	mw_diags out = MW_DIAGS_INIT;
	mw_lint *lint = mw_lint_new();

	ck_assert(mw_lint_sql_is_generated(gen, strlen(gen)));
	mw_lint_sql(lint, "gen.sql", gen, strlen(gen), &out);
	ck_assert_uint_eq(out.n, 0);
	mw_lint_sql(lint, "hand.sql", gen + 49, strlen(gen + 49), &out);
	ck_assert_uint_eq(out.n, 1);
	ck_assert_int_eq(out.items[0].line, 1);
	ck_assert_int_eq(out.items[0].column, 15);
	mw_diags_free(&out);
	mw_lint_free(lint);
}
END_TEST

/* The loaded tree answers every pointer exactly as the text walk does. */
static void
assert_same_spot(const mw_doc *doc, const char *path)
{
	int l1, c1, l2, c2;
	int r1 = mw_lint_locate(&l1, &c1, doc->text, doc->len, path);
	int r2 = mw_doc_locate(doc, path, &l2, &c2);

	ck_assert_msg(r1 == r2 && l1 == l2 && c1 == c2, "%s: text %d at %d:%d, tree %d at %d:%d",
		      path, r1, l1, c1, r2, l2, c2);
}

START_TEST(test_locate_tree)
{
	static const char change[] =
		"{\"comment\": \"\u00e9t\u00e9 \\\"x\\\"\", \"before\": {}, \"after\": { \"name\": \"t\",\n"
		"  \"comment\": \"\xc3\xa9\xc3\xa9\", \"columns\": [ { \"name\": \"a_b\", \"comment\": \"a/b~c\",\n"
		"  \"type\": \"integer\", \"options\": { \"notnull\": true } } ], \"indexes\": [], \"pk\": [ \"a_b\" ] } }";
	static const char *const paths[] = {
		"", "/after", "/after/comment", "/after/columns/0", "/after/columns/0/name",
		"/after/columns/0/comment", "/after/columns/0/options/notnull", "/after/pk/0", "/after/columns/3",
		"/after/nope/1", "/before", "/comment", "/after/columns/x",
	};
	const char *dir = getenv("MW_CORPUS");
	char *path = mw_strdupf("%s/core/tables.json", dir ? dir : "../shared/corpus");
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc;
	char p[128];

	ck_assert_int_eq(mw_doc_load_buffer(&doc, change, strlen(change), "c.json", &d), 0);
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		assert_same_spot(doc, paths[i]);
	mw_doc_free(doc);
	if (mw_doc_load_file(&doc, path, &d) < 0) {
		printf("SKIP: no corpus for the tree locator (%s)\n", path);
		free(path);
		mw_diags_free(&d);
		return;
	}
	for (size_t i = 0; i < doc->schema.ntables; i += 7) {
		const mw_table *t = &doc->schema.tables[i];

		snprintf(p, sizeof(p), "/%zu/columns/%zu/options", i, t->ncolumns - 1);
		assert_same_spot(doc, p);
		snprintf(p, sizeof(p), "/%zu/indexes/%zu/columns/0", i, t->nindexes ? t->nindexes - 1 : 0);
		assert_same_spot(doc, p);
		snprintf(p, sizeof(p), "/%zu/pk/9", i);
		assert_same_spot(doc, p);
	}
	mw_doc_free(doc);
	free(path);
	mw_diags_free(&d);
}
END_TEST

static Suite *
lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_rule_table);
	tcase_add_loop_test(tc, test_rule_fixtures, 0, (int)mw_lint_rule_count());
	tcase_add_test(tc, test_locate);
	tcase_add_test(tc, test_locate_tree);
	tcase_add_test(tc, test_config);
	tcase_add_test(tc, test_extra_tables);
	tcase_add_test(tc, test_sql_generated);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(lint_suite());
}
