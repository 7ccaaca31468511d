/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Options and rc commands for the editor: parsing the values, applying
 * them, remembering `color` overrides so a theme change keeps them, and
 * collecting the problems of the configuration files for the user.
 */
#include <config.h>

#include "tui/options.h"
#include "tui/keys.h"
#include "tui/mouse.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "mwschema/rc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OPTION_ENUM(id, name, def, help) OPT_##id,
enum option { OPTION_INFO(OPTION_ENUM) OPT_COUNT };

#define OPTION_NAME(id, name, def, help) name,
static const char *const option_names[OPT_COUNT + 1] = { OPTION_INFO(OPTION_NAME) NULL };

static const char *const tab_names[TAB_COUNT] = {
	"diff", "mysql", "postgres", "sqlite", "policy", "files",
};

/*
 * `set` names that other parts of mwschema read from the same files
 * (workspace, lint): not the editor's, but not mistakes either.
 */
static const char *const foreign_names[] = { "schema-dir", "updater", NULL };

static struct {
	char ***colors;		/* `color` overrides, re-applied over each theme */
	size_t *ncolor_words;
	size_t ncolors;
	mw_diags problems;	/* configuration problems found at start-up */
} O;

const char *const *
options_names(void)
{
	return option_names;
}

static int
option_from_name(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (!strcmp(option_names[i], name))
			return i;
	return -1;
}

static bool
is_foreign(const char *name)
{
	if (!strncmp(name, "lint.", 5))
		return true;
	for (size_t i = 0; foreign_names[i]; i++)
		if (!strcmp(foreign_names[i], name))
			return true;
	return false;
}

/* true/false and the usual synonyms; -1 when it is none of them. */
static int
parse_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

static int
set_tab(struct app *a, const char *value, mw_buf *err)
{
	for (int i = 0; i < TAB_COUNT; i++) {
		if (!strcmp(tab_names[i], value)) {
			a->tab = (enum preview_tab)i;
			a->views[PANE_PREVIEW].lineno = a->views[PANE_PREVIEW].offset = 0;
			return 0;
		}
	}
	mw_buf_addf(err, "tab must be diff, mysql, postgres, sqlite, policy or files, not '%s'",
		    value);
	return -1;
}

static void
reapply_colors(void)
{
	mw_buf ignore = MW_BUF_INIT;

	for (size_t i = 0; i < O.ncolors; i++)
		theme_set_color((int)O.ncolor_words[i], O.colors[i], &ignore);
	mw_buf_release(&ignore);
}

int
options_set(struct app *a, const char *name, const char *value, mw_buf *err)
{
	int b;

	switch (option_from_name(name)) {
	case OPT_THEME:
		if (theme_select(value, err))
			return -1;
		reapply_colors();
		return 0;
	case OPT_MOUSE:
		if ((b = parse_bool(value)) < 0) {
			mw_buf_addf(err, "mouse must be true or false, not '%s'", value);
			return -1;
		}
		mouse_enable(b);
		return 0;
	case OPT_TAB:
		return set_tab(a, value, err);
	default:
		if (is_foreign(name))
			mw_buf_addf(err, "'%s' is read from the configuration files at start-up only",
				    name);
		else
			mw_buf_addf(err, "unknown option '%s' (options: theme, mouse, tab)", name);
		return -1;
	}
}

int
options_bind(int argc, char *const argv[], mw_buf *err)
{
	int km = argc == 3 ? keymap_from_name(argv[0]) : -1;
	int key = argc == 3 ? key_parse(argv[1]) : -1;
	enum request req = argc == 3 ? request_from_name(argv[2]) : REQ_NONE;

	if (argc != 3)
		mw_buf_adds(err, "expected 'bind KEYMAP KEY REQUEST'");
	else if (km < 0)
		mw_buf_addf(err, "unknown keymap '%s' (generic, tables, editor, preview or help)",
			    argv[0]);
	else if (key < 0)
		mw_buf_addf(err, "unknown key '%s'", argv[1]);
	else if (req == REQ_NONE && strcmp(argv[2], "none"))
		mw_buf_addf(err, "unknown request '%s'", argv[2]);
	else {
		keys_bind((enum keymap_id)km, key, req);
		return 0;
	}
	return -1;
}

int
options_color(int argc, char *const argv[], mw_buf *err)
{
	if (theme_set_color(argc, argv, err))
		return -1;
	O.colors = mw_xrealloc(O.colors, (O.ncolors + 1) * sizeof(*O.colors));
	O.ncolor_words = mw_xrealloc(O.ncolor_words, (O.ncolors + 1) * sizeof(*O.ncolor_words));
	O.colors[O.ncolors] = mw_strv_dup(argv, (size_t)argc);
	O.ncolor_words[O.ncolors++] = (size_t)argc;
	return 0;
}

/* One rc entry; 0, or -1 with the reason in err. */
static int
apply_entry(struct app *a, const mw_rc_entry *e, mw_buf *err)
{
	switch (e->cmd) {
	case MW_RC_SET:
		/* Other modules' settings share the files: leave them to those modules. */
		if (is_foreign(e->argv[0]))
			return 0;
		return options_set(a, e->argv[0], e->argv[1], err);
	case MW_RC_BIND:
		return options_bind((int)e->argc, e->argv, err);
	case MW_RC_COLOR:
		return options_color((int)e->argc, e->argv, err);
	default:
		return 0;
	}
}

