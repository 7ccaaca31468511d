/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guided tutorial (`mwschema tutorial`, `:tutorial`): a private copy of
 * the demo, made a git repository in the state directory, and nine steps.
 * Each step explains one point of MediaWiki's database policy in a panel
 * below the panes, asks for it to be done in the editor, and checks the
 * editor's state (change, findings, files, commits) after every request.
 * Progress is saved after each step, so the tutorial can be left and resumed.
 */
#ifndef MWSCHEMA_TUI_TUTORIAL_H
#define MWSCHEMA_TUI_TUTORIAL_H

#include <stdbool.h>

#include "mwschema/buf.h"

struct app;

/*
 * The private workspace: made on first use (or anew with `restart`, which
 * also forgets the progress). *dir receives its path. 0 or -1 with err.
 */
int tutorial_prepare(char **dir, bool restart, mw_buf *err);
/* Runs the tutorial in `a`, at the saved step (a->s is the private workspace). */
void tutorial_attach(struct app *a, bool restart);
void tutorial_free(struct app *a);

/* After each request: checks the current step against the editor's state. */
void tutorial_check(struct app *a);
/* Places the panel just above row `bottom`; returns its height (0 = no panel). */
int tutorial_layout(struct app *a, int bottom, int cols);
void tutorial_draw(struct app *a);

/* REQ_TUTORIAL: shows or hides the panel, or offers to start the tutorial. */
void tutorial_request(struct app *a);
/* ":tutorial [next|back|text|quit|restart]" */
void tutorial_command(struct app *a, const char *arg);

/* The steps as a Markdown document (doc/tutorial.md is this text). */
void tutorial_markdown(mw_buf *out);

#endif /* MWSCHEMA_TUI_TUTORIAL_H */
