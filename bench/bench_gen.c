/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_gen: in-process benchmarks of loading and generating.
 *
 *   bench_gen [CORPUS-DIR]      (default: $MW_CORPUS)
 *
 * BENCH_ONLY=TEXT runs only the benchmarks whose name contains TEXT, and
 * BENCH_RUNS=N fixes the number of runs (for callgrind, e.g.
 * BENCH_ONLY="growth 10x" BENCH_RUNS=1 valgrind --tool=callgrind bench/bench_gen).
 *
 * Every corpus case for its DBMS; core's tables.json for the three DBMS;
 * one change file; the per-keystroke preview on core's largest table; and
 * schemas of 1x, 10x and 100x core's size to show how the cost of
 * generating, loading and linting grows.
 */
#include <config.h>

#include "bench.h"
#include "mwschema/buf.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"
#include "mwschema/lint.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One MANIFEST.tsv row, with the paths made absolute. */
struct gen_case {
	char *json;
	char *label;
	mw_dbms dbms;
	int is_change;
};

struct case_list {
	struct gen_case *items;
	size_t n, cap;
};

static const char *corpus_dir;

static void
case_list_add(struct case_list *l, const char *dir, char **fields)
{
	struct gen_case *c;
	mw_dbms dbms;

	if (!mw_dbms_from_name(fields[2], &dbms))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->items = mw_xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	c = &l->items[l->n++];
	c->json = mw_path_join(dir, fields[1]);
	c->label = mw_xstrdup(fields[4]);
	c->dbms = dbms;
	c->is_change = !strcmp(fields[0], "change");
}

