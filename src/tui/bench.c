/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The per-keystroke benchmark: what one edit costs from the model change
 * to the redrawn screen, on a virtual screen (MWSCHEMA_NO_DISPLAY).
 */
#include <config.h>

#include "tui/tui.h"
#include "tui/app.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "mwschema/diff.h"
#include "mwschema/edit.h"
#include "mwschema/gen.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static double
percentile(double *v, int n, double p)
{
	int i = (int)(p * (n - 1) + 0.5);

	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[i < n ? i : n - 1];
}

static long
find_table(const struct session *s, const char *name)
{
	for (size_t i = 0; i < session_ntables(s); i++)
		if (!strcmp(session_table(s, (long)i)->name, name))
			return (long)i;
	return -1;
}

/*
 * One keystroke in a form: a character more in a column comment, through
 * edit.h, previewed live (as form.c does before Enter).
 */
static void
type_one_char(struct session *s, long table, int i)
{
	mw_buf err = MW_BUF_INIT;
	mw_diags errs = MW_DIAGS_INIT;
	const mw_table *t = session_edit_target(s, table, &err);
	mw_table *after;
	mw_column c;
	char *comment;

	mw_column_copy(&c, &t->columns[(size_t)i % t->ncolumns]);
	comment = mw_strdupf("%s%c", c.comment ? c.comment : "", 'a' + i % 26);
	free(c.comment);
	c.comment = comment;
	if (!mw_edit_modify_column(&after, t, c.name, &c, &errs))
		session_preview(s, table, after);
	mw_column_clear(&c);
	mw_diags_free(&errs);
	mw_buf_release(&err);
}

static void
set_size_env(int cols, int lines)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", cols);
	setenv("COLUMNS", buf, 1);
	snprintf(buf, sizeof(buf), "%d", lines);
	setenv("LINES", buf, 1);
	setenv("MWSCHEMA_NO_DISPLAY", "1", 1);
}

static void
run(struct tui_bench_result *out, struct app *a, long table, int n)
{
	double *total = mw_xcalloc((size_t)n, sizeof(double));
	double *upd = mw_xcalloc((size_t)n, sizeof(double));
	double *draw = mw_xcalloc((size_t)n, sizeof(double));
	double *save = mw_xcalloc((size_t)n, sizeof(double));
	unsigned long diffs = 0, sqls = 0;

	for (int i = 0; i < n; i++) {
		unsigned long d0 = mw_table_diff_computed(), g0 = mw_gen_change_count();
		double t0 = now_ms(), t1, t2;

		type_one_char(a->s, table, i);
		t1 = now_ms();
		display_redraw(a);
		t2 = now_ms();
		diffs += mw_table_diff_computed() - d0;
		sqls += mw_gen_change_count() - g0;
		total[i] = t2 - t0;
		draw[i] = t2 - t1;
		/* The update alone, without the edit's bookkeeping. */
		t0 = now_ms();
		session_update(a->s);
		upd[i] = now_ms() - t0;
		t0 = now_ms();
		session_autosave(a->s);
		save[i] = now_ms() - t0;
	}
	out->iterations = n;
	out->diffs_per_key = (double)diffs / n;
	out->sql_per_key = (double)sqls / n;
	out->median_ms = percentile(total, n, 0.5);
	out->p99_ms = percentile(total, n, 0.99);
	out->max_ms = total[n - 1];
	out->update_median_ms = percentile(upd, n, 0.5);
	out->update_p99_ms = percentile(upd, n, 0.99);
	out->draw_median_ms = percentile(draw, n, 0.5);
	out->draw_p99_ms = percentile(draw, n, 0.99);
	out->autosave_median_ms = percentile(save, n, 0.5);
	free(save);
	free(total);
	free(upd);
	free(draw);
}

int
tui_bench_keystroke(struct tui_bench_result *out, const char *dir, const char *table,
		    int iterations, int cols, int lines, mw_buf *err)
{
	struct session *s;
	struct app a;
	long t;

	memset(out, 0, sizeof(*out));
	if (session_open(&s, dir, err))
		return -1;
	t = find_table(s, table);
	if (t < 0) {
		mw_buf_addf(err, "no table '%s' in %s", table, s->ws->schema_path);
		session_free(s);
		return -1;
	}
	s->cur = t;
	app_init(&a, s);
	a.focus = PANE_EDITOR;
	set_size_env(cols, lines);
	if (display_init(&a)) {
		mw_buf_adds(err, "cannot open a virtual screen");
		session_free(s);
		return -1;
	}
	run(out, &a, t, iterations > 0 ? iterations : 1);
	app_free(&a);
	display_done();
	session_discard_recovery(s);
	session_free(s);
	return 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
