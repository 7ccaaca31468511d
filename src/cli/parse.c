/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option parser and the help printer: both read a command's table
 * (struct cli_command in cli/cli.h), so what --help says is what parses.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/diag.h"
#include "mwschema/fs.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Accepted by every command; handled here, never returned by cli_next. */
enum { COMMON_COLOR = CLI_LONG + 1000, COMMON_NO_PAGER };

static const struct cli_option common_options[] = {
	{ 'C', NULL, "DIR", "run as if started in DIR (relative paths are relative to it)", NULL },
	{ COMMON_COLOR, "color", "WHEN", "colour the output: auto (on a terminal, unless NO_COLOR "
	  "is set), always or never", "auto|always|never" },
	{ COMMON_NO_PAGER, "no-pager", NULL, "do not send long output to a pager", NULL },
	{ 'h', "help", NULL, "show this help", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static bool
is_short(const struct cli_option *o)
{
	return o->key > 0 && o->key < 128;
}

/* "[DSN]": the value is optional, and only ever attached ("--mysql=DSN"). */
static bool
optional_value(const struct cli_option *o)
{
	return o->arg && o->arg[0] == '[';
}

const char *
cli_option_spelling(const struct cli_option *opt, char buf[CLI_SPELLING_MAX])
{
	if (opt->name)
		snprintf(buf, CLI_SPELLING_MAX, "--%s", opt->name);
	else
		snprintf(buf, CLI_SPELLING_MAX, "-%c", opt->key);
	return buf;
}

/*
 * Edits from a to b: insertions, deletions, substitutions and swaps of two
 * neighbours (the optimal string alignment distance), so that the common
 * typo "lnit" is one edit from "lint".
 */
static int
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), w = lb + 1;
	int *d = mw_xcalloc((la + 1) * w, sizeof(*d)), r;

	for (size_t i = 0; i <= la; i++) {
		for (size_t j = 0; j <= lb; j++) {
			int best;

			if (!i || !j) {
				d[i * w + j] = (int)(i + j);
				continue;
			}
			best = d[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]);
			best = d[(i - 1) * w + j] + 1 < best ? d[(i - 1) * w + j] + 1 : best;
			best = d[i * w + j - 1] + 1 < best ? d[i * w + j - 1] + 1 : best;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[(i - 2) * w + j - 2] + 1 < best)
				best = d[(i - 2) * w + j - 2] + 1;
			d[i * w + j] = best;
		}
	}
	r = d[la * w + lb];
	free(d);
	return r;
}

const char *
cli_suggest(const char *word, const char *const *words, size_t n)
{
	const char *best = NULL;
	int best_d = (int)strlen(word) / 3 + 1, ties = 0;

	for (size_t i = 0; i < n; i++) {
		int d = edit_distance(word, words[i]);

		if (d < best_d) {
			best = words[i];
			best_d = d;
			ties = 0;
		} else if (d == best_d && best) {
			ties++;
		}
	}
	return ties ? NULL : best;
}

/*
 * Errors
 */

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mwschema%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd && !strcmp(cmd, "help"))	/* the list is what helps here */
		fputs("\nRun 'mwschema help' for the list of commands.\n", stderr);
	else
		fprintf(stderr, "\nTry 'mwschema %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return CLI_USAGE;
}

/*
 * A message and a newline on stderr. Its arguments may hold a checkout's
 * path, a revision or libgit2's words about a ref: control characters are
 * shown as \x1b, never sent to the terminal.
 */
static void
print_escaped(const char *fmt, va_list ap)
{
	mw_buf text = MW_BUF_INIT, safe = MW_BUF_INIT;

	mw_buf_vaddf(&text, fmt, ap);
	mw_terminal_escape(&safe, mw_buf_cstr(&text), text.len);
	fputs(mw_buf_cstr(&safe), stderr);
	fputc('\n', stderr);
	mw_buf_release(&text);
	mw_buf_release(&safe);
}

int
cli_fail(int status, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mwschema%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	print_escaped(fmt, ap);
	va_end(ap);
	return status;
}

void
cli_summary(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "mwschema %s: ", cmd);
	va_start(ap, fmt);
	print_escaped(fmt, ap);
	va_end(ap);
}

static int
stop(struct cli_args *a, int status)
{
	a->status = status;
	return CLI_STOP;
}

static const char *
cmd_name(const struct cli_args *a)
{
	return a->cmd->name && *a->cmd->name ? a->cmd->name : NULL;
}

/* An unknown "--name": with the closest known name, when there is one. */
static int
unknown_long(struct cli_args *a, const char *name, size_t len)
{
	const char *names[64], *pick;
	char *word = mw_xstrndup(name, len);
	size_t n = 0;

	for (const struct cli_option *o = a->cmd->options; o->key && n < 60; o++)
		if (o->name)
			names[n++] = o->name;
	for (const struct cli_option *o = common_options; o->key; o++)
		if (o->name)
			names[n++] = o->name;
	pick = cli_suggest(word, names, n);
	if (pick)
		cli_usage_error(cmd_name(a), "unknown option '--%s' (did you mean '--%s'?)", word,
				pick);
	else
		cli_usage_error(cmd_name(a), "unknown option '--%s'", word);
	free(word);
	return stop(a, CLI_USAGE);
}

