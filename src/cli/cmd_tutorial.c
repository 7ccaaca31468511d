/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema tutorial (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

int
cmd_tutorial(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("mwschema tutorial: not implemented yet\n", stderr);
	return CLI_IO;
}
