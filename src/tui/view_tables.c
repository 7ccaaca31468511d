/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table list: every table of the schema (and a new one), filtered by
 * `/`. Moving the cursor shows that table in the editor.
 */
#include <config.h>

#include "tui/view.h"
#include "tui/curses.h"
#include "tui/draw.h"

#include <string.h>

static bool
matches(const struct app *a, const mw_table *t)
{
	return !a->filter || !*a->filter || strstr(t->name, a->filter);
}

/* The table index of the n-th visible line, -1 when there is none. */
static long
nth_table(const struct app *a, size_t n)
{
	size_t count = session_ntables(a->s);

	for (size_t i = 0; i < count; i++)
		if (matches(a, session_table(a->s, (long)i)) && n-- == 0)
			return (long)i;
	return -1;
}

static size_t
tables_lines(struct view *v)
{
	size_t count = session_ntables(v->app->s), n = 0;

	for (size_t i = 0; i < count; i++)
		n += matches(v->app, session_table(v->app->s, (long)i));
	return n;
}

static void
tables_draw(struct view *v, size_t lineno, int y, int selected)
{
	struct session *s = v->app->s;
	long i = nth_table(v->app, lineno);
	const mw_table *t = session_table(s, i);
	enum element e = selected == 2 ? ELEM_CURSOR : selected ? ELEM_CURSOR_BLUR : ELEM_DEFAULT;
	bool changed = session_is_changed(s, i);
	int w = v->width - 1;

	draw_text(v->win, y, 0, 2, changed ? "* " : "  ", changed ? ELEM_ROW_CHANGED : e, 1);
	draw_text(v->win, y, 2, w - 2, t->name, e, 1);
	mvwvline(v->win, y, w, ACS_VLINE, 1);
}

static void
tables_title(struct view *v, int width)
{
	mw_buf t = MW_BUF_INIT;
	struct app *a = v->app;

	if (a->filter && *a->filter)
		mw_buf_addf(&t, "Tables /%s (%zu/%zu)", a->filter, tables_lines(v),
			    session_ntables(a->s));
	else
		mw_buf_addf(&t, "Tables (%zu)", session_ntables(a->s));
	draw_text(v->win, 0, 0, width - 1, mw_buf_cstr(&t),
		  a->focus == PANE_TABLES ? ELEM_PANE_TITLE_FOCUS : ELEM_PANE_TITLE, 1);
	mvwvline(v->win, 1, width - 1, ACS_VLINE, v->height - 1);
	mw_buf_release(&t);
}

static void
tables_select(struct view *v)
{
	long i = nth_table(v->app, v->lineno);

	if (i >= 0 && i != v->app->s->cur) {
		v->app->s->cur = i;
		v->app->views[PANE_EDITOR].lineno = 1;
		v->app->views[PANE_EDITOR].offset = 0;
	}
}

static enum request
tables_request(struct view *v, enum request req)
{
	if (req == REQ_ENTER) {
		tables_select(v);
		v->app->focus = PANE_EDITOR;
		return REQ_NONE;
	}
	return req;
}

void
tables_sync_cursor(struct app *a)
{
	struct view *v = &a->views[PANE_TABLES];
	size_t n = tables_lines(v);

	for (size_t i = 0; i < n; i++) {
		if (nth_table(a, i) == a->s->cur) {
			v->lineno = i;
			view_clamp(v);
			return;
		}
	}
	/* The shown table is filtered out: show the first match instead. */
	if (n) {
		v->lineno = 0;
		tables_select(v);
	}
}

const struct view_ops tables_ops = {
	.name = "tables",
	.keymap = KEYMAP_TABLES,
	.lines = tables_lines,
	.draw = tables_draw,
	.title = tables_title,
	.request = tables_request,
	.select = tables_select,
};

/* vim: set ts=8 sw=8 noexpandtab: */
