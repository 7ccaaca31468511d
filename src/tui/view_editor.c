/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table editor: a grid of columns, then the indexes, then the primary
 * key. Rows the change adds or modifies are marked; edits themselves are
 * in actions.c.
 */
#include <config.h>

#include "tui/view.h"
#include "tui/curses.h"
#include "tui/draw.h"

#include <stdio.h>
#include <string.h>

/*
 * Line layout: header, columns, header, indexes, header, key. The columns
 * and indexes the change drops follow the others in their section, marked
 * "-" (ncol and nidx count them; they cannot be selected for editing).
 */
struct layout {
	size_t ncol, nidx;		/* all rows of the section */
	size_t live_col, live_idx;	/* the table's own, first */
};

static const mw_table *
shown(const struct app *a)
{
	return session_table(a->s, a->s->cur);
}

/* The loaded version, when the table on screen is the one changed. */
static const mw_table *
before_of(const struct app *a)
{
	return session_is_changed(a->s, a->s->cur) ? session_before(a->s) : NULL;
}

/* The k-th column of `before` that `t` no longer has; NULL past the last. */
static const mw_column *
dropped_column(const mw_table *before, const mw_table *t, size_t k)
{
	for (size_t i = 0; before && i < before->ncolumns; i++)
		if (!mw_table_column(t, before->columns[i].name) && !k--)
			return &before->columns[i];
	return NULL;
}

static const mw_index *
dropped_index(const mw_table *before, const mw_table *t, size_t k)
{
	for (size_t i = 0; before && i < before->nindexes; i++)
		if (!mw_table_index(t, before->indexes[i].name) && !k--)
			return &before->indexes[i];
	return NULL;
}

static struct layout
layout_for(const struct app *a)
{
	const mw_table *t = shown(a), *before = before_of(a);
	struct layout l = { 0, 0, 0, 0 };

	if (!t)
		return l;
	l.ncol = l.live_col = t->ncolumns;
	l.nidx = l.live_idx = t->nindexes;
	while (dropped_column(before, t, l.ncol - l.live_col))
		l.ncol++;
	while (dropped_index(before, t, l.nidx - l.live_idx))
		l.nidx++;
	return l;
}

static size_t
editor_lines(struct view *v)
{
	struct layout l = layout_for(v->app);

	return shown(v->app) ? 1 + l.ncol + 1 + l.nidx + 2 : 0;
}

enum editor_item
editor_selected(struct app *a, size_t *index)
{
	struct layout l = layout_for(a);
	size_t n = a->views[PANE_EDITOR].lineno;

	if (n >= 1 && n <= l.live_col) {
		*index = n - 1;
		return ITEM_COLUMN;
	}
	if (n >= l.ncol + 2 && n < l.ncol + 2 + l.live_idx) {
		*index = n - l.ncol - 2;
		return ITEM_INDEX;
	}
	if ((n > l.live_col && n <= l.ncol) || (n >= l.ncol + 2 + l.live_idx && n < l.ncol + 2 + l.nidx)) {
		*index = 0;
		return ITEM_DROPPED;
	}
	if (n >= l.ncol + 2 + l.nidx) {
		*index = 0;
		return ITEM_PK;
	}
	*index = 0;
	return ITEM_NONE;
}

void
editor_select_column(struct app *a, const char *name)
{
	long pos = shown(a) ? mw_table_column_pos(shown(a), name) : -1;

	if (pos >= 0) {
		a->views[PANE_EDITOR].lineno = (size_t)pos + 1;
		view_clamp(&a->views[PANE_EDITOR]);
	}
}

/* Grid geometry for the current width. */
struct grid {
	int name, type, len, null, uns, def, ai;
};

static struct grid
grid_for(const mw_table *t, int width)
{
	struct grid g = { 6, 11, 5, 4, 3, 9, 3 };

	for (size_t i = 0; i < t->ncolumns; i++) {
		int w = draw_width(t->columns[i].name);

		if (w > g.name)
			g.name = w;
	}
	if (g.name > (width > 100 ? 28 : 18))
		g.name = width > 100 ? 28 : 18;
	if (width > 100)
		g.def = 16;
	return g;
}

