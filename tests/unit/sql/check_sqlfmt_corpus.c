/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Round trip of the printer and the clean-up over the golden corpus: every
 * `current` SQL file (minus its header) is turned back into generator-shaped
 * raw SQL (whitespace runs outside quotes collapsed to one space, the SQLite
 * "__temp__" rule undone) and must come out of format + clean-up unchanged.
 * Reads $MW_CORPUS in place; exits 77 (SKIP) when it is absent.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mwschema/sqlfmt.h"

static const char *corpus;

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	mw_buf b = MW_BUF_INIT;
	char chunk[8192];
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		mw_buf_add(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	mw_buf_addc(&b, '\0');
	return mw_buf_detach(&b);
}

/* Generator-shaped raw SQL from a formatted body. */
static void
unformat(mw_buf *raw, const char *s, bool sqlite)
{
	bool pending_space = false;

	while (*s) {
		if (sqlite && strncmp(s, "/*_*/__temp__", 13) == 0) {
			if (pending_space)
				mw_buf_addc(raw, ' ');
			pending_space = false;
			mw_buf_adds(raw, "__temp__/*_*/");
			s += 13;
		} else if (*s == '\'' || *s == '"' || *s == '`') {
			const char *end = strchr(s + 1, *s);
			size_t n = end ? (size_t)(end - s) + 1 : strlen(s);

			if (pending_space)
				mw_buf_addc(raw, ' ');
			pending_space = false;
			mw_buf_add(raw, s, n);
			s += n;
		} else if (*s == ' ' || *s == '\n' || *s == '\t') {
			pending_space = raw->len > 0;
			s++;
		} else {
			if (pending_space)
				mw_buf_addc(raw, ' ');
			pending_space = false;
			mw_buf_addc(raw, *s++);
		}
	}
}

/* Index of `name` in the tab-separated header line, or -1. */
static int
column_of(const char *header, const char *name)
{
	int col = 0;
	size_t n = strlen(name);

	for (const char *p = header; *p; col++) {
		size_t len = strcspn(p, "\t\n");

		if (len == n && strncmp(p, name, n) == 0)
			return col;
		p += len;
		if (*p == '\t')
			p++;
		else
			break;
	}
	return -1;
}

static char *
field(const char *line, int col)
{
	for (int c = 0; c < col; c++) {
		line = strchr(line, '\t');
		if (!line)
			return NULL;
		line++;
	}
	return mw_xstrndup(line, strcspn(line, "\t\n"));
}

/* One expected file; returns true when the round trip is exact. */
static bool
round_trip(const char *path, const char *platform)
{
	mw_dbms dbms;
	size_t len;
	char *text = slurp(path, &len), *body;
	mw_buf raw = MW_BUF_INIT, fmt = MW_BUF_INIT, got = MW_BUF_INIT;
	bool ok;

	if (!text || !mw_dbms_from_name(platform, &dbms)) {
		free(text);
		return true;	/* missing platform files are real (README) */
	}
	body = text;
	for (int k = 0; k < 4 && body; k++)
		body = strchr(body, '\n') ? strchr(body, '\n') + 1 : NULL;
	if (!body)
		body = text + len;
	unformat(&raw, body, dbms == MW_DBMS_SQLITE);
	mw_sqlfmt_format(&fmt, mw_buf_cstr(&raw), raw.len);
	mw_sqlfmt_cleanup(&got, mw_buf_cstr(&fmt), fmt.len, dbms);
	ok = strcmp(mw_buf_cstr(&got), body) == 0;
	if (!ok) {
		size_t at = 0;

		while (body[at] && body[at] == got.data[at])
			at++;
		fprintf(stderr, "%s: differs at byte %zu:\n--- got\n%.200s\n--- expected\n%.200s\n",
			path, at, got.data + (at > 40 ? at - 40 : 0), body + (at > 40 ? at - 40 : 0));
	}
	mw_buf_release(&raw);
	mw_buf_release(&fmt);
	mw_buf_release(&got);
	free(text);
	return ok;
}

static int
run_source(const char *source, int *total)
{
	char *manifest = mw_strdupf("%s/%s/MANIFEST.tsv", corpus, source), *line, *save = NULL;
	size_t len;
	char *text = slurp(manifest, &len);
	int sql_col, plat_col, era_col, pass = 0, rows = 0;

	free(manifest);
	if (!text)
		return 0;
	line = strtok_r(text, "\n", &save);
	sql_col = column_of(line, "sql");
	plat_col = column_of(line, "platform");
	era_col = column_of(line, "generator_era");
	while (sql_col >= 0 && plat_col >= 0 && (line = strtok_r(NULL, "\n", &save))) {
		char *sql = field(line, sql_col), *plat = field(line, plat_col);
		char *era = era_col >= 0 ? field(line, era_col) : NULL;

		if (sql && plat && (!era || strcmp(era, "current") == 0)) {
			char *path = mw_strdupf("%s/%s/%s", corpus, source, sql);

			rows++;
			pass += round_trip(path, plat);
			free(path);
		}
		free(sql);
		free(plat);
		free(era);
	}
	printf("sqlfmt round trip %s: %d/%d\n", source, pass, rows);
	free(text);
	*total += rows;
	return rows - pass;
}

START_TEST(test_corpus_round_trip)
{
	DIR *dir = opendir(corpus);
	struct dirent *de;
	int failures = 0, total = 0;

	ck_assert_ptr_nonnull(dir);
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			failures += run_source(de->d_name, &total);
	closedir(dir);
	ck_assert_int_gt(total, 0);
	ck_assert_int_eq(failures, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sqlfmt_corpus");
	TCase *tc = tcase_create("corpus");
	SRunner *sr;
	DIR *dir;
	int failed;

	corpus = getenv("MW_CORPUS");
	if (!corpus || !(dir = opendir(corpus))) {
		printf("SKIP: golden corpus not found (MW_CORPUS=%s)\n", corpus ? corpus : "");
		return 77;
	}
	closedir(dir);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_corpus_round_trip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
