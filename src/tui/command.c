/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Request dispatch, ':' commands and the generated help.
 */
#include <config.h>

#include "tui/command.h"
#include "tui/actions.h"
#include "tui/display.h"
#include "tui/options.h"
#include "tui/prompt.h"
#include "tui/review.h"
#include "tui/startup.h"
#include "tui/tutorial.h"
#include "editor/words.h"

#include <stdlib.h>
#include <string.h>

/*
 * Help: one row per request with its keys, grouped as in REQ_INFO.
 */

static void
help_row(const char *group, enum request req, void *data)
{
	mw_buf *out = data;
	mw_buf keys = MW_BUF_INIT, last = MW_BUF_INIT;

	if (group) {
		mw_buf_addf(out, "\n%s\n", group);
		return;
	}
	keys_describe(&keys, KEYMAP_GENERIC, req);
	mw_buf_adds(&last, "");
	for (int km = KEYMAP_GENERIC + 1; km < KEYMAP_COUNT; km++) {
		mw_buf more = MW_BUF_INIT;

		keys_describe(&more, (enum keymap_id)km, req);
		/* The same keys in several keymaps: "/ (preview, help)". */
		if (more.len && !strcmp(mw_buf_cstr(&more), mw_buf_cstr(&last)) && keys.len &&
		    keys.data[keys.len - 1] == ')') {
			mw_buf_truncate(&keys, keys.len - 1);
			mw_buf_addf(&keys, ", %s)", keymap_name((enum keymap_id)km));
		} else if (more.len) {
			mw_buf_addf(&keys, "%s%s (%s)", keys.len ? ", " : "", mw_buf_cstr(&more),
				    keymap_name((enum keymap_id)km));
		}
		mw_buf_reset(&last);
		mw_buf_adds(&last, mw_buf_cstr(&more));
		mw_buf_release(&more);
	}
	mw_buf_release(&last);
	mw_buf_addf(out, "  %-18s %-16s %s\n", mw_buf_cstr(&keys), request_name(req),
		    request_help(req));
	mw_buf_release(&keys);
}

static void
help_commands(mw_buf *out)
{
	size_t n;
	const struct command_info *c = command_list(&n);

	mw_buf_adds(out, "\nCommands (after ':'; any request name above works too, e.g. "
		    ":add-column)\n");
	for (size_t i = 0; i < n; i++) {
		mw_buf names = MW_BUF_INIT;

		mw_buf_addf(&names, ":%s%s%s%s%s", c[i].name, c[i].alias ? ", :" : "",
			    c[i].alias ? c[i].alias : "", *c[i].args ? " " : "", c[i].args);
		mw_buf_addf(out, "  %-36s %s\n", mw_buf_cstr(&names), c[i].help);
		mw_buf_release(&names);
	}
}

void
help_text(mw_buf *out)
{
	mw_buf_adds(out, "mwschema keys (rebind with: bind <keymap> <key> <request>)\n");
	request_foreach(help_row, out);
	help_commands(out);
	mw_buf_adds(out, "\nForms: Tab/Down next field, S-Tab/Up previous, Space cycles a choice,\n"
		    "Enter accepts, Esc cancels.\n");
}

/*
 * Requests
 */

static void
filter_changed(struct app *a, const char *text)
{
	free(a->filter);
	a->filter = mw_xstrdup(text);
	a->views[PANE_TABLES].lineno = 0;
	a->views[PANE_TABLES].offset = 0;
	tables_sync_cursor(a);
	display_render(a);
}

/* Esc or an empty line clears the filter: the whole list again. */
static void
request_filter(struct app *a)
{
	char *line = prompt_read(a, "/", 0, filter_changed);

	if (!line || !*line) {
		filter_changed(a, "");
		free(a->filter);
		a->filter = NULL;
		app_info(a, "filter cleared: all tables");
	} else {
		a->focus = PANE_TABLES;
	}
	free(line);
}

static void
request_quit(struct app *a, bool force)
{
	if (!force && a->s->dirty &&
	    !display_ask(a, "There are unsaved edits. Quit anyway? They stay in the recovery "
			    "file. (y/n)")) {
		app_info(a, "not quitting");
		return;
	}
	a->quit = true;
}

static void
request_undo(struct app *a, bool redo)
{
	if (redo ? session_redo(a->s) : session_undo(a->s)) {
		const char *what = mw_buf_cstr(&a->s->undo_words);

		tables_sync_cursor(a);
		if (!session_has_change(a->s) && a->s->disk_name)
			app_info(a, "%s%s%s; w removes the written change %s", redo ? "redone" : "undone",
				 *what ? ": " : "", what, a->s->disk_name);
		else
			app_info(a, "%s%s%s; change %s", redo ? "redone" : "undone", *what ? ": " : "",
				 what, session_has_change(a->s) ? a->s->change_name : "(none)");
	} else
		app_error(a, "nothing to %s", redo ? "redo" : "undo");
}

