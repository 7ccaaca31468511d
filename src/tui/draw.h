/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Drawing: the only place views touch curses output. Text is measured in
 * terminal cells (wcwidth), cut with '~' when it does not fit, and painted
 * with a theme element.
 */
#ifndef MWSCHEMA_TUI_DRAW_H
#define MWSCHEMA_TUI_DRAW_H

#include <stddef.h>

#include "tui/theme.h"

typedef struct _win_st WINDOW;

/* Cells `s` takes on screen (invalid bytes count as one cell each). */
int draw_width(const char *s);
/* Bytes of `s` that fit in `cells` cells. */
size_t draw_fit(const char *s, int cells, int *used);

/*
 * Draws `s` at (y, x) in at most `width` cells; a cut string ends in '~'.
 * With `pad`, fills the rest of `width` with blanks in the same element.
 * Returns the cells drawn.
 */
int draw_text(WINDOW *win, int y, int x, int width, const char *s, enum element e, int pad);
/* Blanks `width` cells at (y, x) in element `e`. */
void draw_fill(WINDOW *win, int y, int x, int width, enum element e);
/* A box around the window (form borders) in element `e`. */
void draw_box(WINDOW *win, enum element e);

#endif /* MWSCHEMA_TUI_DRAW_H */
