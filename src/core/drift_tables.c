/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tables-json-in-sync: does each schema table equal the `after` of the newest
 * change to it?
 *
 * Change files carry no date, so "newest" comes from the changes themselves:
 * a change follows another when its `before` is the other's `after`. The
 * heads of those chains are the newest states. The schema table is in sync
 * when it equals a head. It is behind when it equals the `before` of some
 * change (that change, or one after it, was not copied back), or when there
 * is exactly one head and it says something else. Several unrelated heads
 * and a table equal to none of them is a history this cannot order: it is
 * not reported rather than guessed. Comments are documentation and ignored.
 */
#include <config.h>

#include "core/drift_internal.h"

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

/* The change the schema table should have caught up with, or NULL when in sync or unknown. */
static const struct step *
newest_missed(const struct step *v, size_t n, const mw_table *table)
{
	const struct step *head = NULL;
	size_t heads = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].followed)
			continue;
		if (mw_table_equal(v[i].after, table))
			return NULL;
		head = &v[i];
		heads++;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].before && mw_table_equal(v[i].before, table))
			return &v[i];
	return heads == 1 ? head : NULL;
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

void
mw_drift__check_tables(const mw_workspace *ws, mw_diags *diags)
{
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;

		if (!doc || doc->kind == MW_DOC_CHANGE)
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
