/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside the tutorial: the step table (tutorial_steps.c, data plus one check
 * function per step), the running state (tutorial.c) and the private
 * workspace with its progress file (tutorial_ws.c).
 */
#ifndef MWSCHEMA_TUI_TUTORIAL_INT_H
#define MWSCHEMA_TUI_TUTORIAL_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/tutorial.h"
#include "tui/view.h"

enum tut_result {
	TUT_PENDING,	/* not done yet; `why` may say what is left */
	TUT_WRONG,	/* the editor holds something the step warns about */
	TUT_DONE,
};

struct tut_verdict {
	mw_buf why;		/* what the check saw */
	const char *hint;	/* for TUT_WRONG; NULL = the step's hint */
};

struct tutorial {
	size_t step;			/* index in tut_steps; tut_nsteps = finished */
	bool hidden;
	char *state_dir;
	/* What the editor showed since the step began (or since the last edit). */
	unsigned tabs_gen;		/* session gen the tab bits belong to */
	unsigned seen_tabs;		/* bit per preview tab */
	unsigned seen_panes;		/* bit per focused pane */
	long entry_table;		/* table on screen when the step began */
	unsigned entry_gen;		/* session gen when the step began */
	unsigned entry_commits;
	int stage;			/* step-specific progress */
	mw_table *saved;		/* step-specific copy of the change */
	/* The last verdict, for the panel. */
	enum tut_result result;
	struct tut_verdict v;
	bool just_done;			/* the previous step was completed by the user */
	WINDOW *win;
};

struct tut_step {
	const char *id;		/* stable name, kept in the progress file */
	const char *title;
	const char *explain;	/* the policy point, in our own words */
	const char *task;	/* what to do; "{request-name}" shows the request's key */
	const char *hint;	/* shown with a wrong action */
	enum tut_result (*check)(struct tutorial *t, const struct app *a, struct tut_verdict *v);
	void (*extra)(const struct app *a, mw_buf *out);	/* live text, or NULL */
};

extern const struct tut_step tut_steps[];
extern const size_t tut_nsteps;
extern const char tut_intro[], tut_outro[];

/* tutorial_ws.c: $XDG_STATE_HOME/mwschema/tutorial (caller frees). */
char *tut_state_dir(void);
/* The saved step (0 when none; tut_nsteps when finished). */
size_t tut_progress_load(const char *state_dir);
int tut_progress_save(const char *state_dir, size_t step, mw_buf *err);

#endif /* MWSCHEMA_TUI_TUTORIAL_INT_H */
