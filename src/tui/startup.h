/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the editor says and asks when it opens, before the first key: a
 * checkout that does not load (file:line:col, and $EDITOR to fix it), other
 * editors on the same checkout, edits a crashed editor left, and changes
 * written but not committed.
 */
#ifndef MWSCHEMA_TUI_STARTUP_H
#define MWSCHEMA_TUI_STARTUP_H

#include "tui/view.h"

/*
 * Opens the session on `dir`. When a file does not load, says where (on
 * stderr) and, on a terminal, offers to open it in $EDITOR and try again.
 * 0, or -1 with the reason in err.
 */
int startup_open_session(struct session **out, const char *dir, mw_buf *err);
/* :recover: the next recovery file another editor left, when no change is in progress. */
void startup_recover(struct app *a);
/* The questions, once the screen is up. */
void startup_questions(struct app *a);
/* Resumes the first change written but not committed (for `c`); false when none. */
bool startup_resume_pending(struct app *a);

#endif /* MWSCHEMA_TUI_STARTUP_H */
