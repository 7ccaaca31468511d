/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema generate (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

int
cmd_generate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("mwschema generate: not implemented yet\n", stderr);
	return CLI_IO;
}
