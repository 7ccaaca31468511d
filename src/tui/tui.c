/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses front end (placeholder until the editor lands).
 */
#include <config.h>

#include "tui/tui.h"

#include <curses.h>

int
tui_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	initscr();
	mvprintw(0, 0, "mwschema %s - the editor is not built yet; press any key", PACKAGE_VERSION);
	refresh();
	getch();
	endwin();
	return 0;
}
