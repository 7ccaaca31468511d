/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A schema change in a checkout (see mwschema/checkout.h): the schema file,
 * the change directory, the files a change touches, and writing it.
 */
#include <config.h>

#include "mwschema/checkout.h"
#include "mwschema/commit.h"
#include "mwschema/drift.h"
#include "mwschema/fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The schema: the first schema document named tables.json, else the first one. */
static const mw_ws_doc *
find_schema(const mw_workspace *ws)
{
	const mw_ws_doc *first = NULL;

	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_ws_doc *d = &ws->docs[i];
		char *base;
		bool named;

		if (!d->doc || d->doc->kind != MW_DOC_SCHEMA)
			continue;
		base = mw_path_basename(d->rel);
		named = !strcmp(base, "tables.json");
		free(base);
		if (named)
			return d;
		if (!first)
			first = d;
	}
	return first;
}

/* Change files go next to the existing ones, else <schema dir>/abstractSchemaChanges. */
static char *
find_change_dir(const mw_workspace *ws, const char *schema_rel)
{
	char *dir, *joined;

	for (size_t i = 0; i < ws->ndocs; i++)
		if (ws->docs[i].doc && ws->docs[i].doc->kind == MW_DOC_CHANGE)
			return mw_path_dirname(ws->docs[i].rel);
	dir = mw_path_dirname(schema_rel ? schema_rel : "sql/tables.json");
	if (!strcmp(dir, ".")) {
		free(dir);
		return mw_xstrdup("abstractSchemaChanges");
	}
	joined = mw_path_join(dir, "abstractSchemaChanges");
	free(dir);
	return joined;
}

/* Takes `ws` over as the checkout's current state. */
static void
set_workspace(mw_checkout *co, mw_workspace *ws)
{
	const mw_ws_doc *schema = find_schema(ws);

	mw_workspace_free(co->ws);
	free(co->schema_rel);
	free(co->schema_path);
	free(co->change_dir);
	co->ws = ws;
	co->schema_rel = schema ? mw_xstrdup(schema->rel) : NULL;
	co->schema_path = schema ? mw_workspace_path(ws, schema->rel) : NULL;
	co->change_dir = find_change_dir(ws, co->schema_rel);
}

int
mw_checkout_open(mw_checkout **out, const char *dir, mw_diags *diags)
{
	mw_workspace *ws;

	*out = NULL;
	if (mw_workspace_open(&ws, dir, diags) < 0)
		return -1;
	*out = mw_xcalloc(1, sizeof(**out));
	set_workspace(*out, ws);
	return 0;
}

void
mw_checkout_free(mw_checkout *co)
{
	if (!co)
		return;
	mw_workspace_free(co->ws);
	free(co->schema_rel);
	free(co->schema_path);
	free(co->change_dir);
	free(co);
}

char *
mw_checkout_change_rel(const mw_checkout *co, const char *name)
{
	char *file = mw_strdupf("%s.json", name), *rel = mw_path_join(co->change_dir, file);

	free(file);
	return rel;
}

/*
 * The files of a change
 */

static void
add_unique(char ***v, size_t *n, const char *path)
{
	if (!path)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], path))
			return;
	*v = mw_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = mw_xstrdup(path);
}

/* A document and its generated SQL (hand-written files in their place are never ours). */
static void
add_doc(char ***v, size_t *n, const mw_ws_doc *doc, const bool *has_sql)
{
	add_unique(v, n, doc->rel);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (doc->state[d] != MW_WS_SQL_FOREIGN && (!has_sql || has_sql[d]))
			add_unique(v, n, doc->sql[d]);
}

/* A change file not written yet: its SQL goes where the checkout's layout says. */
static void
add_new_change(char ***v, size_t *n, const mw_workspace *ws, const char *rel,
	       const bool *has_sql)
{
	add_unique(v, n, rel);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		char *sql = mw_workspace_sql_path(ws, rel, MW_DOC_CHANGE, (mw_dbms)d);

		if (!has_sql || has_sql[d])
			add_unique(v, n, sql);
		free(sql);
	}
}

