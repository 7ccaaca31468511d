/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The headless front end: each command is a table (name, summary, usage,
 * options, operands) and a function. The option parser, `--help`, `mwschema
 * help COMMAND` and shell completion all read the same tables, so an option
 * exists in one place.
 *
 * Exit codes, for every command:
 *   0  success
 *   1  the input was read and has problems: load or lint errors, drift, a
 *      failed verification, a review with problems, a refused commit
 *      (nothing to commit, lint errors or drift)
 *   2  the command line is wrong: unknown option or command, a missing or
 *      extra argument, a bad value (also: the editor without a terminal)
 *   3  the environment failed us: a file or directory that cannot be read
 *      or written, no checkout where one is needed, git errors, a database
 *      server that cannot be reached, a missing shared library
 */
#ifndef MWSCHEMA_CLI_H
#define MWSCHEMA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"

enum {
	CLI_OK = 0,
	CLI_PROBLEMS = 1,
	CLI_USAGE = 2,
	CLI_IO = 3,
};

/* Keys of options without a short letter: CLI_LONG, CLI_LONG + 1, ... */
#define CLI_LONG 256

struct cli_option {
	int key;		/* the short letter ('q'), or CLI_LONG + n: what cli_next returns */
	const char *name;	/* the long name without "--", or NULL */
	const char *arg;	/* the value's placeholder ("PATH"), NULL for a flag; "[DSN]":
				   optional, given only as --name=DSN */
	const char *help;	/* one or more sentences; --help wraps them */
	const char *values;	/* the accepted values ("text|json|sarif"), NULL for any */
};

enum cli_command_flags {
	CLI_PAGED = 1u << 0,		/* long output goes through a pager on a terminal */
	CLI_OPTIONS_FIRST = 1u << 1,	/* options end at the first operand (the dispatcher) */
};

struct cli_command {
	const char *name;
	const char *summary;		/* one line for `mwschema --help` */
	const char *usage;		/* after "mwschema NAME "; several forms on several lines */
	const char *description;	/* paragraphs before the options */
	const struct cli_option *options;	/* ends with an entry whose key is 0 */
	const char *operands;		/* completion of operands: "files", "dirs", "commands" */
	int max_operands;		/* -1: any number */
	const char *footer;		/* after the options: exit status, examples */
	int (*run)(int argc, char **argv);	/* argv[0] is the command's name */
	unsigned flags;			/* enum cli_command_flags */
};

/* Every command, in the order `mwschema --help` lists them (cli/commands.h). */
extern const struct cli_command *const cli_commands[];
const struct cli_command *cli_command_find(const char *name);
/* "'NAME' is not a command" (or "neither a command nor a directory"), with a suggestion. */
int cli_unknown_command(const char *cmd, const char *name, bool or_dir);

/* mwschema itself: its options (--demo, --version) and the command list. */
enum { CLI_PROGRAM_DEMO = CLI_LONG };
extern const struct cli_command cli_program;

/*
 * Parsing, getopt style:
 *
 *	struct cli_args a;
 *	int key;
 *
 *	cli_args_init(&a, &cmd_lint, argc, argv);
 *	while ((key = cli_next(&a)) > 0)
 *		switch (key) { case OPT_FORMAT: ... a.value ... }
 *	if (key == CLI_STOP)
 *		return cli_args_release(&a), a.status;
 *	... a.operands[0 .. a.noperands - 1] ...
 *
 * "--name=VALUE", "--name VALUE", "-x VALUE", "-xVALUE" and clustered flags
 * ("-qv") are accepted; "--" ends the options. Values are checked against
 * `values`. The common options (-C DIR, --color, --no-pager, -h/--help) are
 * handled here: help is printed, and -C changes directory once the command
 * line is known to be good, so every relative path is relative to DIR.
 */
enum { CLI_END = 0, CLI_STOP = -1 };

struct cli_args {
	const struct cli_command *cmd;
	int argc;
	char **argv;
	int next;		/* the argv index to read next */
	const char *cluster;	/* the unread letters of "-abc" */
	bool dashdash;
	const struct cli_option *opt;	/* the option just returned */
	const char *value;	/* its value, NULL for a flag */
	char **operands;
	int noperands;
	const char *dir;	/* -C DIR */
	int status;		/* the exit code, after CLI_STOP */
};

