/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses life cycle and the screen layout: title bar, three panes,
 * status line; one doupdate() per iteration; KEY_RESIZE re-layouts.
 */
#ifndef MWSCHEMA_TUI_DISPLAY_H
#define MWSCHEMA_TUI_DISPLAY_H

#include <stdbool.h>

#include "tui/view.h"

/* newterm on the tty (or /dev/null output with MWSCHEMA_NO_DISPLAY). 0 or -1. */
int display_init(struct app *a);
void display_done(void);
bool display_active(void);

/* Positions every window for the current LINES x COLS. */
void display_layout(struct app *a);
/*
 * The next display_done leaves curses' screen up, and the next
 * display_init takes it over: an editor started from another (:tutorial)
 * never shows the shell's screen in between.
 */
void display_keep(void);
/* Where a form docks: the editor pane's place (beside or above the preview). */
void display_form_rect(struct app *a, int *y, int *x, int *h, int *w);
/* Draws title, panes and status into the virtual screen (no doupdate). */
void display_render(struct app *a);
/* render + doupdate. */
void display_redraw(struct app *a);
/*
 * Waits for one key (KEY_FN-encoded for function keys). A resize is
 * handled here (layout + redraw) and then reported as KEY_FN(KEY_RESIZE)
 * so modal windows can draw themselves again.
 */
int display_getkey(struct app *a);
/* The status-line window (readline draws there). */
WINDOW *display_status_win(void);
/* Yes/no question in the status line; Esc = no. */
bool display_ask(struct app *a, const char *question);
/*
 * A question whose answers are single keys (`keys`, lower case): returns
 * the key pressed, the first one for Enter (the default), 0 for Esc / C-c.
 */
int display_choice(struct app *a, const char *question, const char *keys);
/* `path` with the home directory as "~" (caller frees). */
char *display_tilde(const char *path);
/* A message too long for the status line, wrapped over the bottom rows until a key. */
void display_notice(struct app *a, const char *fmt, ...) MW_PRINTF(2, 3);
/* A read-only scrollable text over the main area; q/Esc closes. */
void display_pager(struct app *a, const char *title, const char *text);
/* Appends `line` cut into pieces of at most `width` cells, at blanks where possible. */
void display_wrap_line(mw_buf *out, const char *line, int width);
/* The next redraw repaints every cell (C-l). */
void display_force_redraw(void);
/* Writes the screen as text (cells, no attributes) to `path`. 0 or -1. */
int display_save(const char *path);

#endif /* MWSCHEMA_TUI_DISPLAY_H */