/* The schema documents holding the change's tables; the checkout's schema for a new one. */
static void
add_schema_docs(char ***v, size_t *n, const mw_checkout *co, const mw_change *change)
{
	const mw_table *tables[] = { change->after, change->before };
	const mw_ws_doc *in;
	bool found = false;

	for (size_t i = 0; i < 2; i++) {
		if (tables[i] && mw_workspace_table(co->ws, tables[i]->name, &in)) {
			add_doc(v, n, in, NULL);
			found = true;
		}
	}
	if (!found && co->schema_rel && (in = mw_workspace_doc(co->ws, co->schema_rel)))
		add_doc(v, n, in, NULL);
}

void
mw_checkout_change_files(char ***files, size_t *nfiles, const mw_checkout *co,
			 const char *change_rel, const mw_change *change,
			 const bool has_sql[MW_DBMS__COUNT])
{
	const mw_ws_doc *doc = mw_workspace_doc(co->ws, change_rel);

	if (doc)
		add_doc(files, nfiles, doc, has_sql);
	else
		add_new_change(files, nfiles, co->ws, change_rel, has_sql);
	add_schema_docs(files, nfiles, co, change);
	/* the handler of the change's folder (an extension may have several) */
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_ws_updater *u = mw_workspace_json_updater(co->ws, change_rel, (mw_dbms)d);

		add_unique(files, nfiles, u ? u->file : NULL);
	}
}

void
mw_checkout_render_entry(mw_buf *out, const mw_workspace *ws, const mw_updater_entry *e)
{
	if (ws->kind == MW_WS_CORE)
		mw_updater_render_core(out, e);
	else
		mw_updater_render_extension(out, e);
}

/*
 * Writing a change
 */

static bool
has_error(const mw_diags *diags, size_t from)
{
	for (size_t i = from; i < diags->n; i++)
		if (diags->items[i].severity == MW_SEV_ERROR)
			return true;
	return false;
}

static int
failed(mw_diags *diags, const char *file, const char *what, const mw_buf *err)
{
	mw_diags_add(diags, MW_SEV_ERROR, NULL, file, 0, 0, NULL, NULL, "%s%s", what,
		     mw_buf_cstr(err));
	return -1;
}

/*
 * The change's JSON: in the comment and layout of `like` (the file as
 * loaded, when amending it), else with a comment saying what it does (as
 * the commit subject will).
 */
static int
save_change(const mw_checkout *co, const char *rel, const mw_doc *like, const mw_table *before,
	    const mw_table *after, mw_diags *diags)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };
	char *path = mw_workspace_path(co->ws, rel), *dir = mw_path_dirname(path);
	char *comment = NULL;
	mw_updater_entry e;
	mw_buf err = MW_BUF_INIT;
	mw_doc doc;
	int rc;

	memset(&doc, 0, sizeof(doc));
	if (like)
		doc = *like;	/* shallow: its text and layout, our tables */
	else if (mw_updater_entry_from_change(&e, &change, "") == 0) {
		change.comment = comment = mw_commit_subject(&e);
		mw_updater_entry_clear(&e);
	}
	doc.kind = MW_DOC_CHANGE;
	doc.label = (char *)rel;
	if (like)
		change.comment = like->change.comment;
	doc.change = change;
	/* the name comes from the table: the file must still land in the checkout */
	rc = mw_path_confine(co->ws->root, rel, NULL, &err) < 0 ||
	     mw_mkdirs_confined(co->ws->root, dir, &err) < 0 ? -1 : mw_doc_save(&doc, path, &err);
	if (rc)
		failed(diags, rel, "", &err);
	free(comment);
	mw_buf_release(&err);
	free(path);
	free(dir);
	return rc;
}

