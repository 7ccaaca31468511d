/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The main of a Check program: run the suite, free the runner, and exit 1
 * when a test failed. Static on purpose: each test program includes it once
 * (as "tests/check_main.h").
 */
#ifndef MWSCHEMA_TESTS_CHECK_MAIN_H
#define MWSCHEMA_TESTS_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Runs `s` (each test in its own process unless CK_FORK=no): EXIT_SUCCESS or EXIT_FAILURE. */
static inline int
run_suite_as(Suite *s, enum fork_status fork)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_fork_status(sr, fork);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static inline int
run_suite(Suite *s)
{
	return run_suite_as(s, CK_FORK_GETENV);
}

#endif /* MWSCHEMA_TESTS_CHECK_MAIN_H */
