/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema review (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

int
cmd_review(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("mwschema review: not implemented yet\n", stderr);
	return CLI_IO;
}