/* The schema with `after` in place of table `index` (or appended). */
static int
save_schema(const mw_checkout *co, mw_doc *doc, size_t index, const mw_table *after,
	    mw_diags *diags)
{
	mw_schema *s = &doc->schema;
	mw_buf err = MW_BUF_INIT;
	mw_table saved;
	int rc;

	if (mw_path_confine(co->ws->root, co->schema_rel, NULL, &err) < 0) {
		rc = failed(diags, NULL, "", &err);
		mw_buf_release(&err);
		return rc;
	}
	/* Shallow swap: the document lends its slot for the save and gets it back. */
	if (index >= s->ntables) {
		s->tables = mw_xrealloc(s->tables, (s->ntables + 1) * sizeof(*s->tables));
		index = s->ntables++;
		memset(&s->tables[index], 0, sizeof(saved));
	}
	saved = s->tables[index];
	s->tables[index] = *after;
	rc = mw_doc_save(doc, co->schema_path, &err);
	s->tables[index] = saved;
	if (!saved.name)
		s->ntables--;
	if (rc)
		failed(diags, co->schema_rel, "", &err);
	mw_buf_release(&err);
	return rc;
}

/*
 * Reads the checkout again and regenerates what follows from `docs` (drift.h's
 * sync). Load problems of other files are not this write's business.
 */
static int
sync_docs(mw_checkout *co, char **docs, size_t ndocs, mw_buf *written, mw_diags *diags)
{
	mw_diags ignore = MW_DIAGS_INIT;
	mw_drift drift = { NULL, 0 };
	mw_sync_result res;
	mw_workspace *fresh;
	size_t from = diags->n;
	int rc = 0;

	if (mw_workspace_open(&fresh, co->ws->root, &ignore) < 0) {
		mw_diags_free(&ignore);
		mw_diags_add(diags, MW_SEV_ERROR, NULL, co->ws->root, 0, 0, NULL, NULL,
			     "cannot read the checkout again");
		return -1;
	}
	set_workspace(co, fresh);
	mw_drift_check(&drift, co->ws, 0, docs, ndocs, &ignore);
	if (mw_drift_apply(&res, co->ws, &drift, docs, ndocs, diags) < 0) {
		if (!has_error(diags, from))
			mw_diags_add(diags, MW_SEV_ERROR, NULL, co->ws->root, 0, 0, NULL, NULL,
				     "sync failed");
		rc = -1;
	}
	for (size_t i = 0; !rc && i < res.nchanged; i++)
		mw_buf_addf(written, "%s\n", res.changed[i]);
	mw_sync_result_clear(&res);
	mw_drift_clear(&drift);
	mw_diags_free(&ignore);
	return rc;
}

static int
no_schema(const mw_checkout *co, mw_diags *diags)
{
	if (co->schema_rel)
		return 0;
	mw_diags_add(diags, MW_SEV_ERROR, NULL, co->ws->root, 0, 0, NULL, NULL,
		     "no schema file (tables.json) that loads");
	return -1;
}

int
mw_checkout_write_change(mw_checkout *co, mw_doc *schema_doc, size_t index,
			 const char *change_rel, const mw_table *before, const mw_table *after,
			 mw_buf *written, mw_diags *diags)
{
	return mw_checkout_amend_change(co, schema_doc, index, change_rel, NULL, before, after,
					written, diags);
}

int
mw_checkout_amend_change(mw_checkout *co, mw_doc *schema_doc, size_t index,
			 const char *change_rel, const mw_doc *like, const mw_table *before,
			 const mw_table *after, mw_buf *written, mw_diags *diags)
{
	char *docs[2];
	int rc;

	if (no_schema(co, diags) || save_change(co, change_rel, like, before, after, diags))
		return -1;
	mw_buf_addf(written, "%s\n", change_rel);
	if (save_schema(co, schema_doc, index, after, diags))
		return -1;
	mw_buf_addf(written, "%s\n", co->schema_rel);
	/* The sync reads the checkout again, which replaces co->schema_rel. */
	docs[0] = mw_xstrdup(change_rel);
	docs[1] = mw_xstrdup(co->schema_rel);
	rc = sync_docs(co, docs, 2, written, diags);
	free(docs[0]);
	free(docs[1]);
	return rc;
}

