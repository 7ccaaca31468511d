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

/* Line layout: header, columns, header, indexes, header, key. */
struct layout {
	size_t ncol, nidx;
};

static const mw_table *
shown(const struct app *a)
{
	return session_table(a->s, a->s->cur);
}

static struct layout
layout_of(const mw_table *t)
{
	struct layout l = { t ? t->ncolumns : 0, t ? t->nindexes : 0 };

	return l;
}

static size_t
editor_lines(struct view *v)
{
	struct layout l = layout_of(shown(v->app));

	return shown(v->app) ? 1 + l.ncol + 1 + l.nidx + 2 : 0;
}

enum editor_item
editor_selected(struct app *a, size_t *index)
{
	struct layout l = layout_of(shown(a));
	size_t n = a->views[PANE_EDITOR].lineno;

	if (n >= 1 && n <= l.ncol) {
		*index = n - 1;
		return ITEM_COLUMN;
	}
	if (n >= l.ncol + 2 && n < l.ncol + 2 + l.nidx) {
		*index = n - l.ncol - 2;
		return ITEM_INDEX;
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

static void
draw_column(struct view *v, const mw_table *t, size_t i, int y, enum element e)
{
	const mw_column *c = &t->columns[i];
	const mw_table *before = session_before(v->app->s);
	bool mine = session_is_changed(v->app->s, v->app->s->cur);
	const mw_column *old = mine && before ? mw_table_column(before, c->name) : NULL;
	struct grid g = grid_for(t, v->width);
	char len[24] = "", def[256];
	const char *mark = !mine ? " " : !old ? "+" : !mw_column_equal(old, c) ? "~" : " ";
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
		e = *mark == '+' ? ELEM_ROW_ADDED : ELEM_ROW_CHANGED;
	draw_cells(v, y, cells, widths, 9, e);
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
draw_list(mw_buf *out, char *const *v, size_t n)
{
	mw_buf_adds(out, "(");
	view_join_names(out, v, n);
	mw_buf_adds(out, ")");
}

static void
editor_draw(struct view *v, size_t lineno, int y, int selected)
{
	const mw_table *t = shown(v->app);
	struct layout l = layout_of(t);
	enum element e = selected == 2 ? ELEM_CURSOR : selected ? ELEM_CURSOR_BLUR : ELEM_DEFAULT;
	mw_buf text = MW_BUF_INIT;

	if (lineno == 0) {
		draw_grid_header(v, t, y);
	} else if (lineno <= l.ncol) {
		draw_column(v, t, lineno - 1, y, e);
	} else if (lineno == l.ncol + 1) {
		mw_buf_addf(&text, "Indexes (%zu)", l.nidx);
		draw_text(v->win, y, 0, v->width, mw_buf_cstr(&text), selected ? e : ELEM_SECTION, 1);
	} else if (lineno < l.ncol + 2 + l.nidx) {
		const mw_index *ix = &t->indexes[lineno - l.ncol - 2];

		mw_buf_addf(&text, "  %s%s ", ix->name, ix->unique ? " UNIQUE" : "");
		draw_list(&text, ix->columns, ix->ncolumns);
		draw_text(v->win, y, 0, v->width, mw_buf_cstr(&text), e, 1);
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
		mw_buf_addf(&text, "Table %s: %zu columns, %zu indexes%s", t->name, t->ncolumns,
			    t->nindexes, session_is_changed(v->app->s, v->app->s->cur)
					 ? " (changed)" : "");
	else
		mw_buf_adds(&text, "No table");
	draw_text(v->win, 0, 0, width, mw_buf_cstr(&text),
		  v->app->focus == PANE_EDITOR ? ELEM_PANE_TITLE_FOCUS : ELEM_PANE_TITLE, 1);
	mw_buf_release(&text);
}

static enum request
editor_request(struct view *v, enum request req)
{
	return req;
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
