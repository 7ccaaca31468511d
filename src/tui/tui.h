/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses front end's entry point, and the per-keystroke benchmark.
 */
#ifndef MWSCHEMA_TUI_H
#define MWSCHEMA_TUI_H

#include <stdbool.h>

#include "mwschema/buf.h"

/* Opens the editor; argv as given to mwschema (options: --demo, DIR). */
int tui_main(int argc, char **argv);
/* Opens the editor on the guided tutorial (tutorial.h), at the saved step or anew. */
int tui_tutorial(bool restart);

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

struct mw_review;

/*
 * Shows `review` (mwschema/review.h, still the caller's) read-only in the
 * editor's panes until the user quits. 0, or non-zero when the checkout
 * cannot be opened or there is no usable terminal.
 */
int tui_review(struct mw_review *review);

#endif /* MWSCHEMA_TUI_H */
