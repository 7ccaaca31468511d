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
	free(a->filter);
	mw_buf_release(&a->status);
}

static void
offer_recovery(struct app *a)
{
	mw_buf err = MW_BUF_INIT;

	if (!session_recovery_exists(a->s))
		return;
	display_redraw(a);
	if (display_ask(a, "Unsaved edits from an earlier session were found. Restore them? (y/n)")) {
		if (session_recover(a->s, &err))
			app_error(a, "recovery failed: %s", mw_buf_cstr(&err));
		else {
			tables_sync_cursor(a);
			app_info(a, "restored the unsaved change %s", a->s->change_name);
		}
	} else {
		session_discard_recovery(a->s);
		app_info(a, "recovery file discarded");
	}
	mw_buf_release(&err);
}

static void
main_loop(struct app *a)
{
	while (!a->quit) {
		int key;
		enum request req;

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

static int
parse_args(int argc, char **argv, const char **dir, bool *demo)
{
	*dir = ".";
	*demo = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--demo"))
			*demo = true;
		else if (argv[i][0] != '-')
			*dir = argv[i];
		else {
			fprintf(stderr, "mwschema: unknown option '%s'\n", argv[i]);
			return -1;
		}
	}
	return 0;
}

int
tui_main(int argc, char **argv)
{
	const char *dir;
	char *demo_dir = NULL;
	bool demo;
	struct session *s;
	struct app a;
	mw_buf err = MW_BUF_INIT;

	if (parse_args(argc, argv, &dir, &demo))
		return 2;
	if (demo) {
		if (adapt_demo_copy(&demo_dir, &err))
			goto fail;
		dir = demo_dir;
	}
	if (session_open(&s, dir, &err))
		goto fail;
	app_init(&a, s);
	if (display_init(&a)) {
		session_free(s);
		free(demo_dir);
		return 1;
	}
	prompt_init();
	options_load(&a, s->ws->rc, &s->ws->rc_problems);
	if (demo)
		app_info(&a, "demo workspace: %s", demo_dir);
	offer_recovery(&a);
	main_loop(&a);
	if (s->autosave_due)
		session_autosave(s);
	prompt_done();
	options_free();
	app_free(&a);
	display_done();
	if (!s->dirty)
		session_discard_recovery(s);
	session_free(s);
	free(demo_dir);
	return 0;
fail:
	fprintf(stderr, "mwschema: %s\n", mw_buf_cstr(&err));
	mw_buf_release(&err);
	free(demo_dir);
	return 1;
}

/* vim: set ts=8 sw=8 noexpandtab: */
