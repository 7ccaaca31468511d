/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Review mode's state and dispatch: opening and closing a review over the
 * editor's panes, moving between changes, the rollback toggle, `:review`
 * and `:export`, and refusing edits. The views are in view_review.c.
 */
#include <config.h>

#include "tui/review.h"
#include "tui/display.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>

/* Never reset, so a cache keyed on it cannot mistake one review for another. */
static unsigned review_gen_counter;

static void
reset_pane(struct view *v, size_t lineno)
{
	v->lineno = lineno;
	v->offset = 0;
	v->hscroll = 0;
}

void
review_show(struct app *a, size_t index)
{
	struct review_ui *rv = a->review;

	if (!rv)
		return;
	rv->cur = rv->review->nitems && index >= rv->review->nitems ? rv->review->nitems - 1 : index;
	rv->gen = ++review_gen_counter;
	a->views[PANE_TABLES].lineno = rv->cur;
	view_clamp(&a->views[PANE_TABLES]);
	reset_pane(&a->views[PANE_EDITOR], 0);
	reset_pane(&a->views[PANE_PREVIEW], 0);
}

void
review_close(struct app *a)
{
	struct review_ui *rv = a->review;

	if (!rv)
		return;
	if (rv->owned)
		mw_review_free(rv->review);
	free(rv);
	a->review = NULL;
	a->views[PANE_TABLES].ops = &tables_ops;
	a->views[PANE_EDITOR].ops = &editor_ops;
	reset_pane(&a->views[PANE_TABLES], 0);
	reset_pane(&a->views[PANE_EDITOR], 1);
	reset_pane(&a->views[PANE_PREVIEW], 0);
	if (a->focus != PANE_PREVIEW)
		a->focus = PANE_TABLES;
	tables_sync_cursor(a);
}

void
review_open(struct app *a, mw_review *review, bool owned, bool standalone)
{
	struct review_ui *rv = mw_xcalloc(1, sizeof(*rv));

	/* `:review` over a review keeps q's meaning (quit or back to editing). */
	if (a->review)
		standalone = a->review->standalone;
	review_close(a);
	rv->review = review;
	rv->owned = owned;
	rv->standalone = standalone;
	a->review = rv;
	a->views[PANE_TABLES].ops = &review_list_ops;
	a->views[PANE_EDITOR].ops = &review_summary_ops;
	a->focus = PANE_TABLES;
	review_show(a, 0);
}

const mw_review_item *
review_current(const struct app *a)
{
	return a->review ? mw_review_item_at(a->review->review, a->review->cur) : NULL;
}

unsigned
review_generation(const struct app *a)
{
	return a->review ? a->review->gen : 0;
}

static void
review_step(struct app *a, long delta)
{
	struct review_ui *rv = a->review;
	size_t next = mw_review_step(rv->review, rv->cur, delta);

	if (!rv->review->nitems) {
		app_error(a, "this revision has no schema changes");
		return;
	}
	if (next == rv->cur) {
		app_info(a, "this is the %s change", delta > 0 ? "last" : "first");
		return;
	}
	review_show(a, next);
	app_info(a, "change %zu of %zu: %s", rv->cur + 1, rv->review->nitems,
		 rv->review->items[rv->cur].path);
}

static void
toggle_rollback(struct app *a)
{
	struct review_ui *rv = a->review;

	rv->rollback = !rv->rollback;
	rv->gen = ++review_gen_counter;
	reset_pane(&a->views[PANE_PREVIEW], 0);
	app_info(a, "the SQL tabs show the %s", rv->rollback ? "rollback" : "patch");
}

/* In the editor the same request shows the rollback of the change being edited. */
static void
toggle_editor_rollback(struct app *a)
{
	a->show_rollback = !a->show_rollback;
	reset_pane(&a->views[PANE_PREVIEW], 0);
	app_info(a, "the SQL tabs show the %s of the change", a->show_rollback ? "rollback" : "patch");
}

/* Requests that would change the session, and those whose answer the review already shows. */
static bool
refuse_in_review(struct app *a, enum request req)
{
	const char *back = a->review->standalone ? "quits" : "goes back to editing";

	if (req == REQ_LINT || req == REQ_VERIFY) {
		app_error(a, "review mode shows lint (tab 5) and the round trip already; "
			  "'%s' is for editing", request_name(req));
		return true;
	}
	/* T hides or shows a tutorial's panel; it starts none here. */
	if ((req >= REQ_ADD_COLUMN && req <= REQ_COMMIT) || req == REQ_FILTER ||
	    (req == REQ_TUTORIAL && !a->tutorial)) {
		app_error(a, "review mode is read-only: '%s' is disabled (q %s)", request_name(req),
			  back);
		return true;
	}
	return false;
}

