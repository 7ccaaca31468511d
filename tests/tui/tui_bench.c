/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tui_bench DIR TABLE [N] [COLSxLINES]: per-keystroke cost of the editor
 * (edit, re-diff, three generators, lint, redraw) on a virtual
 * screen. Prints median and p99 in milliseconds.
 */
#include <config.h>

#include "tui/tui.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	struct tui_bench_result r;
	mw_buf err = MW_BUF_INIT;
	int n = argc > 3 ? atoi(argv[3]) : 1000, cols = 160, lines = 48;

	setlocale(LC_ALL, "");
	if (argc < 3) {
		fprintf(stderr, "usage: tui_bench DIR TABLE [N] [COLSxLINES]\n");
		return 2;
	}
	if (argc > 4 && sscanf(argv[4], "%dx%d", &cols, &lines) != 2) {
		fprintf(stderr, "tui_bench: size must be COLSxLINES\n");
		return 2;
	}
	if (tui_bench_keystroke(&r, argv[1], argv[2], n, cols, lines, &err)) {
		fprintf(stderr, "tui_bench: %s\n", mw_buf_cstr(&err));
		return 1;
	}
	printf("table %s, %d keystrokes, %dx%d screen\n", argv[2], r.iterations, cols, lines);
	printf("keystroke (edit+diff+3 generators+lint+redraw): median %.3f ms, "
	       "p99 %.3f ms, max %.3f ms\n", r.median_ms, r.p99_ms, r.max_ms);
	printf("  update only (diff+generators+lint): median %.3f ms, p99 %.3f ms\n",
	       r.update_median_ms, r.update_p99_ms);
	printf("  redraw only: median %.3f ms, p99 %.3f ms\n", r.draw_median_ms, r.draw_p99_ms);
	printf("  work per keystroke: %.1f table diffs, %.1f SQL generations (one per DBMS "
	       "is the minimum: 3 and 3)\n", r.diffs_per_key, r.sql_per_key);
	printf("  autosave (deferred to a pause in typing): median %.3f ms\n",
	       r.autosave_median_ms);
	return 0;
}
