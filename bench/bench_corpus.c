/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_corpus: every JSON input of the corpus ($MW_CORPUS or
 * argv[1]) generated for the three DBMS, and the whole core tables.json.
 * Reports medians (inputs already loaded; loading is timed separately).
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 21

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : 0;
}

/* All three DBMS for one document; returns microseconds. */
static double
gen_all(const mw_doc *doc)
{
	mw_buf out = MW_BUF_INIT;
	double t0 = now_us();

	for (int p = 0; p < MW_DBMS__COUNT; p++) {
		mw_buf_reset(&out);
		if (doc->kind == MW_DOC_CHANGE)
			mw_gen_change(&out, doc->change.before, doc->change.after, (mw_dbms)p, "x", 0);
		else
			mw_gen_schema(&out, &doc->schema, (mw_dbms)p, "x", 0);
	}
	mw_buf_release(&out);
	return now_us() - t0;
}

/* Median of RUNS runs; *best gets the fastest (the machine may be shared). */
static double
median_gen(const mw_doc *doc, double *best)
{
	double t[RUNS];

	for (int i = 0; i < RUNS; i++)
		t[i] = gen_all(doc);
	median(t, RUNS);
	*best = t[0];
	return t[RUNS / 2];
}

/* The unique JSON inputs named in a source's MANIFEST.tsv. */
static void
collect(const char *dir, char ***paths, size_t *n, size_t *cap)
{
	char *manifest = mw_path_join(dir, "MANIFEST.tsv"), *line, *save = NULL;
	mw_buf text = MW_BUF_INIT;

	if (mw_read_file(&text, manifest, NULL) == 0 && text.len) {
		strtok_r(text.data, "\n", &save);
		while ((line = strtok_r(NULL, "\n", &save))) {
			char *tab = strchr(line, '\t'), *end;
			char *path;
			bool seen = false;

			if (!tab || !(end = strchr(tab + 1, '\t')))
				continue;
			*end = '\0';
			path = mw_path_join(dir, tab + 1);
			for (size_t i = 0; i < *n && !seen; i++)
				seen = !strcmp((*paths)[i], path);
			if (seen) {
				free(path);
				continue;
			}
			if (*n == *cap)
				*paths = mw_xrealloc(*paths, (*cap = *cap * 2 + 16) * sizeof(**paths));
			(*paths)[(*n)++] = path;
		}
	}
	mw_buf_release(&text);
	free(manifest);
}

int
main(int argc, char **argv)
{
	const char *corpus = argc > 1 ? argv[1] : getenv("MW_CORPUS");
	char **paths = NULL, *core;
	size_t n = 0, cap = 0;
	double *per_case, total = 0, load_total = 0, best;
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	DIR *d;
	struct dirent *e;

	if (!corpus || !(d = opendir(corpus))) {
		fprintf(stderr, "usage: bench_corpus CORPUS (or set MW_CORPUS)\n");
		return 2;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			char *dir = mw_path_join(corpus, e->d_name);

			collect(dir, &paths, &n, &cap);
			free(dir);
		}
	closedir(d);
	per_case = mw_xcalloc(n + 1, sizeof(*per_case));
	for (size_t i = 0; i < n; i++) {
		double t0 = now_us();

		if (mw_doc_load_file(&doc, paths[i], &diags) < 0)
			continue;
		load_total += now_us() - t0;
		per_case[i] = median_gen(doc, &best);
		total += per_case[i];
		mw_doc_free(doc);
	}
	printf("corpus: %zu inputs x 3 DBMS: median %.1f us per input, total %.2f ms "
	       "(+ %.2f ms loading)\n", n, median(per_case, n), total / 1e3, load_total / 1e3);
	core = mw_path_join(corpus, "core/tables.json");
	if (mw_doc_load_file(&doc, core, &diags) == 0) {
		double med = median_gen(doc, &best);

		printf("core tables.json (%zu tables) x 3 DBMS: median %.2f ms, best %.2f ms\n",
		       doc->schema.ntables, med / 1e3, best / 1e3);
		mw_doc_free(doc);
	}
	free(core);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(per_case);
	mw_diags_free(&diags);
	return 0;
}
