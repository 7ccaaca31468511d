/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON documents: the corpus loads and round-trips byte for byte, edits
 * give minimal diffs in the file's own style, and every bad input of
 * tests/data/json-invalid gives exactly the expected messages.
 */
#include <config.h>

#include "mwschema/edit.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/manifest.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Literals for the char * fields of model records built in tests. */
#define S(lit) ((char *)(lit))
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tests/check_main.h"

static const char *
corpus_dir(void)
{
	const char *dir = getenv("MW_CORPUS");

	return dir && mw_is_dir(dir) ? dir : NULL;
}

static void
add_path(char ***v, size_t *n, char *path)
{
	*v = mw_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = path;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file under dir whose name ends in `suffix`, sorted. */
static void
list_files(char ***v, size_t *n, const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *path;
		size_t len = strlen(e->d_name), sl = strlen(suffix);

		if (e->d_name[0] == '.')
			continue;
		path = mw_path_join(dir, e->d_name);
		if (mw_is_dir(path)) {
			list_files(v, n, path, suffix);
			free(path);
		} else if (len > sl && !strcmp(e->d_name + len - sl, suffix)) {
			add_path(v, n, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	qsort(*v, *n, sizeof(**v), cmp_str);
}

static char *
format_diags(const mw_diags *d)
{
	mw_buf b = MW_BUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		mw_diag_format(&b, &d->items[i]);
		mw_buf_addc(&b, '\n');
	}
	return mw_buf_detach(&b);
}

static mw_doc *
load_or_fail(const char *path)
{
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	if (mw_doc_load_file(&doc, path, &d) < 0) {
		char *msg = format_diags(&d);

		ck_abort_msg("%s does not load:\n%s", path, msg);
	}
	mw_diags_free(&d);
	return doc;
}

START_TEST(test_corpus_loads_and_round_trips)
{
	const char *dir = corpus_dir();
	char **files = NULL;
	size_t n = 0, same = 0;

	if (!dir) {
		printf("SKIP: corpus not found (set MW_CORPUS)\n");
		fflush(stdout);
		return;
	}
	list_files(&files, &n, dir, ".json");
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		mw_doc *doc = load_or_fail(files[i]);
		mw_buf out = MW_BUF_INIT;

		mw_doc_serialize(&out, doc);
		if (out.len == doc->len && !memcmp(out.data, doc->text, out.len))
			same++;
		else
			fprintf(stderr, "not byte-exact: %s\n", files[i]);
		mw_buf_release(&out);
		mw_doc_free(doc);
		free(files[i]);
	}
	printf("corpus: %zu/%zu JSON files load; %zu/%zu (%.1f%%) round-trip byte for byte\n",
	       n, n, same, n, 100.0 * (double)same / (double)n);
	fflush(stdout);
	ck_assert_uint_eq(same, n);
	free(files);
}
END_TEST

START_TEST(test_load_speed)
{
	const char *dir = corpus_dir();
	char *path;
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	struct timespec t0, t1;
	const int rounds = 50;
	double ms;

	if (!dir) {
		printf("SKIP: corpus not found (set MW_CORPUS)\n");
		fflush(stdout);
		return;
	}
	path = mw_path_join(dir, "core/tables.json");
	ck_assert_int_eq(mw_read_file(&data, path, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < rounds; i++) {
		mw_diags d = MW_DIAGS_INIT;
		mw_doc *doc;

		ck_assert_int_eq(mw_doc_load_buffer(&doc, data.data, data.len, path, &d), 0);
		mw_doc_free(doc);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) /
	     rounds;
	printf("load of core/tables.json (%zu bytes): %.3f ms\n", data.len, ms);
	fflush(stdout);
	mw_buf_release(&data);
	free(path);
}
END_TEST

/* 1-based line numbers [first, last] in which a and b differ. */
static void
changed_lines(const char *a, const char *b, int *first_a, int *last_a)
{
	size_t la = strlen(a), lb = strlen(b), pre = 0, suf = 0;

	while (pre < la && pre < lb && a[pre] == b[pre])
		pre++;
	while (suf < la - pre && suf < lb - pre && a[la - 1 - suf] == b[lb - 1 - suf])
		suf++;
	*first_a = 1;
	for (size_t i = 0; i < pre; i++)
		*first_a += a[i] == '\n';
	*last_a = 1;
	for (size_t i = 0; i < la - suf; i++)
		*last_a += a[i] == '\n';
}

/* The lines of the column object whose "name" line holds `needle`. */
static void
column_lines(const char *text, const char *needle, int *first, int *last)
{
	const char *at = strstr(text, needle), *end;
	int line = 1;

	ck_assert_ptr_nonnull(at);
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	*first = line - 1;	/* the "{" line */
	end = strstr(at, "\n\t\t\t}");
	ck_assert_ptr_nonnull(end);
	*last = line;
	for (const char *p = at; p <= end; p++)
		*last += *p == '\n';
}

/* Puts `t` (taken over) in place of table `i` of the document; returns the old one. */
static mw_table *
replace_table(mw_doc *doc, size_t i, mw_table *t)
{
	mw_table *old = mw_xmalloc(sizeof(*old));

	*old = doc->schema.tables[i];
	doc->schema.tables[i] = *t;
	free(t);
	return old;
}

START_TEST(test_one_column_edit_is_a_minimal_diff)
{
	const char *dir = corpus_dir();
	mw_buf out = MW_BUF_INIT;
	mw_diags errs = MW_DIAGS_INIT;
	mw_column col;
	mw_table *after, *old;
	mw_doc *doc;
	char *path;
	size_t at;
	int first, last, cfirst, clast;

	if (!dir) {
		printf("SKIP: corpus not found (set MW_CORPUS)\n");
		fflush(stdout);
		return;
	}
	path = mw_path_join(dir, "core/tables.json");
	doc = load_or_fail(path);
	mw_column_copy(&col, mw_table_column(mw_schema_table(&doc->schema, "page"),
					     "page_title"));
	col.length = 512;
	col.notnull = false;
	free(col.comment);
	col.comment = mw_xstrdup("Edited by check_json");
	at = (size_t)(mw_schema_table(&doc->schema, "page") - doc->schema.tables);
	ck_assert_int_eq(mw_edit_modify_column(&after, &doc->schema.tables[at], "page_title", &col,
					       &errs), 0);
	old = replace_table(doc, at, after);
	mw_doc_serialize(&out, doc);
	changed_lines(doc->text, out.data, &first, &last);
	column_lines(doc->text, "\"name\": \"page_title\"", &cfirst, &clast);
	ck_assert_int_ge(first, cfirst);
	ck_assert_int_le(last, clast);
	ck_assert_ptr_nonnull(strstr(out.data, "\"comment\": \"Edited by check_json\",\n"
				     "\t\t\t\t\"type\": \"binary\",\n\t\t\t\t\"options\": {\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"length\": 512"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"notnull\": false"));
	/* the table as it was gives back the original bytes */
	mw_table_free(replace_table(doc, at, old));
	mw_buf_reset(&out);
	mw_doc_serialize(&out, doc);
	ck_assert_uint_eq(out.len, doc->len);
	ck_assert(!memcmp(out.data, doc->text, out.len));
	mw_diags_free(&errs);
	mw_column_clear(&col);
	mw_buf_release(&out);
	mw_doc_free(doc);
	free(path);
}
END_TEST

static mw_doc *
load_text(const char *text)
{
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, text, strlen(text), "t.json", &d), 0);
	mw_diags_free(&d);
	return doc;
}

