/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session: change state, undo/redo snapshots, previews and the
 * recovery file. Curses-free, so the benchmark and tests can drive it.
 */
#include <config.h>

#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static char *
recovery_path_for(const char *root)
{
	char *dir = session_state_dir(), *key = mw_xstrdup(root), *path;

	for (char *p = key; *p; p++)
		if (*p == '/')
			*p = '%';
	path = mw_strdupf("%s/recovery-%s.json", dir, key);
	free(dir);
	free(key);
	return path;
}

static int
first_diag(mw_buf *err, const mw_diags *diags)
{
	if (diags->n)
		mw_diag_format(err, &diags->items[0]);
	else
		mw_buf_adds(err, "cannot load the schema");
	return -1;
}

int
session_open(struct session **out, const char *dir, mw_buf *err)
{
	struct session *s = mw_xcalloc(1, sizeof(*s));
	mw_diags diags = MW_DIAGS_INIT;

	*out = NULL;
	if (adapt_ws_open(&s->ws, dir, err))
		goto fail;
	if (mw_doc_load_file(&s->doc, s->ws->schema_path, &diags)) {
		first_diag(err, &diags);
		goto fail;
	}
	if (s->doc->kind != MW_DOC_SCHEMA) {
		mw_buf_addf(err, "%s: not a schema (an array of tables)", s->ws->schema_path);
		goto fail;
	}
	s->change_table = -1;
	s->recovery_path = recovery_path_for(s->ws->root);
	session_update(s);
	mw_diags_free(&diags);
	*out = s;
	return 0;
fail:
	mw_diags_free(&diags);
	session_free(s);
	return -1;
}

void
session_free(struct session *s)
{
	if (!s)
		return;
	adapt_ws_free(s->ws);
	mw_doc_free(s->doc);
	mw_table_free(s->after);
	stack_clear(&s->undo);
	stack_clear(&s->redo);
	free(s->undo.v);
	free(s->redo.v);
	free(s->change_name);
	mw_buf_release(&s->json_before);
	mw_buf_release(&s->json_after);
	mw_buf_release(&s->diff);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		mw_buf_release(&s->sql[d]);
	mw_diags_free(&s->findings);
	mw_buf_release(&s->files);
	mw_buf_release(&s->updater);
	free(s->recovery_path);
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
	s->dirty = session_has_change(s) || s->written;
	session_update(s);
	s->autosave_due = true;
}

void
session_edit_apply(struct session *s, long i, mw_table *after)
{
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

	if (!from->n)
		return false;
	snap = from->v[--from->n];
	stack_push(to, s->after, s->change_table);
	s->after = snap.after;
	s->change_table = snap.table;
	if (s->cur >= (long)session_ntables(s))
		s->cur = (long)session_ntables(s) - 1;
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
	session_update(s);
	s->autosave_due = true;
}

char *
session_change_rel(const struct session *s)
{
	return adapt_change_rel(s->ws, s->change_name);
}

static void
update_sql(struct session *s, const mw_table *before)
{
	char *label = session_change_rel(s);

	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf_reset(&s->sql[d]);
		s->sql_rc[d] = MW_GEN_NOCHANGE;
		if (session_has_change(s))
			s->sql_rc[d] = mw_gen_change(&s->sql[d], before, s->after, (mw_dbms)d,
						     label, 0);
	}
	free(label);
}

void
session_update(struct session *s)
{
	const mw_table *before = session_before(s);
	const mw_table *after = s->after ? s->after : before;

	s->gen++;
	if (!s->name_custom) {
		free(s->change_name);
		s->change_name = session_has_change(s) ? adapt_change_name(before, after)
						       : mw_xstrdup("(none)");
	}
	mw_buf_reset(&s->json_before);
	mw_buf_reset(&s->json_after);
	mw_buf_reset(&s->diff);
	if (before)
		adapt_table_json(&s->json_before, before);
	if (after)
		adapt_table_json(&s->json_after, after);
	adapt_text_diff(&s->diff, mw_buf_cstr(&s->json_before), mw_buf_cstr(&s->json_after), 3);
	update_sql(s, before);
	mw_diags_clear(&s->findings);
	mw_buf_reset(&s->files);
	mw_buf_reset(&s->updater);
	if (session_has_change(s)) {
		char *rel = session_change_rel(s);
		bool has_sql[MW_DBMS__COUNT];

		adapt_lint(&s->findings, s->ws, &s->doc->schema, rel, before, s->after);
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			has_sql[d] = s->sql_rc[d] == 0;
		adapt_ws_files(&s->files, s->ws, s->change_name, has_sql);
		adapt_updater_entries(&s->updater, s->ws, s->change_name, before, s->after);
		free(rel);
	}
}

int
session_write(struct session *s, mw_buf *written, mw_buf *err)
{
	if (!session_has_change(s)) {
		mw_buf_adds(err, "nothing to write: the table is unchanged");
		return -1;
	}
	if (adapt_ws_write(s->ws, s->doc, (size_t)s->change_table, s->change_name,
			   session_before(s), s->after, written, err))
		return -1;
	s->dirty = false;
	s->written = true;
	session_discard_recovery(s);
	return 0;
}

