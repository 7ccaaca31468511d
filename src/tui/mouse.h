/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The mouse, when `set mouse = true`: a click focuses the pane under it and
 * selects the row (or the preview tab) clicked, the wheel scrolls the pane
 * under the pointer. Keys are never affected: with the mouse off curses
 * reports no mouse events at all.
 */
#ifndef MWSCHEMA_TUI_MOUSE_H
#define MWSCHEMA_TUI_MOUSE_H

#include <stdbool.h>

struct app;

/* Asks the terminal for mouse reports, or stops them. */
void mouse_enable(bool on);
bool mouse_enabled(void);
/* Acts on the event behind a KEY_FN(KEY_MOUSE) key. */
void mouse_handle(struct app *a);
/* For modal windows (pager): -1 wheel up, 1 wheel down, 0 anything else. */
int mouse_wheel(void);

#endif /* MWSCHEMA_TUI_MOUSE_H */
