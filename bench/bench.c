/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark harness: warm-up, repetitions until a count or a time budget,
 * order statistics, and peak memory of the child process that ran them.
 */
#include <config.h>

#include "bench.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char child_note[160];

double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
bench_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(child_note, sizeof(child_note), fmt, ap);
	va_end(ap);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double
percentile(const double *sorted, int n, double p)
{
	int rank = (int)(p / 100.0 * n + 0.5);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static void
summarise(bench_result *r, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	r->runs = n;
	r->min_ms = ms[0];
	r->max_ms = ms[n - 1];
	r->median_ms = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
	r->p10_ms = percentile(ms, n, 10);
	r->p90_ms = percentile(ms, n, 90);
	r->p99_ms = percentile(ms, n, 99);
}

/* The child's side: runs the repetitions and writes the result to `fd`. */
static int
child_run(const bench_spec *spec, int fd)
{
	bench_result r = { 0 };
	void *ctx = NULL;
	double *ms, start;
	int n = 0;

	if (spec->setup && spec->setup(&ctx, spec->arg) < 0)
		return 1;
	ms = calloc((size_t)spec->max_runs, sizeof(*ms));
	if (!ms || spec->run(ctx) < 0)	/* warm-up: caches, allocator, page faults */
		return 1;
	start = bench_now_ms();
	while (n < spec->max_runs &&
	       (n < spec->min_runs || bench_now_ms() - start < spec->max_seconds * 1e3)) {
		double t0 = bench_now_ms();

		if (spec->run(ctx) < 0)
			return 1;
		ms[n++] = bench_now_ms() - t0;
	}
	summarise(&r, ms, n);
	r.ok = 1;
	memcpy(r.note, child_note, sizeof(r.note));
	if (spec->teardown)
		spec->teardown(ctx);
	free(ms);
	return write(fd, &r, sizeof(r)) == (ssize_t)sizeof(r) ? 0 : 1;
}

int
bench_measure(bench_result *out, const bench_spec *spec)
{
	struct rusage ru;
	int fds[2], status;
	pid_t pid;
	ssize_t got;

	memset(out, 0, sizeof(*out));
	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		_exit(child_run(spec, fds[1]));
	}
	close(fds[1]);
	do
		got = read(fds[0], out, sizeof(*out));
	while (got < 0 && errno == EINTR);
	close(fds[0]);
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	out->peak_rss_kb = ru.ru_maxrss;
	if (got != (ssize_t)sizeof(*out) || !WIFEXITED(status) || WEXITSTATUS(status)) {
		out->ok = 0;
		return -1;
	}
	return 0;
}

void
bench_print_header(void)
{
	printf("%-42s %5s %10s %10s %21s %10s %9s  %s\n", "benchmark", "runs", "median", "min",
	       "spread (p10..p90)", "p99", "peak RSS", "notes");
}

static void
format_ms(char *dst, size_t n, double ms)
{
	if (ms < 1)
		snprintf(dst, n, "%.3f ms", ms);
	else if (ms < 100)
		snprintf(dst, n, "%.2f ms", ms);
	else
		snprintf(dst, n, "%.0f ms", ms);
}

void
bench_print_result(const char *name, const bench_result *r)
{
	char med[32], min[32], lo[32], hi[32], p99[32], spread[80];

	if (!r->ok) {
		bench_print_unavailable(name, "failed (see messages above)");
		return;
	}
	format_ms(med, sizeof(med), r->median_ms);
	format_ms(min, sizeof(min), r->min_ms);
	format_ms(lo, sizeof(lo), r->p10_ms);
	format_ms(hi, sizeof(hi), r->p90_ms);
	format_ms(p99, sizeof(p99), r->p99_ms);
	snprintf(spread, sizeof(spread), "%s..%s", lo, hi);
	printf("%-42s %5d %10s %10s %21s %10s %6.1f MB  %s\n", name, r->runs, med, min, spread, p99,
	       (double)r->peak_rss_kb / 1024.0, r->note);
	fflush(stdout);
}

void
bench_print_unavailable(const char *name, const char *why)
{
	printf("%-42s %5s %10s %10s %21s %10s %9s  %s\n", name, "-", "-", "-", "-", "-", "-", why);
	fflush(stdout);
}