/* After a commit the files on disk are the new starting point. */
static int
reload(struct session *s, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;

	if (mw_doc_load_file(&doc, s->ws->schema_path, &diags)) {
		first_diag(err, &diags);
		mw_diags_free(&diags);
		return -1;
	}
	mw_doc_free(s->doc);
	s->doc = doc;
	mw_table_free(s->after);
	s->after = NULL;
	s->change_table = -1;
	stack_clear(&s->undo);
	stack_clear(&s->redo);
	s->name_custom = false;
	s->written = false;
	s->dirty = false;
	session_update(s);
	return 0;
}

int
session_commit(struct session *s, const char *message, const char *bug, const char *branch,
	       bool force, mw_diags *diags, mw_buf *err)
{
	int rc;

	if (s->dirty) {
		mw_buf_adds(err, "write the change first (w)");
		return -1;
	}
	rc = adapt_ws_commit(s->ws, message, bug, branch, force, diags, err);
	if (rc)
		return rc;
	s->commits++;
	free(s->last_bug);
	s->last_bug = mw_xstrdup(bug ? bug : "");
	return reload(s, err);
}

/* Makes a loaded change (before/after) the change in progress. */
static int
apply_change(struct session *s, const mw_change *c, const char *name, mw_buf *err)
{
	const mw_table *named = c->before ? c->before : c->after;
	mw_table *t;
	long idx;

	if (!named) {
		mw_buf_adds(err, "the change has neither a before nor an after table");
		return -1;
	}
	t = mw_schema_table(&s->doc->schema, named->name);
	idx = t ? t - s->doc->schema.tables : loaded_count(s);
	if (session_has_change(s) && idx != s->change_table) {
		mw_buf_adds(err, "write and commit (or undo) the change in progress first");
		return -1;
	}
	if (name) {
		free(s->change_name);
		s->change_name = mw_xstrdup(name);
		s->name_custom = true;
	}
	session_edit_apply(s, idx, c->after ? mw_table_dup(c->after) : mw_table_dup(named));
	s->cur = idx;
	return 0;
}

int
session_open_change(struct session *s, const char *path, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	char *base, *dot;
	int rc;

	if (mw_doc_load_file(&doc, path, &diags)) {
		first_diag(err, &diags);
		mw_diags_free(&diags);
		return -1;
	}
	mw_diags_free(&diags);
	if (doc->kind != MW_DOC_CHANGE) {
		mw_buf_addf(err, "%s: not a schema change (before/after)", path);
		mw_doc_free(doc);
		return -1;
	}
	base = mw_path_basename(path);
	dot = strrchr(base, '.');
	if (dot)
		*dot = 0;
	rc = apply_change(s, &doc->change, base, err);
	free(base);
	mw_doc_free(doc);
	return rc;
}

/*
 * Recovery: the change as a change document, plus its name in a sidecar.
 */

void
session_discard_recovery(struct session *s)
{
	char *meta = mw_strdupf("%s.name", s->recovery_path);

	unlink(s->recovery_path);
	unlink(meta);
	free(meta);
}

bool
session_recovery_exists(const struct session *s)
{
	return mw_file_exists(s->recovery_path);
}

void
session_autosave(struct session *s)
{
	const mw_table *before = session_before(s);
	mw_buf doc = MW_BUF_INIT, err = MW_BUF_INIT;
	char *meta;

	s->autosave_due = false;
	if (!s->dirty || !s->after) {
		session_discard_recovery(s);
		return;
	}
	adapt_change_json(&doc, "mwschema recovery", before, s->after);
	meta = mw_strdupf("%s.name", s->recovery_path);
	/* Name first: a recovery file without its name still restores the edit. */
	if (s->name_custom)
		mw_write_file_atomic(meta, s->change_name, strlen(s->change_name), &err);
	else
		unlink(meta);
	mw_write_file_atomic(s->recovery_path, doc.data, doc.len, &err);
	free(meta);
	mw_buf_release(&doc);
	mw_buf_release(&err);
}

int
session_recover(struct session *s, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf name = MW_BUF_INIT, ignore = MW_BUF_INIT;
	char *meta = mw_strdupf("%s.name", s->recovery_path);
	mw_doc *doc;
	int rc = -1;

	/* not a file of the checkout: its name has no rules to follow */
	if (mw_doc_load_file_flags(&doc, s->recovery_path, MW_LOAD_ANY_FILE_NAME, &diags)) {
		first_diag(err, &diags);
		goto out;
	}
	if (doc->kind == MW_DOC_CHANGE) {
		bool named = !mw_read_file(&name, meta, &ignore);

		rc = apply_change(s, &doc->change, named ? mw_buf_cstr(&name) : NULL, err);
	} else
		mw_buf_addf(err, "%s: not a change document", s->recovery_path);
	mw_doc_free(doc);
out:
	free(meta);
	mw_buf_release(&name);
	mw_buf_release(&ignore);
	mw_diags_free(&diags);
	return rc;
}

/* vim: set ts=8 sw=8 noexpandtab: */
