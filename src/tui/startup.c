/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's first moments (see startup.h). The order matters: unsaved
 * edits of a crashed editor are the most fragile work, so they come first;
 * changes already written to disk come next.
 */
#include <config.h>

#include "tui/startup.h"
#include "tui/actions.h"
#include "tui/display.h"
#include "tui/terminal.h"
#include "mwschema/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "Open it in vi at line 12 to fix it? [Y/n] " on the plain terminal, under the error. */
static bool
ask_to_edit(const struct session_where *where)
{
	const char *ed = getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
			 : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi";
	char answer[16];

	const char *name = strrchr(ed, '/') ? strrchr(ed, '/') + 1 : ed;

	if (!where->path || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return false;
	printf("Open it in %s at line %ld to fix it? [Y/n] ", name,
	       where->line > 0 ? where->line : 1);
	fflush(stdout);
	if (!fgets(answer, sizeof(answer), stdin))
		return false;
	return answer[0] == '\n' || answer[0] == 'y' || answer[0] == 'Y';
}

int
startup_open_session(struct session **out, const char *dir, mw_buf *err)
{
	for (;;) {
		struct session_where where = { NULL, 0, 0 };
		mw_buf why = MW_BUF_INIT;
		bool again;

		if (session_open_at(out, dir, &where, err) == 0)
			return 0;
		fprintf(stderr, "mwschema: %s\n", mw_buf_cstr(err));
		again = ask_to_edit(&where) && terminal_edit_file(where.path, where.line, &why) == 0;
		if (why.len)
			fprintf(stderr, "mwschema: %s\n", mw_buf_cstr(&why));
		session_where_clear(&where);
		mw_buf_release(&why);
		if (!again)
			return -1;
		mw_buf_reset(err);
	}
}

/* A second editor on one checkout: say so; both can go on safely. */
static void
note_other_editors(struct app *a)
{
	mw_buf q = MW_BUF_INIT;
	long pid;
	size_t n = session_live_editors(a->s, &pid);

	if (!n)
		return;
	mw_buf_addf(&q, "Another mwschema editor (pid %ld%s) is open on this checkout. Each keeps "
		    "its own recovery file, and w asks before replacing what the other wrote. "
		    "Enter go on, q quit", pid, n > 1 ? " and more" : "");
	display_redraw(a);
	if (display_choice(a, mw_buf_cstr(&q), "\rq") == 'q')
		a->quit = true;
	mw_buf_release(&q);
}

/* One abandoned recovery file: y restore, n keep a backup, Esc not now. */
static void
offer_one_recovery(struct app *a)
{
	mw_buf what = MW_BUF_INIT, err = MW_BUF_INIT, q = MW_BUF_INIT;
	char *backup = NULL;
	int key;

	session_recovery_describe(a->s, &what);
	mw_buf_addf(&q, "Unsaved edits from an editor that did not quit (%s). Restore them? "
		    "y restore, n discard (a backup is kept), Esc not now", mw_buf_cstr(&what));
	display_redraw(a);
	key = display_choice(a, mw_buf_cstr(&q), "yn");
	if (key == 'y') {
		if (session_recover(a->s, &err))
			app_error(a, "recovery failed: %s (the file is kept)", mw_buf_cstr(&err));
		else {
			tables_sync_cursor(a);
			app_info(a, "restored the unsaved change %s", a->s->change_name);
		}
	} else if (key == 'n') {
		if (session_recovery_discard(a->s, &backup, &err))
			app_error(a, "not discarded: %s", mw_buf_cstr(&err));
		else {
			char *shown = display_tilde(backup);

			display_notice(a, "Discarded; a backup is kept in %s.", shown);
			free(shown);
			app_info(a, "the unsaved edits were discarded (a backup is kept)");
		}
	} else {
		session_recovery_later(a->s);
		app_info(a, "the unsaved edits are kept: they are offered again at the next start");
	}
	free(backup);
	mw_buf_release(&what);
	mw_buf_release(&err);
	mw_buf_release(&q);
}

static bool
resume(struct app *a, const char *rel)
{
	mw_buf err = MW_BUF_INIT;
	char *path = mw_path_join(a->s->ws->root, rel);
	bool ok = session_open_change(a->s, path, SESSION_AMEND, &err) == 0;

	if (!ok)
		app_error(a, "cannot resume %s: %s", rel, mw_buf_cstr(&err));
	else {
		tables_sync_cursor(a);
		a->focus = PANE_EDITOR;
		app_info(a, "resumed %s: written, not committed (c commits it)", a->s->change_name);
	}
	free(path);
	mw_buf_release(&err);
	return ok;
}

bool
startup_resume_pending(struct app *a)
{
	struct session_pending p;
	mw_buf err = MW_BUF_INIT;
	bool ok = false;

	if (session_pending(a->s, &p, &err) == 0 && p.nchanges)
		ok = resume(a, p.changes[0]);
	else
		app_error(a, "nothing to commit: write a change first");
	session_pending_clear(&p);
	mw_buf_release(&err);
	return ok;
}

/* At start: r resume, c commit, Esc later. */
static void
offer_pending(struct app *a)
{
	struct session_pending p;
	mw_buf err = MW_BUF_INIT, q = MW_BUF_INIT;
	char *name;
	int key;

	if (session_pending(a->s, &p, &err) || !p.nchanges)
		goto out;
	name = mw_path_basename(p.changes[0]);
	mw_buf_addf(&q, "%s%s is written but not committed (%zu file%s changed). r resume editing "
		    "it, c commit it, Esc later", p.nchanges > 1 ? "" : "The change ", name,
		    p.nfiles, p.nfiles == 1 ? "" : "s");
	if (p.nchanges > 1)
		mw_buf_addf(&q, " (%zu more: :open them)", p.nchanges - 1);
	free(name);
	display_redraw(a);
	key = display_choice(a, mw_buf_cstr(&q), "rc");
	if (key && resume(a, p.changes[0]) && key == 'c' && !a->s->dirty) {
		display_redraw(a);
		action_commit(a);
	} else if (!key)
		app_info(a, "%zu change%s written, not committed: c commits, :open resumes",
			 p.nchanges, p.nchanges == 1 ? "" : "s");
out:
	session_pending_clear(&p);
	mw_buf_release(&err);
	mw_buf_release(&q);
}

void
startup_recover(struct app *a)
{
	if (!session_recovery_rescan(a->s))
		app_info(a, "no unsaved edits of another editor to restore");
	else if (session_has_change(a->s) || a->s->disk_name)
		app_error(a, "the change %s is in progress: write and commit it (or undo it) first",
			  session_title_name(a->s));
	else
		offer_one_recovery(a);
}

void
startup_questions(struct app *a)
{
	bool restored = false;

	/* A review never edits: recovery and pending changes wait for the editor. */
	if (a->review)
		return;
	note_other_editors(a);
	/* One change at a time: after a restore, the others wait (:recover). */
	while (!a->quit && !restored && session_recovery_exists(a->s)) {
		offer_one_recovery(a);
		restored = session_has_change(a->s);
	}
	if (restored && session_recovery_exists(a->s))
		app_info(a, "restored; %zu more unsaved change%s wait%s: :recover after writing this one",
			 a->s->norphans - a->s->next_orphan,
			 a->s->norphans - a->s->next_orphan == 1 ? "" : "s",
			 a->s->norphans - a->s->next_orphan == 1 ? "s" : "");
	if (!a->quit && !restored && !session_has_change(a->s) && !a->s->written)
		offer_pending(a);
	if (a->s->autosave_error.len && !a->status.len)
		app_error(a, "%s", mw_buf_cstr(&a->s->autosave_error));
}

/* vim: set ts=8 sw=8 noexpandtab: */