static char *
serialize(const mw_doc *doc)
{
	mw_buf out = MW_BUF_INIT;

	mw_doc_serialize(&out, doc);
	return mw_buf_detach(&out);
}

static const char inline_doc[] =
	"[\n\t{\n\t\t\"name\": \"t\",\n\t\t\"columns\": [\n"
	"\t\t\t{\n\t\t\t\t\"name\": \"t_id\",\n\t\t\t\t\"type\": \"integer\",\n"
	"\t\t\t\t\"options\": { \"unsigned\": true, \"notnull\": true }\n\t\t\t}\n"
	"\t\t],\n\t\t\"indexes\": [],\n\t\t\"pk\": [ \"t_id\" ]\n\t}\n]\n";

START_TEST(test_new_column_and_index_take_neighbour_style)
{
	mw_doc *doc = load_text(inline_doc);
	mw_column c = { .name = S("t_text"), .type = MW_T_STRING, .notnull = false,
			.has_length = true, .length = 30, .precision = 10 };
	char *cols[] = { S("t_text") };
	mw_index ix = { .name = S("t_text_idx"), .columns = cols, .ncolumns = 1 };
	mw_diags errs = MW_DIAGS_INIT;
	mw_table *t, *u;
	char *out;

	ck_assert_int_eq(mw_edit_add_column(&t, &doc->schema.tables[0], &c, -1, &errs), 0);
	ck_assert_int_eq(mw_edit_add_index(&u, t, &ix, &errs), 0);
	mw_table_free(t);
	mw_table_free(replace_table(doc, 0, u));
	mw_diags_free(&errs);
	out = serialize(doc);
	ck_assert_str_eq(out,
		"[\n\t{\n\t\t\"name\": \"t\",\n\t\t\"columns\": [\n"
		"\t\t\t{\n\t\t\t\t\"name\": \"t_id\",\n\t\t\t\t\"type\": \"integer\",\n"
		"\t\t\t\t\"options\": { \"unsigned\": true, \"notnull\": true }\n\t\t\t},\n"
		"\t\t\t{\n\t\t\t\t\"name\": \"t_text\",\n\t\t\t\t\"type\": \"string\",\n"
		"\t\t\t\t\"options\": { \"notnull\": false, \"length\": 30 }\n\t\t\t}\n"
		"\t\t],\n\t\t\"indexes\": [\n"
		"\t\t\t{\n\t\t\t\t\"name\": \"t_text_idx\",\n"
		"\t\t\t\t\"columns\": [ \"t_text\" ],\n\t\t\t\t\"unique\": false\n\t\t\t}\n"
		"\t\t],\n\t\t\"pk\": [ \"t_id\" ]\n\t}\n]\n");
	free(out);
	mw_doc_free(doc);
}
END_TEST

