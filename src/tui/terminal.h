/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The terminal outside curses: putting it back from a signal handler, and
 * lending it to the user's $EDITOR.
 */
#ifndef MWSCHEMA_TUI_TERMINAL_H
#define MWSCHEMA_TUI_TERMINAL_H

#include "mwschema/buf.h"

/* Remembers the terminal's mode; call before curses takes it. */
void terminal_save_mode(void);
/* Prepares the escape sequences that leave curses' screen; after newterm. */
void terminal_prepare_restore(void);
/*
 * Async-signal-safe: leaves the alternate screen, shows the cursor, turns
 * the mouse off and puts the saved mode back (write and tcsetattr only).
 */
void terminal_restore_from_signal(void);

/*
 * Runs $VISUAL, else $EDITOR, else vi on `path` at `line` (0 = top), as git
 * does (through sh, so "code -w" works), curses suspended meanwhile. 0, or
 * -1 with a sentence in err.
 */
int terminal_edit_file(const char *path, long line, mw_buf *err);

#endif /* MWSCHEMA_TUI_TERMINAL_H */