static void
request_prompt(struct app *a)
{
	char *line = prompt_read(a, ":", 1, NULL);

	mw_buf_reset(&a->status);
	if (line)
		app_command(a, line);
	free(line);
}

static void
show_help(struct app *a)
{
	mw_buf text = MW_BUF_INIT;

	help_text(&text);
	display_pager(a, "Help", mw_buf_cstr(&text));
	mw_buf_release(&text);
}

static void
show_last_message(struct app *a)
{
	const struct msg *m = msglog_last(&a->log);

	if (!m) {
		app_info(a, "no message yet (:messages lists them all)");
		return;
	}
	display_pager(a, m->error ? "Last message (error)" : "Last message", m->text);
}

/* Requests that act on the change, whatever the focus. */
static bool
global_edit_request(struct app *a, enum request req)
{
	switch (req) {
	case REQ_ADD_COLUMN: action_add_column(a); break;
	case REQ_EDIT: action_edit(a); break;
	case REQ_DROP: action_drop(a); break;
	case REQ_RENAME: action_rename(a); break;
	case REQ_ADD_INDEX: action_add_index(a); break;
	case REQ_SET_PK: action_set_pk(a); break;
	case REQ_NEW_TABLE: action_new_table(a); break;
	case REQ_CHANGE_NAME: action_change_name(a); break;
	case REQ_UNDO: request_undo(a, false); break;
	case REQ_REDO: request_undo(a, true); break;
	case REQ_WRITE: action_write(a); break;
	case REQ_COMMIT: action_commit(a); break;
	case REQ_LINT: action_lint(a); break;
	case REQ_VERIFY: action_verify(a); break;
	default: return false;
	}
	return true;
}

void
app_request(struct app *a, enum request req)
{
	struct view *v = &a->views[a->focus];

	if (review_request(a, req))
		return;
	if (v->ops->request)
		req = v->ops->request(v, req);
	if (req == REQ_NONE || view_move(v, req) || global_edit_request(a, req))
		return;
	if (req >= REQ_TAB_DIFF && req <= REQ_TAB_FILES) {
		a->tab = (enum preview_tab)(req - REQ_TAB_DIFF);
		a->views[PANE_PREVIEW].lineno = a->views[PANE_PREVIEW].offset = 0;
		return;
	}
	switch (req) {
	case REQ_NEXT_PANE:
	case REQ_PREV_PANE:
		a->focus = (a->focus + (req == REQ_NEXT_PANE ? 1 : PANE_COUNT - 1)) % PANE_COUNT;
		break;
	case REQ_ENTER:
		if (a->focus == PANE_TABLES)
			a->focus = PANE_EDITOR;
		break;
	case REQ_FILTER: request_filter(a); break;
	case REQ_PROMPT: request_prompt(a); break;
	case REQ_HELP: show_help(a); break;
	case REQ_TUTORIAL: tutorial_request(a); break;
	case REQ_REFRESH: display_force_redraw(); break;
	case REQ_LAST_MESSAGE: show_last_message(a); break;
	case REQ_TOGGLE_WRAP:
		a->wrap = !a->wrap;
		app_info(a, a->wrap ? "long lines wrap (W: scroll sideways again)"
				    : "long lines scroll sideways with h/l (W wraps them)");
		break;
	case REQ_SEARCH:
	case REQ_FIND_NEXT:
	case REQ_FIND_PREV:
		app_error(a, "/, n and N search in the preview (Tab focuses it) and in the pager");
		break;
	case REQ_QUIT: request_quit(a, false); break;
	case REQ_QUIT_FORCE: request_quit(a, true); break;
	default: break;
	}
}

/*
 * ':' commands
 */

static void
show_messages(struct app *a)
{
	mw_buf text = MW_BUF_INIT;

	mw_buf_adds(&text, "Configuration:\n");
	options_messages(&text);
	if (text.len == strlen("Configuration:\n"))
		mw_buf_adds(&text, "The configuration files loaded without problems.\n");
	mw_buf_adds(&text, "\nStatus messages of this session, oldest first:\n");
	if (a->log.n)
		msglog_format(&a->log, &text);
	else
		mw_buf_adds(&text, "(none yet)\n");
	display_pager(a, "Messages", mw_buf_cstr(&text));
	mw_buf_release(&text);
}

