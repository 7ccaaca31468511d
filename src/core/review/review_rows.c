/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The before/after table of a review item: one row per column, index and
 * the primary key, with both declarations in the abstract schema's words
 * (so a reviewer reads one table, not three dialects), and the item's title.
 */
#include <config.h>

#include "core/review/internal.h"
#include "mwschema/commit.h"
#include "mwschema/strmap.h"
#include "mwschema/updater.h"

#include <stdlib.h>
#include <string.h>

static void
add_row(mw_review_item *it, const char *what, const char *name, char *before, char *after)
{
	mw_review_row *r;

	it->rows = mw_xrealloc(it->rows, (it->nrows + 1) * sizeof(*it->rows));
	r = &it->rows[it->nrows++];
	r->what = what;
	r->name = mw_xstrdup(name);
	r->before = before;
	r->after = after;
	if (!before)
		r->mark = '+';
	else if (!after)
		r->mark = '-';
	else
		r->mark = strcmp(before, after) ? '~' : ' ';
}

/* "binary(32) unsigned NOT NULL DEFAULT '' autoincrement", as the JSON says it. */
static char *
column_decl(const mw_column *c)
{
	mw_buf b = MW_BUF_INIT;

	mw_buf_adds(&b, mw_type_name(c->type));
	if (c->type == MW_T_DECIMAL)
		mw_buf_addf(&b, "(%d,%d)", c->precision, c->scale);
	else if (c->has_length)
		mw_buf_addf(&b, "(%lld)", c->length);
	if (c->fixed)
		mw_buf_adds(&b, " fixed");
	if (c->is_unsigned)
		mw_buf_adds(&b, " unsigned");
	mw_buf_adds(&b, c->notnull ? " NOT NULL" : " NULL");
	if (c->deflt.kind == MW_V_STRING)
		mw_buf_addf(&b, " DEFAULT '%s'", c->deflt.text);
	else if (c->deflt.kind != MW_V_NONE && c->deflt.kind != MW_V_NULL)
		mw_buf_addf(&b, " DEFAULT %s", c->deflt.raw ? c->deflt.raw : c->deflt.text);
	if (c->autoincrement)
		mw_buf_adds(&b, " autoincrement");
	for (size_t i = 0; i < c->n_enum_values; i++)
		mw_buf_addf(&b, "%s'%s'%s", i ? "," : " (", c->enum_values[i],
			    i + 1 == c->n_enum_values ? ")" : "");
	return mw_buf_detach(&b);
}

/* "UNIQUE (a, b(10)) WHERE ...". */
static char *
index_decl(const mw_index *ix)
{
	mw_buf b = MW_BUF_INIT;

	if (ix->unique)
		mw_buf_adds(&b, "UNIQUE ");
	if (ix->flags & MW_IDX_FULLTEXT)
		mw_buf_adds(&b, "FULLTEXT ");
	if (ix->flags & MW_IDX_SPATIAL)
		mw_buf_adds(&b, "SPATIAL ");
	mw_buf_addc(&b, '(');
	for (size_t i = 0; i < ix->ncolumns; i++) {
		mw_buf_addf(&b, "%s%s", i ? ", " : "", ix->columns[i]);
		if (i < ix->nlengths && ix->lengths[i] >= 0)
			mw_buf_addf(&b, "(%lld)", ix->lengths[i]);
	}
	mw_buf_addc(&b, ')');
	if (ix->where)
		mw_buf_addf(&b, " WHERE %s", ix->where);
	return mw_buf_detach(&b);
}

static char *
pk_decl(const mw_table *t)
{
	mw_buf b = MW_BUF_INIT;

	if (!t || !t->npk)
		return NULL;
	mw_buf_addc(&b, '(');
	for (size_t i = 0; i < t->npk; i++)
		mw_buf_addf(&b, "%s%s", i ? ", " : "", t->pk[i]);
	mw_buf_addc(&b, ')');
	return mw_buf_detach(&b);
}

static char *
options_decl(const mw_table *t)
{
	mw_buf b = MW_BUF_INIT;

	if (!t || !t->ntable_options)
		return NULL;
	for (size_t i = 0; i < t->ntable_options; i++)
		mw_buf_addf(&b, "%s%s", i ? " " : "", t->table_options[i]);
	return mw_buf_detach(&b);
}