START_TEST(test_write_table_expanded_style)
{
	char *pk[] = { S("x_id") };
	mw_column cols[] = {
		{ .name = S("x_id"), .type = MW_T_INTEGER, .notnull = true, .is_unsigned = true,
		  .autoincrement = true, .precision = 10 },
	};
	mw_table t = { .name = S("x"), .columns = cols, .ncolumns = 1, .pk = pk, .npk = 1 };
	mw_buf out = MW_BUF_INIT;

	mw_json_write_table(&out, &t, 1);
	ck_assert_str_eq(out.data,
		"{\n\t\t\"name\": \"x\",\n\t\t\"columns\": [\n\t\t\t{\n"
		"\t\t\t\t\"name\": \"x_id\",\n\t\t\t\t\"type\": \"integer\",\n"
		"\t\t\t\t\"options\": {\n\t\t\t\t\t\"unsigned\": true,\n"
		"\t\t\t\t\t\"autoincrement\": true\n\t\t\t\t}\n\t\t\t}\n\t\t],\n"
		"\t\t\"indexes\": [],\n\t\t\"pk\": [\n\t\t\t\"x_id\"\n\t\t]\n\t}");
	mw_buf_release(&out);
}
END_TEST

START_TEST(test_change_document_round_trip_and_edit)
{
	static const char text[] =
		"{\n\t\"comment\": \"add t\",\n\t\"before\": {},\n\t\"after\": {\n"
		"\t\t\"name\": \"t\",\n\t\t\"columns\": [\n"
		"\t\t\t{ \"name\": \"a\", \"type\": \"text\", \"options\": {} }\n"
		"\t\t],\n\t\t\"indexes\": []\n\t}\n}\n";
	mw_doc *doc = load_text(text);
	char *out = serialize(doc);

	ck_assert_int_eq(doc->kind, MW_DOC_CHANGE);
	ck_assert_ptr_null(doc->change.before);
	ck_assert_str_eq(doc->change.after->name, "t");
	ck_assert_str_eq(out, text);
	free(out);
	/* dropping the snapshot writes {} back */
	mw_table_free(doc->change.after);
	doc->change.after = mw_table_dup(&(mw_table){ .name = S("u") });
	doc->change.before = doc->change.after;
	doc->change.after = NULL;
	out = serialize(doc);
	ck_assert_ptr_nonnull(strstr(out, "\"after\": {}\n}\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"before\": {\n\t\t\"name\": \"u\","));
	free(out);
	mw_doc_free(doc);
}
END_TEST