/* "file:line: message", with the home directory as ~ to leave room for the message. */
static void
format_problem(mw_buf *out, const mw_diag *d)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0, start = out->len;

	mw_diag_format(out, d);
	if (n > 1 && out->len - start > n && !strncmp(out->data + start, home, n) &&
	    out->data[start + n] == '/') {
		memmove(out->data + start + 1, out->data + start + n, out->len - start - n + 1);
		out->data[start] = '~';
		out->len -= n - 1;
	}
}

void
options_load(struct app *a, const struct mw_rc *rc, const mw_diags *read_problems)
{
	mw_buf err = MW_BUF_INIT, first = MW_BUF_INIT;

	for (size_t i = 0; read_problems && i < read_problems->n; i++) {
		const mw_diag *d = &read_problems->items[i];

		mw_diags_add(&O.problems, d->severity, d->rule, d->file, d->line, d->column,
			     d->path, d->hint, "%s", d->message);
	}
	for (size_t i = 0; rc && i < mw_rc_count(rc); i++) {
		const mw_rc_entry *e = mw_rc_entry_at(rc, i);

		mw_buf_reset(&err);
		if (apply_entry(a, e, &err))
			mw_diags_add(&O.problems, MW_SEV_ERROR, NULL, e->file, e->line, 0, NULL,
				     NULL, "%s", mw_buf_cstr(&err));
	}
	mw_diags_sort(&O.problems);
	if (O.problems.n) {
		/* The count first: a long message is cut at the right edge. */
		if (O.problems.n > 1)
			mw_buf_addf(&first, "[%zu config problems, :messages] ", O.problems.n);
		format_problem(&first, &O.problems.items[0]);
		app_error(a, "%s", mw_buf_cstr(&first));
	}
	mw_buf_release(&err);
	mw_buf_release(&first);
}

void
options_messages(mw_buf *out)
{
	for (size_t i = 0; i < O.problems.n; i++) {
		format_problem(out, &O.problems.items[i]);
		mw_buf_addc(out, '\n');
	}
}

void
options_describe(mw_buf *out, const struct app *a)
{
	mw_buf_addf(out, "theme=%s mouse=%s tab=%s", theme_current(),
		    mouse_enabled() ? "true" : "false", tab_names[a->tab]);
}

/* "NAME = VALUE", "NAME=VALUE" or "NAME VALUE" -> name, value (caller frees). */
static void
split_assignment(const char *args, char **name, char **value)
{
	size_t n = strcspn(args, " \t=");
	const char *v = args + n;

	*name = mw_xstrndup(args, n);
	v += strspn(v, " \t");
	if (*v == '=')
		v++;
	v += strspn(v, " \t");
	*value = mw_xstrdup(v);
	for (size_t end = strlen(*value); end && strchr(" \t", (*value)[end - 1]); end--)
		(*value)[end - 1] = 0;
}

static int
command_set(struct app *a, const char *args, mw_buf *err)
{
	char *name, *value;
	int rc = 0;

	if (!*args) {
		options_describe(err, a);
		return 1;
	}
	split_assignment(args, &name, &value);
	if (!*value) {
		mw_buf_addf(err, "expected 'set %s = VALUE'", name);
		rc = -1;
	} else if (options_set(a, name, value, err) == 0) {
		mw_buf_addf(err, "%s = %s", name, value);
		rc = 1;
	} else
		rc = -1;
	free(name);
	free(value);
	return rc;
}

/* Words of a typed line, split on blanks (no quoting: keys and colours need none). */
static char **
split_blanks(const char *s, size_t *n)
{
	char **v = NULL;

	*n = 0;
	for (s += strspn(s, " \t"); *s; s += strspn(s, " \t")) {
		size_t len = strcspn(s, " \t");

		v = mw_xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = mw_xstrndup(s, len);
		s += len;
	}
	return v;
}

int
options_command(struct app *a, const char *cmd, const char *args)
{
	mw_buf msg = MW_BUF_INIT;
	char **argv = NULL;
	size_t argc = 0;
	int rc;

	if (!strcmp(cmd, "set")) {
		rc = command_set(a, args, &msg);
	} else if (!strcmp(cmd, "bind") || !strcmp(cmd, "color")) {
		argv = split_blanks(args, &argc);
		rc = *cmd == 'b' ? options_bind((int)argc, argv, &msg)
				 : options_color((int)argc, argv, &msg);
		if (!rc)
			mw_buf_addf(&msg, "%s %s", cmd, args);
		rc = rc ? -1 : 1;
	} else {
		return 0;
	}
	if (rc < 0)
		app_error(a, "%s: %s", cmd, mw_buf_cstr(&msg));
	else
		app_info(a, "%s", mw_buf_cstr(&msg));
	mw_strv_free(argv, argc);
	mw_buf_release(&msg);
	return 1;
}

void
options_free(void)
{
	for (size_t i = 0; i < O.ncolors; i++)
		mw_strv_free(O.colors[i], O.ncolor_words[i]);
	free(O.colors);
	free(O.ncolor_words);
	mw_diags_free(&O.problems);
	memset(&O, 0, sizeof(O));
}

/* vim: set ts=8 sw=8 noexpandtab: */
