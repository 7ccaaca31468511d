/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The workspace's lookups by name (see internal.h). A checkout of thousands
 * of changes has thousands of documents and three times as many SQL files;
 * pairing each with its owner by scanning every other made `check`
 * quadratic. Chains keep each name's items in their array order, so the
 * first match is the one a linear scan would have found.
 */
#include <config.h>

#include "core/checkout/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHAIN_END SIZE_MAX

struct mw_ws_index {
	mw_strmap doc_rel;	/* mw_ws_doc * by rel */
	mw_strmap doc_base;	/* first mw_ws_doc * of each base name */
	size_t *doc_next;	/* the next doc with the same base name */
	mw_strmap sql_rel;	/* mw_ws_sql * by rel */
	mw_strmap sql_owner;	/* first mw_ws_sql * of each owner */
	size_t *sql_next;	/* the next sql with the same owner */
};

static const char *
base_name(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? slash + 1 : rel;
}

/*
 * Appends item i (of the array at `base`, items of `size` bytes) to the chain
 * of `key`; tails[h] is the last item of the chain whose head is h.
 */
static void
chain(mw_strmap *heads, size_t *next, size_t *tails, void *base, size_t size, size_t i,
      const char *key)
{
	struct mw_strmap_slot *slot = mw_strmap_slotn(heads, key, strlen(key));
	size_t head = i;

	if (!slot->value)
		slot->value = (char *)base + i * size;
	else
		head = (size_t)((char *)slot->value - (char *)base) / size;
	if (head != i)
		next[tails[head]] = i;
	next[i] = CHAIN_END;
	tails[head] = i;
}

void
mw_ws__index_files(mw_workspace *ws)
{
	struct mw_ws_index *x = mw_xcalloc(1, sizeof(*x));
	size_t *tails = mw_xcalloc(ws->ndocs + 1, sizeof(*tails));

	x->doc_next = mw_xcalloc(ws->ndocs + 1, sizeof(*x->doc_next));
	for (size_t i = 0; i < ws->ndocs; i++) {
		mw_strmap_add(&x->doc_rel, ws->docs[i].rel, &ws->docs[i]);
		chain(&x->doc_base, x->doc_next, tails, ws->docs, sizeof(*ws->docs), i,
		      base_name(ws->docs[i].rel));
	}
	for (size_t i = 0; i < ws->nsqls; i++)
		mw_strmap_add(&x->sql_rel, ws->sqls[i].rel, &ws->sqls[i]);
	free(tails);
	mw_ws__index_free(ws);
	ws->index = x;
}

void
mw_ws__index_owners(mw_workspace *ws)
{
	struct mw_ws_index *x = ws->index;
	size_t *tails = mw_xcalloc(ws->nsqls + 1, sizeof(*tails));

	mw_strmap_clear(&x->sql_owner);
	free(x->sql_next);
	x->sql_next = mw_xcalloc(ws->nsqls + 1, sizeof(*x->sql_next));
	for (size_t i = 0; i < ws->nsqls; i++)
		if (ws->sqls[i].owner)
			chain(&x->sql_owner, x->sql_next, tails, ws->sqls, sizeof(*ws->sqls), i,
			      ws->sqls[i].owner);
		else
			x->sql_next[i] = CHAIN_END;
	free(tails);
}

void
mw_ws__index_free(mw_workspace *ws)
{
	struct mw_ws_index *x = ws->index;

	if (!x)
		return;
	mw_strmap_clear(&x->doc_rel);
	mw_strmap_clear(&x->doc_base);
	mw_strmap_clear(&x->sql_rel);
	mw_strmap_clear(&x->sql_owner);
	free(x->doc_next);
	free(x->sql_next);
	free(x);
	ws->index = NULL;
}

mw_ws_doc *
mw_ws__doc_by_rel(const mw_workspace *ws, const char *rel)
{
	return mw_strmap_get(&ws->index->doc_rel, rel);
}

const mw_ws_doc *
mw_ws__docs_named(const mw_workspace *ws, const char *base)
{
	return mw_strmap_get(&ws->index->doc_base, base);
}

const mw_ws_doc *
mw_ws__doc_next_named(const mw_workspace *ws, const mw_ws_doc *doc)
{
	size_t next = ws->index->doc_next[doc - ws->docs];

	return next == CHAIN_END ? NULL : &ws->docs[next];
}

mw_ws_sql *
mw_ws__sql_by_rel(const mw_workspace *ws, const char *rel)
{
	return mw_strmap_get(&ws->index->sql_rel, rel);
}

mw_ws_sql *
mw_ws__sqls_owned(const mw_workspace *ws, const char *owner)
{
	return mw_strmap_get(&ws->index->sql_owner, owner);
}

mw_ws_sql *
mw_ws__sql_next_owned(const mw_workspace *ws, const mw_ws_sql *s)
{
	size_t next = ws->index->sql_next[s - ws->sqls];

	return next == CHAIN_END ? NULL : &ws->sqls[next];
}
