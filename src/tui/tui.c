/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The curses front end: arguments, the session, the display and the main
 * loop (one redraw and one key per iteration).
 */
#include <config.h>

#include "tui/tui.h"
#include "tui/app.h"
#include "tui/command.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "tui/mouse.h"
#include "tui/options.h"
#include "tui/prompt.h"
#include "tui/review.h"
#include "tui/startup.h"
#include "tui/terminal.h"
#include "tui/tutorial.h"
#include "editor/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
app_init(struct app *a, struct session *s)
{
	static const struct view_ops *const ops[PANE_COUNT] = {
		&tables_ops, &editor_ops, &preview_ops,
	};

	memset(a, 0, sizeof(*a));
	a->s = s;
	for (int i = 0; i < PANE_COUNT; i++) {
		a->views[i].ops = ops[i];
		a->views[i].app = a;
	}
	a->views[PANE_EDITOR].lineno = 1;
	a->focus = PANE_TABLES;
	keys_init();
}

void
app_free(struct app *a)
{
	for (int i = 0; i < PANE_COUNT; i++)
		if (a->views[i].win)
			delwin(a->views[i].win);
	review_close(a);
	free(a->filter);
	mw_buf_release(&a->status);
	msglog_free(&a->log);
	tutorial_free(a);
}

static void
main_loop(struct app *a)
{
	while (!a->quit) {
		int key;
		enum request req;

		tutorial_check(a);
		display_redraw(a);
		key = display_getkey(a);
		if (key == KEY_FN(KEY_RESIZE))
			continue;
		/* A message stays until the next key. */
		mw_buf_reset(&a->status);
		if (key == KEY_FN(KEY_MOUSE)) {
			mouse_handle(a);
			continue;
		}
		req = keys_lookup(a->views[a->focus].ops->keymap, key);
		if (req == REQ_NONE) {
			mw_buf name = MW_BUF_INIT;

			keys_key_name(&name, key);
			app_error(a, "'%s' does nothing here (? lists the keys)", mw_buf_cstr(&name));
			mw_buf_release(&name);
			continue;
		}
		app_request(a, req);
	}
}

/*
 * The tutorial's copy made while the old screen is still up, for the
 * editor :tutorial starts next: no blank terminal while it is copied.
 */
static char *prepared_tutorial;

static void
prepare_next_tutorial(struct app *a, bool restart)
{
	mw_buf err = MW_BUF_INIT;

	app_info(a, "preparing the tutorial's copy of the demo...");
	display_redraw(a);
	/* On failure the next start tries again, and says why. */
	if (tutorial_prepare(&prepared_tutorial, restart, &err))
		prepared_tutorial = NULL;
	mw_buf_release(&err);
}

int
tui_run(const struct tui_start *start, int *next_tutorial)
{
	const char *dir = start->dir ? start->dir : ".";
	char *demo_dir = NULL;
	struct session *s;
	struct app a;
	mw_buf err = MW_BUF_INIT;

	*next_tutorial = 0;
	if (start->tutorial && prepared_tutorial) {
		demo_dir = prepared_tutorial;
		prepared_tutorial = NULL;
		dir = demo_dir;
	} else if (start->demo || start->tutorial) {
		if (start->tutorial ? tutorial_prepare(&demo_dir, start->tutorial == 2, &err)
				    : demo_copy(&demo_dir, &err))
			goto fail;
		dir = demo_dir;
	}
	if (startup_open_session(&s, dir, &err)) {
		free(demo_dir);
		mw_buf_release(&err);
		return 1;	/* the checkout does not load: said why */
	}
	app_init(&a, s);
	if (start->tutorial)
		tutorial_attach(&a, start->tutorial == 2);
	if (start->review)
		review_open(&a, start->review, false, true);
	if (display_init(&a)) {
		app_free(&a);
		session_free(s);
		free(demo_dir);
		return 3;
	}
	/* From here a fatal signal saves the edits and gives the terminal back. */
	session_catch_signals(s, terminal_restore_from_signal);
	prompt_init();
	options_load(&a, s->ws->rc, &s->ws->rc_problems);
	if (start->demo)
		app_info(&a, "demo workspace: %s", demo_dir);
	startup_questions(&a);
	main_loop(&a);
	if (s->autosave_due)
		session_autosave(s);
	session_catch_signals(NULL, NULL);
	prompt_done();
	/* :tutorial closed this editor to open one on the tutorial's copy. */
	*next_tutorial = a.start_tutorial;
	if (a.start_tutorial) {
		prepare_next_tutorial(&a, a.start_tutorial == 2);
		display_keep();
	}
	options_free();
	app_free(&a);
	display_done();
	session_free(s);
	free(demo_dir);
	return 0;
fail:
	fprintf(stderr, "mwschema: %s\n", mw_buf_cstr(&err));
	mw_buf_release(&err);
	free(demo_dir);
	return 3;
}

/* vim: set ts=8 sw=8 noexpandtab: */
