/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session: change state, undo/redo snapshots and previews.
 * Curses-free, so the benchmark and tests can drive it. Writing lives in
 * session_disk.c, the checkout's state in session_checkout.c, recovery in
 * session_recovery.c.
 */
#include <config.h>

#include "editor/session_int.h"
#include "editor/textdiff.h"
#include "editor/words.h"
#include "mwschema/checkout.h"
#include "mwschema/fs.h"
#include "mwschema/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
stack_push(struct snapstack *st, mw_table *after, long table)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->v = mw_xrealloc(st->v, st->cap * sizeof(*st->v));
	}
	st->v[st->n++] = (struct snapshot){ after, table };
}

static void
stack_clear(struct snapstack *st)
{
	for (size_t i = 0; i < st->n; i++)
		mw_table_free(st->v[i].after);
	st->n = 0;
}

char *
session_state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir;
	mw_buf err = MW_BUF_INIT;

	if (xdg && *xdg == '/')
		dir = mw_path_join(xdg, "mwschema");
	else
		dir = mw_strdupf("%s/.local/state/mwschema", home && *home ? home : "/tmp");
	mw_mkdirs(dir, &err);
	mw_buf_release(&err);
	return dir;
}

void
session_where_clear(struct session_where *w)
{
	free(w->path);
	memset(w, 0, sizeof(*w));
}

int
session_first_error(mw_buf *err, const mw_diags *diags, struct session_where *where,
		    const char *root, const char *fallback)
{
	for (size_t i = 0; i < diags->n; i++) {
		const mw_diag *d = &diags->items[i];

		if (d->severity != MW_SEV_ERROR)
			continue;
		mw_diag_format(err, d);
		if (where && d->file) {
			free(where->path);
			where->path = d->file[0] == '/' || !root ? mw_xstrdup(d->file)
							      : mw_path_join(root, d->file);
			where->line = d->line;
			where->column = d->column;
		}
		return -1;
	}
	mw_buf_adds(err, fallback);
	return -1;
}

int
session_load_schema(mw_doc **out, const struct session *s, struct session_where *where,
		    mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = 0;

	if (mw_doc_load_file(out, s->ws->schema_path, &diags)) {
		rc = session_first_error(err, &diags, where, NULL, "cannot load the schema");
	} else if ((*out)->kind != MW_DOC_SCHEMA) {
		mw_buf_addf(err, "%s: not a schema (an array of tables)", s->ws->schema_path);
		mw_doc_free(*out);
		*out = NULL;
		rc = -1;
	}
	mw_diags_free(&diags);
	return rc;
}

/*
 * The checkout did not open: say which file is at fault and where, as
 * `mwschema check` would, instead of "no schema that loads".
 */
static int
explain_open_failure(const char *dir, struct session_where *where, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;
	mw_buf why = MW_BUF_INIT;
	int found = -1;

	if (mw_workspace_open(&ws, dir, &diags) == 0 &&
	    session_first_error(&why, &diags, where, ws->root, "") < 0 && why.len) {
		mw_buf_reset(err);
		mw_buf_add(err, why.data, why.len);
		found = 0;
	}
	mw_workspace_free(ws);
	mw_diags_free(&diags);
	mw_buf_release(&why);
	return found;
}

int
session_open_at(struct session **out, const char *dir, struct session_where *where, mw_buf *err)
{
	struct session *s = mw_xcalloc(1, sizeof(*s));

	*out = NULL;
	s->change_table = -1;
	if (adapt_ws_open(&s->ws, dir, err)) {
		explain_open_failure(dir, where, err);
		goto fail;
	}
	if (session_load_schema(&s->doc, s, where, err))
		goto fail;
	session_record_stamps(s);
	session_recovery_open(s);
	session_update(s);
	*out = s;
	return 0;
fail:
	session_free(s);
	return -1;
}

int
session_open(struct session **out, const char *dir, mw_buf *err)
{
	struct session_where where = { NULL, 0, 0 };
	int rc = session_open_at(out, dir, &where, err);

	session_where_clear(&where);
	return rc;
}

