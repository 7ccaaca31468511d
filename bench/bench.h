/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The benchmark harness shared by bench_gen and bench_exec: each benchmark
 * runs in a child process, so its peak memory (getrusage) is its own and not
 * the high-water mark of everything measured before it.
 */
#ifndef MWSCHEMA_BENCH_H
#define MWSCHEMA_BENCH_H

#include <stddef.h>

/* One benchmark: optional set-up (not timed), the timed run, clean-up. */
typedef struct bench_spec {
	const char *name;
	int (*setup)(void **ctx, void *arg);	/* 0 or -1 */
	int (*run)(void *ctx);			/* one repetition: 0 or -1 */
	void (*teardown)(void *ctx);
	void *arg;
	int min_runs;		/* after one warm-up run */
	int max_runs;
	double max_seconds;	/* stop after this once min_runs are done */
} bench_spec;

typedef struct bench_result {
	int ok;
	int runs;
	double median_ms, p10_ms, p90_ms, p99_ms, min_ms, max_ms;
	long peak_rss_kb;
	char note[160];		/* set by the run through bench_note() */
} bench_result;

/* Runs `spec` in a child process and fills `out`; 0 or -1 (child failed). */
int bench_measure(bench_result *out, const bench_spec *spec);

/* From inside a run: a note printed with the result ("1396 cases"). */
void bench_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

double bench_now_ms(void);

void bench_print_header(void);
void bench_print_result(const char *name, const bench_result *r);
/* A row for a benchmark that could not run, with the reason. */
void bench_print_unavailable(const char *name, const char *why);

#endif /* MWSCHEMA_BENCH_H */