static void
format_default(char *out, size_t size, const mw_value *v)
{
	switch (v->kind) {
	case MW_V_NONE:
		snprintf(out, size, "%s", "");
		break;
	case MW_V_NULL:
		snprintf(out, size, "NULL");
		break;
	case MW_V_STRING:
		snprintf(out, size, "'%s'", v->text);
		break;
	case MW_V_BOOL:
		snprintf(out, size, "%s", v->text && *v->text ? "true" : "false");
		break;
	default:
		snprintf(out, size, "%s", v->text ? v->text : "");
	}
}

/* Draws `cells` in order with one blank between them; the last takes the rest. */
static void
draw_cells(struct view *v, int y, const char *const *text, const int *width, int n,
	   enum element e)
{
	int x = 0;

	for (int i = 0; i < n && x < v->width; i++) {
		int w = i == n - 1 || x + width[i] > v->width ? v->width - x : width[i] + 1;

		draw_text(v->win, y, x, w, text[i], e, 1);
		x += w;
	}
}

static enum element
mark_element(char mark)
{
	return mark == '+' ? ELEM_ROW_ADDED : mark == '-' ? ELEM_DIFF_DEL : ELEM_ROW_CHANGED;
}

static void
draw_list(mw_buf *out, char *const *v, size_t n)
{
	mw_buf_adds(out, "(");
	view_join_names(out, v, n);
	mw_buf_adds(out, ")");
}

static void
draw_column(struct view *v, const mw_table *t, const mw_column *c, int y, enum element e)
{
	const mw_table *before = before_of(v->app);
	bool dropped = !mw_table_column(t, c->name);
	const mw_column *old = before ? mw_table_column(before, c->name) : NULL;
	struct grid g = grid_for(t, v->width);
	char len[24] = "", def[256];
	const char *mark = !before ? " " : dropped ? "-" : !old ? "+" : !mw_column_equal(old, c) ? "~" : " ";
	const char *cells[9];
	int widths[9] = { 1, g.name, g.type, g.len, g.null, g.uns, g.def, g.ai, 0 };

	if (c->has_length)
		snprintf(len, sizeof(len), "%lld", c->length);
	format_default(def, sizeof(def), &c->deflt);
	cells[0] = mark;
	cells[1] = c->name;
	cells[2] = mw_type_name(c->type);
	cells[3] = len;
	cells[4] = c->notnull ? "no" : "yes";
	cells[5] = c->is_unsigned ? "yes" : "";
	cells[6] = def;
	cells[7] = c->autoincrement ? "yes" : "";
	cells[8] = c->comment ? c->comment : "";
	if (e == ELEM_DEFAULT && *mark != ' ')
		e = mark_element(*mark);
	draw_cells(v, y, cells, widths, 9, e);
}

/* "+" new, "~" changed, "-" dropped by the change, " " as loaded. */
static char
index_mark(const struct app *a, const mw_table *t, const mw_index *ix)
{
	const mw_table *before = before_of(a);
	const mw_index *old = before ? mw_table_index(before, ix->name) : NULL;

	if (!before)
		return ' ';
	if (!mw_table_index(t, ix->name))
		return '-';
	return !old ? '+' : !mw_index_equal(old, ix) ? '~' : ' ';
}

static void
draw_index(struct view *v, const mw_table *t, const mw_index *ix, int y, enum element e)
{
	mw_buf text = MW_BUF_INIT;
	char mark = index_mark(v->app, t, ix);

	mw_buf_addf(&text, "%c %s%s ", mark, ix->name, ix->unique ? " UNIQUE" : "");
	draw_list(&text, ix->columns, ix->ncolumns);
	if (e == ELEM_DEFAULT && mark != ' ')
		e = mark_element(mark);
	draw_text(v->win, y, 0, v->width, mw_buf_cstr(&text), e, 1);
	mw_buf_release(&text);
}