/* Columns in `before`'s order, then the ones `after` adds. */
static void
column_rows(mw_review_item *it, const mw_table *b, const mw_table *a)
{
	for (size_t i = 0; b && i < b->ncolumns; i++) {
		const mw_column *x = a ? mw_table_column(a, b->columns[i].name) : NULL;

		add_row(it, "column", b->columns[i].name, column_decl(&b->columns[i]),
			x ? column_decl(x) : NULL);
	}
	for (size_t i = 0; a && i < a->ncolumns; i++)
		if (!b || !mw_table_column(b, a->columns[i].name))
			add_row(it, "column", a->columns[i].name, NULL, column_decl(&a->columns[i]));
}

static void
index_rows(mw_review_item *it, const mw_table *b, const mw_table *a)
{
	char *pb = pk_decl(b), *pa = pk_decl(a);

	if (pb || pa)
		add_row(it, "primary key", "primary", pb, pa);
	for (size_t i = 0; b && i < b->nindexes; i++) {
		const mw_index *x = a ? mw_table_index(a, b->indexes[i].name) : NULL;

		add_row(it, "index", b->indexes[i].name, index_decl(&b->indexes[i]),
			x ? index_decl(x) : NULL);
	}
	for (size_t i = 0; a && i < a->nindexes; i++)
		if (!b || !mw_table_index(b, a->indexes[i].name))
			add_row(it, "index", a->indexes[i].name, NULL, index_decl(&a->indexes[i]));
}

static void
change_rows(mw_review_item *it)
{
	const mw_table *b = it->doc->change.before, *a = it->doc->change.after;
	char *ob = options_decl(b), *oa = options_decl(a);

	/* The table itself is a row only when it comes, goes or is renamed. */
	if (!a || !b || strcmp(a->name, b->name))
		add_row(it, "table", a ? a->name : b->name, b ? mw_xstrdup(b->name) : NULL,
			a ? mw_xstrdup(a->name) : NULL);
	column_rows(it, b, a);
	index_rows(it, b, a);
	if (ob || oa)
		add_row(it, "table options", "options", ob, oa);
	if (it->plan && it->plan->has_entry)
		it->title = mw_commit_subject(&it->plan->entry);
}

/* A table in a few words: how many columns and indexes, and its key. */
static char *
table_decl(const mw_table *t)
{
	char *pk = pk_decl(t), *out;

	out = mw_strdupf("%zu column%s, %zu index%s%s%s", t->ncolumns, t->ncolumns == 1 ? "" : "s",
			 t->nindexes, t->nindexes == 1 ? "" : "es", pk ? ", primary key " : "",
			 pk ? pk : "");
	free(pk);
	return out;
}

/* The tables of `s` by name (the first of a name, as mw_schema_table finds it). */
static void
index_tables(mw_strmap *map, const mw_schema *s)
{
	for (size_t i = 0; s && i < s->ntables; i++)
		mw_strmap_add(map, s->tables[i].name, &s->tables[i]);
}

/*
 * Schema files: one row per table, compared with the file before the
 * revision. Tables are matched by a hash of their names: a schema of
 * thousands of tables must not cost the square of that.
 */
static void
schema_rows(mw_review_item *it, const mw_schema *old)
{
	const mw_schema *s = &it->doc->schema;
	mw_strmap now_by_name = MW_STRMAP_INIT, old_by_name = MW_STRMAP_INIT;

	index_tables(&now_by_name, s);
	index_tables(&old_by_name, old);
	for (size_t i = 0; old && i < old->ntables; i++) {
		const mw_table *t = &old->tables[i], *now = mw_strmap_get(&now_by_name, t->name);
		size_t at = it->nrows;

		add_row(it, "table", t->name, table_decl(t), now ? table_decl(now) : NULL);
		if (now && !mw_table_equal(t, now))
			it->rows[at].mark = '~';
	}
	for (size_t i = 0; i < s->ntables; i++)
		if (!old || !mw_strmap_get(&old_by_name, s->tables[i].name))
			add_row(it, "table", s->tables[i].name, old ? NULL : table_decl(&s->tables[i]),
				table_decl(&s->tables[i]));
	mw_strmap_clear(&now_by_name);
	mw_strmap_clear(&old_by_name);
}

void
mw_review__rows(mw_review_item *it, const mw_schema *old)
{
	const mw_schema *s = &it->doc->schema;

	if (it->doc->kind == MW_DOC_CHANGE) {
		if (it->doc->change.before || it->doc->change.after)
			change_rows(it);
		if (!it->title)
			it->title = mw_strdupf("%s (an empty change)", it->path);
		return;
	}
	schema_rows(it, old);
	it->title = mw_strdupf("Schema file %s (%zu table%s)", it->path, s->ntables,
			       s->ntables == 1 ? "" : "s");
}