static void
command_table(struct app *a, const char *name)
{
	for (size_t i = 0; i < session_ntables(a->s); i++) {
		if (!strcmp(session_table(a->s, (long)i)->name, name)) {
			a->s->cur = (long)i;
			free(a->filter);
			a->filter = NULL;
			tables_sync_cursor(a);
			a->views[PANE_EDITOR].lineno = 1;
			a->focus = PANE_EDITOR;
			return;
		}
	}
	app_error(a, "no table '%s'", name);
}

/*
 * The commands of CMD_INFO, each a thin call into the module that owns it.
 */

static void cmd_WRITE(struct app *a, const char *arg) { (void)arg; action_write(a); }
static void cmd_QUIT(struct app *a, const char *arg) { (void)arg; request_quit(a, false); }
static void cmd_QUIT_FORCE(struct app *a, const char *arg) { (void)arg; request_quit(a, true); }
static void cmd_OPEN(struct app *a, const char *arg) { action_open(a, arg); }
static void cmd_TABLE(struct app *a, const char *arg) { command_table(a, arg); }
static void cmd_RECOVER(struct app *a, const char *arg) { (void)arg; startup_recover(a); }
static void cmd_REVIEW(struct app *a, const char *arg) { review_open_command(a, arg); }
static void cmd_EXPORT(struct app *a, const char *arg) { review_export_command(a, arg); }
static void cmd_SET(struct app *a, const char *arg) { options_command(a, "set", arg); }
static void cmd_BIND(struct app *a, const char *arg) { options_command(a, "bind", arg); }
static void cmd_COLOR(struct app *a, const char *arg) { options_command(a, "color", arg); }
static void cmd_MESSAGES(struct app *a, const char *arg) { (void)arg; show_messages(a); }
static void cmd_TUTORIAL(struct app *a, const char *arg) { tutorial_command(a, arg); }
static void cmd_HELP(struct app *a, const char *arg) { (void)arg; show_help(a); }

static void
cmd_WRITE_QUIT(struct app *a, const char *arg)
{
	(void)arg;
	action_write(a);
	request_quit(a, false);
}

static void
cmd_SAVE_DISPLAY(struct app *a, const char *arg)
{
	if (display_save(arg))
		app_error(a, "save-display: cannot write '%s'", arg);
}

#define CMD_ROW(id, name, alias, flags, args, help) { name, alias, flags, args, help, cmd_##id },

static const struct command_info commands[] = {
	CMD_INFO(CMD_ROW)
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

const struct command_info *
command_list(size_t *n)
{
	*n = sizeof(commands) / sizeof(*commands) - 1;
	return commands;
}

const struct command_info *
command_find(const char *name)
{
	for (const struct command_info *c = commands; c->name; c++)
		if (!strcmp(c->name, name) || (c->alias && !strcmp(c->alias, name)))
			return c;
	return NULL;
}

/* "Did you mean", over the commands and the request names. */
static void
unknown_command(struct app *a, const char *cmd)
{
	size_t n, k = 0;
	const struct command_info *c = command_list(&n);
	const char **names = mw_xcalloc(n * 2 + REQ_COUNT, sizeof(*names));
	const char *pick;

	for (size_t i = 0; i < n; i++) {
		names[k++] = c[i].name;
		if (c[i].alias)
			names[k++] = c[i].alias;
	}
	for (int r = REQ_NONE + 1; r < REQ_COUNT; r++)
		names[k++] = request_name((enum request)r);
	pick = words_suggest(cmd, names, k);
	if (pick)
		app_error(a, "unknown command '%s': did you mean ':%s'? (:help lists them)", cmd, pick);
	else
		app_error(a, "unknown command '%s' (:help lists them)", cmd);
	free(names);
}

void
app_command(struct app *a, const char *line)
{
	const struct command_info *c;
	enum request req;
	char *cmd, *args;
	size_t n;

	line += strspn(line, " :");
	n = strcspn(line, " ");
	cmd = mw_xstrndup(line, n);
	/* Completion leaves a blank after a word: arguments are trimmed. */
	args = mw_xstrdup(line + n + strspn(line + n, " "));
	for (size_t end = strlen(args); end && args[end - 1] == ' '; end--)
		args[end - 1] = 0;
	c = command_find(cmd);
	if (review_command(a, cmd, c && (c->flags & CMD_WRITES)))
		;
	else if (c)
		c->run(a, args);
	else if ((req = request_from_name(cmd)) != REQ_NONE)
		app_request(a, req);
	else if (*cmd)
		unknown_command(a, cmd);
	free(cmd);
	free(args);
}

/* vim: set ts=8 sw=8 noexpandtab: */
