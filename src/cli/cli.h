/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The headless front end: one function per subcommand.
 *
 * Exit codes, for every command: 0 success, 1 the input has problems (load
 * errors, lint errors, drift, a failed verification), 2 usage errors, 3 I/O
 * or git failures.
 */
#ifndef MWSCHEMA_CLI_H
#define MWSCHEMA_CLI_H

#include <stdio.h>

#include "mwschema/diag.h"

enum {
	CLI_OK = 0,
	CLI_PROBLEMS = 1,
	CLI_USAGE = 2,
	CLI_IO = 3,
};

/* Each takes argv with argv[0] = the subcommand name. */
int cmd_generate(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_sync(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_commit(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_tutorial(int argc, char **argv);
int cmd_provision(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_audit(int argc, char **argv);

/* "mwschema CMD: message" on stderr plus a pointer to --help; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) MW_PRINTF(2, 3);
/* Prints each diagnostic on its own line(s) to `fp`. */
void cli_print_diags(FILE *fp, const mw_diags *diags);
/* Prints the command's help to stdout when argv holds -h / --help; returns 1 if so. */
int cli_wants_help(int argc, char **argv, const char *help);

#endif /* MWSCHEMA_CLI_H */
