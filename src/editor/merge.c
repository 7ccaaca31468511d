/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Three-way table merge (see merge.h). Named elements follow `theirs`'
 * order; an element only `mine` added goes after the element it follows in
 * `mine`, so the JSON diff of the merged table stays one hunk per edit.
 */
#include <config.h>

#include "editor/merge.h"

#include <stdlib.h>
#include <string.h>

/* A list of named elements: columns or indexes, seen through these. */
struct kind {
	const char *what;
	size_t size;
	const char *(*name)(const void *el);
	bool (*equal)(const void *a, const void *b);
	void (*copy)(void *dst, const void *src);
};

struct list {
	const char *base;	/* elements, `size` bytes apart */
	size_t n;
};

static const char *column_name(const void *el) { return ((const mw_column *)el)->name; }
static bool column_equal(const void *a, const void *b) { return mw_column_equal(a, b); }
static void column_copy(void *d, const void *s) { mw_column_copy(d, s); }
static const char *index_name(const void *el) { return ((const mw_index *)el)->name; }
static bool index_equal(const void *a, const void *b) { return mw_index_equal(a, b); }
static void index_copy(void *d, const void *s) { mw_index_copy(d, s); }

static const struct kind columns = {
	"column", sizeof(mw_column), column_name, column_equal, column_copy,
};
static const struct kind indexes = {
	"index", sizeof(mw_index), index_name, index_equal, index_copy,
};

static const void *
find(const struct kind *k, const struct list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(k->name(l->base + i * k->size), name))
			return l->base + i * k->size;
	return NULL;
}

static bool
same(const struct kind *k, const void *a, const void *b)
{
	return a == b || (a && b && k->equal(a, b));
}

/*
 * One element: which version wins (NULL = dropped). *conflict is set when
 * both sides changed it differently.
 */
static const void *
resolve(const struct kind *k, const void *b, const void *m, const void *t, bool mine_wins,
	bool *conflict)
{
	*conflict = false;
	if (same(k, m, b))
		return t;
	if (same(k, t, b) || same(k, m, t) || mine_wins)
		return m;
	*conflict = true;
	return NULL;
}

/* The merged list, built in `out` (n elements of k->size). */
struct merged {
	char *v;
	size_t n;
};

static void
insert_at(const struct kind *k, struct merged *out, size_t pos, const void *el)
{
	out->v = mw_xrealloc(out->v, (out->n + 1) * k->size);
	memmove(out->v + (pos + 1) * k->size, out->v + pos * k->size, (out->n - pos) * k->size);
	memset(out->v + pos * k->size, 0, k->size);
	k->copy(out->v + pos * k->size, el);
	out->n++;
}

static long
merged_pos(const struct kind *k, const struct merged *out, const char *name)
{
	for (size_t i = 0; i < out->n; i++)
		if (!strcmp(k->name(out->v + i * k->size), name))
			return (long)i;
	return -1;
}

/* Where an element only `mine` has goes: after its nearest predecessor in `mine`. */
static size_t
place_after(const struct kind *k, const struct merged *out, const struct list *m, size_t i)
{
	while (i-- > 0) {
		long at = merged_pos(k, out, k->name(m->base + i * k->size));

		if (at >= 0)
			return (size_t)at + 1;
	}
	return 0;
}

static int
conflict(mw_buf *err, const struct kind *k, const char *name)
{
	mw_buf_addf(err, "%s '%s' was changed both in the editor and on disk", k->what, name);
	return -1;
}

static int
merge_list(struct merged *out, const struct kind *k, const struct list *b, const struct list *m,
	   const struct list *t, bool mine_wins, mw_buf *err)
{
	bool clash;

	for (size_t i = 0; i < t->n; i++) {
		const void *te = t->base + i * k->size;
		const char *name = k->name(te);
		const void *win = resolve(k, find(k, b, name), find(k, m, name), te, mine_wins,
					  &clash);

		if (clash)
			return conflict(err, k, name);
		if (win)
			insert_at(k, out, out->n, win);
	}
	for (size_t i = 0; i < m->n; i++) {
		const void *me = m->base + i * k->size, *be;
		const char *name = k->name(me);

		if (find(k, t, name))
			continue;
		be = find(k, b, name);
		if (be && !same(k, me, be) && !mine_wins)
			return conflict(err, k, name);	/* changed here, dropped there */
		if (!be || !same(k, me, be))
			insert_at(k, out, place_after(k, out, m, i), me);
	}
	return 0;
}

static bool
str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* 0 take mine, 1 take theirs, -1 conflict: for a value compared as a whole. */
static int
pick(bool mine_is_base, bool theirs_is_base, bool mine_is_theirs, bool mine_wins)
{
	if (mine_is_base)
		return 1;
	if (theirs_is_base || mine_is_theirs || mine_wins)
		return 0;
	return -1;
}

