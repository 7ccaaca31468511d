/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite statements (spec §6.3, §6.6): DBAL's SqlitePlatform. SQLite's
 * ALTER TABLE can only add columns, so every other change rebuilds the
 * table through a temporary copy, re-creating its indexes afterwards.
 */
#include <config.h>

#include "core/sql/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DBMS MW_DBMS_SQLITE

/* The PRIMARY KEY clause is left out when a key column is INTEGER PRIMARY KEY AUTOINCREMENT. */
static bool
pk_has_autoincrement(const mw_column *cols, size_t n, const mw_index *pk)
{
	for (size_t i = 0; i < pk->ncolumns; i++)
		for (size_t j = 0; j < n; j++)
			if (!strcmp(cols[j].name, pk->columns[i]) && cols[j].autoincrement)
				return true;
	return false;
}

static void
create_table_stmt(struct mw_gen_out *o, const char *name, const mw_column *cols, size_t n,
		  const mw_index *pk)
{
	mw_buf *b = mw_gen_stmt(o);

	mw_buf_adds(b, "CREATE TABLE ");
	mw_gen_table_name(b, name, DBMS);
	mw_buf_adds(b, " (");
	for (size_t i = 0; i < n; i++) {
		if (i)
			mw_buf_adds(b, ", ");
		mw_gen_column_def(b, &cols[i], DBMS, true);
	}
	if (pk && pk->ncolumns && !pk_has_autoincrement(cols, n, pk)) {
		mw_buf_adds(b, ", PRIMARY KEY(");
		mw_gen_index_columns(b, pk, DBMS, false);
		mw_buf_addc(b, ')');
	}
	mw_buf_addc(b, ')');
}

static void
sqlite_create_table(struct mw_gen_out *o, const mw_diff_side *s)
{
	mw_buf name = MW_BUF_INIT;

	create_table_stmt(o, s->table->name, s->columns, s->ncolumns, &s->pk);
	mw_gen_table_name(&name, s->table->name, DBMS);
	for (size_t i = 0; i < s->table->nindexes; i++)
		mw_gen_create_index(o, &s->table->indexes[i], mw_buf_cstr(&name), DBMS);
	mw_buf_release(&name);
}

/* getSimpleAlterTableSQL(): only added, non-auto-increment columns. */
static bool
simple_alter(struct mw_gen_out *o, const mw_table_diff *d)
{
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind != MW_DIFF_COLUMN_ADD || d->items[i].new_col->autoincrement)
			return false;
	for (size_t i = 0; i < d->nitems; i++) {
		mw_buf *b = mw_gen_stmt(o);

		mw_buf_adds(b, "ALTER TABLE ");
		mw_gen_table_name(b, d->before.table->name, DBMS);
		mw_buf_adds(b, " ADD COLUMN ");
		mw_gen_column_def(b, d->items[i].new_col, DBMS, false);
	}
	return true;
}

/*
 * The rebuild. DBAL keeps several arrays keyed by lower-cased names whose
 * order is significant; these small ordered maps mirror them.
 */

struct slot {
	char *key;		/* lower-cased name */
	const mw_column *col;	/* $columns */
	char *old_name;		/* $oldColumnNames (quoted); NULL once dropped */
	char *new_name;		/* $newColumnNames (quoted) */
};

struct rebuild {
	const mw_table_diff *d;
	struct slot *cols;	/* the new table's columns, in DBAL's order */
	size_t ncols;
	struct slot *copy;	/* the columns copied over: old and new names */
	size_t ncopy;
};

static char *
lower_dup(const char *s)
{
	char *l = mw_xstrdup(s);

	for (char *p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

static char *
quoted(const char *name)
{
	mw_buf b = MW_BUF_INIT;

	mw_gen_quote_ident(&b, name, DBMS);
	return mw_buf_detach(&b);
}

static struct slot *
find_slot(struct slot *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].key && !strcmp(v[i].key, key))
			return &v[i];
	return NULL;
}

static void
remove_slot(struct slot *v, size_t *n, struct slot *s)
{
	free(s->key);
	free(s->old_name);
	free(s->new_name);
	memmove(s, s + 1, (size_t)(v + *n - (s + 1)) * sizeof(*s));
	(*n)--;
}

