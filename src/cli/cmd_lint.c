/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema lint (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

int
cmd_lint(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("mwschema lint: not implemented yet\n", stderr);
	return CLI_IO;
}
