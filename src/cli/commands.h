/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The list of commands, in the order `mwschema --help` shows them.
 *
 * Adding a command: write src/cli/cmd_NAME.c defining
 *	const struct cli_command cmd_NAME = { "NAME", ..., run_NAME };
 * (see cli/cli.h: summary, usage, description, option table), add the file
 * to src/cli/cli.am, and add X(NAME) below. Parsing, --help, `mwschema help
 * NAME`, the command list and shell completion follow from the table.
 */
#ifndef MWSCHEMA_CLI_COMMANDS_H
#define MWSCHEMA_CLI_COMMANDS_H

#include "cli/cli.h"

#define MW_COMMANDS(X) \
	X(generate) \
	X(lint) \
	X(check) \
	X(sync) \
	X(verify) \
	X(commit) \
	X(review) \
	X(tutorial) \
	X(provision) \
	X(upgrade) \
	X(audit) \
	X(help)

#define MW_DECLARE_COMMAND(name) extern const struct cli_command cmd_##name;
MW_COMMANDS(MW_DECLARE_COMMAND)
#undef MW_DECLARE_COMMAND

/* Hidden: `mwschema __complete WORDS...` answers the shell completion scripts. */
extern const struct cli_command cmd_complete;

#endif /* MWSCHEMA_CLI_COMMANDS_H */
