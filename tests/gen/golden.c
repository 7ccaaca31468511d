/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden test: every row of every $MW_CORPUS/<source>/MANIFEST.tsv is
 * generated and compared with the SQL MediaWiki committed (current era:
 * byte for byte; legacy eras: after deleting all whitespace), and every
 * row of synthetic/NOSQL.tsv must produce no file. One summary line per
 * source; for failures the first differing line. Exit 77 without corpus.
 *
 * Usage: golden [SOURCE...]   (default: every source directory)
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int verbose_limit = 5;

struct row {
	char *kind, *json, *platform, *sql, *label, *era;
};

/* Splits one TSV line in place into at most n fields. */
static size_t
split_tabs(char *line, char **fields, size_t n)
{
	size_t k = 0;

	fields[k++] = line;
	for (char *p = line; *p && k < n; p++) {
		if (*p == '\t') {
			*p = '\0';
			fields[k++] = p + 1;
		}
	}
	return k;
}

static void
strip_ws(mw_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			mw_buf_addc(out, s[i]);
}

static void
report_first_difference(const char *what, const char *want, const char *got)
{
	int line = 1;
	const char *w = want, *g = got;

	while (*w && *w == *g) {
		if (*w == '\n') {
			line++;
			want = w + 1;
			got = g + 1;
		}
		w++, g++;
	}
	printf("FAIL %s: line %d\n  want: %.*s\n  got:  %.*s\n", what, line,
	       (int)strcspn(want, "\n"), want, (int)strcspn(got, "\n"), got);
}

/* Generates one row; 0 = output in *out, MW_GEN_NOCHANGE, or -1 = load error. */
static int
generate(mw_buf *out, const char *path, const char *kind, mw_dbms dbms, const char *label)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	int rc;

	if (mw_doc_load_file(&doc, path, &diags) < 0) {
		mw_buf line = MW_BUF_INIT;

		for (size_t i = 0; i < diags.n; i++) {
			mw_buf_reset(&line);
			mw_diag_format(&line, &diags.items[i]);
			printf("  %s\n", mw_buf_cstr(&line));
		}
		mw_buf_release(&line);
		mw_diags_free(&diags);
		return -1;
	}
	if (doc->kind == MW_DOC_CHANGE)
		rc = mw_gen_change(out, doc->change.before, doc->change.after, dbms, label, 0);
	else
		rc = mw_gen_schema(out, &doc->schema, dbms, label, 0);
	(void)kind;
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return rc;
}

static bool
check_row(const char *dir, const struct row *r)
{
	char *json = mw_path_join(dir, r->json), *sql = mw_path_join(dir, r->sql);
	mw_buf got = MW_BUF_INIT, want = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_buf a = MW_BUF_INIT, b = MW_BUF_INIT;
	mw_dbms dbms;
	bool ok = false;
	int rc;

	if (!mw_dbms_from_name(r->platform, &dbms) || mw_read_file(&want, sql, &err) < 0) {
		printf("FAIL %s: %s\n", sql, mw_buf_cstr(&err));
		goto out;
	}
	rc = generate(&got, json, r->kind, dbms, r->label);
	if (rc != 0) {
		printf("FAIL %s: %s\n", sql, rc > 0 ? "no SQL generated" : "load error");
		goto out;
	}
	if (!strcmp(r->era, "current")) {
		ok = got.len == want.len && !memcmp(got.data, want.data, got.len);
	} else {
		strip_ws(&a, mw_buf_cstr(&got), got.len);
		strip_ws(&b, mw_buf_cstr(&want), want.len);
		ok = !strcmp(mw_buf_cstr(&a), mw_buf_cstr(&b));
	}
	if (!ok && verbose_limit-- > 0)
		report_first_difference(sql, mw_buf_cstr(&want), mw_buf_cstr(&got));
	else if (!ok)
		printf("FAIL %s\n", sql);
out:
	mw_buf_release(&got);
	mw_buf_release(&want);
	mw_buf_release(&err);
	mw_buf_release(&a);
	mw_buf_release(&b);
	free(json);
	free(sql);
	return ok;
}

static bool
check_nosql_row(const char *dir, const char *json_rel, const char *platform)
{
	char *json = mw_path_join(dir, json_rel);
	mw_buf got = MW_BUF_INIT;
	mw_dbms dbms;
	int rc = -1;

	if (mw_dbms_from_name(platform, &dbms))
		rc = generate(&got, json, "change", dbms, "x");
	if (rc != MW_GEN_NOCHANGE)
		printf("FAIL %s (%s): expected no SQL, got:\n%s", json, platform, mw_buf_cstr(&got));
	mw_buf_release(&got);
	free(json);
	return rc == MW_GEN_NOCHANGE;
}

/* Runs the rows of one TSV file; returns failures, adds to *total. */
static int
run_tsv(const char *dir, const char *file, bool nosql, int *total)
{
	char *path = mw_path_join(dir, file);
	mw_buf text = MW_BUF_INIT;
	int fails = 0;
	char *line, *save = NULL;

	if (mw_read_file(&text, path, NULL) < 0) {
		free(path);
		return 0;
	}
	line = strtok_r(text.data, "\n", &save);	/* header */
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[8] = { 0 };
		size_t n = split_tabs(line, f, 8);
		bool ok;

		if (nosql && n >= 2) {
			ok = check_nosql_row(dir, f[0], f[1]);
		} else if (n >= 7) {
			struct row r = { f[0], f[1], f[2], f[3], f[4], f[6] };

			ok = check_row(dir, &r);
		} else {
			continue;
		}
		(*total)++;
		fails += !ok;
	}
	mw_buf_release(&text);
	free(path);
	return fails;
}

static int
run_source(const char *corpus, const char *name)
{
	char *dir = mw_path_join(corpus, name);
	int total = 0, fails = run_tsv(dir, "MANIFEST.tsv", false, &total);

	printf("golden %s: %d/%d\n", name, total - fails, total);
	char *nosql = mw_path_join(dir, "NOSQL.tsv");

	if (mw_file_exists(nosql)) {
		int n = 0, f = run_tsv(dir, "NOSQL.tsv", true, &n);

		printf("golden %s nosql: %d/%d\n", name, n - f, n);
		fails += f;
	}
	free(nosql);
	free(dir);
	return fails;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	const char *corpus = getenv("MW_CORPUS");
	char *names[64];
	int n = 0, fails = 0;
	DIR *d;
	struct dirent *e;

	if (getenv("MW_GOLDEN_VERBOSE"))
		verbose_limit = atoi(getenv("MW_GOLDEN_VERBOSE"));
	if (!corpus || !mw_is_dir(corpus)) {
		printf("SKIP: golden corpus not found (set MW_CORPUS)\n");
		return 77;
	}
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			fails += run_source(corpus, argv[i]);
		return fails ? 1 : 0;
	}
	if (!(d = opendir(corpus)))
		return 77;
	while ((e = readdir(d)) && n < 64) {
		char *dir = mw_path_join(corpus, e->d_name);
		char *manifest = mw_path_join(dir, "MANIFEST.tsv");

		if (e->d_name[0] != '.' && mw_file_exists(manifest))
			names[n++] = mw_xstrdup(e->d_name);
		free(dir);
		free(manifest);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), cmp_str);
	for (int i = 0; i < n; i++) {
		fails += run_source(corpus, names[i]);
		free(names[i]);
	}
	return fails ? 1 : 0;
}
