/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Cell-width aware text output (tig's draw.c).
 */
#include <config.h>

#include "tui/draw.h"
#include "tui/curses.h"

#include <stdbool.h>
#include <string.h>
#include <wchar.h>

/*
 * C1 controls and the invisible characters that reorder or hide text (a
 * branch name or a commit subject may hold them): shown as '?', one cell,
 * as the CLI shows them as \u202e (diag.c).
 */
static bool
is_hidden(wchar_t wc)
{
	return (wc >= 0x80 && wc <= 0x9F) || (wc >= 0x200B && wc <= 0x200F) ||
	       (wc >= 0x2028 && wc <= 0x202E) || (wc >= 0x2066 && wc <= 0x2069) || wc == 0xFEFF;
}

/* Decodes one character; 1 byte / 1 cell for invalid input, so nothing hangs. */
static size_t
next_char(const char *s, size_t len, int *cells)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cells = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cells = w < 0 || is_hidden(wc) ? 1 : w;
	return n;
}

int
draw_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int total = 0, cells;

	while (i < len) {
		i += next_char(s + i, len - i, &cells);
		total += cells;
	}
	return total;
}

size_t
draw_fit(const char *s, int cells, int *used)
{
	size_t len = strlen(s), i = 0;
	int total = 0, w;

	while (i < len) {
		size_t n = next_char(s + i, len - i, &w);

		if (total + w > cells)
			break;
		total += w;
		i += n;
	}
	if (used)
		*used = total;
	return i;
}

void
draw_fill(WINDOW *win, int y, int x, int width, enum element e)
{
	if (width <= 0)
		return;
	wattrset(win, theme_attr(e));
	mvwhline(win, y, x, ' ', width);
	wattrset(win, A_NORMAL);
}

/* Control characters would move the cursor, hidden ones reorder: shown as '?'. */
static void
put_bytes(WINDOW *win, const char *s, size_t n)
{
	size_t start = 0, i = 0;

	while (i < n) {
		mbstate_t st;
		wchar_t wc;
		size_t len;

		memset(&st, 0, sizeof(st));
		len = mbrtowc(&wc, s + i, n - i, &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			wc = (unsigned char)s[i];
			len = 1;
		}
		if (wc < 0x20 || wc == 0x7f || is_hidden(wc)) {
			waddnstr(win, s + start, (int)(i - start));
			waddch(win, '?');
			start = i + len;
		}
		i += len;
	}
	waddnstr(win, s + start, (int)(n - start));
}

int
draw_text(WINDOW *win, int y, int x, int width, const char *s, enum element e, int pad)
{
	int used = 0, total;
	size_t n;

	if (width <= 0)
		return 0;
	total = draw_width(s);
	n = draw_fit(s, total > width ? width - 1 : width, &used);
	wattrset(win, theme_attr(e));
	wmove(win, y, x);
	put_bytes(win, s, n);
	if (total > width) {
		waddch(win, '~');
		used++;
	}
	if (pad && used < width)
		whline(win, ' ', width - used);
	wattrset(win, A_NORMAL);
	return pad ? width : used;
}

void
draw_box(WINDOW *win, enum element e)
{
	wattrset(win, theme_attr(e));
	box(win, 0, 0);
	wattrset(win, A_NORMAL);
}

/* vim: set ts=8 sw=8 noexpandtab: */