int
mw_checkout_write_schema(mw_checkout *co, const mw_doc *schema_doc, mw_buf *written,
			 mw_diags *diags)
{
	mw_buf err = MW_BUF_INIT;
	char *docs[1];
	int rc;

	if (no_schema(co, diags))
		return -1;
	if (mw_path_confine(co->ws->root, co->schema_rel, NULL, &err) < 0 ||
	    mw_doc_save(schema_doc, co->schema_path, &err)) {
		rc = failed(diags, co->schema_rel, "", &err);
		mw_buf_release(&err);
		return rc;
	}
	mw_buf_addf(written, "%s\n", co->schema_rel);
	docs[0] = mw_xstrdup(co->schema_rel);
	rc = sync_docs(co, docs, 1, written, diags);
	free(docs[0]);
	return rc;
}

/*
 * Removing a change
 */

/* Deletes `rel` when it is there; its name goes to `written`. */
static int
remove_file(const mw_checkout *co, const char *rel, mw_buf *written, mw_diags *diags)
{
	char *path = mw_workspace_path(co->ws, rel);
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	/* a directory on the way may be a link to elsewhere: nothing is deleted there */
	if (mw_path_confine(co->ws->root, rel, NULL, &err) < 0) {
		rc = failed(diags, NULL, "", &err);
		mw_buf_release(&err);
		free(path);
		return rc;
	}
	if (unlink(path) == 0)
		mw_buf_addf(written, "%s\n", rel);
	else if (errno != ENOENT) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, rel, 0, 0, NULL, NULL, "cannot remove: %s",
			     strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/* Generated SQL goes only when it says it was generated from this change. */
static bool
generated_from(const mw_checkout *co, const char *sql_rel, const char *json_rel)
{
	char *path = mw_workspace_path(co->ws, sql_rel), *source;
	mw_buf text = MW_BUF_INIT;
	bool ours = false;

	if (mw_read_file(&text, path, NULL) == 0) {
		source = mw_workspace_sql_source(mw_buf_cstr(&text), text.len);
		/* any of MediaWiki's spellings of the path (older generators wrote others) */
		ours = source && mw_workspace_label_score(source, json_rel) > 0;
		free(source);
	}
	mw_buf_release(&text);
	free(path);
	return ours;
}

static int
remove_entry(const mw_checkout *co, const char *rel, const char *patch, mw_buf *written,
	     mw_diags *diags)
{
	char *path = mw_workspace_path(co->ws, rel);
	mw_buf text = MW_BUF_INIT, out = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc = mw_read_file(&text, path, &err);

	if (rc == 0)
		rc = mw_updater_remove(&out, mw_buf_cstr(&text), text.len, co->ws->updater_method,
				       patch, NULL, &err);
	if (rc == 0 && !(rc = mw_write_file_confined(co->ws->root, rel, out.data, out.len, &err)))
		mw_buf_addf(written, "%s\n", rel);
	if (rc < 0)
		failed(diags, rel, "", &err);
	mw_buf_release(&text);
	mw_buf_release(&out);
	mw_buf_release(&err);
	free(path);
	return rc < 0 ? -1 : 0;
}

int
mw_checkout_remove_change(mw_checkout *co, const char *change_rel, mw_buf *written,
			  mw_diags *diags)
{
	char *base = mw_path_basename(change_rel), *dot = strrchr(base, '.'), *patch;
	const mw_workspace *ws = co->ws;
	int rc = 0;

	if (dot)
		*dot = 0;
	patch = mw_strdupf("%s.sql", base);
	for (int d = 0; d < MW_DBMS__COUNT && !rc; d++)
		if (ws->updater[d] && (!d || strcmp(ws->updater[d], ws->updater[0])))
			rc = remove_entry(co, ws->updater[d], patch, written, diags);
	for (int d = 0; d < MW_DBMS__COUNT && !rc; d++) {
		char *sql = mw_workspace_sql_path(ws, change_rel, MW_DOC_CHANGE, (mw_dbms)d);

		if (sql && generated_from(co, sql, change_rel))
			rc = remove_file(co, sql, written, diags);
		free(sql);
	}
	if (!rc)
		rc = remove_file(co, change_rel, written, diags);
	free(patch);
	free(base);
	return rc;
}
