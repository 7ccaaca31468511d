/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tables-json-in-sync: does each schema table equal the `after` of the newest
 * change to it?
 *
 * Change files carry no date, so "newest" comes from the changes themselves:
 * a change follows another when its `before` is the other's `after`. The
 * heads of those chains are the newest states. The schema table is in sync
 * when it equals a head, and behind when it equals the `before` of a change
 * (the author wrote the change and did not copy its `after` back: the usual
 * mistake). A table equal to neither is ahead of every change present, which
 * is normal once old patches were removed from a repository: not reported.
 * A table created by a change must appear in some schema file.
 * Comments are documentation and ignored.
 */
#include <config.h>

#include "core/checkout/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct step {
	const mw_ws_doc *doc;
	mw_table *before;	/* comment-free copies, NULL for {} */
	mw_table *after;
	bool followed;		/* another change starts where this one ends */
};

static mw_table *
bare_copy(const mw_table *t)
{
	mw_table *c;

	if (!t)
		return NULL;
	c = mw_table_dup(t);
	free(c->comment);
	c->comment = NULL;
	for (size_t i = 0; i < c->ncolumns; i++) {
		free(c->columns[i].comment);
		c->columns[i].comment = NULL;
	}
	for (size_t i = 0; i < c->nindexes; i++) {
		free(c->indexes[i].comment);
		c->indexes[i].comment = NULL;
	}
	return c;
}

/* The changes whose `after` is table `name`, linked into chains. */
static size_t
collect_steps(struct step **out, const mw_workspace *ws, const char *name)
{
	struct step *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;

		if (!doc || doc->kind != MW_DOC_CHANGE || !doc->change.after ||
		    strcmp(doc->change.after->name, name))
			continue;
		v = mw_xrealloc(v, (n + 1) * sizeof(*v));
		v[n].doc = &ws->docs[i];
		v[n].before = bare_copy(doc->change.before);
		v[n].after = bare_copy(doc->change.after);
		v[n++].followed = false;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (i != j && v[j].before && mw_table_equal(v[j].before, v[i].after))
				v[i].followed = true;
	*out = v;
	return n;
}

static void
free_steps(struct step *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		mw_table_free(v[i].before);
		mw_table_free(v[i].after);
	}
	free(v);
}

/* The change the schema table missed, or NULL when it is in sync or ahead. */
static const struct step *
newest_missed(const struct step *v, size_t n, const mw_table *table)
{
	for (size_t i = 0; i < n; i++)
		if (!v[i].followed && mw_table_equal(v[i].after, table))
			return NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].before && mw_table_equal(v[i].before, table))
			return &v[i];
	return NULL;
}

static void
report(const mw_ws_doc *schema, size_t index, const mw_table *table, const struct step *s,
       mw_diags *diags)
{
	mw_change c = { NULL, (mw_table *)table, s->after };
	mw_updater_entry e;
	char path[32];

	snprintf(path, sizeof(path), "/%zu", index);
	mw_updater_entry_from_change(&e, &c, "");
	mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_TABLES, schema->rel, 0, 0,
		     schema->doc->kind == MW_DOC_SCHEMA ? path : NULL,
		     "copy the change's \"after\" into the schema file",
		     "table '%s' differs from the \"after\" of %s (%s%s%s)", table->name,
		     s->doc->rel, mw_updater_verb_name(e.verb), e.name ? " " : "",
		     e.name ? e.name : "");
	mw_updater_entry_clear(&e);
}

static bool
dropped_later(const mw_workspace *ws, const char *name)
{
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;

		if (doc && doc->kind == MW_DOC_CHANGE && doc->change.before &&
		    !strcmp(doc->change.before->name, name) &&
		    (!doc->change.after || strcmp(doc->change.after->name, name)))
			return true;
	}
	return false;
}

/* Whether document `rel` is among `docs` (ndocs 0: every document is). */
static bool
listed(const char *rel, char *const *docs, size_t ndocs)
{
	for (size_t i = 0; i < ndocs; i++)
		if (!strcmp(docs[i], rel))
			return true;
	return !ndocs;
}

/* New tables ("before": {}) that no schema file lists. */
static void
check_created(const mw_workspace *ws, char *const *docs, size_t ndocs, mw_diags *diags)
{
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;
		const char *name;

		if (!doc || doc->kind != MW_DOC_CHANGE || doc->change.before ||
		    !doc->change.after || !listed(ws->docs[i].rel, docs, ndocs))
			continue;
		name = doc->change.after->name;
		if (mw_workspace_table(ws, name, NULL) || dropped_later(ws, name))
			continue;
		mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_TABLES, ws->docs[i].rel, 0, 0, "/after",
			     "add the table to the schema file (tables.json)",
			     "table '%s' created by %s is in no schema file", name, ws->docs[i].rel);
	}
}

void
mw_drift__check_tables(const mw_workspace *ws, char *const *docs, size_t ndocs, mw_diags *diags)
{
	check_created(ws, docs, ndocs, diags);
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;

		if (!doc || doc->kind == MW_DOC_CHANGE || !listed(ws->docs[i].rel, docs, ndocs))
			continue;
		for (size_t t = 0; t < doc->schema.ntables; t++) {
			struct step *v;
			size_t n = collect_steps(&v, ws, doc->schema.tables[t].name);
			mw_table *bare = n ? bare_copy(&doc->schema.tables[t]) : NULL;
			const struct step *s = n ? newest_missed(v, n, bare) : NULL;

			if (s)
				report(&ws->docs[i], t, &doc->schema.tables[t], s, diags);
			mw_table_free(bare);
			free_steps(v, n);
		}
	}
}