static void
draw_grid_header(struct view *v, const mw_table *t, int y)
{
	struct grid g = grid_for(t, v->width);
	static const char *const cells[9] = {
		"", "column", "type", "len", "null", "uns", "default", "ai", "comment",
	};
	int widths[9] = { 1, g.name, g.type, g.len, g.null, g.uns, g.def, g.ai, 0 };

	draw_cells(v, y, cells, widths, 9, ELEM_GRID_HEADER);
}

static void
editor_draw(struct view *v, size_t lineno, int y, int selected)
{
	const mw_table *t = shown(v->app);
	struct layout l = layout_for(v->app);
	enum element e = selected == 2 ? ELEM_CURSOR : selected ? ELEM_CURSOR_BLUR : ELEM_DEFAULT;
	mw_buf text = MW_BUF_INIT;

	if (lineno == 0) {
		draw_grid_header(v, t, y);
	} else if (lineno <= l.live_col) {
		draw_column(v, t, &t->columns[lineno - 1], y, e);
	} else if (lineno <= l.ncol) {
		draw_column(v, t, dropped_column(before_of(v->app), t, lineno - 1 - l.live_col), y, e);
	} else if (lineno == l.ncol + 1) {
		mw_buf_addf(&text, "Indexes (%zu)", l.live_idx);
		draw_text(v->win, y, 0, v->width, mw_buf_cstr(&text), selected ? e : ELEM_SECTION, 1);
	} else if (lineno < l.ncol + 2 + l.live_idx) {
		draw_index(v, t, &t->indexes[lineno - l.ncol - 2], y, e);
	} else if (lineno < l.ncol + 2 + l.nidx) {
		draw_index(v, t, dropped_index(before_of(v->app), t, lineno - l.ncol - 2 - l.live_idx),
			   y, e);
	} else if (lineno == l.ncol + 2 + l.nidx) {
		draw_text(v->win, y, 0, v->width, "Primary key", selected ? e : ELEM_SECTION, 1);
	} else {
		mw_buf_adds(&text, "  ");
		if (t->npk)
			draw_list(&text, t->pk, t->npk);
		else
			mw_buf_adds(&text, "(none)");
		draw_text(v->win, y, 0, v->width, mw_buf_cstr(&text), e, 1);
	}
	mw_buf_release(&text);
}

static void
editor_title(struct view *v, int width)
{
	const mw_table *t = shown(v->app);
	mw_buf text = MW_BUF_INIT;

	if (t)
		mw_buf_addf(&text, "Table %s: %zu column%s, %zu %s%s", t->name, t->ncolumns,
			    t->ncolumns == 1 ? "" : "s", t->nindexes,
			    t->nindexes == 1 ? "index" : "indexes",
			    session_is_changed(v->app->s, v->app->s->cur) ? " (changed)" : "");
	else
		mw_buf_adds(&text, "No table");
	draw_text(v->win, 0, 0, width, mw_buf_cstr(&text),
		  v->app->focus == PANE_EDITOR ? ELEM_PANE_TITLE_FOCUS : ELEM_PANE_TITLE, 1);
	mw_buf_release(&text);
}

/* Row 0 is the grid's header: moving up stops on the first column. */
static enum request
editor_request(struct view *v, enum request req)
{
	if (req != REQ_MOVE_UP && req != REQ_MOVE_FIRST && req != REQ_MOVE_PAGE_UP)
		return req;
	view_move(v, req);
	if (v->lineno == 0 && editor_lines(v) > 1) {
		v->lineno = 1;
		view_clamp(v);
	}
	return REQ_NONE;
}

const struct view_ops editor_ops = {
	.name = "editor",
	.keymap = KEYMAP_EDITOR,
	.lines = editor_lines,
	.draw = editor_draw,
	.title = editor_title,
	.request = editor_request,
	.select = NULL,
};

/* vim: set ts=8 sw=8 noexpandtab: */
