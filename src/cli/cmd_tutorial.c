/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema tutorial: the guided tutorial, which lives in the editor
 * (mwschema-edit, src/tui/tutorial*.c): this command checks the arguments
 * and the terminal, then hands over.
 */
#include <config.h>

#include "cli/commands.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

enum { OPT_RESTART = CLI_LONG, OPT_MARKDOWN };

static const struct cli_option options[] = {
	{ OPT_RESTART, "restart", NULL, "start over with a fresh copy of the demo", NULL },
	{ OPT_MARKDOWN, "markdown", NULL, "print the steps as a Markdown document (doc/tutorial.md)",
	  NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_tutorial(int argc, char **argv);

const struct cli_command cmd_tutorial = {
	"tutorial", "learn the schema-change workflow on a private demo", "[--restart]\n--markdown",
	"Walks you through a schema change the way MediaWiki's database policy wants it,\n"
	"in the interactive editor, on a private copy of the demo workspace (a git\n"
	"repository of its own in $XDG_STATE_HOME/mwschema/tutorial). Progress is saved\n"
	"after each step: run the command again to resume where you left off.\n",
	options, NULL, 0, NULL, run_tutorial, 0,
};

static int
run_tutorial(int argc, char **argv)
{
	char *editor_argv[4] = { NULL, (char *)"--tutorial", NULL, NULL };
	bool restart = false, markdown = false;
	struct cli_args a;
	int key;

	cli_args_init(&a, &cmd_tutorial, argc, argv);
	while ((key = cli_next(&a)) > 0) {
		restart |= key == OPT_RESTART;
		markdown |= key == OPT_MARKDOWN;
	}
	cli_args_release(&a);
	if (key == CLI_STOP)
		return a.status;
	if (markdown && restart)
		return cli_usage_error("tutorial", "--markdown and --restart go separately");
	if (markdown) {
		editor_argv[1] = (char *)"--tutorial-markdown";
		return cli_exec_editor("tutorial", editor_argv);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(CLI_USAGE, "tutorial", "the tutorial runs in the interactive editor "
				"and needs a terminal on stdin and stdout.\nTo read it instead: "
				"mwschema tutorial --markdown (or doc/tutorial.md).");
	if (restart)
		editor_argv[2] = (char *)"--restart";
	return cli_exec_editor("tutorial", editor_argv);
}