START_TEST(test_unicode_and_escapes_survive)
{
	static const char text[] =
		"{ \"name\": \"t\", \"comment\": \"caf\\u00e9 \\\"q\\\" \xc3\xa9\", "
		"\"columns\": [ { \"name\": \"a\", \"type\": \"text\", \"options\": {} } ], "
		"\"indexes\": [] }\n";
	mw_doc *doc = load_text(text);
	char *out;

	ck_assert_str_eq(doc->schema.tables[0].comment, "caf\xc3\xa9 \"q\" \xc3\xa9");
	out = serialize(doc);
	ck_assert_str_eq(out, text);
	free(out);
	free(doc->schema.tables[0].columns[0].name);
	doc->schema.tables[0].columns[0].name = mw_xstrdup("b");
	out = serialize(doc);
	/* the untouched comment keeps its escapes */
	ck_assert_ptr_nonnull(strstr(out, "caf\\u00e9"));
	ck_assert_ptr_nonnull(strstr(out, "\"name\": \"b\""));
	free(out);
	mw_doc_free(doc);
}
END_TEST

/*
 * Bad inputs: tests/data/json-invalid/NAME.json with NAME.expected.
 */

static char *
read_all(const char *path)
{
	mw_buf b = MW_BUF_INIT, err = MW_BUF_INIT;

	ck_assert_msg(mw_read_file(&b, path, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_addc(&b, '\0');
	b.len--;
	return mw_buf_detach(&b);
}

START_TEST(test_bad_inputs)
{
	const char *srcdir = getenv("top_srcdir");
	char *dir = mw_path_join(srcdir ? srcdir : ".", "tests/data/json-invalid");
	char **files = NULL;
	size_t n = 0, passed = 0;

	list_files(&files, &n, dir, ".json");
	ck_assert_uint_ge(n, 30);
	for (size_t i = 0; i < n; i++) {
		mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
		mw_diags d = MW_DIAGS_INIT;
		char *base = mw_path_basename(files[i]);
		char *exp_path = mw_strdupf("%.*s.expected", (int)(strlen(files[i]) - 5), files[i]);
		char *expected = read_all(exp_path), *got;
		mw_doc *doc = NULL;

		ck_assert_int_eq(mw_read_file(&data, files[i], &err), 0);
		ck_assert_int_eq(mw_doc_load_buffer(&doc, data.data ? data.data : "", data.len,
						    base, &d), -1);
		ck_assert_ptr_null(doc);
		got = format_diags(&d);
		if (!strcmp(got, expected))
			passed++;
		else
			fprintf(stderr, "%s: expected\n%sgot\n%s", base, expected, got);
		free(got);
		free(expected);
		free(exp_path);
		free(base);
		free(files[i]);
		mw_diags_free(&d);
		mw_buf_release(&data);
	}
	printf("bad inputs: %zu/%zu give the expected messages\n", passed, n);
	fflush(stdout);
	fflush(stdout);
	ck_assert_uint_eq(passed, n);
	free(files);
	free(dir);
}
END_TEST

START_TEST(test_huge_input_is_refused)
{
	size_t len = 17u * 1024u * 1024u;
	char *big = mw_xmalloc(len);
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc;
	char *msg;

	memset(big, ' ', len);
	big[0] = '[';
	big[len - 1] = ']';
	ck_assert_int_eq(mw_doc_load_buffer(&doc, big, len, "big.json", &d), -1);
	msg = format_diags(&d);
	ck_assert_str_eq(msg, "big.json:1:1: file too large (17825792 bytes; the limit is 16 MiB)\n");
	free(msg);
	free(big);
	mw_diags_free(&d);
}
END_TEST

START_TEST(test_all_errors_are_reported)
{
	static const char text[] =
		"[ { \"name\": \"t\", \"columns\": [\n"
		"  { \"name\": \"a\", \"type\": \"int\", \"options\": {} },\n"
		"  { \"name\": \"a\", \"type\": \"txt\", \"options\": { \"lenght\": 3 } } ],\n"
		"  \"indexes\": [ { \"name\": \"i\", \"columns\": [ \"b\" ], \"unique\": false } ] } ]\n";
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc;
	char *msg;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, text, strlen(text), "x.json", &d), -1);
	msg = format_diags(&d);
	ck_assert_str_eq(msg,
		"x.json:2:26: /0/columns/0/type: unknown type \"int\" (did you mean \"integer\"?)\n"
		"x.json:3:13: /0/columns/1/name: duplicate column name \"a\" (first defined at 2:13)\n"
		"    hint: rename or remove one of them\n"
		"x.json:3:26: /0/columns/1/type: unknown type \"txt\" (did you mean \"text\"?)\n"
		"x.json:3:46: /0/columns/1/options/lenght: unknown key \"lenght\" in column options "
		"(did you mean \"length\"?)\n"
		"x.json:4:44: /0/indexes/0/columns/0: index \"i\" names unknown column \"b\" "
		"(did you mean \"a\"?)\n");
	free(msg);
	mw_diags_free(&d);
}
END_TEST