static int
merge_scalars(mw_table *out, const mw_table *b, const mw_table *m, const mw_table *t,
	      bool mine_wins, mw_buf *err)
{
	int pk = pick(mw_strv_equal(m->pk, m->npk, b->pk, b->npk) && m->has_pk_key == b->has_pk_key,
		      mw_strv_equal(t->pk, t->npk, b->pk, b->npk) && t->has_pk_key == b->has_pk_key,
		      mw_strv_equal(m->pk, m->npk, t->pk, t->npk) && m->has_pk_key == t->has_pk_key,
		      mine_wins);
	int comment = pick(str_equal(m->comment, b->comment), str_equal(t->comment, b->comment),
			   str_equal(m->comment, t->comment), mine_wins);
	int opts = pick(mw_strv_equal(m->table_options, m->ntable_options, b->table_options,
				      b->ntable_options),
			mw_strv_equal(t->table_options, t->ntable_options, b->table_options,
				      b->ntable_options),
			mw_strv_equal(m->table_options, m->ntable_options, t->table_options,
				      t->ntable_options), mine_wins);

	if (pk < 0 || comment < 0 || opts < 0) {
		mw_buf_addf(err, "the %s of table '%s' was changed both in the editor and on disk",
			    pk < 0 ? "primary key" : comment < 0 ? "comment" : "options", t->name);
		return -1;
	}
	if (pk == 0) {
		mw_strv_free(out->pk, out->npk);
		out->pk = mw_strv_dup(m->pk, m->npk);
		out->npk = m->npk;
		out->has_pk_key = m->has_pk_key;
	}
	if (comment == 0) {
		free(out->comment);
		out->comment = mw_xstrdup(m->comment);
	}
	if (opts == 0) {
		mw_strv_free(out->table_options, out->ntable_options);
		out->table_options = mw_strv_dup(m->table_options, m->ntable_options);
		out->ntable_options = m->ntable_options;
		out->has_table_options = m->has_table_options;
	}
	return 0;
}

static void
free_merged(const struct kind *k, struct merged *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (k == &columns)
			mw_column_clear((mw_column *)(void *)(l->v + i * k->size));
		else
			mw_index_clear((mw_index *)(void *)(l->v + i * k->size));
	}
	free(l->v);
}

/* All three exist: element by element, onto a copy of theirs. */
static int
merge_tables(mw_table **out, const mw_table *b, const mw_table *m, const mw_table *t,
	     bool mine_wins, mw_buf *err)
{
	struct list bc = { (const char *)b->columns, b->ncolumns };
	struct list mc = { (const char *)m->columns, m->ncolumns };
	struct list tc = { (const char *)t->columns, t->ncolumns };
	struct list bi = { (const char *)b->indexes, b->nindexes };
	struct list mi = { (const char *)m->indexes, m->nindexes };
	struct list ti = { (const char *)t->indexes, t->nindexes };
	struct merged cols = { NULL, 0 }, ixs = { NULL, 0 };
	mw_table *r;

	if (merge_list(&cols, &columns, &bc, &mc, &tc, mine_wins, err) ||
	    merge_list(&ixs, &indexes, &bi, &mi, &ti, mine_wins, err)) {
		free_merged(&columns, &cols);
		free_merged(&indexes, &ixs);
		return -1;
	}
	r = mw_table_dup(t);
	for (size_t i = 0; i < r->ncolumns; i++)
		mw_column_clear(&r->columns[i]);
	for (size_t i = 0; i < r->nindexes; i++)
		mw_index_clear(&r->indexes[i]);
	free(r->columns);
	free(r->indexes);
	r->columns = (mw_column *)(void *)cols.v;
	r->ncolumns = cols.n;
	r->indexes = (mw_index *)(void *)ixs.v;
	r->nindexes = ixs.n;
	if (merge_scalars(r, b, m, t, mine_wins, err)) {
		mw_table_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

static bool
table_same(const mw_table *a, const mw_table *b)
{
	return a == b || (a && b && mw_table_equal(a, b));
}

static int
merge3(mw_table **out, const mw_table *base, const mw_table *mine, const mw_table *theirs,
       bool mine_wins, mw_buf *err)
{
	const mw_table *win = NULL;
	const mw_table *named = theirs ? theirs : mine ? mine : base;

	*out = NULL;
	if (table_same(mine, base))
		win = theirs;
	else if (table_same(theirs, base) || table_same(mine, theirs))
		win = mine;
	else if (base && mine && theirs)
		return merge_tables(out, base, mine, theirs, mine_wins, err);
	else if (mine_wins)
		win = mine;
	else {
		mw_buf_addf(err, "table '%s' was %s in the editor and %s on disk", named->name,
			    !mine ? "dropped" : !base ? "created" : "changed",
			    !theirs ? "dropped" : !base ? "created" : "changed");
		return -1;
	}
	*out = win ? mw_table_dup(win) : NULL;
	return 0;
}

int
table_merge3(mw_table **out, const mw_table *base, const mw_table *mine, const mw_table *theirs,
	     mw_buf *err)
{
	return merge3(out, base, mine, theirs, false, err);
}

int
table_rebase3(mw_table **out, const mw_table *base, const mw_table *mine,
	      const mw_table *theirs)
{
	return merge3(out, base, mine, theirs, true, NULL);
}

/* vim: set ts=8 sw=8 noexpandtab: */