/* Splits a TSV line in place into at most `max` fields; returns the count. */
static int
split_tsv(char *line, char **fields, int max)
{
	int n = 0;

	while (n < max) {
		fields[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static void
read_manifest(struct case_list *l, const char *dir)
{
	char *path = mw_path_join(dir, "MANIFEST.tsv");
	mw_buf text = MW_BUF_INIT;
	char *line, *save = NULL, *fields[8];

	if (mw_read_file(&text, path, NULL) == 0) {
		for (line = strtok_r(text.data, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (split_tsv(line, fields, 8) >= 5 && strcmp(fields[0], "kind"))
				case_list_add(l, dir, fields);
		}
	}
	mw_buf_release(&text);
	free(path);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every source directory of the corpus that has a MANIFEST.tsv, in name order. */
static void
read_corpus(struct case_list *l)
{
	DIR *d = opendir(corpus_dir);
	struct dirent *e;
	char *names[64];
	size_t n = 0;

	while (d && (e = readdir(d)) && n < 64)
		if (e->d_name[0] != '.')
			names[n++] = mw_path_join(corpus_dir, e->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n; i++) {
		read_manifest(l, names[i]);
		free(names[i]);
	}
}

static mw_doc *
load_or_complain(const char *path)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	if (mw_doc_load_file(&doc, path, &diags) < 0) {
		fprintf(stderr, "bench_gen: cannot load %s (%zu problems)\n", path, diags.n);
		doc = NULL;
	}
	mw_diags_free(&diags);
	return doc;
}

/* Generates one case into `out`; for a change, the doc's before/after. */
static void
generate_doc(mw_buf *out, const mw_doc *doc, mw_dbms dbms, const char *label)
{
	mw_buf_reset(out);
	if (doc->kind == MW_DOC_CHANGE)
		mw_gen_change(out, doc->change.before, doc->change.after, dbms, label, 0);
	else
		mw_gen_schema(out, &doc->schema, dbms, label, 0);
}

/* --- every corpus case: load + generate, as "mwschema generate" would --- */

static int
corpus_setup(void **ctx, void *arg)
{
	struct case_list *l = mw_xcalloc(1, sizeof(*l));

	(void)arg;
	read_corpus(l);
	*ctx = l;
	return l->n ? 0 : -1;
}

static int
corpus_run(void *ctx)
{
	struct case_list *l = ctx;
	mw_buf out = MW_BUF_INIT;
	mw_doc *doc = NULL;
	const char *loaded = "";
	size_t failed = 0;

	for (size_t i = 0; i < l->n; i++) {
		/* Rows of one JSON file are adjacent: load it once for its platforms. */
		if (strcmp(loaded, l->items[i].json)) {
			mw_doc_free(doc);
			doc = load_or_complain(l->items[i].json);
			loaded = l->items[i].json;
		}
		if (!doc) {
			failed++;
			continue;
		}
		generate_doc(&out, doc, l->items[i].dbms, l->items[i].label);
	}
	mw_doc_free(doc);
	mw_buf_release(&out);
	bench_note("%zu cases%s", l->n, failed ? " (some failed to load)" : "");
	return 0;
}

/* --- one file, three DBMS (load timed or not) --- */

struct file_ctx {
	const char *path;
	mw_doc *doc;
	int timed_load;
};

static int
file_setup(void **ctx, void *arg)
{
	struct file_ctx *f = mw_xcalloc(1, sizeof(*f));

	*f = *(struct file_ctx *)arg;
	if (!f->timed_load && !(f->doc = load_or_complain(f->path)))
		return -1;
	*ctx = f;
	return 0;
}

static int
file_run(void *ctx)
{
	struct file_ctx *f = ctx;
	mw_doc *doc = f->doc;
	mw_buf out = MW_BUF_INIT;
	size_t bytes = 0;

	if (f->timed_load && !(doc = load_or_complain(f->path)))
		return -1;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		generate_doc(&out, doc, (mw_dbms)d, "sql/bench.json");
		bytes += out.len;
	}
	if (f->timed_load)
		mw_doc_free(doc);
	mw_buf_release(&out);
	bench_note("%zu bytes of SQL", bytes);
	return 0;
}

/* --- the preview after one keystroke: copy + edit + diff + 3 generators --- */

struct preview_ctx {
	mw_doc *doc;
	const mw_table *table;
	size_t keystroke;
};

static const mw_table *
largest_table(const mw_schema *s)
{
	const mw_table *best = NULL;

	for (size_t i = 0; i < s->ntables; i++)
		if (!best || s->tables[i].ncolumns + s->tables[i].nindexes >
				     best->ncolumns + best->nindexes)
			best = &s->tables[i];
	return best;
}

static int
preview_setup(void **ctx, void *arg)
{
	struct preview_ctx *p = mw_xcalloc(1, sizeof(*p));

	if (!(p->doc = load_or_complain(arg)) || !p->doc->schema.ntables)
		return -1;
	p->table = largest_table(&p->doc->schema);
	*ctx = p;
	return 0;
}

/*
 * The editor holds the table as loaded (before) and an edited copy (after).
 * A keystroke in a new column's name field changes the copy; the preview is
 * then the change for each DBMS. Lint is not measured yet.
 */
static int
preview_run(void *ctx)
{
	struct preview_ctx *p = ctx;
	mw_table *after = mw_xcalloc(1, sizeof(*after));
	mw_buf out = MW_BUF_INIT;
	mw_column *col;

	mw_table_copy(after, p->table);
	after->columns = mw_xrealloc(after->columns, (after->ncolumns + 1) * sizeof(*col));
	col = &after->columns[after->ncolumns++];
	mw_column_copy(col, &p->table->columns[p->table->ncolumns - 1]);
	free(col->name);
	col->name = mw_strdupf("new_column_%zu", p->keystroke++ % 16);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf_reset(&out);
		mw_gen_change(&out, p->table, after, (mw_dbms)d, "sql/abstractSchemaChanges/x.json",
			      0);
	}
	mw_buf_release(&out);
	mw_table_free(after);
	bench_note("table %s (%zu columns, %zu indexes)", p->table->name, p->table->ncolumns,
		   p->table->nindexes);
	return 0;
}

/* --- growth: core's tables repeated k times under new names --- */

struct scale_ctx {
	mw_schema schema;
	size_t bytes;
};

static void
rename_copy(mw_table *t, size_t k)
{
	char *name = mw_strdupf("%s_%zu", t->name, k);

	free(t->name);
	t->name = name;
	for (size_t i = 0; i < t->nindexes; i++) {
		name = mw_strdupf("%s_%zu", t->indexes[i].name, k);
		free(t->indexes[i].name);
		t->indexes[i].name = name;
	}
}

static int
scale_setup(void **ctx, void *arg)
{
	struct scale_ctx *s = mw_xcalloc(1, sizeof(*s));
	size_t factor = (size_t)(long)arg;
	char *path = mw_path_join(corpus_dir, "core/tables.json");
	mw_doc *core = load_or_complain(path);
	size_t n;

	free(path);
	if (!core)
		return -1;
	n = core->schema.ntables;
	s->schema.tables = mw_xcalloc(n * factor, sizeof(mw_table));
	for (size_t k = 0; k < factor; k++) {
		for (size_t i = 0; i < n; i++) {
			mw_table *t = &s->schema.tables[s->schema.ntables++];

			mw_table_copy(t, &core->schema.tables[i]);
			if (k)
				rename_copy(t, k);
		}
	}
	mw_doc_free(core);
	*ctx = s;
	return 0;
}

static int
scale_run(void *ctx)
{
	struct scale_ctx *s = ctx;
	mw_buf out = MW_BUF_INIT;

	s->bytes = 0;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf_reset(&out);
		mw_gen_schema(&out, &s->schema, (mw_dbms)d, "sql/tables.json", 0);
		s->bytes += out.len;
	}
	mw_buf_release(&out);
	bench_note("%zu tables, %zu KB of SQL", s->schema.ntables, s->bytes / 1024);
	return 0;
}

/* --- growth of loading and linting: the scaled schema as a file's text --- */

struct scaled_text {
	struct scale_ctx *scale;
	mw_buf text;
	mw_doc *doc;		/* loaded once, for the lint benchmark */
	mw_lint *lint;
};

static int
text_setup(void **ctx, void *arg)
{
	struct scaled_text *st = mw_xcalloc(1, sizeof(*st));
	mw_diags diags = MW_DIAGS_INIT;
	void *scale;

	if (scale_setup(&scale, arg) < 0)
		return -1;
	st->scale = scale;
	mw_buf_adds(&st->text, "[\n");
	for (size_t i = 0; i < st->scale->schema.ntables; i++) {
		mw_json_write_table(&st->text, &st->scale->schema.tables[i], 1);
		mw_buf_adds(&st->text, i + 1 < st->scale->schema.ntables ? ",\n" : "\n");
	}
	mw_buf_adds(&st->text, "]\n");
	if (mw_doc_load_buffer_flags(&st->doc, st->text.data, st->text.len, "sql/tables.json",
				     MW_LOAD_SHAPE_ONLY, &diags) < 0)
		return -1;
	st->lint = mw_lint_new();
	mw_diags_free(&diags);
	*ctx = st;
	return 0;
}

static int
load_run(void *ctx)
{
	struct scaled_text *st = ctx;
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	int rc = mw_doc_load_buffer(&doc, st->text.data, st->text.len, "sql/tables.json", &diags);

	mw_doc_free(doc);
	mw_diags_free(&diags);
	bench_note("%zu tables, %zu KB of JSON", st->scale->schema.ntables, st->text.len / 1024);
	return rc;
}

static int
lint_run(void *ctx)
{
	struct scaled_text *st = ctx;
	mw_diags findings = MW_DIAGS_INIT;

	mw_lint_doc(st->lint, st->doc, NULL, &findings);
	bench_note("%zu tables, %zu findings", st->scale->schema.ntables, findings.n);
	mw_diags_free(&findings);
	return 0;
}

/* --- driver --- */

static const char *
largest_core_change(void)
{
	static char best[4096];
	char *dir = mw_path_join(corpus_dir, "core/abstractSchemaChanges");
	DIR *d = opendir(dir);
	struct dirent *e;
	mw_buf text = MW_BUF_INIT;
	size_t best_len = 0;

	while (d && (e = readdir(d))) {
		char *path = mw_path_join(dir, e->d_name);

		mw_buf_reset(&text);
		if (strstr(e->d_name, ".json") && mw_read_file(&text, path, NULL) == 0 &&
		    text.len > best_len) {
			best_len = text.len;
			snprintf(best, sizeof(best), "%s", path);
		}
		free(path);
	}
	if (d)
		closedir(d);
	mw_buf_release(&text);
	free(dir);
	return best_len ? best : NULL;
}

static void
measure(const char *name, int (*setup)(void **, void *), int (*run)(void *), void *arg,
	int min_runs, double max_seconds)
{
	bench_spec spec = { name, setup, run, NULL, arg, min_runs, 10000, max_seconds };
	const char *only = getenv("BENCH_ONLY");
	bench_result r;

	/* BENCH_ONLY=TEXT: only the benchmarks whose name contains TEXT (profiling). */
	if (only && !strstr(name, only))
		return;
	if (getenv("BENCH_RUNS"))
		spec.min_runs = spec.max_runs = atoi(getenv("BENCH_RUNS")) > 0 ?
			atoi(getenv("BENCH_RUNS")) : 1;

	bench_measure(&r, &spec);
	bench_print_result(name, &r);
}

int
main(int argc, char **argv)
{
	static struct file_ctx core_load, core_gen, change;
	char *core_json;
	const char *change_json;

	corpus_dir = argc > 1 ? argv[1] : getenv("MW_CORPUS");
	if (!corpus_dir || !mw_is_dir(corpus_dir)) {
		fprintf(stderr, "bench_gen: no corpus (give its directory or set MW_CORPUS)\n");
		return 77;
	}
	core_json = mw_path_join(corpus_dir, "core/tables.json");
	change_json = largest_core_change();
	core_load = (struct file_ctx){ core_json, NULL, 1 };
	core_gen = (struct file_ctx){ core_json, NULL, 0 };
	change = (struct file_ctx){ change_json, NULL, 1 };

	bench_print_header();
	measure("corpus: every case, its DBMS (load+gen)", corpus_setup, corpus_run, NULL, 5, 3);
	measure("core tables.json, 3 DBMS (load+gen)", file_setup, file_run, &core_load, 21, 2);
	measure("core tables.json, 3 DBMS (gen only)", file_setup, file_run, &core_gen, 21, 2);
	if (change_json)
		measure("one change file, 3 DBMS (load+gen)", file_setup, file_run, &change, 51,
			1);
	measure("keystroke preview: diff + 3 generators", preview_setup, preview_run, core_json,
		201, 2);
	measure("growth 1x core, 3 DBMS (gen)", scale_setup, scale_run, (void *)1L, 11, 2);
	measure("growth 10x core, 3 DBMS (gen)", scale_setup, scale_run, (void *)10L, 7, 3);
	measure("growth 100x core, 3 DBMS (gen)", scale_setup, scale_run, (void *)100L, 5, 5);
	measure("growth 1x core, load", text_setup, load_run, (void *)1L, 21, 2);
	measure("growth 10x core, load", text_setup, load_run, (void *)10L, 7, 3);
	measure("growth 100x core, load", text_setup, load_run, (void *)100L, 5, 5);
	measure("growth 1x core, lint", text_setup, lint_run, (void *)1L, 21, 2);
	measure("growth 10x core, lint", text_setup, lint_run, (void *)10L, 7, 3);
	measure("growth 100x core, lint", text_setup, lint_run, (void *)100L, 5, 5);
	free(core_json);
	return 0;
}