START_TEST(test_shape_only_skips_cross_references)
{
	static const char text[] =
		"[ { \"name\": \"t\", \"columns\": [ { \"name\": \"a\", \"type\": \"text\", "
		"\"options\": { \"default\": false } } ], \"indexes\": [ { \"name\": \"i\", "
		"\"columns\": [ \"b\" ], \"unique\": false } ], \"pk\": [ \"c\" ] } ]\n";
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc;

	ck_assert_int_eq(mw_doc_load_buffer_flags(&doc, text, strlen(text), "x.json",
						  MW_LOAD_SHAPE_ONLY, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(doc->schema.tables[0].columns[0].deflt.kind, MW_V_BOOL);
	mw_doc_free(doc);
	ck_assert_int_eq(mw_doc_load_buffer(&doc, text, strlen(text), "x.json", &d), -1);
	ck_assert_uint_eq(d.n, 2);
	mw_diags_free(&d);
}
END_TEST

/*
 * Lists past the pairwise threshold are checked through a hash: the same
 * findings, at the same places, and 100,000 enum values load at once.
 */
START_TEST(test_large_lists_are_checked_by_hash)
{
	mw_buf text = MW_BUF_INIT;
	mw_diags d = MW_DIAGS_INIT;
	mw_doc *doc;
	char *msg;

	mw_buf_adds(&text, "[ { \"name\": \"t\", \"indexes\": [], \"columns\": [\n");
	for (int i = 0; i < 40; i++)
		mw_buf_addf(&text, "{ \"name\": \"c%d\", \"type\": \"integer\", \"options\": {} },\n",
			    i == 35 ? 3 : i);
	mw_buf_adds(&text, "{ \"name\": \"e\", \"type\": \"mwenum\", \"options\": { "
			   "\"PlatformOptions\": { \"enum_values\": [");
	for (int i = 0; i < 100000; i++)
		mw_buf_addf(&text, "\"v%d\", ", i);
	mw_buf_adds(&text, "\"v99999\" ] } } } ] } ]\n");
	ck_assert_int_eq(mw_doc_load_buffer(&doc, text.data, text.len, "x.json", &d), -1);
	msg = format_diags(&d);
	ck_assert_str_eq(msg,
		"x.json:37:11: /0/columns/35/name: duplicate column name \"c3\" (first defined at "
		"5:11)\n"
		"    hint: rename or remove one of them\n"
		"x.json:42:988974: /0/columns/40/options/PlatformOptions/enum_values/100000: "
		"\"v99999\" is listed twice\n");
	free(msg);
	mw_diags_free(&d);

	/* an object of 17 members: "comment" 14 times, the last one counts */
	mw_buf_reset(&text);
	mw_buf_adds(&text, "{ \"name\": \"t\", \"indexes\": [], \"columns\": [ { \"name\": \"a\", "
			   "\"type\": \"integer\", \"options\": {}");
	for (int i = 0; i < 14; i++)
		mw_buf_addf(&text, ", \"comment\": %s", i == 13 ? "\"ok\"" : "1");
	mw_buf_adds(&text, " } ] }");
	ck_assert_int_eq(mw_doc_load_buffer(&doc, text.data, text.len, "x.json", &d), -1);
	ck_assert_uint_eq(d.n, 13);
	ck_assert_str_eq(d.items[0].message, "duplicate key \"comment\" (also at 1:93)");
	ck_assert_str_eq(d.items[0].path, "/columns/0/comment");
	mw_diags_free(&d);
	mw_buf_release(&text);
}
END_TEST

/* Writes `text` to a scratch file and reads it as extension.json. */
static int
manifest_from(mw_manifest *m, const char *text, mw_buf *err)
{
	char dir[] = "/tmp/mwmanifest.XXXXXX", *path;
	mw_buf ignore = MW_BUF_INIT;
	int rc;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = mw_path_join(dir, "extension.json");
	ck_assert_int_eq(mw_write_file_atomic(path, text, strlen(text), &ignore), 0);
	rc = mw_manifest_load(m, path, err);
	if (rc < 0 && err) {
		/* The path is the scratch file's: keep what follows it. */
		char *rest = mw_xstrdup(mw_buf_cstr(err) + strlen(path));

		mw_buf_reset(err);
		mw_buf_adds(err, rest);
		free(rest);
	}
	remove(path);
	rmdir(dir);
	free(path);
	mw_buf_release(&ignore);
	return rc;
}

START_TEST(test_manifest)
{
	mw_buf err = MW_BUF_INIT;
	mw_manifest m;
	char *file;

	ck_assert_int_eq(manifest_from(&m, "{ \"name\": \"Ext\", \"Hooks\": { "
				      "\"LoadExtensionSchemaUpdates\": [ 42, \"main\" ] }, "
				      "\"HookHandlers\": { \"main\": { \"class\": \"Ext\\\\Hooks\" } }, "
				      "\"AutoloadNamespaces\": { \"Ext\\\\\": \"old/\", "
				      "\"Ext\\\\\": \"includes/\" } }", &err), 0);
	ck_assert_str_eq(m.name, "Ext");
	ck_assert_str_eq(m.hook_class, "Ext\\Hooks");
	ck_assert_str_eq(m.hook_method, "onLoadExtensionSchemaUpdates");
	ck_assert_uint_eq(m.nns, 1);	/* the last of duplicate keys */
	file = mw_manifest_class_file(&m, "Ext\\Hooks");
	ck_assert_str_eq(file, "includes/Hooks.php");
	free(file);
	mw_manifest_clear(&m);
	ck_assert_int_eq(manifest_from(&m, "{ \"Hooks\": { \"LoadExtensionSchemaUpdates\": "
				      "{ \"handler\": \"A\\\\B::onX\" } }, \"AutoloadClasses\": "
				      "{ \"A\\\\B\": \"src/B.php\" } }", &err), 0);
	ck_assert_ptr_null(m.name);
	ck_assert_str_eq(m.hook_class, "A\\B");
	ck_assert_str_eq(m.hook_method, "onX");
	file = mw_manifest_class_file(&m, "A\\B");
	ck_assert_str_eq(file, "src/B.php");
	free(file);
	mw_manifest_clear(&m);
	ck_assert_int_eq(manifest_from(&m, "[]\n", &err), -1);
	ck_assert_str_eq(mw_buf_cstr(&err), ":1:1: not a JSON object");
	mw_buf_reset(&err);
	ck_assert_int_eq(manifest_from(&m, "{\n  \"name\": }", &err), -1);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&err), ":2:11:"));
	ck_assert_int_eq(manifest_from(&m, "{", NULL), -1);
	mw_buf_release(&err);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_corpus_loads_and_round_trips);
	tcase_add_test(tc, test_load_speed);
	tcase_add_test(tc, test_one_column_edit_is_a_minimal_diff);
	tcase_add_test(tc, test_new_column_and_index_take_neighbour_style);
	tcase_add_test(tc, test_write_table_expanded_style);
	tcase_add_test(tc, test_change_document_round_trip_and_edit);
	tcase_add_test(tc, test_unicode_and_escapes_survive);
	tcase_add_test(tc, test_bad_inputs);
	tcase_add_test(tc, test_huge_input_is_refused);
	tcase_add_test(tc, test_all_errors_are_reported);
	tcase_add_test(tc, test_shape_only_skips_cross_references);
	tcase_add_test(tc, test_large_lists_are_checked_by_hash);
	tcase_add_test(tc, test_manifest);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(json_suite());
}