/*
 * Finding options
 */

static const struct cli_option *
find_in(const struct cli_option *table, const char *name, size_t len, int letter)
{
	for (const struct cli_option *o = table; o->key; o++) {
		if (letter && is_short(o) && o->key == letter)
			return o;
		if (!letter && o->name && strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	}
	return NULL;
}

static const struct cli_option *
find_option(const struct cli_args *a, const char *name, size_t len, int letter)
{
	const struct cli_option *o = find_in(a->cmd->options, name, len, letter);

	return o ? o : find_in(common_options, name, len, letter);
}

static bool
value_allowed(const char *values, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = values; *p;) {
		size_t l = strcspn(p, "|");

		if (l == n && !strncmp(p, v, n))
			return true;
		p += l + (p[l] == '|');
	}
	return false;
}

/* "text, json or sarif" from "text|json|sarif". */
static void
values_words(mw_buf *out, const char *values)
{
	for (const char *p = values; *p;) {
		size_t l = strcspn(p, "|");
		const char *rest = p + l + (p[l] == '|');

		mw_buf_addf(out, "%.*s%s", (int)l, p, !*rest ? "" : strchr(rest, '|') ? ", " : " or ");
		p = rest;
	}
}

static int
check_value(struct cli_args *a, const struct cli_option *o, const char *v)
{
	char buf[CLI_SPELLING_MAX];
	mw_buf words = MW_BUF_INIT;

	if (!o->values || value_allowed(o->values, v))
		return 0;
	values_words(&words, o->values);
	cli_usage_error(cmd_name(a), "unknown value '%s' for %s (%s)", v,
			cli_option_spelling(o, buf), mw_buf_cstr(&words));
	mw_buf_release(&words);
	return stop(a, CLI_USAGE);
}

/*
 * One option found: the common ones are applied here (0 = go on), the
 * others are returned to the command (their key).
 */
static int
take(struct cli_args *a, const struct cli_option *o, const char *value)
{
	if (value && check_value(a, o, value))
		return CLI_STOP;
	switch (o->key) {
	case 'h':
		cli_pager_start();
		cli_print_help(stdout, a->cmd);
		return stop(a, CLI_OK);
	case 'C':
		a->dir = value;
		return 0;
	case COMMON_COLOR:
		cli_color_set(!strcmp(value, "always") ? CLI_WHEN_ALWAYS :
			      !strcmp(value, "never") ? CLI_WHEN_NEVER : CLI_WHEN_AUTO);
		return 0;
	case COMMON_NO_PAGER:
		cli_pager_set(false);
		return 0;
	}
	a->opt = o;
	a->value = value;
	return o->key;
}

/* The value of an option that takes one: attached, or the next argument. */
static int
take_with_value(struct cli_args *a, const struct cli_option *o, const char *attached)
{
	char buf[CLI_SPELLING_MAX];

	if (attached)
		return take(a, o, attached);
	if (a->next >= a->argc) {
		cli_usage_error(cmd_name(a), "%s needs a value (%s)", cli_option_spelling(o, buf),
				o->arg);
		return stop(a, CLI_USAGE);
	}
	return take(a, o, a->argv[a->next++]);
}

static int
next_short(struct cli_args *a)
{
	int letter = (unsigned char)*a->cluster++;
	const struct cli_option *o = find_option(a, NULL, 0, letter);

	if (!o) {
		cli_usage_error(cmd_name(a), "unknown option '-%c'", letter);
		return stop(a, CLI_USAGE);
	}
	if (!o->arg)
		return take(a, o, NULL);
	if (*a->cluster) {
		const char *v = a->cluster;

		a->cluster = NULL;
		return take(a, o, v);
	}
	a->cluster = NULL;
	return take_with_value(a, o, NULL);
}

static int
next_long(struct cli_args *a, const char *arg)
{
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct cli_option *o = find_option(a, name, len, 0);

	if (!o)
		return unknown_long(a, name, len);
	if (!o->arg && eq) {
		cli_usage_error(cmd_name(a), "--%s takes no value", o->name);
		return stop(a, CLI_USAGE);
	}
	if (optional_value(o))
		return take(a, o, eq ? eq + 1 : NULL);
	return o->arg ? take_with_value(a, o, eq ? eq + 1 : NULL) : take(a, o, NULL);
}

/*
 * The end of the command line: operand count, then -C.
 */

static int
finish(struct cli_args *a)
{
	const struct cli_command *c = a->cmd;

	if (c->max_operands >= 0 && a->noperands > c->max_operands) {
		const char *extra = a->operands[c->max_operands];

		if (c->max_operands == 0)
			cli_usage_error(cmd_name(a), "unexpected argument '%s'", extra);
		else
			cli_usage_error(cmd_name(a), "too many arguments ('%s'): at most %d", extra,
					c->max_operands);
		return stop(a, CLI_USAGE);
	}
	if (a->dir && chdir(a->dir) < 0) {
		cli_usage_error(cmd_name(a), "-C: '%s' is not a directory", a->dir);
		return stop(a, CLI_USAGE);
	}
	return CLI_END;
}

