/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema check / sync / commit (not implemented yet).
 */
#include <config.h>

#include "cli/cli.h"

static int
not_yet(const char *name)
{
	fprintf(stderr, "mwschema %s: not implemented yet\n", name);
	return CLI_IO;
}

int
cmd_check(int argc, char **argv)
{
	(void)argc;
	return not_yet(argv[0]);
}

int
cmd_sync(int argc, char **argv)
{
	(void)argc;
	return not_yet(argv[0]);
}

int
cmd_commit(int argc, char **argv)
{
	(void)argc;
	return not_yet(argv[0]);
}
