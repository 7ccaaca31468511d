/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Review mode: the schema changes of a commit, a range or a change file
 * (mwschema/review.h) shown read-only in the editor's own panes. The table
 * list becomes the list of changes, the editor pane the current change's
 * status (drift and updater entry per DBMS, round trip per step, lint), and
 * the preview keeps its tabs (Diff, the SQL per DBMS or its rollback,
 * Policy, Files) over the change instead of the edit in progress. Editing
 * requests are refused while a review is open; `:export FILE` writes the
 * markdown summary.
 */
#ifndef MWSCHEMA_TUI_REVIEW_H
#define MWSCHEMA_TUI_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/review.h"
#include "tui/view.h"

struct review_ui {
	mw_review *review;
	size_t cur;		/* index of the item shown */
	bool rollback;		/* the SQL tabs show the rollback */
	bool owned;		/* review_close frees the review */
	bool standalone;	/* `mwschema review`: q quits; else q goes back to editing */
	unsigned gen;		/* changes whenever what is shown changes */
};

/*
 * Shows `review` in the panes of `a` (replacing any open review). With
 * `owned`, review_close frees it; with `standalone`, q quits the program.
 */
void review_open(struct app *a, mw_review *review, bool owned, bool standalone);
/* Back to the editor's views; a no-op without a review. */
void review_close(struct app *a);
/* The item shown; NULL without a review or when it has no items. */
const mw_review_item *review_current(const struct app *a);
/* Shows item `index` (clamped) and resets the panes' scrolling. */
void review_show(struct app *a, size_t index);
/* A key for caches of what review mode shows; 0 without a review. */
unsigned review_generation(const struct app *a);

/*
 * Dispatch hooks for command.c. review_request takes the review requests
 * (`]`, `[`, rollback), q when the review was opened from the editor, and
 * refuses editing requests in review mode; true when it took `req`.
 * review_command does the same in review mode for `:q` and the commands
 * that would write (`writes`, from CMD_INFO).
 */
bool review_request(struct app *a, enum request req);
bool review_command(struct app *a, const char *cmd, bool writes);
/* `:review [REV | PATCH.json]` and `:export FILE`. */
void review_open_command(struct app *a, const char *arg);
void review_export_command(struct app *a, const char *path);

/* The title bar in review mode: what is reviewed, and the problem summary. */
void review_title(const struct app *a, mw_buf *title, mw_buf *state, bool *problem);

/* Review views (view_review.c): the preview's text and findings for the current item. */
void review_preview_text(const struct app *a, mw_buf *out);
const mw_diags *review_findings(const struct app *a);

#endif /* MWSCHEMA_TUI_REVIEW_H */
