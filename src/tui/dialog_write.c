/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing and opening changes, with the questions the checkout raises:
 * files changed on disk since they were read (merge, reload, overwrite),
 * a schema that no longer loads ($EDITOR), and change files that have
 * shipped (a new change by default, amending only when asked).
 */
#include <config.h>

#include "tui/actions.h"
#include "tui/display.h"
#include "tui/terminal.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>

/* "sql/tables.json" or "sql/tables.json and 2 more files". */
static void
name_files(mw_buf *out, const char *list)
{
	size_t n = count_lines(list);

	mw_buf_add(out, list, strcspn(list, "\n"));
	if (n > 1)
		mw_buf_addf(out, " and %zu more file%s", n - 1, n > 2 ? "s" : "");
}

/* A file that does not load: e opens it in $EDITOR. */
static void
offer_fix(struct app *a, const struct session_where *where, const mw_buf *err)
{
	mw_buf q = MW_BUF_INIT, why = MW_BUF_INIT;

	mw_buf_addf(&q, "%s. e edit it in $EDITOR, Esc leave it", mw_buf_cstr(err));
	if (display_choice(a, mw_buf_cstr(&q), "e") == 'e') {
		if (terminal_edit_file(where->path, where->line, &why))
			app_error(a, "%s", mw_buf_cstr(&why));
		else
			app_info(a, "edited %s: w asks again", where->path);
	} else
		app_error(a, "not written: %s", mw_buf_cstr(err));
	mw_buf_release(&q);
	mw_buf_release(&why);
}

static bool
merge(struct app *a)
{
	struct session_where where = { NULL, 0, 0 };
	mw_buf err = MW_BUF_INIT;
	bool ok = session_merge_disk(a->s, &where, &err) == 0;

	if (!ok && where.path)
		offer_fix(a, &where, &err);
	else if (!ok)
		app_error(a, "not merged: %s (w again: r reloads, o overwrites)", mw_buf_cstr(&err));
	else
		tables_sync_cursor(a);
	session_where_clear(&where);
	mw_buf_release(&err);
	return ok;
}

static void
reload(struct app *a)
{
	mw_buf err = MW_BUF_INIT;
	char *backup = NULL;

	if (session_reload(a->s, &backup, &err))
		app_error(a, "not reloaded: %s", mw_buf_cstr(&err));
	else if (backup) {
		char *shown = display_tilde(backup);

		display_notice(a, "Reloaded from disk. Your change is kept in %s (:open it to apply "
			       "it again).", shown);
		free(shown);
		app_info(a, "reloaded from disk; your change is in the backup");
	} else
		app_info(a, "reloaded from disk");
	tables_sync_cursor(a);
	free(backup);
	mw_buf_release(&err);
}

/* Files changed behind the editor: true when the write may go on. */
static bool
answer_outside_edits(struct app *a, const mw_buf *list)
{
	mw_buf q = MW_BUF_INIT;
	int key;

	name_files(&q, mw_buf_cstr(list));
	mw_buf_adds(&q, " changed on disk since the editor read it. m merge your edit on top, "
		    "r reload (your change goes to a backup), o overwrite, Esc cancel");
	key = display_choice(a, mw_buf_cstr(&q), "mro");
	mw_buf_release(&q);
	switch (key) {
	case 'm':
		return merge(a);
	case 'r':
		reload(a);
		return false;
	case 'o':
		return true;
	default:
		app_info(a, "not written: nothing was changed on disk");
		return false;
	}
}

static void
write_now(struct app *a)
{
	mw_buf err = MW_BUF_INIT, written = MW_BUF_INIT;
	bool change = session_has_change(a->s);
	char *old = mw_xstrdup(a->s->disk_name);

	if (session_write(a->s, &written, &err))
		app_error(a, "not written: %s", mw_buf_cstr(&err));
	else if (change)
		app_info(a, "written: %s and %zu more files (c to commit)", a->s->change_name,
			 count_lines(mw_buf_cstr(&written)) - 1);
	else
		app_info(a, "removed %s: %zu files restored or removed", old ? old : "the change",
			 count_lines(mw_buf_cstr(&written)));
	free(old);
	mw_buf_release(&err);
	mw_buf_release(&written);
}

void
action_write(struct app *a)
{
	mw_buf changed = MW_BUF_INIT;

	if (a->s->dirty)
		session_write_conflicts(a->s, &changed);
	if (!changed.len || answer_outside_edits(a, &changed))
		write_now(a);
	mw_buf_release(&changed);
}

/*
 * :open
 */

static void
opened(struct app *a, const char *path, const char *rel, const char *shipped,
       enum session_open_mode mode)
{
	const mw_table *t = session_table(a->s, a->s->cur);
	char *base = mw_path_basename(path);

	tables_sync_cursor(a);
	a->focus = PANE_EDITOR;
	if (mode == SESSION_NEW)
		app_info(a, "%s has shipped: edits to %s make a new change", base, t ? t->name : "?");
	else if (!rel)
		app_info(a, "opened %s as a new change on %s", base, t ? t->name : "?");
	else if (shipped)
		app_info(a, "amending %s, which has shipped (w rewrites it)", base);
	else
		app_info(a, "opened %s: amends it (written, not committed)", base);
	free(base);
}

void
action_open(struct app *a, const char *path)
{
	char *rel = session_rel_path(a->s, path), *shipped = rel ? session_shipped(a->s, rel) : NULL;
	enum session_open_mode mode = SESSION_AMEND;
	mw_buf err = MW_BUF_INIT, q = MW_BUF_INIT;
	int key = 'a';

	if (shipped) {
		mw_buf_addf(&q, "%s has shipped (%s). Enter: a new change on its table, a: amend it "
			    "anyway, Esc cancel", rel, shipped);
		key = display_choice(a, mw_buf_cstr(&q), "\ra");
		mode = key == 'a' ? SESSION_AMEND : SESSION_NEW;
	}
	if (!key)
		app_info(a, "not opened");
	else if (session_open_change(a->s, path, mode, &err))
		app_error(a, "%s", mw_buf_cstr(&err));
	else
		opened(a, path, rel, shipped, mode);
	free(rel);
	free(shipped);
	mw_buf_release(&err);
	mw_buf_release(&q);
}

/* vim: set ts=8 sw=8 noexpandtab: */