/* replaceColumn(): same position, new key and column; also the copy's new name. */
static void
replace_column(struct rebuild *r, const char *old_name, const mw_column *col)
{
	char *key = lower_dup(old_name);
	struct slot *s = find_slot(r->cols, r->ncols, key);
	struct slot *c = find_slot(r->copy, r->ncopy, key);

	if (s) {
		free(s->key);
		s->key = lower_dup(col->name);
		s->col = col;
	}
	if (c) {
		free(c->new_name);
		c->new_name = quoted(col->name);
	}
	free(key);
}

static void
rebuild_columns(struct rebuild *r)
{
	const mw_table_diff *d = r->d;
	const mw_diff_side *b = &d->before;

	r->cols = mw_xcalloc(b->ncolumns + d->nitems + 1, sizeof(*r->cols));
	r->copy = mw_xcalloc(b->ncolumns + 1, sizeof(*r->copy));
	for (size_t i = 0; i < b->ncolumns; i++) {
		r->cols[r->ncols++] = (struct slot){ lower_dup(b->columns[i].name), &b->columns[i],
						     NULL, NULL };
		r->copy[r->ncopy++] = (struct slot){ lower_dup(b->columns[i].name), NULL,
						     quoted(b->columns[i].name),
						     quoted(b->columns[i].name) };
	}
	for (size_t i = 0; i < d->nitems; i++) {
		char *key;
		struct slot *s;

		if (d->items[i].kind != MW_DIFF_COLUMN_DROP)
			continue;
		key = lower_dup(d->items[i].old_name);
		if ((s = find_slot(r->cols, r->ncols, key)))
			remove_slot(r->cols, &r->ncols, s);
		if ((s = find_slot(r->copy, r->ncopy, key)))
			remove_slot(r->copy, &r->ncopy, s);
		free(key);
	}
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_COLUMN_RENAME)
			replace_column(r, d->items[i].old_name, d->items[i].new_col);
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_COLUMN_MODIFY)
			replace_column(r, d->items[i].old_col->name, d->items[i].new_col);
	for (size_t i = 0; i < d->nitems; i++) {
		const mw_column *c = d->items[i].new_col;
		char *key;
		struct slot *s;

		if (d->items[i].kind != MW_DIFF_COLUMN_ADD)
			continue;
		key = lower_dup(c->name);
		if ((s = find_slot(r->cols, r->ncols, key))) {
			s->col = c;
			free(key);
		} else {
			r->cols[r->ncols++] = (struct slot){ key, c, NULL, NULL };
		}
	}
}

static void
free_slots(struct slot *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].old_name);
		free(v[i].new_name);
	}
	free(v);
}

/*
 * getIndexesInAlteredTable(): the indexes of the resulting table.
 */

struct aindex {
	char *key;		/* lower-cased name; NULL = removed */
	mw_index ix;		/* borrowed strings, except `columns` when `owned` */
	bool primary;
	bool owned;
};

struct index_map {
	struct aindex *v;
	size_t n;
};

static struct aindex *
map_find(struct index_map *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key && !strcmp(m->v[i].key, key))
			return &m->v[i];
	return NULL;
}

static void
map_set(struct index_map *m, char *key, const mw_index *ix, bool primary, bool owned)
{
	struct aindex *slot = map_find(m, key);

	if (!slot) {
		m->v[m->n++] = (struct aindex){ key, *ix, primary, owned };
		return;
	}
	if (slot->owned)
		free(slot->ix.columns);
	free(key);
	slot->ix = *ix;
	slot->primary = primary;
	slot->owned = owned;
}

static void
map_unset(struct index_map *m, const char *name)
{
	char *key = lower_dup(name);
	struct aindex *slot = map_find(m, key);

	if (slot) {
		free(slot->key);
		slot->key = NULL;
	}
	free(key);
}

/*
 * getColumnNamesInAlteredTable(): lower(name) -> the column's resulting
 * name, built once per rebuild (an index of a wide table asks it for each of
 * its columns). Set in DBAL's order, so the last assignment wins as in PHP's
 * array; a dropped name maps to `gone`.
 */
