/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line: readline's callback interface hosted in the status
 * window (tig's prompt.c), with history kept across sessions and
 * completion of commands, requests, tables and columns.
 */
#ifndef MWSCHEMA_TUI_PROMPT_H
#define MWSCHEMA_TUI_PROMPT_H

struct app;

void prompt_init(void);
/* Saves the history. */
void prompt_done(void);
/*
 * Reads one line after `prompt` (":" or "/"). Returns a malloc'd line, or
 * NULL when cancelled with Esc / C-c / C-g. Lines read with `history` are
 * remembered. `on_change`, if given, sees the text after every key (live
 * filtering).
 */
char *prompt_read(struct app *a, const char *prompt, int history,
		  void (*on_change)(struct app *a, const char *text));

#endif /* MWSCHEMA_TUI_PROMPT_H */
