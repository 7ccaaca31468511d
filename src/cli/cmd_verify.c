/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema verify (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

int
cmd_verify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("mwschema verify: not implemented yet\n", stderr);
	return CLI_IO;
}
