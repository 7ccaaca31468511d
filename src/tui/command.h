/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The main loop's dispatch: requests from keys (view first, then global,
 * like tig's view_driver) and ':' commands.
 */
#ifndef MWSCHEMA_TUI_COMMAND_H
#define MWSCHEMA_TUI_COMMAND_H

#include "tui/view.h"

/*
 * The ':' commands, from one list (tig's REQ_INFO again): dispatch,
 * completion and the help screen all read it, so a command is one line.
 * Any request name works after ':' as well (":add-column").
 *
 *	CMD(id, name, alias, flags, arguments, help)
 */
#define CMD_INFO(CMD) \
	CMD(WRITE,	"w",		"write", CMD_WRITES, "", \
	    "write the change and its generated files") \
	CMD(QUIT,	"q",		"quit", 0, "", "quit (asks when there are unsaved edits)") \
	CMD(QUIT_FORCE,	"q!",		NULL, 0, "", "quit without asking") \
	CMD(WRITE_QUIT,	"wq",		NULL, CMD_WRITES, "", "write, then quit") \
	CMD(OPEN,	"open",		NULL, CMD_WRITES, "PATCH.json", \
	    "amend a change file (one that shipped: a new change)") \
	CMD(TABLE,	"table",	NULL, CMD_WRITES, "NAME", "show a table") \
	CMD(RECOVER,	"recover",	NULL, CMD_WRITES, "", \
	    "restore unsaved edits an editor left (one that crashed or was killed)") \
	CMD(REVIEW,	"review",	NULL, 0, "[REV | PATCH.json]", "read-only review") \
	CMD(EXPORT,	"export",	NULL, 0, "FILE", "the review as markdown") \
	CMD(SET,	"set",		NULL, 0, "NAME = VALUE", \
	    "theme (default, light, mono, colorblind), mouse (true, false), " \
	    "tab (diff, mysql, postgres, sqlite, policy, files)") \
	CMD(BIND,	"bind",		NULL, 0, "KEYMAP KEY REQUEST", "bind a key") \
	CMD(COLOR,	"color",	NULL, 0, "ELEMENT FG BG [ATTR...]", "set a colour") \
	CMD(MESSAGES,	"messages",	NULL, 0, "", "the configuration files' problems") \
	CMD(SAVE_DISPLAY, "save-display", NULL, 0, "FILE", "the screen as text") \
	CMD(TUTORIAL,	"tutorial",	NULL, CMD_WRITES, "[next|back|text|quit|restart]", \
	    "the guided tutorial") \
	CMD(HELP,	"help",		NULL, 0, "", "this help")

enum command_flags {
	CMD_WRITES = 1u << 0,	/* changes the session: refused in review mode */
};

struct command_info {
	const char *name, *alias;
	unsigned flags;
	const char *args, *help;
	void (*run)(struct app *a, const char *arg);
};

/* The command named (or aliased) `name`, NULL when none. */
const struct command_info *command_find(const char *name);
/* Every command, in CMD_INFO's order; NULL-terminated. */
const struct command_info *command_list(size_t *n);

void app_request(struct app *a, enum request req);
/* Runs one command line (without the ':'). */
void app_command(struct app *a, const char *line);
/* The help text, generated from the requests and the key bindings. */
void help_text(mw_buf *out);

#endif /* MWSCHEMA_TUI_COMMAND_H */
