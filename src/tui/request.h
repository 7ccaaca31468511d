/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named requests: every action the editor can perform, from one X-macro
 * list (tig's REQ_INFO). The list gives the enum, the name table used by
 * `bind` and `:name`, and the help screen, so a new action is one line.
 */
#ifndef MWSCHEMA_TUI_REQUEST_H
#define MWSCHEMA_TUI_REQUEST_H

#include <stdbool.h>

#define REQ_INFO(GROUP, REQ) \
	GROUP("Navigation") \
	REQ(MOVE_UP,		"Move the cursor up") \
	REQ(MOVE_DOWN,		"Move the cursor down") \
	REQ(MOVE_LEFT,		"Scroll left / previous field") \
	REQ(MOVE_RIGHT,		"Scroll right / next field") \
	REQ(MOVE_FIRST,		"Go to the first line") \
	REQ(MOVE_LAST,		"Go to the last line") \
	REQ(MOVE_PAGE_DOWN,	"Move half a page down") \
	REQ(MOVE_PAGE_UP,	"Move half a page up") \
	REQ(NEXT_PANE,		"Focus the next pane") \
	REQ(PREV_PANE,		"Focus the previous pane") \
	REQ(ENTER,		"Open or edit the selected line") \
	GROUP("Preview") \
	REQ(TAB_DIFF,		"Show the before/after diff") \
	REQ(TAB_MYSQL,		"Show the MySQL patch") \
	REQ(TAB_POSTGRES,	"Show the PostgreSQL patch") \
	REQ(TAB_SQLITE,		"Show the SQLite patch") \
	REQ(TAB_POLICY,		"Show the policy findings") \
	REQ(TAB_FILES,		"Show the files that will be written") \
	REQ(TOGGLE_WRAP,	"Wrap long lines in the preview (toggle)") \
	REQ(SEARCH,		"Search the preview or the pager's text") \
	REQ(FIND_NEXT,		"Go to the next match of the search") \
	REQ(FIND_PREV,		"Go to the previous match of the search") \
	GROUP("Editing") \
	REQ(ADD_COLUMN,		"Add a column") \
	REQ(EDIT,		"Edit the selected column, index or key") \
	REQ(DROP,		"Drop the selected column or index") \
	REQ(RENAME,		"Rename the selected column or index") \
	REQ(ADD_INDEX,		"Add an index") \
	REQ(SET_PK,		"Set the primary key") \
	REQ(NEW_TABLE,		"Create a new table") \
	REQ(UNDO,		"Undo the last edit") \
	REQ(REDO,		"Redo the last undone edit") \
	REQ(CHANGE_NAME,	"Edit the change's file name") \
	GROUP("Change") \
	REQ(WRITE,		"Write the change and the generated files") \
	REQ(COMMIT,		"Commit the change with git") \
	REQ(LINT,		"Run the policy checks") \
	REQ(VERIFY,		"Run the SQLite round trip") \
	GROUP("Review") \
	REQ(NEXT_CHANGE,	"Show the next schema change (review mode)") \
	REQ(PREV_CHANGE,	"Show the previous schema change (review mode)") \
	REQ(TOGGLE_ROLLBACK,	"Show the rollback SQL instead of the patch (toggle)") \
	GROUP("General") \
	REQ(FILTER,		"Filter the table list") \
	REQ(PROMPT,		"Open the command line") \
	REQ(LAST_MESSAGE,	"Show the last status message in full (:messages lists all)") \
	REQ(HELP,		"Show this help") \
	REQ(TUTORIAL,		"Show or hide the tutorial panel (starts the tutorial)") \
	REQ(REFRESH,		"Redraw the screen") \
	REQ(QUIT,		"Quit (asks when there are unsaved edits)") \
	REQ(QUIT_FORCE,		"Quit without asking")

#define REQ_GROUP_NONE(name)
#define REQ_ENUM(id, help) REQ_##id,

enum request {
	REQ_NONE = 0,
	REQ_INFO(REQ_GROUP_NONE, REQ_ENUM)
	REQ_COUNT
};

/* "add-column" for REQ_ADD_COLUMN; NULL for REQ_NONE. */
const char *request_name(enum request req);
const char *request_help(enum request req);
/* Accepts "add-column" and "add_column"; REQ_NONE when unknown. */
enum request request_from_name(const char *name);

/* Walks the list in order; `group` is non-NULL on group rows (req = REQ_NONE). */
typedef void (*request_visit_fn)(const char *group, enum request req, void *data);
void request_foreach(request_visit_fn fn, void *data);

#endif /* MWSCHEMA_TUI_REQUEST_H */
