/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema: entry point. A command runs the headless CLI (src/cli/); no
 * command opens the interactive editor, a separate program (mwschema-edit)
 * so that the commands never load curses or readline.
 */
#include <config.h>

#include "cli/commands.h"
#include "mwschema/fs.h"

#include <string.h>
#include <unistd.h>

/* No command: the editor, on DIR, if there is a terminal to draw on. */
static int
open_editor(bool demo, char *dir)
{
	char *argv[4] = { NULL };
	int n = 1;

	if (dir && !mw_is_dir(dir))
		return cli_unknown_command(NULL, dir, true);
	/* Refuse early without a terminal, where curses would spin on ERR. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(CLI_USAGE, NULL,
				"the interactive editor needs a terminal on stdin and stdout.\n"
				"For scripts and CI use a command, e.g. 'mwschema check' or "
				"'mwschema generate FILE'; see 'mwschema --help'.");
	if (demo)
		argv[n++] = (char *)"--demo";
	if (dir)
		argv[n++] = dir;
	return cli_exec_editor(NULL, argv);
}

int
main(int argc, char **argv)
{
	const struct cli_command *cmd = NULL;
	struct cli_args a;
	bool demo = false;
	int key, rc;

	cli_args_init(&a, &cli_program, argc, argv);
	while ((key = cli_next(&a)) > 0) {
		if (key == 'V') {
			cli_args_release(&a);
			fputs("mwschema " PACKAGE_VERSION "\n", stdout);
			return CLI_OK;
		}
		demo |= key == CLI_PROGRAM_DEMO;
	}
	if (key != CLI_STOP && a.noperands)
		cmd = cli_command_find(a.operands[0]);
	if (!cmd && key != CLI_STOP && a.noperands && !strcmp(a.operands[0], cmd_complete.name))
		cmd = &cmd_complete;
	if (key == CLI_STOP)
		rc = a.status;
	else if (cmd && demo)
		rc = cli_usage_error(NULL, "--demo opens the editor; it goes without a command");
	else if (cmd)
		rc = cmd->run(a.noperands, a.operands);
	else if (a.noperands > 1)
		rc = cli_usage_error(NULL, "unexpected argument '%s'", a.operands[1]);
	else
		rc = open_editor(demo, a.noperands ? a.operands[0] : NULL);
	cli_args_release(&a);
	return rc;
}
