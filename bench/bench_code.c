/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_code: the code index behind code-still-uses (mwschema/code.h) on a
 * checkout of MediaWiki's size, and the editor's re-check with it.
 *
 *   bench_code DIR      (a tree written by bench/make-php-tree.py)
 *
 * Indexing every PHP file from scratch (the page cache warm after the
 * first run); the uses of one column; a refresh when nothing changed and
 * after one file changed; and the editor's whole update after an edit of a
 * change that drops a column (lint with code-still-uses, diff, generators).
 */
#include <config.h>

#include "bench.h"
#include "editor/session.h"
#include "mwschema/code.h"
#include "mwschema/edit.h"
#include "mwschema/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const char *tree;

static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* --- indexing from scratch --- */

static int
scan_run(void *ctx)
{
	mw_code *code = mw_code_new("");
	mw_buf err = MW_BUF_INIT;
	double cpu = cpu_ms();
	int rc = mw_code_scan_dir(code, tree, &err);

	(void)ctx;
	bench_note("%zu files, %zu names, %zu uses; %.0f ms CPU", mw_code_nfiles(code),
		   mw_code_nnames(code), mw_code_npostings(code), cpu_ms() - cpu);
	mw_code_free(code);
	mw_buf_release(&err);
	return rc;
}

/* --- queries and refreshes on one index --- */

struct indexed {
	mw_code *code;
	char *file;		/* a file the refresh benchmark rewrites */
	mw_buf text;
	unsigned n;
	double refresh_ms;
};

static int
indexed_setup(void **ctx, void *arg)
{
	struct indexed *ix = mw_xcalloc(1, sizeof(*ix));
	mw_buf err = MW_BUF_INIT;

	(void)arg;
	ix->code = mw_code_new("");
	if (mw_code_scan_dir(ix->code, tree, &err) < 0)
		return -1;
	ix->file = mw_strdupf("%s/includes/Revision/Sub00/Generated00000.php", tree);
	if (mw_read_file(&ix->text, ix->file, &err) < 0)
		return -1;
	mw_buf_release(&err);
	*ctx = ix;
	return 0;
}

static int
uses_run(void *ctx)
{
	struct indexed *ix = ctx;
	mw_code_use *u;
	size_t n = mw_code_uses(ix->code, "rev_timestamp", MW_CODE_COLUMN, &u);

	free(u);
	bench_note("rev_timestamp: %zu uses", n);
	return 0;
}

static int
refresh_idle_run(void *ctx)
{
	struct indexed *ix = ctx;

	return mw_code_refresh(ix->code) == 0 ? 0 : -1;
}

static int
refresh_edit_run(void *ctx)
{
	struct indexed *ix = ctx;
	char *tmp = mw_strdupf("%s.new", ix->file);
	FILE *fp = fopen(tmp, "w");
	size_t changed;
	double t0;

	/* an edit as an editor saves it: new bytes, renamed over the file (no fsync,
	   which would measure the disk) */
	mw_buf_addf(&ix->text, "// edit %u\n", ix->n++);
	if (!fp || fwrite(ix->text.data, 1, ix->text.len, fp) != ix->text.len || fclose(fp) ||
	    rename(tmp, ix->file))
		return -1;
	free(tmp);
	t0 = bench_now_ms();
	changed = mw_code_refresh(ix->code);
	ix->refresh_ms += bench_now_ms() - t0;
	bench_note("%zu file re-read (%zu bytes); the refresh alone: %.2f ms on average", changed,
		   ix->text.len, ix->refresh_ms / ix->n);
	return changed >= 1 ? 0 : -1;
}

/* --- the editor: an edit of a change that drops a column the code uses --- */

struct editing {
	struct session *s;
	long table;
};

static int
editing_setup(void **ctx, void *arg)
{
	struct editing *e = mw_xcalloc(1, sizeof(*e));
	mw_buf err = MW_BUF_INIT;
	const mw_table *t;
	mw_table *after;
	mw_diags diags = MW_DIAGS_INIT;

	(void)arg;
	if (session_open(&e->s, tree, &err) < 0) {
		fprintf(stderr, "bench_code: %s\n", mw_buf_cstr(&err));
		return -1;
	}
	for (e->table = 0; e->table < (long)session_ntables(e->s); e->table++)
		if (!strcmp(session_table(e->s, e->table)->name, "revision"))
			break;
	t = session_edit_target(e->s, e->table, &err);
	if (!t || mw_edit_drop_column(&after, t, "rev_deleted", &diags) < 0)
		return -1;
	session_edit_apply(e->s, e->table, after);	/* indexes the code (not timed) */
	mw_buf_release(&err);
	mw_diags_free(&diags);
	*ctx = e;
	return 0;
}

static int
editing_run(void *ctx)
{
	struct editing *e = ctx;
	size_t uses = 0;

	session_update(e->s);
	for (size_t i = 0; i < e->s->findings.n; i++)
		uses += e->s->findings.items[i].rule &&
			!strcmp(e->s->findings.items[i].rule, "code-still-uses");
	bench_note("%zu findings, %zu of them uses in the code", e->s->findings.n, uses);
	return uses ? 0 : -1;
}

static void
measure(const char *name, int (*setup)(void **, void *), int (*run)(void *), int min_runs,
	double max_seconds)
{
	bench_spec spec = { name, setup, run, NULL, NULL, min_runs, 100000, max_seconds };
	bench_result r;

	bench_measure(&r, &spec);
	bench_print_result(name, &r);
}

int
main(int argc, char **argv)
{
	char *probe;

	tree = argc > 1 ? argv[1] : NULL;
	probe = tree ? mw_path_join(tree, "sql/tables.json") : NULL;
	if (!probe || !mw_file_exists(probe)) {
		fprintf(stderr, "usage: bench_code DIR (made by bench/make-php-tree.py)\n");
		free(probe);
		return 77;
	}
	free(probe);
	bench_print_header();
	measure("code index: scan every PHP file", NULL, scan_run, 5, 20);
	measure("code index: uses of one column", indexed_setup, uses_run, 101, 2);
	measure("code index: refresh, nothing changed", indexed_setup, refresh_idle_run, 1001, 2);
	measure("code index: refresh after one file changed", indexed_setup, refresh_edit_run, 51, 3);
	measure("editor: update after an edit (drop + lint + SQL)", editing_setup, editing_run, 51,
		3);
	return 0;
}