/* Puts the change as it was before the form back in place. */
static void
preview_restore(struct session *s)
{
	if (!s->previewing)
		return;
	mw_table_free(s->after);
	s->after = s->preview_saved;
	s->change_table = s->preview_saved_table;
	s->preview_saved = NULL;
	s->previewing = false;
}

void
session_forget_change(struct session *s)
{
	preview_restore(s);
	mw_table_free(s->after);
	s->after = NULL;
	s->change_table = -1;
	stack_clear(&s->undo);
	stack_clear(&s->redo);
	s->name_custom = false;
	s->name_words = false;
	free(s->amends);
	s->amends = NULL;
	mw_doc_free(s->change_doc);
	s->change_doc = NULL;
	free(s->disk_name);
	s->disk_name = NULL;
	mw_table_free(s->disk_after);
	s->disk_after = NULL;
}

void
session_free(struct session *s)
{
	if (!s)
		return;
	session_recovery_free(s);
	session_forget_change(s);
	adapt_ws_free(s->ws);
	mw_doc_free(s->doc);
	free(s->undo.v);
	free(s->redo.v);
	free(s->change_name);
	stamps_clear(&s->stamps);
	mw_buf_release(&s->json_before);
	mw_buf_release(&s->json_after);
	mw_buf_release(&s->diff);
	mw_buf_release(&s->undo_words);
	mw_change_plan_clear(&s->plan);
	mw_diags_free(&s->findings);
	mw_buf_release(&s->files);
	mw_buf_release(&s->updater);
	mw_buf_release(&s->autosave_error);
	free(s->last_bug);
	free(s);
}

static long
loaded_count(const struct session *s)
{
	return (long)s->doc->schema.ntables;
}

size_t
session_ntables(const struct session *s)
{
	return s->doc->schema.ntables + (s->after && s->change_table == loaded_count(s));
}

const mw_table *
session_table(const struct session *s, long i)
{
	if (s->after && i == s->change_table)
		return s->after;
	if (i >= 0 && i < loaded_count(s))
		return &s->doc->schema.tables[i];
	return NULL;
}

const mw_table *
session_before(const struct session *s)
{
	if (s->change_table >= 0 && s->change_table < loaded_count(s))
		return &s->doc->schema.tables[s->change_table];
	return NULL;
}

bool
session_has_change(const struct session *s)
{
	const mw_table *before = session_before(s);

	return s->after && !(before && mw_table_equal(before, s->after));
}

bool
session_is_changed(const struct session *s, long i)
{
	return session_has_change(s) && i == s->change_table;
}

const char *
session_title_name(const struct session *s)
{
	if (session_has_change(s))
		return s->change_name;
	return s->disk_name ? s->disk_name : "(none)";
}

/*
 * The editor and the disk agree when the disk holds this change under this
 * name, or no change when there is none.
 */
void
session_refresh_dirty(struct session *s)
{
	if (!session_has_change(s))
		s->dirty = s->disk_name != NULL;
	else
		s->dirty = !s->disk_name || strcmp(s->disk_name, s->change_name) ||
			   !s->disk_after || !mw_table_equal(s->disk_after, s->after);
	s->written = s->disk_name != NULL;
}

const mw_table *
session_edit_target(struct session *s, long i, mw_buf *err)
{
	const mw_table *t = session_table(s, i);

	if (!t) {
		mw_buf_adds(err, "no table selected");
		return NULL;
	}
	if (session_has_change(s) && i != s->change_table) {
		mw_buf_addf(err, "the change in progress is on '%s': write and commit it, or undo it, "
			    "before editing another table", session_table(s, s->change_table)->name);
		return NULL;
	}
	return t;
}

static void
after_edit(struct session *s)
{
	session_update(s);
	s->autosave_due = true;
}

