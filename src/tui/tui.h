/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses front end's entry point.
 */
#ifndef MWSCHEMA_TUI_H
#define MWSCHEMA_TUI_H

/* Opens the editor; argv as given to mwschema (options: --demo, DIR). */
int tui_main(int argc, char **argv);

#endif /* MWSCHEMA_TUI_H */
