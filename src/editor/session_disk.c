/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing the session to the checkout, and what to do when the checkout
 * changed behind it. `w` means "make the disk look like the editor": the
 * change (or, after an undo, no change), with the generated files and the
 * updater entries following. Every file is stamped when read or written, so
 * an outside edit is found before it could be replaced.
 */
#include <config.h>

#include "editor/merge.h"
#include "editor/recovery.h"
#include "editor/session_int.h"
#include "mwschema/checkout.h"
#include "mwschema/fs.h"
#include "mwschema/workspace.h"

#include <stdlib.h>
#include <string.h>

/* A change's own files: its JSON and the generated SQL of each platform. */
static void
change_files(const struct session *s, const char *name, char **out)
{
	char *rel = adapt_change_rel(s->ws, name);

	for (int d = 0; d < MW_DBMS__COUNT; d++)
		out[d + 1] = mw_workspace_sql_name(rel, MW_DOC_CHANGE, (mw_dbms)d);
	out[0] = rel;
}

/* Calls fn on every file a write can touch: schema, its SQL, updaters, the changes'. */
static void
foreach_file(const struct session *s, void (*fn)(const struct session *, const char *, void *),
	     void *data)
{
	const mw_workspace *w = s->ws->co->ws;
	const char *names[2] = { session_has_change(s) ? s->change_name : NULL, s->disk_name };
	char *files[MW_DBMS__COUNT + 1];

	fn(s, s->ws->schema_rel, data);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		char *sql = mw_workspace_sql_name(s->ws->schema_rel, MW_DOC_SCHEMA, (mw_dbms)d);

		fn(s, sql, data);
		free(sql);
		if (w->updater[d] && (!d || strcmp(w->updater[d], w->updater[0])))
			fn(s, w->updater[d], data);
	}
	for (int k = 0; k < 2; k++) {
		if (!names[k] || (k == 1 && names[0] && !strcmp(names[0], names[1])))
			continue;
		change_files(s, names[k], files);
		for (int i = 0; i <= MW_DBMS__COUNT; i++) {
			fn(s, files[i], data);
			free(files[i]);
		}
	}
}

static void
record_one(const struct session *s, const char *rel, void *data)
{
	stamps_record(data, s->ws->root, rel);
}

void
session_record_stamps(struct session *s)
{
	foreach_file(s, record_one, &s->stamps);
}

static void
conflict_one(const struct session *s, const char *rel, void *data)
{
	if (stamps_changed(&s->stamps, s->ws->root, rel))
		mw_buf_addf(data, "%s\n", rel);
}

void
session_write_conflicts(struct session *s, mw_buf *out)
{
	foreach_file(s, conflict_one, out);
}

/* No change: the schema as loaded, and what follows from it. */
static int
write_schema(struct session *s, mw_buf *written, mw_buf *err)
{
	return adapt_ws_write_schema(s->ws, s->doc, written, err);
}

static int
remove_change(struct session *s, const char *name, mw_buf *written, mw_buf *err)
{
	char *rel = adapt_change_rel(s->ws, name);
	int rc = adapt_ws_remove_change(s->ws, rel, written, err);

	free(rel);
	return rc;
}

/* A typed name must not take over a change file the session did not write. */
static int
check_name_free(const struct session *s, mw_buf *err)
{
	char *rel = session_change_rel(s);
	const struct stamp *st = stamps_find(&s->stamps, rel);
	char *path = mw_path_join(s->ws->root, rel);
	bool taken = mw_file_exists(path) && !(s->amends && !strcmp(s->amends, rel)) &&
		     !(s->disk_name && !strcmp(s->disk_name, s->change_name)) && !(st && st->exists);

	if (taken)
		mw_buf_addf(err, "%s already exists and is another change: choose another name (n)",
			    rel);
	free(path);
	free(rel);
	return taken ? -1 : 0;
}

static void
note_written(struct session *s, bool change)
{
	free(s->disk_name);
	s->disk_name = change ? mw_xstrdup(s->change_name) : NULL;
	mw_table_free(s->disk_after);
	s->disk_after = change ? mw_table_dup(s->after) : NULL;
	if (!change) {
		free(s->amends);
		s->amends = NULL;
	}
	session_record_stamps(s);
	session_refresh_dirty(s);
	session_stage_recovery(s);
	session_autosave(s);
}

int
session_write(struct session *s, mw_buf *written, mw_buf *err)
{
	bool change = session_has_change(s);
	char *old = NULL;
	int rc;

	if (!s->dirty) {
		mw_buf_adds(err, change ? "nothing to write: the files on disk already hold this change"
				       : "nothing to write: the table is unchanged");
		return -1;
	}
	if (change && check_name_free(s, err))
		return -1;
	if (s->disk_name && (!change || strcmp(s->disk_name, s->change_name)))
		old = mw_xstrdup(s->disk_name);
	if (change) {
		char *rel = session_change_rel(s);

		rc = adapt_ws_write(s->ws, s->doc, (size_t)s->change_table, rel, s->change_doc,
				    session_before(s), s->after, written, err);
		free(rel);
	} else
		rc = write_schema(s, written, err);
	if (!rc && old)
		rc = remove_change(s, old, written, err);
	free(old);
	if (rc) {
		/* Some files may have been written: what is on disk now is the base. */
		session_record_stamps(s);
		return -1;
	}
	note_written(s, change);
	return 0;
}

/*
 * Outside changes: merge or reload.
 */