void
session_preview(struct session *s, long i, mw_table *after)
{
	preview_restore(s);
	if (after) {
		s->preview_saved = s->after;
		s->preview_saved_table = s->change_table;
		s->after = after;
		s->change_table = i;
		s->previewing = true;
	}
	session_update(s);
}

void
session_preview_keep(struct session *s)
{
	if (!s->previewing)
		return;
	stack_push(&s->undo, s->preview_saved, s->preview_saved_table);
	stack_clear(&s->redo);
	s->preview_saved = NULL;
	s->previewing = false;
	after_edit(s);
}

void
session_edit_apply(struct session *s, long i, mw_table *after)
{
	preview_restore(s);
	stack_push(&s->undo, s->after, s->change_table);
	stack_clear(&s->redo);
	s->after = after;
	s->change_table = i;
	after_edit(s);
}

int
session_new_table(struct session *s, mw_table *t, mw_buf *err)
{
	if (session_has_change(s)) {
		mw_buf_adds(err, "write and commit (or undo) the change in progress first");
		mw_table_free(t);
		return -1;
	}
	session_edit_apply(s, loaded_count(s), t);
	s->cur = s->change_table;
	return 0;
}

/* Moves the current state onto `to` and the top of `from` into the session. */
static bool
swap_snapshot(struct session *s, struct snapstack *from, struct snapstack *to)
{
	struct snapshot snap;
	mw_table *was = s->after;
	const mw_table *then, *now;
	long was_table = s->change_table;

	if (!from->n)
		return false;
	snap = from->v[--from->n];
	then = was ? was : session_table(s, snap.table >= 0 ? snap.table : was_table);
	stack_push(to, s->after, s->change_table);
	s->after = snap.after;
	s->change_table = snap.table;
	if (s->cur >= (long)session_ntables(s))
		s->cur = (long)session_ntables(s) - 1;
	/* The edit undone leads from now to then; a redone one, from then to now. */
	now = s->after ? s->after : session_table(s, was_table >= 0 ? was_table : snap.table);
	mw_buf_reset(&s->undo_words);
	if (from == &s->undo)
		words_edits_between(&s->undo_words, now, then);
	else
		words_edits_between(&s->undo_words, then, now);
	after_edit(s);
	return true;
}

bool
session_undo(struct session *s)
{
	return swap_snapshot(s, &s->undo, &s->redo);
}

bool
session_redo(struct session *s)
{
	return swap_snapshot(s, &s->redo, &s->undo);
}

void
session_set_name(struct session *s, const char *name)
{
	free(s->change_name);
	s->change_name = mw_xstrdup(name);
	s->name_custom = true;
	after_edit(s);
}

char *
session_change_rel(const struct session *s)
{
	return adapt_change_rel(s->ws, s->change_name);
}

/* Removes table `i` from the loaded schema (a new table's change is amended). */
static void
doc_remove_table(mw_schema *schema, size_t i)
{
	mw_table_clear(&schema->tables[i]);
	memmove(&schema->tables[i], &schema->tables[i + 1],
		(schema->ntables - i - 1) * sizeof(*schema->tables));
	schema->ntables--;
}

/* Makes `before` the loaded version of its table (appended when missing). */
static long
doc_set_table(mw_schema *schema, const mw_table *before)
{
	mw_table *t = mw_schema_table(schema, before->name);

	if (!t) {
		schema->tables = mw_xrealloc(schema->tables,
					     (schema->ntables + 1) * sizeof(*schema->tables));
		t = &schema->tables[schema->ntables++];
	} else
		mw_table_clear(t);
	mw_table_copy(t, before);
	return t - schema->tables;
}