static const char gone[] = "";

static void
altered_set(struct mw_gen_names *x, const char *name, const char *value)
{
	mw_gen_names_put(x, lower_dup(name), value, true);
}

static void
altered_names_init(struct mw_gen_names *x, const mw_table_diff *d)
{
	static const mw_diff_kind order[] = { MW_DIFF_COLUMN_DROP, MW_DIFF_COLUMN_RENAME,
					      MW_DIFF_COLUMN_MODIFY, MW_DIFF_COLUMN_ADD };

	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < d->before.ncolumns; i++)
		altered_set(x, d->before.columns[i].name, d->before.columns[i].name);
	for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++) {
		for (size_t i = 0; i < d->nitems; i++) {
			const mw_diff_item *it = &d->items[i];

			if (it->kind != order[k])
				continue;
			if (it->kind == MW_DIFF_COLUMN_DROP) {
				altered_set(x, it->old_name, gone);
			} else {
				altered_set(x, it->old_name, it->new_col->name);
				altered_set(x, it->name, it->new_col->name);
			}
		}
	}
}

/* The column's name in the altered table, NULL if it is gone or was never there. */
static const char *
altered_column_name(const struct mw_gen_names *x, const char *name)
{
	char *key = lower_dup(name);
	const char *now = mw_gen_names_get(x, key);

	free(key);
	return now == gone ? NULL : now;
}

static bool
is_renamed_away(const mw_table_diff *d, const char *key)
{
	for (size_t j = 0; j < d->nitems; j++)
		if (d->items[j].kind == MW_DIFF_INDEX_RENAME && !strcasecmp(key, d->items[j].old_name))
			return true;
	return false;
}

/*
 * One index of the old table: gone if renamed or if it uses a dropped
 * column; rebuilt on the new names if it uses renamed columns.
 */
static void
carry_index(const mw_table_diff *d, const struct mw_gen_names *names, struct index_map *m,
	    size_t at)
{
	struct aindex *a = &m->v[at];
	mw_index ix = a->ix;
	char **cols = mw_xcalloc(ix.ncolumns + 1, sizeof(*cols));
	bool changed = false, primary = a->primary;
	char *key;

	if (is_renamed_away(d, a->key)) {
		free(a->key);
		a->key = NULL;
	}
	for (size_t i = 0; i < ix.ncolumns; i++) {
		const char *now = altered_column_name(names, ix.columns[i]);

		if (!now) {
			free(a->key);
			a->key = NULL;
			free(cols);
			return;
		}
		cols[i] = (char *)now;
		changed |= strcmp(now, ix.columns[i]) != 0;
	}
	if (!changed) {
		free(cols);
		return;
	}
	/* DBAL builds a new Index here, without options (lengths, where). */
	ix.columns = cols;
	ix.lengths = NULL;
	ix.nlengths = 0;
	ix.where = NULL;
	key = lower_dup(ix.name);
	map_set(m, key, &ix, primary, true);
}

static void
altered_indexes(const mw_table_diff *d, struct index_map *m)
{
	const mw_table *t = d->before.table;
	struct mw_gen_names names;
	size_t nold;

	m->v = mw_xcalloc(2 * (t->nindexes + 1) + d->nitems + 1, sizeof(*m->v));
	m->n = 0;
	for (size_t i = 0; i < t->nindexes; i++)
		map_set(m, lower_dup(t->indexes[i].name), &t->indexes[i], false, false);
	if (d->before.pk.ncolumns)
		map_set(m, lower_dup(d->before.pk.name), &d->before.pk, true, false);
	nold = m->n;
	altered_names_init(&names, d);
	for (size_t i = 0; i < nold; i++)
		if (m->v[i].key)
			carry_index(d, &names, m, i);
	mw_gen_names_clear(&names);
	for (size_t j = 0; j < d->nitems; j++)
		if (d->items[j].kind == MW_DIFF_INDEX_DROP || d->items[j].kind == MW_DIFF_PK_DROP)
			map_unset(m, d->items[j].old_index->name);
	/* array_merge(modified, added, renamed): in place when the name is there, else appended. */
	for (int k = 0; k < 3; k++) {
		for (size_t j = 0; j < d->nitems; j++) {
			mw_diff_kind kind = d->items[j].kind;
			bool pk = kind == MW_DIFF_PK_MODIFY || kind == MW_DIFF_PK_ADD;
			bool want = k == 0 ? kind == MW_DIFF_INDEX_MODIFY || kind == MW_DIFF_PK_MODIFY
				  : k == 1 ? kind == MW_DIFF_INDEX_ADD || kind == MW_DIFF_PK_ADD
				  : kind == MW_DIFF_INDEX_RENAME;

			if (want)
				map_set(m, lower_dup(d->items[j].new_index->name),
					d->items[j].new_index, pk, false);
		}
	}
}

