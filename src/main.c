/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema: entry point. A subcommand runs the headless CLI; no subcommand
 * opens the curses UI, which needs a terminal.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"
#include "tui/tui.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "generate", cmd_generate, "write the SQL for a schema or change file (as MediaWiki does)" },
	{ "lint", cmd_lint, "check schema, change and SQL files against the database policy" },
	{ "check", cmd_check, "report generated files and updater entries that are out of date" },
	{ "sync", cmd_sync, "regenerate stale files and add missing updater entries" },
	{ "verify", cmd_verify, "run a change on real SQLite, MariaDB and PostgreSQL" },
	{ "commit", cmd_commit, "sync, lint and commit a schema change with git" },
	{ "review", cmd_review, "inspect the schema changes of a commit or a change file" },
	{ "tutorial", cmd_tutorial, "learn the schema-change workflow on a private demo" },
	{ "provision", cmd_provision, "write the SQL that creates a wiki: core plus extensions" },
	{ "upgrade", cmd_upgrade, "write the DDL from the schemas at one revision to another" },
	{ "audit", cmd_audit, "compare live wiki databases with the schema files" },
};

static void
print_usage(FILE *fp)
{
	fputs("usage: mwschema [--demo] [DIR]\n"
	      "       mwschema COMMAND [OPTIONS] [ARGS]\n"
	      "       mwschema --help | --version\n\n"
	      "Without a command, mwschema opens the interactive editor on the MediaWiki\n"
	      "checkout containing DIR (default: the current directory).\n\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'mwschema COMMAND --help' for a command's options.\n", fp);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mwschema%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'mwschema %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return CLI_USAGE;
}

void
cli_print_diags(FILE *fp, const mw_diags *diags)
{
	mw_buf line = MW_BUF_INIT;

	for (size_t i = 0; i < diags->n; i++) {
		mw_buf_reset(&line);
		mw_diag_format(&line, &diags->items[i]);
		fprintf(fp, "%s\n", mw_buf_cstr(&line));
	}
	mw_buf_release(&line);
}

int
cli_wants_help(int argc, char **argv, const char *help)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(help, stdout);
			return 1;
		}
	}
	return 0;
}

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct command *cmd;

	setlocale(LC_ALL, "");
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		print_usage(stdout);
		return CLI_OK;
	}
	if (argc > 1 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("mwschema %s\n", PACKAGE_VERSION);
		return CLI_OK;
	}
	if (argc > 1 && argv[1][0] != '-' && (cmd = find_command(argv[1])))
		return cmd->run(argc - 1, argv + 1);
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && strcmp(argv[i], "--demo"))
			return cli_usage_error(NULL, "unknown option '%s'", argv[i]);
		if (argv[i][0] != '-' && !mw_is_dir(argv[i]))
			return cli_usage_error(NULL, "'%s' is neither a command nor a directory",
					       argv[i]);
	}

	/* The UI: refuse early without a terminal, where curses would spin on ERR. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("mwschema: the interactive editor needs a terminal on stdin and stdout.\n"
		      "For scripts and CI use a command, e.g. 'mwschema check' or "
		      "'mwschema generate --json=FILE'; see 'mwschema --help'.\n",
		      stderr);
		return CLI_USAGE;
	}
	return tui_main(argc, argv);
}
