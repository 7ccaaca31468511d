/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one way src/tui includes curses: wide-character ncurses.
 */
#ifndef MWSCHEMA_TUI_CURSES_H
#define MWSCHEMA_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif /* MWSCHEMA_TUI_CURSES_H */