static void
free_index_map(struct index_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		if (m->v[i].owned)
			free(m->v[i].ix.columns);
	}
	free(m->v);
}

/*
 * The rebuild statements
 */

static void
add_names(mw_buf *b, const struct rebuild *r, bool new_names)
{
	for (size_t i = 0; i < r->ncopy; i++) {
		if (i)
			mw_buf_adds(b, ", ");
		mw_buf_adds(b, new_names ? r->copy[i].new_name : r->copy[i].old_name);
	}
}

/* The new table's columns: DBAL's order, then primary-key columns first again. */
static mw_column *
new_table_columns(const struct rebuild *r, const mw_index *pk)
{
	mw_column *cols = mw_xcalloc(r->ncols + 1, sizeof(*cols));
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->ncols; i++)
			if ((pk && mw_gen_lower_in(r->cols[i].col->name, pk->columns, pk->ncolumns))
			    == (pass == 0))
				cols[n++] = *r->cols[i].col;
	return cols;
}

static void
rebuild_table(struct mw_gen_out *o, const mw_table_diff *d)
{
	struct rebuild r = { d, NULL, 0, NULL, 0 };
	struct index_map m;
	const mw_index *pk = NULL;
	mw_buf name = MW_BUF_INIT, temp = MW_BUF_INIT;
	mw_column *cols;
	mw_buf *b;

	mw_gen_table_name(&name, d->before.table->name, DBMS);
	mw_buf_addf(&temp, "__temp__%s", mw_buf_cstr(&name));
	rebuild_columns(&r);
	altered_indexes(d, &m);
	for (size_t i = 0; i < m.n; i++)
		if (m.v[i].key && m.v[i].primary)
			pk = &m.v[i].ix;

	b = mw_gen_stmt(o);
	mw_buf_addf(b, "CREATE TEMPORARY TABLE %s AS SELECT ", mw_buf_cstr(&temp));
	add_names(b, &r, false);
	mw_buf_addf(b, " FROM %s", mw_buf_cstr(&name));
	mw_buf_addf(mw_gen_stmt(o), "DROP TABLE %s", mw_buf_cstr(&name));
	cols = new_table_columns(&r, pk);
	create_table_stmt(o, d->before.table->name, cols, r.ncols, pk);
	b = mw_gen_stmt(o);
	mw_buf_addf(b, "INSERT INTO %s (", mw_buf_cstr(&name));
	add_names(b, &r, true);
	mw_buf_adds(b, ") SELECT ");
	add_names(b, &r, false);
	mw_buf_addf(b, " FROM %s", mw_buf_cstr(&temp));
	mw_buf_addf(mw_gen_stmt(o), "DROP TABLE %s", mw_buf_cstr(&temp));
	for (size_t i = 0; i < m.n; i++)
		if (m.v[i].key && !m.v[i].primary)
			mw_gen_create_index(o, &m.v[i].ix, mw_buf_cstr(&name), DBMS);

	free(cols);
	free_index_map(&m);
	free_slots(r.cols, r.ncols);
	free_slots(r.copy, r.ncopy);
	mw_buf_release(&name);
	mw_buf_release(&temp);
}

static void
sqlite_alter_table(struct mw_gen_out *o, const mw_table_diff *d)
{
	if (!simple_alter(o, d))
		rebuild_table(o, d);
}

const struct mw_gen_ops mw_gen_sqlite_ops = {
	.dbms = DBMS,
	.create_table = sqlite_create_table,
	.alter_table = sqlite_alter_table,
};
