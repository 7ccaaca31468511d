/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_exec: times a whole command, as a user would run it.
 *
 *   bench_exec NAME RUNS COMMAND [ARGS...]
 *
 * Exit status 0 and 1 count as a run ("mwschema check" exits 1 when it
 * finds drift); anything else makes the benchmark fail. The peak memory is
 * the command's own: wait4() reports the largest resident set of the
 * waited-for process tree. With BENCH_RAW=1 it prints only "MEDIAN MIN"
 * in milliseconds, for scripts (bench/run-exec-bench.sh).
 */
#include <config.h>

#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char **command;

static int
exec_run(void *ctx)
{
	int status;
	pid_t pid = fork();

	(void)ctx;
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* The command's output would only blur the table. */
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp(command[0], command);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
		return -1;
	bench_note("exit status %d", WEXITSTATUS(status));
	return 0;
}

int
main(int argc, char **argv)
{
	bench_spec spec = { 0 };
	bench_result r;

	if (argc < 4) {
		fputs("usage: bench_exec NAME RUNS COMMAND [ARGS...]\n", stderr);
		return 2;
	}
	command = argv + 3;
	spec.name = argv[1];
	spec.run = exec_run;
	spec.min_runs = atoi(argv[2]) > 0 ? atoi(argv[2]) : 5;
	spec.max_runs = spec.min_runs;
	spec.max_seconds = 0;
	if (getenv("BENCH_HEADER"))
		bench_print_header();
	if (bench_measure(&r, &spec) < 0) {
		bench_print_unavailable(argv[1], "the command failed (exit status above 1)");
		return 1;
	}
	if (getenv("BENCH_RAW"))
		printf("%.4f %.4f\n", r.median_ms, r.min_ms);
	else
		bench_print_result(argv[1], &r);
	return 0;
}
