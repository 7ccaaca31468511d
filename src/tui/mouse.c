/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mouse events -> the same state changes keys make: focus, cursor row,
 * preview tab (through its request, so the tab logic stays in one place)
 * and scrolling.
 */
#include <config.h>

#include "tui/mouse.h"
#include "tui/command.h"
#include "tui/curses.h"
#include "tui/view.h"

#define WHEEL_LINES 3

static bool enabled;

void
mouse_enable(bool on)
{
	/* Presses only: with no click resolution, a click acts at once. */
	mmask_t mask = BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;

	mouseinterval(0);
	mousemask(on ? mask : 0, NULL);
	enabled = on;
}

bool
mouse_enabled(void)
{
	return enabled;
}

/* The cursor follows when the lines under it scroll out of sight. */
static void
scroll_view(struct view *v, int lines)
{
	size_t n = v->ops->lines(v), h = (size_t)view_body_height(v), old = v->lineno;
	size_t last = n > h ? n - h : 0;

	if (lines < 0)
		v->offset = v->offset > (size_t)-lines ? v->offset - (size_t)-lines : 0;
	else
		v->offset = v->offset + (size_t)lines < last ? v->offset + (size_t)lines : last;
	if (v->lineno < v->offset)
		v->lineno = v->offset;
	if (v->lineno >= v->offset + h)
		v->lineno = v->offset + h - 1;
	if (v->lineno != old && v->ops->select)
		v->ops->select(v);
}

static void
click_row(struct view *v, int y)
{
	size_t line = v->offset + (size_t)y - 1;

	if (line >= v->ops->lines(v) || line == v->lineno)
		return;
	v->lineno = line;
	view_clamp(v);
	if (v->ops->select)
		v->ops->select(v);
}

static void
click(struct app *a, int pane, int y, int x)
{
	struct view *v = &a->views[pane];
	int tab;

	a->focus = pane;
	if (y > 0)
		click_row(v, y);
	else if (pane == PANE_PREVIEW && (tab = preview_tab_at(v, x)) >= 0)
		app_request(a, (enum request)(REQ_TAB_DIFF + tab));
}

void
mouse_handle(struct app *a)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	for (int i = 0; i < PANE_COUNT; i++) {
		struct view *v = &a->views[i];
		int y = ev.y, x = ev.x;

		if (!v->win || !wmouse_trafo(v->win, &y, &x, FALSE))
			continue;
		if (ev.bstate & BUTTON4_PRESSED)
			scroll_view(v, -WHEEL_LINES);
		else if (ev.bstate & BUTTON5_PRESSED)
			scroll_view(v, WHEEL_LINES);
		else if (ev.bstate & BUTTON1_PRESSED)
			click(a, i, y, x);
		return;
	}
}

int
mouse_wheel(void)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return 0;
	return ev.bstate & BUTTON4_PRESSED ? -1 : ev.bstate & BUTTON5_PRESSED ? 1 : 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
