/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema tutorial: the guided tutorial in the interactive editor
 * (src/tui/tutorial*.c), or its steps as a Markdown document.
 */
#include <config.h>

#include "cli/cli.h"
#include "tui/tui.h"
#include "tui/tutorial.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"usage: mwschema tutorial [--restart]\n"
	"       mwschema tutorial --markdown\n"
	"\n"
	"Walks you through a schema change the way MediaWiki's database policy wants it,\n"
	"in the interactive editor, on a private copy of the demo workspace (a git\n"
	"repository of its own in $XDG_STATE_HOME/mwschema/tutorial). Progress is saved\n"
	"after each step: run the command again to resume where you left off.\n"
	"\n"
	"  --restart    start over with a fresh copy of the demo\n"
	"  --markdown   print the steps as a Markdown document (doc/tutorial.md)\n"
	"  -h, --help   show this help\n";

int
cmd_tutorial(int argc, char **argv)
{
	bool restart = false, markdown = false;

	if (cli_wants_help(argc, argv, help))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--restart"))
			restart = true;
		else if (!strcmp(argv[i], "--markdown"))
			markdown = true;
		else
			return cli_usage_error("tutorial", "unknown argument '%s'", argv[i]);
	}
	if (markdown) {
		mw_buf md = MW_BUF_INIT;

		tutorial_markdown(&md);
		fwrite(md.data, 1, md.len, stdout);
		mw_buf_release(&md);
		return ferror(stdout) ? CLI_IO : CLI_OK;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("mwschema tutorial: the tutorial runs in the interactive editor and needs a "
		      "terminal on stdin and stdout.\nTo read it instead: "
		      "mwschema tutorial --markdown (or doc/tutorial.md).\n", stderr);
		return CLI_USAGE;
	}
	return tui_tutorial(restart) ? CLI_IO : CLI_OK;
}