/* Makes `doc` the session's schema, with the change's table as `before`. */
static long
adopt_doc(struct session *s, mw_doc *doc, const char *table, const mw_table *before)
{
	mw_schema *schema = &doc->schema;
	mw_table *t = table ? mw_schema_table(schema, table) : NULL;
	long idx;

	if (before) {
		if (!t) {
			schema->tables = mw_xrealloc(schema->tables,
						     (schema->ntables + 1) * sizeof(*t));
			t = &schema->tables[schema->ntables++];
		} else
			mw_table_clear(t);
		mw_table_copy(t, before);
		idx = t - schema->tables;
	} else {
		if (t) {
			mw_table_clear(t);
			memmove(t, t + 1, (size_t)(schema->tables + schema->ntables - t - 1) * sizeof(*t));
			schema->ntables--;
		}
		idx = (long)schema->ntables;
	}
	mw_doc_free(s->doc);
	s->doc = doc;
	return idx;
}

/* The undo history names tables by position: it survives only the same list. */
static bool
same_tables(const mw_schema *a, const mw_schema *b)
{
	if (a->ntables != b->ntables)
		return false;
	for (size_t i = 0; i < a->ntables; i++)
		if (strcmp(a->tables[i].name, b->tables[i].name))
			return false;
	return true;
}

static void
drop_history(struct session *s)
{
	for (size_t i = 0; i < s->undo.n; i++)
		mw_table_free(s->undo.v[i].after);
	for (size_t i = 0; i < s->redo.n; i++)
		mw_table_free(s->redo.v[i].after);
	s->undo.n = s->redo.n = 0;
}

/* Re-reads the amended change file when it changed: its comment and layout are theirs. */
static void
reload_change_doc(struct session *s)
{
	mw_diags diags = MW_DIAGS_INIT;
	char *path;
	mw_doc *doc;

	if (!s->amends || !stamps_changed(&s->stamps, s->ws->root, s->amends))
		return;
	path = mw_path_join(s->ws->root, s->amends);
	if (mw_doc_load_file(&doc, path, &diags) == 0 && doc->kind == MW_DOC_CHANGE) {
		mw_doc_free(s->change_doc);
		s->change_doc = doc;
	} else if (doc)
		mw_doc_free(doc);
	mw_diags_free(&diags);
	free(path);
}

int
session_merge_disk(struct session *s, struct session_where *where, mw_buf *err)
{
	const char *table = s->after ? s->after->name : s->disk_after ? s->disk_after->name : NULL;
	const mw_table *before = table ? mw_schema_table(&s->doc->schema, table) : NULL;
	const mw_table *mine = s->after ? s->after : before, *theirs;
	const mw_table *expected = s->disk_name ? s->disk_after : before;
	mw_table *new_before = NULL, *new_after = NULL;
	bool keep_history;
	mw_doc *doc;
	long idx;

	if (session_load_schema(&doc, s, where, err))
		return -1;
	theirs = table ? mw_schema_table(&doc->schema, table) : NULL;
	if (table && (table_rebase3(&new_before, expected, before, theirs) ||
		      table_merge3(&new_after, expected, mine, theirs, err))) {
		mw_table_free(new_before);
		mw_doc_free(doc);
		return -1;
	}
	keep_history = same_tables(&s->doc->schema, &doc->schema);
	mw_table_free(s->disk_after);
	s->disk_after = theirs && s->disk_name ? mw_table_dup(theirs) : NULL;
	idx = adopt_doc(s, doc, table, new_before);
	if (s->after) {
		mw_table_free(s->after);
		s->after = new_after;
		s->change_table = idx;
	} else
		mw_table_free(new_after);
	if (!keep_history)
		drop_history(s);
	mw_table_free(new_before);
	reload_change_doc(s);
	session_record_stamps(s);
	session_update(s);
	return 0;
}

/* Starts afresh from the files on disk: after a commit, or when the user takes the disk. */
static int
reload(struct session *s, mw_buf *err)
{
	mw_doc *doc;

	if (session_load_schema(&doc, s, NULL, err))
		return -1;
	mw_doc_free(s->doc);
	s->doc = doc;
	session_forget_change(s);
	if (s->cur >= (long)session_ntables(s))
		s->cur = (long)session_ntables(s) - 1;
	stamps_clear(&s->stamps);
	session_record_stamps(s);
	session_update(s);
	return 0;
}

/* The change as a change document, into the backup next to the recovery files. */
static int
backup_change(struct session *s, char **backup, mw_buf *err)
{
	mw_buf doc = MW_BUF_INIT;
	int rc;

	*backup = NULL;
	if (!session_has_change(s))
		return 0;
	adapt_change_json(&doc, s->change_name, session_before(s), s->after);
	rc = s->rec ? recovery_backup(s->rec, s->change_name, doc.data, doc.len, backup, err)
		    : (mw_buf_adds(err, "no recovery directory to keep a backup in"), -1);
	mw_buf_release(&doc);
	return rc;
}

int
session_reload(struct session *s, char **backup, mw_buf *err)
{
	if (backup_change(s, backup, err))
		return -1;
	return reload(s, err);
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
	rc = adapt_ws_commit(s->ws, s->last_commit, message, bug, branch, force, diags, err);
	if (rc)
		return rc;
	s->commits++;
	free(s->last_bug);
	s->last_bug = mw_xstrdup(bug ? bug : "");
	return reload(s, err);
}

/* vim: set ts=8 sw=8 noexpandtab: */
