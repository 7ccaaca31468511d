/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command table, `mwschema help [COMMAND]`, and `mwschema __complete`,
 * which answers the bash and zsh completion scripts (completion/) from the
 * same tables the parser reads.
 */
#include <config.h>

#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

#define MW_COMMAND_ENTRY(name) &cmd_##name,
const struct cli_command *const cli_commands[] = { MW_COMMANDS(MW_COMMAND_ENTRY) NULL };

static const struct cli_option program_options[] = {
	{ CLI_PROGRAM_DEMO, "demo", NULL, "open the editor on a private copy of the demo checkout (a "
	  "scratch git repository), where writing and committing touch nothing real", NULL },
	{ 'V', "version", NULL, "print the version and exit", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

const struct cli_command cli_program = {
	"", "", "[--demo] [DIR]\n[-C DIR] COMMAND [OPTIONS] [ARGS]\n--help | --version | help [COMMAND]",
	"Without a command, mwschema opens the interactive editor on the MediaWiki\n"
	"checkout containing DIR (default: the current directory); it needs a terminal.\n"
	"Inside it, ? lists the keys and q quits.\n",
	program_options, "commands", -1,
	"Run 'mwschema help COMMAND' (or 'mwschema COMMAND --help') for a command's\n"
	"options, and 'mwschema tutorial' to learn the workflow on a demo.\n"
	"\n"
	"Exit status: 0 success, 1 the input has problems, 2 usage error, 3 I/O, git or\n"
	"database failure (see mwschema(1)).\n",
	NULL, CLI_OPTIONS_FIRST | CLI_PAGED,
};

const struct cli_command *
cli_command_find(const char *name)
{
	for (size_t i = 0; cli_commands[i]; i++)
		if (!strcmp(cli_commands[i]->name, name))
			return cli_commands[i];
	return NULL;
}

/* "'x' is not a command", with the closest command when one is close. */
int
cli_unknown_command(const char *cmd, const char *name, bool or_dir)
{
	const char *what = or_dir ? "neither a command nor a directory" : "not a command";
	const char *names[64], *pick;
	size_t n = 0;

	for (size_t i = 0; cli_commands[i] && n < 64; i++)
		names[n++] = cli_commands[i]->name;
	pick = cli_suggest(name, names, n);
	if (pick)
		return cli_usage_error(cmd, "'%s' is %s (did you mean '%s'?)", name, what, pick);
	return cli_usage_error(cmd, "'%s' is %s", name, what);
}

/*
 * mwschema help
 */

static int run_help(int argc, char **argv);

const struct cli_command cmd_help = {
	"help", "show the help of mwschema or of a command", "[COMMAND]",
	"Prints the help of COMMAND (as 'mwschema COMMAND --help'), or without one the\n"
	"list of commands (as 'mwschema --help').\n",
	(const struct cli_option[]){ { 0, NULL, NULL, NULL, NULL } }, "commands", 1, NULL,
	run_help, CLI_PAGED,
};

static int
run_help(int argc, char **argv)
{
	const struct cli_command *cmd = &cli_program;
	struct cli_args a;
	int key, rc = CLI_OK;

	cli_args_init(&a, &cmd_help, argc, argv);
	while ((key = cli_next(&a)) > 0)
		;
	if (key == CLI_STOP)
		rc = a.status;
	else if (a.noperands && !(cmd = cli_command_find(a.operands[0])))
		rc = cli_unknown_command("help", a.operands[0], false);
	if (key != CLI_STOP && cmd) {
		cli_pager_start();
		cli_print_help(stdout, cmd);
	}
	cli_args_release(&a);
	return rc;
}

/*
 * mwschema __complete WORD... CURRENT
 *
 * Prints the candidates for CURRENT, one per line, or "@files" / "@dirs"
 * when the shell should complete file or directory names.
 */

static int run_complete(int argc, char **argv);

const struct cli_command cmd_complete = {
	"__complete", "", "WORD... CURRENT", NULL,
	(const struct cli_option[]){ { 0, NULL, NULL, NULL, NULL } }, NULL, -1, NULL,
	run_complete, 0,
};

static const struct cli_option *
option_named(const struct cli_command *cmd, const char *name, size_t len, int letter)
{
	const struct cli_option *tables[] = { cmd->options, cli_common_options() };

	for (size_t t = 0; t < 2; t++)
		for (const struct cli_option *o = tables[t]; o->key; o++) {
			if (letter && o->key == letter)
				return o;
			if (!letter && o->name && strlen(o->name) == len &&
			    !strncmp(o->name, name, len))
				return o;
		}
	return NULL;
}

static void
offer_value(const struct cli_option *o, const char *prefix, const char *cur)
{
	if (o->values) {
		for (const char *p = o->values; *p;) {
			size_t l = strcspn(p, "|");

			if (!strncmp(p, cur, strlen(cur)) && strlen(cur) <= l)
				printf("%s%.*s\n", prefix, (int)l, p);
			p += l + (p[l] == '|');
		}
	} else if (strstr(o->arg, "DIR")) {
		puts("@dirs");
	} else if (strstr(o->arg, "FILE") || strstr(o->arg, "PATH") || strstr(o->arg, ".json")) {
		puts("@files");
	}
}

static void
offer_options(const struct cli_command *cmd, const char *cur)
{
	const struct cli_option *tables[] = { cmd->options, cli_common_options() };
	size_t n = strlen(cur);

	for (size_t t = 0; t < 2; t++)
		for (const struct cli_option *o = tables[t]; o->key; o++) {
			char spelled[CLI_SPELLING_MAX];

			cli_option_spelling(o, spelled);
			if (!strncmp(spelled, cur, n))
				printf("%s%s\n", spelled,
				       o->name && o->arg && o->arg[0] != '[' ? "=" : "");
		}
}

static void
offer_operands(const struct cli_command *cmd, const char *cur)
{
	if (cmd->operands && !strcmp(cmd->operands, "commands")) {
		for (size_t i = 0; cli_commands[i]; i++)
			if (!strncmp(cli_commands[i]->name, cur, strlen(cur)))
				puts(cli_commands[i]->name);
	} else if (cmd->operands) {
		printf("@%s\n", cmd->operands);
	}
}

/* The option `w` names when it takes its value from the next word. */
static const struct cli_option *
wants_next(const struct cli_command *cmd, const char *w)
{
	const struct cli_option *o;

	if (w[0] != '-' || !w[1])
		return NULL;
	if (w[1] == '-')
		o = strchr(w, '=') ? NULL : option_named(cmd, w + 2, strlen(w + 2), 0);
	else
		o = w[2] ? NULL : option_named(cmd, NULL, 0, (unsigned char)w[1]);
	return o && o->arg && o->arg[0] != '[' ? o : NULL;
}

/* bash splits "--format=te" into "--format", "=", "te": join them again. */
static int
join_equals(char **words, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (!strcmp(words[i], "=") && k && !strncmp(words[k - 1], "--", 2)) {
			char *joined = mw_strdupf("%s=%s", words[k - 1], i + 1 < n ? words[i + 1] : "");

			words[k - 1] = joined;	/* lives until exit */
			i++;
			continue;
		}
		words[k++] = words[i];
	}
	return k;
}

static int
run_complete(int argc, char **argv)
{
	const struct cli_command *cmd = &cli_program, *found;
	const struct cli_option *o;
	int n = join_equals(argv + 1, argc - 1);
	char **w = argv + 1;
	const char *cur = n ? w[n - 1] : "";

	for (int i = 0; i + 1 < n; i++) {
		if ((o = wants_next(cmd, w[i]))) {
			if (i + 2 == n)
				return offer_value(o, "", cur), CLI_OK;
			i++;
		} else if (w[i][0] != '-' && cmd == &cli_program && (found = cli_command_find(w[i]))) {
			cmd = found;
		}
	}
	if (!strncmp(cur, "--", 2) && strchr(cur, '=')) {
		const char *eq = strchr(cur, '=');
		char *prefix = mw_xstrndup(cur, (size_t)(eq - cur) + 1);

		if ((o = option_named(cmd, cur + 2, (size_t)(eq - cur - 2), 0)) && o->arg)
			offer_value(o, prefix, eq + 1);
		free(prefix);
	} else if (cur[0] == '-') {
		offer_options(cmd, cur);
	} else {
		offer_operands(cmd, cur);
	}
	return CLI_OK;
}
