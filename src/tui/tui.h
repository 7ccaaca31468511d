/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses front end's entry point, and the per-keystroke benchmark.
 */
#ifndef MWSCHEMA_TUI_H
#define MWSCHEMA_TUI_H

#include <stdbool.h>

#include "mwschema/buf.h"

struct mw_review;

/* What an editor session opens on. */
struct tui_start {
	const char *dir;		/* any directory of the checkout; NULL = "." */
	bool demo;			/* a private copy of the demo instead (--demo) */
	int tutorial;			/* 0 no; 1 the tutorial at its saved step; 2 anew */
	struct mw_review *review;	/* show this review read-only (still the caller's) */
};

/*
 * Runs one editor session until the user quits: 0; or, when it could not
 * start (said why on stderr), 1 if the checkout does not load and 3 if the
 * demo or tutorial copy or the terminal failed (the exit statuses of
 * mwschema(1)). *next_tutorial is 1 or 2 when the user asked
 * (:tutorial) to continue in the tutorial, which is another session.
 */
int tui_run(const struct tui_start *start, int *next_tutorial);

struct tui_bench_result {
	int iterations;
	double median_ms, p99_ms, max_ms;	/* edit + re-diff + 3 generators + lint + redraw */
	double autosave_median_ms;		/* recovery file, written when typing pauses */
	double update_median_ms, update_p99_ms;	/* re-diff + generators + lint only */
	double draw_median_ms, draw_p99_ms;	/* redraw into the virtual screen only */
	double diffs_per_key;			/* per-platform table diffs per keystroke */
	double sql_per_key;			/* SQL generations (per platform) per keystroke */
};

/*
 * Times the work of one keystroke on table `table` of the schema found in
 * `dir` (a checkout, or a directory holding tables.json): an edit of the
 * table, the diff, the three generators, lint and a full redraw into a
 * virtual screen of `cols` x `lines` (no terminal needed). The autosave,
 * which the editor defers to a pause in typing, is timed on its own.
 * 0, or -1 with a message in err.
 */
int tui_bench_keystroke(struct tui_bench_result *out, const char *dir, const char *table,
			int iterations, int cols, int lines, mw_buf *err);

#endif /* MWSCHEMA_TUI_H */