int
session_start_change(struct session *s, const mw_change *c, const char *name, mw_buf *err)
{
	const mw_table *named = c->before ? c->before : c->after;
	mw_table *on_disk;
	long idx;

	if (!c->after) {
		mw_buf_addf(err, "a change that drops table '%s' cannot be edited here",
			    named ? named->name : "?");
		return -1;
	}
	on_disk = mw_schema_table(&s->doc->schema, named->name);
	session_forget_change(s);
	s->disk_after = on_disk ? mw_table_dup(on_disk) : NULL;
	if (c->before) {
		idx = doc_set_table(&s->doc->schema, c->before);
	} else {
		if (on_disk)
			doc_remove_table(&s->doc->schema, (size_t)(on_disk - s->doc->schema.tables));
		idx = loaded_count(s);
	}
	free(s->change_name);
	s->change_name = mw_xstrdup(name);
	s->name_custom = true;
	s->after = mw_table_dup(c->after);
	s->change_table = idx;
	s->cur = idx;
	return 0;
}

/*
 * The proposed name: the core's for a change that does one thing; for
 * several, the words of all of them (words.h), known once the plan's
 * summary is. The last such name is kept as the guess, so the plan is
 * built twice only when the name changes.
 */
static void
update_name(struct session *s, const mw_table *before, const mw_table *after)
{
	if (s->name_custom)
		return;
	if (s->name_words && session_has_change(s))
		return;
	free(s->change_name);
	s->name_words = false;
	s->change_name = session_has_change(s)
		? session_unique_name(s, mw_change_name(before, after)) : mw_xstrdup("(none)");
}

static void
build_plan(struct session *s, const mw_table *before)
{
	char *rel = session_change_rel(s);

	mw_change_plan_clear(&s->plan);
	mw_change_plan_build(&s->plan, before, s->after, rel);
	free(rel);
}

/* True when the name was changed (the plan must be built again). */
static bool
update_name_words(struct session *s, const mw_table *before)
{
	char *words = s->name_custom ? NULL : words_change_name(s->after, &s->plan.summary);
	char *name;

	if (!words) {
		if (!s->name_words || s->name_custom)
			return false;
		s->name_words = false;
		update_name(s, before, s->after);
		return true;
	}
	name = session_unique_name(s, words);
	s->name_words = true;
	if (!strcmp(name, s->change_name)) {
		free(name);
		return false;
	}
	free(s->change_name);
	s->change_name = name;
	return true;
}

/* Errors first, then warnings, then the rest; in their order within each (stable). */
static void
sort_findings(mw_diags *d)
{
	for (size_t i = 1; i < d->n; i++) {
		mw_diag x = d->items[i];
		size_t j = i;

		for (; j > 0 && d->items[j - 1].severity < x.severity; j--)
			d->items[j] = d->items[j - 1];
		d->items[j] = x;
	}
}

/*
 * Everything the previews show. The change is analysed once (its plan):
 * each platform's diff and SQL, read again by lint, the file list and the
 * updater entry.
 */
void
session_update(struct session *s)
{
	const mw_table *before = session_before(s);
	const mw_table *after = s->after ? s->after : before;

	s->gen++;
	update_name(s, before, after);
	mw_buf_reset(&s->json_before);
	mw_buf_reset(&s->json_after);
	mw_buf_reset(&s->diff);
	if (before)
		adapt_table_json(&s->json_before, before);
	if (after)
		adapt_table_json(&s->json_after, after);
	text_diff(&s->diff, mw_buf_cstr(&s->json_before), mw_buf_cstr(&s->json_after), 3);
	mw_change_plan_clear(&s->plan);
	mw_diags_clear(&s->findings);
	mw_buf_reset(&s->files);
	mw_buf_reset(&s->updater);
	if (session_has_change(s)) {
		char *rel;

		build_plan(s, before);
		if (update_name_words(s, before))
			build_plan(s, before);
		rel = session_change_rel(s);
		adapt_lint(&s->findings, s->ws, &s->doc->schema, &s->plan);
		sort_findings(&s->findings);
		adapt_ws_files(&s->files, s->ws, rel, &s->plan);
		adapt_updater_entries(&s->updater, s->ws, &s->plan);
		free(rel);
	}
	session_refresh_dirty(s);
	session_stage_recovery(s);
}

/* vim: set ts=8 sw=8 noexpandtab: */
