/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Generic view behaviour: drawing the visible lines, cursor movement and
 * scrolling, and the status-line messages.
 */
#include <config.h>

#include "tui/view.h"
#include "tui/curses.h"
#include "tui/draw.h"

#include <stdarg.h>

int
view_body_height(const struct view *v)
{
	return v->height > 1 ? v->height - 1 : 1;
}

void
view_clamp(struct view *v)
{
	size_t n = v->ops && v->app ? v->ops->lines(v) : 0;
	size_t h = (size_t)view_body_height(v);

	if (v->lineno >= n)
		v->lineno = n ? n - 1 : 0;
	if (v->offset > v->lineno)
		v->offset = v->lineno;
	if (v->lineno >= v->offset + h)
		v->offset = v->lineno - h + 1;
}

void
view_draw(struct view *v, bool focused)
{
	size_t n;
	int h = view_body_height(v);

	view_clamp(v);
	n = v->ops->lines(v);
	werase(v->win);
	v->ops->title(v, v->width);
	for (int y = 0; y < h; y++) {
		size_t i = v->offset + (size_t)y;

		if (i >= n)
			break;
		v->ops->draw(v, i, y + 1, i == v->lineno ? (focused ? 2 : 1) : 0);
	}
}

bool
view_move(struct view *v, enum request req)
{
	size_t n = v->ops->lines(v), h = (size_t)view_body_height(v), half = h / 2 ? h / 2 : 1;
	size_t old = v->lineno;

	switch (req) {
	case REQ_MOVE_UP:
		if (v->lineno)
			v->lineno--;
		break;
	case REQ_MOVE_DOWN:
		if (v->lineno + 1 < n)
			v->lineno++;
		break;
	case REQ_MOVE_FIRST:
		v->lineno = 0;
		break;
	case REQ_MOVE_LAST:
		v->lineno = n ? n - 1 : 0;
		break;
	case REQ_MOVE_PAGE_DOWN:
		v->lineno = v->lineno + half < n ? v->lineno + half : (n ? n - 1 : 0);
		v->offset = v->offset + half;
		break;
	case REQ_MOVE_PAGE_UP:
		v->lineno = v->lineno > half ? v->lineno - half : 0;
		v->offset = v->offset > half ? v->offset - half : 0;
		break;
	case REQ_MOVE_RIGHT:
		v->hscroll += 8;
		return true;
	case REQ_MOVE_LEFT:
		v->hscroll = v->hscroll > 8 ? v->hscroll - 8 : 0;
		return true;
	default:
		return false;
	}
	if (v->offset > v->lineno || v->lineno >= v->offset + h) {
		v->offset = v->lineno >= h / 2 ? v->lineno - h / 2 : 0;
	}
	view_clamp(v);
	if (v->lineno != old && v->ops->select)
		v->ops->select(v);
	return true;
}

void
view_join_names(mw_buf *out, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", v[i]);
}

static void
set_status(struct app *a, bool error, const char *fmt, va_list ap)
{
	mw_buf_reset(&a->status);
	mw_buf_vaddf(&a->status, fmt, ap);
	msglog_add(&a->log, error, mw_buf_cstr(&a->status));
	/* Newlines would break the status line; the log keeps them. */
	for (size_t i = 0; i < a->status.len; i++)
		if (a->status.data[i] == '\n')
			a->status.data[i] = ' ';
	a->status_error = error;
}

void
app_info(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(a, false, fmt, ap);
	va_end(ap);
}

int
app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(a, true, fmt, ap);
	va_end(ap);
	return -1;
}

/* vim: set ts=8 sw=8 noexpandtab: */