void cli_args_init(struct cli_args *a, const struct cli_command *cmd, int argc, char **argv);
int cli_next(struct cli_args *a);
void cli_args_release(struct cli_args *a);

/* Prints the command's help (usage, description, options, footer) to fp. */
void cli_print_help(FILE *fp, const struct cli_command *cmd);
/* The option as the user may write it: "--format", or "-C" without a long name. */
#define CLI_SPELLING_MAX 64
const char *cli_option_spelling(const struct cli_option *opt, char buf[CLI_SPELLING_MAX]);
/* The options every command accepts (-C, --color, --no-pager, -h). */
const struct cli_option *cli_common_options(void);
/* The closest of `n` words to `word`, when it is close enough to suggest; else NULL. */
const char *cli_suggest(const char *word, const char *const *words, size_t n);

/*
 * "mwschema CMD: message" and a pointer to --help on stderr; returns
 * CLI_USAGE. cmd may be NULL (the dispatcher).
 */
int cli_usage_error(const char *cmd, const char *fmt, ...) MW_PRINTF(2, 3);
/* "mwschema CMD: message" on stderr; returns `status`. */
int cli_fail(int status, const char *cmd, const char *fmt, ...) MW_PRINTF(3, 4);
/* The one-line summary of a command: "mwschema CMD: ..." on stderr, always. */
void cli_summary(const char *cmd, const char *fmt, ...) MW_PRINTF(2, 3);

/*
 * Output (output.c). Colour is on when the stream is a terminal, NO_COLOR
 * is unset or empty and TERM is not "dumb", unless --color says otherwise;
 * it is decided before a pager takes standard output.
 */
enum cli_when { CLI_WHEN_AUTO, CLI_WHEN_ALWAYS, CLI_WHEN_NEVER };
void cli_color_set(enum cli_when when);
void cli_pager_set(bool enabled);

enum cli_style { CLI_S_RESET, CLI_S_ERROR, CLI_S_WARNING, CLI_S_INFO, CLI_S_GOOD, CLI_S_BOLD };
/* The escape sequence for `style` on `fp` ("" without colour). */
const char *cli_style(FILE *fp, enum cli_style style);

/*
 * Sends standard output (and standard error, when it is the terminal too)
 * through a pager when it is a terminal: $MWSCHEMA_PAGER, else $PAGER, else
 * "less" with LESS=FRX (short output prints as is). "" or "cat" means none.
 * The pager is waited for at exit.
 */
void cli_pager_start(void);

/*
 * True when standard output ends on a terminal, directly or through the
 * pager: then control characters of names and values are shown escaped.
 */
bool cli_output_is_terminal(void);

/*
 * How every command prints a path: files named on the command line as the
 * user gave them, and files found in a checkout relative to its root (as git
 * and MediaWiki's "-- Source:" header spell them), never with "./". So from
 * the root of a checkout, `lint .`, `lint`, `check` and `review` all say
 * "sql/tables.json". `root` is the checkout's root (absolute paths below it
 * lose it), or NULL for paths as given. Caller frees.
 */
char *cli_path(const char *root, const char *path);

/*
 * An input file the command is about to read: 0, or CLI_IO after saying
 * "mwschema CMD: PATH: No such file or directory" (or why it cannot be read).
 */
int cli_check_input(const char *cmd, const char *path);

/*
 * Prints each diagnostic (mw_diag_format) with its file shown by cli_path
 * (`root` may be NULL) and its severity coloured.
 */
void cli_print_diags(FILE *fp, const char *root, const mw_diags *diags);
/* Rewrites every diagnostic's file with cli_path, for reports in any format. */
void cli_diags_paths(mw_diags *diags, const char *root);

/*
 * Runs the curses front end (mwschema-edit: the editor, the review UI, the
 * tutorial) with `argv` (argv[0] is replaced); returns only on failure,
 * with the exit code, after saying why.
 */
int cli_exec_editor(const char *cmd, char **argv);

#endif /* MWSCHEMA_CLI_H */