static void
add_operand(struct cli_args *a, char *arg)
{
	a->operands[a->noperands++] = arg;
}

void
cli_args_init(struct cli_args *a, const struct cli_command *cmd, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->argc = argc;
	a->argv = argv;
	a->next = 1;
	a->operands = mw_xcalloc((size_t)argc + 1, sizeof(*a->operands));
}

void
cli_args_release(struct cli_args *a)
{
	free(a->operands);
	a->operands = NULL;
}

int
cli_next(struct cli_args *a)
{
	for (;;) {
		const char *arg;
		int key;

		if (a->cluster && *a->cluster)
			key = next_short(a);
		else if (a->next >= a->argc)
			return finish(a);
		else if (arg = a->argv[a->next++], a->dashdash || arg[0] != '-' || !arg[1]) {
			add_operand(a, a->argv[a->next - 1]);
			if (a->cmd->flags & CLI_OPTIONS_FIRST)
				a->dashdash = true;
			continue;
		} else if (!strcmp(arg, "--")) {
			a->dashdash = true;
			continue;
		} else if (arg[1] == '-') {
			key = next_long(a, arg);
		} else {
			a->cluster = arg + 1;
			continue;
		}
		if (key)
			return key;
	}
}

/*
 * Help
 */

#define HELP_WIDTH 79
#define HELP_COLUMN 24

/* Appends `text` wrapped to HELP_WIDTH, continuation lines indented by `indent`. */
static void
wrap(mw_buf *out, const char *text, size_t col, size_t indent)
{
	while (*text) {
		size_t n = strcspn(text, " \n");

		if (col > indent && col + 1 + n > HELP_WIDTH) {
			mw_buf_addf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			mw_buf_addc(out, ' ');
			col++;
		}
		mw_buf_add(out, text, n);
		col += n;
		text += n;
		if (*text == '\n') {
			mw_buf_addf(out, "\n%*s", (int)indent, "");
			col = indent;
			text++;
		}
		text += strspn(text, " ");
	}
	mw_buf_addc(out, '\n');
}

static void
spell(mw_buf *out, const struct cli_option *o)
{
	if (is_short(o))
		mw_buf_addf(out, "-%c%s", o->key, o->name ? ", " : "");
	if (o->name)
		mw_buf_addf(out, "--%s", o->name);
	if (optional_value(o))
		mw_buf_addf(out, "[=%.*s]", (int)strlen(o->arg) - 2, o->arg + 1);
	else if (o->arg)
		mw_buf_addf(out, "%s%s", o->name ? "=" : " ", o->arg);
}

static void
help_options(mw_buf *out, const char *title, const struct cli_option *table, unsigned flags)
{
	if (!table->key)
		return;
	mw_buf_addf(out, "\n%s:\n", title);
	for (const struct cli_option *o = table; o->key; o++) {
		size_t start = out->len;

		if (o->key == COMMON_NO_PAGER && !(flags & CLI_PAGED))
			continue;
		mw_buf_adds(out, "  ");
		spell(out, o);
		if (out->len - start + 2 > HELP_COLUMN) {
			mw_buf_addf(out, "\n%*s", HELP_COLUMN, "");
		} else {
			mw_buf_addf(out, "%*s", (int)(HELP_COLUMN - (out->len - start)), "");
		}
		wrap(out, o->help, HELP_COLUMN, HELP_COLUMN);
	}
}

static void
help_usage(mw_buf *out, const struct cli_command *cmd)
{
	const char *u = cmd->usage;
	bool first = true;

	while (*u) {
		size_t n = strcspn(u, "\n");

		mw_buf_addf(out, "%s mwschema%s%s %.*s\n", first ? "usage:" : "      ",
			    *cmd->name ? " " : "", cmd->name, (int)n, u);
		first = false;
		u += n + (u[n] == '\n');
	}
}

static void
help_commands(mw_buf *out)
{
	mw_buf_adds(out, "\nCommands:\n");
	for (size_t i = 0; cli_commands[i]; i++)
		mw_buf_addf(out, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
}

void
cli_print_help(FILE *fp, const struct cli_command *cmd)
{
	mw_buf out = MW_BUF_INIT;

	help_usage(&out, cmd);
	if (cmd->description)
		mw_buf_addf(&out, "\n%s", cmd->description);
	if (cmd->operands && !strcmp(cmd->operands, "commands"))
		help_commands(&out);
	help_options(&out, "Options", cmd->options, cmd->flags);
	help_options(&out, *cmd->name ? "Common options" : "Options of every command",
		     common_options, cmd->flags | CLI_PAGED);
	if (cmd->footer)
		mw_buf_addf(&out, "\n%s", cmd->footer);
	fputs(mw_buf_cstr(&out), fp);
	mw_buf_release(&out);
}

const struct cli_option *
cli_common_options(void)
{
	return common_options;
}
