/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Views (tig's struct view / view_ops): a pane with a line cursor. The ops
 * say how many lines there are, draw one of them, title the pane and take
 * view-specific requests; moving, scrolling and focus are generic.
 */
#ifndef MWSCHEMA_TUI_VIEW_H
#define MWSCHEMA_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "tui/keys.h"
#include "tui/request.h"
#include "editor/session.h"
#include "editor/msglog.h"

typedef struct _win_st WINDOW;
struct app;
struct view;

struct view_ops {
	const char *name;		/* "tables", for messages */
	enum keymap_id keymap;
	size_t (*lines)(struct view *v);
	/* selected: 0 no, 1 cursor line of an unfocused pane, 2 focused */
	void (*draw)(struct view *v, size_t lineno, int y, int selected);
	void (*title)(struct view *v, int width);	/* draws row 0 */
	/* Returns REQ_NONE when handled, or a request for the generic driver. */
	enum request (*request)(struct view *v, enum request req);
	void (*select)(struct view *v);	/* the cursor moved to v->lineno */
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	WINDOW *win;			/* row 0 is the pane title */
	int height, width;		/* of the window */
	size_t offset;			/* first line shown */
	size_t lineno;			/* cursor */
	int hscroll;			/* cells scrolled right */
};

enum pane { PANE_TABLES, PANE_EDITOR, PANE_PREVIEW, PANE_COUNT };

enum preview_tab {
	TAB_DIFF, TAB_MYSQL, TAB_POSTGRES, TAB_SQLITE, TAB_POLICY, TAB_FILES, TAB_COUNT
};

struct app {
	struct session *s;
	struct view views[PANE_COUNT];
	int focus;			/* enum pane */
	enum preview_tab tab;
	struct review_ui *review;	/* review mode (review.h), NULL = editing */
	char *filter;			/* table list filter, NULL = none */
	mw_buf status;			/* message for the status line */
	bool status_error;
	bool quit;
	bool no_color;
	char *recovery_note;		/* shown once at start */
	struct tutorial *tutorial;	/* the guided tutorial, NULL = off (tutorial.h) */
	int start_tutorial;		/* on quit: 1 open the tutorial, 2 start it over */
	bool show_rollback;		/* editor: the SQL tabs show the rollback */
	int form_h;			/* rows a docked form wants, 0 = no form */
	struct msglog log;		/* every status message, for :messages */
	bool wrap;			/* the preview wraps long lines */
};

extern const struct view_ops tables_ops, editor_ops, preview_ops;
extern const struct view_ops review_list_ops, review_summary_ops;

/* Generic movement and drawing. */
void view_draw(struct view *v, bool focused);
bool view_move(struct view *v, enum request req);
void view_clamp(struct view *v);
int view_body_height(const struct view *v);

/* "a, b, c" into out. */
void view_join_names(mw_buf *out, char *const *v, size_t n);

/* Status line messages (tig's report / report_error). */
void app_info(struct app *a, const char *fmt, ...) MW_PRINTF(2, 3);
int app_error(struct app *a, const char *fmt, ...) MW_PRINTF(2, 3);

/* Editor selection, for the edit actions. */
enum editor_item { ITEM_NONE, ITEM_COLUMN, ITEM_INDEX, ITEM_PK, ITEM_DROPPED };
enum editor_item editor_selected(struct app *a, size_t *index);
void editor_select_column(struct app *a, const char *name);

/* The preview tab drawn at column x of the pane's title row, -1 for none. */
int preview_tab_at(const struct view *v, int x);

/* Table list. */
void tables_sync_cursor(struct app *a);

#endif /* MWSCHEMA_TUI_VIEW_H */