bool
review_request(struct app *a, enum request req)
{
	switch (req) {
	case REQ_NEXT_CHANGE:
	case REQ_PREV_CHANGE:
	case REQ_TOGGLE_ROLLBACK:
		if (req == REQ_TOGGLE_ROLLBACK && !a->review)
			toggle_editor_rollback(a);
		else if (!a->review)
			app_error(a, "no review is open (:review [REV] opens one)");
		else if (req == REQ_TOGGLE_ROLLBACK)
			toggle_rollback(a);
		else
			review_step(a, req == REQ_NEXT_CHANGE ? 1 : -1);
		return true;
	case REQ_QUIT:
	case REQ_QUIT_FORCE:
		if (!a->review || a->review->standalone)
			return false;
		review_close(a);
		app_info(a, "review closed; back to editing");
		return true;
	default:
		return a->review && refuse_in_review(a, req);
	}
}

/*
 * ':' commands
 */

void
review_export_command(struct app *a, const char *path)
{
	mw_buf md = MW_BUF_INIT, err = MW_BUF_INIT;

	if (!a->review)
		app_error(a, "export: no review is open (:review [REV] opens one)");
	else if (!*path)
		app_error(a, "export: which file? (:export FILE)");
	else {
		mw_review_markdown(&md, a->review->review);
		if (mw_write_file_atomic(path, md.data ? md.data : "", md.len, &err))
			app_error(a, "export: %s", mw_buf_cstr(&err));
		else
			app_info(a, "review summary (markdown) written to %s", path);
	}
	mw_buf_release(&md);
	mw_buf_release(&err);
}

static bool
is_json_name(const char *s)
{
	size_t l = strlen(s);

	return l > 5 && !strcmp(s + l - 5, ".json");
}

/* `:review [REV | PATCH.json]`: the same review as the command line's, in this editor. */
void
review_open_command(struct app *a, const char *arg)
{
	mw_review_opts opts = { .dir = a->s->ws->root };
	mw_review *review = NULL;
	mw_buf err = MW_BUF_INIT;

	if (*arg && is_json_name(arg))
		opts.file = arg;
	else if (*arg)
		opts.rev = arg;
	/* The round trip takes a moment: say what is going on first. */
	app_info(a, "reviewing %s...", *arg ? arg : "HEAD");
	display_redraw(a);
	if (mw_review_open(&review, &opts, &err) < 0) {
		app_error(a, "review: %s", mw_buf_cstr(&err));
	} else {
		review_open(a, review, true, false);
		app_info(a, "review of %s: ] / [ move between changes, q goes back to editing",
			 review->title);
	}
	mw_buf_release(&err);
}

bool
review_command(struct app *a, const char *cmd, bool writes)
{
	if (!a->review)
		return false;
	if (!strcmp(cmd, "q") || !strcmp(cmd, "quit"))
		return review_request(a, REQ_QUIT);
	if (!writes)
		return false;
	app_error(a, "review mode is read-only: ':%s' is disabled", cmd);
	return true;
}

void
review_title(const struct app *a, mw_buf *title, mw_buf *state, bool *problem)
{
	const mw_review *r = a->review->review;
	mw_buf warnings = MW_BUF_INIT;
	size_t bad = 0;

	for (size_t i = 0; i < r->nitems; i++)
		bad += r->items[i].problems != 0;
	mw_buf_addf(title, " mwschema review  %s  ", r->title);
	if (!r->nitems)
		mw_buf_adds(state, "no schema changes");
	else
		mw_buf_addf(state, "%zu change%s, ", r->nitems, r->nitems == 1 ? "" : "s");
	if (bad) {
		mw_buf_addf(state, "%zu with problems: ", bad);
		mw_review_problems_describe(state, r->problems);
	} else if (r->nitems)
		mw_buf_adds(state, "no problems");
	/* Warnings do not fail a review, but the headline names them. */
	if (r->nitems && mw_review_warnings(&warnings, r))
		mw_buf_addf(state, "%s%s", bad ? "; " : ", ", mw_buf_cstr(&warnings));
	mw_buf_release(&warnings);
	if (a->review->rollback)
		mw_buf_adds(state, "  [rollback SQL]");
	*problem = bad != 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
