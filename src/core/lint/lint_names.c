/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The names the schema-wide rules look up (internal.h): every table the
 * linter knows besides the one being checked, indexed once per mw_lint_doc
 * call by table name, by integer primary-key column and by index name. A
 * lookup then costs a hash instead of a walk over every table, which made
 * linting a schema grow with the square of its size.
 *
 * The answers are those of a walk in the linter's order (the document's own
 * tables, then the others' whose names the document does not have): each
 * name keeps its tables in that order, and the first that qualifies wins.
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/strmap.h"

#include <stdlib.h>
#include <string.h>

/* One table under one name; the lists run in the walk's order. */
struct lint_entry {
	const mw_table *table;
	const mw_column *key;		/* its integer primary-key column, or NULL */
	size_t order;
	bool from_doc;			/* one of the document's own tables */
	struct lint_entry *next;
};

struct lint_names {
	mw_strmap tables;		/* table name -> entries */
	mw_strmap bare;			/* its name without its prefix (nl_newsletters ->
					   newsletters), and without a plural s -> entries */
	mw_strmap keys;			/* integer key column name -> entries */
	mw_strmap indexes;		/* index name -> entries */
	size_t order;
};

/* The column of `t` that is its whole primary key, if that is an integer. */
const mw_column *
lint_integer_key(const mw_table *t)
{
	const mw_column *k;

	if (t->npk != 1 || !(k = mw_table_column(t, t->pk[0])))
		return NULL;
	return mw_type_is_integer(k->type) ? k : NULL;
}

/* Appends the table to the list under name[0..len) (a key into the table's own strings). */
static void
list_add_n(struct lint_names *ln, mw_strmap *map, const char *name, size_t len,
	   const mw_table *t, const mw_column *key, bool from_doc)
{
	struct mw_strmap_slot *slot = mw_strmap_slotn(map, name, len);
	struct lint_entry *e = mw_xmalloc(sizeof(*e)), **tail;

	*e = (struct lint_entry){ t, key, ln->order, from_doc, NULL };
	for (tail = (struct lint_entry **)&slot->value; *tail; tail = &(*tail)->next)
		;
	*tail = e;
}

static void
list_add(struct lint_names *ln, mw_strmap *map, const char *name, const mw_table *t,
	 const mw_column *key, bool from_doc)
{
	list_add_n(ln, map, name, strlen(name), t, key, from_doc);
}

static void
add_table(struct lint_names *ln, const mw_table *t, bool from_doc)
{
	const mw_column *k = lint_integer_key(t);

	const char *bare = strchr(t->name, '_');

	ln->order++;
	list_add(ln, &ln->tables, t->name, t, k, from_doc);
	if (bare && *++bare) {
		size_t n = strlen(bare);

		list_add_n(ln, &ln->bare, bare, n, t, k, from_doc);
		if (n > 1 && bare[n - 1] == 's')
			list_add_n(ln, &ln->bare, bare, n - 1, t, k, from_doc);
	}
	if (k)
		list_add(ln, &ln->keys, k->name, t, k, from_doc);
	for (size_t i = 0; i < t->nindexes; i++)
		list_add(ln, &ln->indexes, t->indexes[i].name, t, k, from_doc);
}

static struct lint_names *
build(const struct lint_ctx *ctx)
{
	struct lint_names *ln = mw_xcalloc(1, sizeof(*ln));
	const mw_schema *doc = ctx->schema;

	for (size_t i = 0; doc && i < doc->ntables; i++)
		add_table(ln, &doc->tables[i], true);
	/* The others may include this very document: skip the names it has. */
	for (size_t k = 0; ctx->others && k < ctx->others->n; k++) {
		const mw_schema *s = ctx->others->schemas[k];

		for (size_t i = 0; s && i < s->ntables; i++) {
			struct lint_entry *e = mw_strmap_get(&ln->tables, s->tables[i].name);

			if (!e || !e->from_doc)
				add_table(ln, &s->tables[i], false);
		}
	}
	return ln;
}

static void
free_lists(mw_strmap *map)
{
	for (size_t i = 0; i < map->cap; i++) {
		struct lint_entry *e = map->slots[i].key ? map->slots[i].value : NULL, *next;

		for (; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	mw_strmap_clear(map);
}

void
lint_names_free(struct lint_names *ln)
{
	if (!ln)
		return;
	free_lists(&ln->tables);
	free_lists(&ln->bare);
	free_lists(&ln->keys);
	free_lists(&ln->indexes);
	free(ln);
}

static struct lint_names *
names_of(struct lint_ctx *ctx)
{
	if (!ctx->names)
		ctx->names = build(ctx);
	return ctx->names;
}

/* Would the walk over the other tables visit this entry for ctx->table? */
static bool
visited(const struct lint_ctx *ctx, const struct lint_entry *e)
{
	if (e->table == ctx->table)
		return false;
	return e->from_doc || !ctx->table || strcmp(e->table->name, ctx->table->name);
}

/* The first entry under `name` that is visited and has an integer key other than `c`. */
static const struct lint_entry *
first_keyed(const struct lint_ctx *ctx, const mw_strmap *map, const char *name, size_t len,
	    const mw_column *c)
{
	const struct lint_entry *e = mw_strmap_getn(map, name, len);

	for (; e; e = e->next)
		if (visited(ctx, e) && e->key && e->key != c)
			return e;
	return NULL;
}

static const struct lint_entry *
earlier(const struct lint_entry *a, const struct lint_entry *b)
{
	if (!a || !b)
		return a ? a : b;
	return a->order <= b->order ? a : b;
}

const mw_table *
lint_referenced_table(struct lint_ctx *ctx, const mw_column *c, const mw_column **key)
{
	struct lint_names *ln = names_of(ctx);
	const char *rest = strchr(c->name, '_');
	const struct lint_entry *best = first_keyed(ctx, &ln->keys, c->name, strlen(c->name), c);

	/*
	 * rev_page -> page, cl_target_id -> target: what follows the first "_"
	 * (minus "_id") is the table's name, or its name without its own prefix
	 * and plural (nli_newsletter_id -> nl_newsletters).
	 */
	if (rest && rest != c->name) {
		size_t n = strlen(++rest);

		best = earlier(best, first_keyed(ctx, &ln->tables, rest, n, c));
		best = earlier(best, first_keyed(ctx, &ln->bare, rest, n, c));
		if (n >= 3 && !strcmp(rest + n - 3, "_id")) {
			best = earlier(best, first_keyed(ctx, &ln->tables, rest, n - 3, c));
			best = earlier(best, first_keyed(ctx, &ln->bare, rest, n - 3, c));
		}
	}
	*key = best ? best->key : NULL;
	return best ? best->table : NULL;
}

static const struct lint_entry *
first_visited(const struct lint_ctx *ctx, const mw_strmap *map, const char *name)
{
	const struct lint_entry *e = mw_strmap_get(map, name);

	while (e && !visited(ctx, e))
		e = e->next;
	return e;
}

const mw_table *
lint_name_owner(struct lint_ctx *ctx, const char *name, bool *is_table)
{
	struct lint_names *ln = names_of(ctx);
	const struct lint_entry *ix = first_visited(ctx, &ln->indexes, name);
	const struct lint_entry *t = first_visited(ctx, &ln->tables, name);

	/* the same table both ways: the index is what the walk saw first */
	*is_table = t && (!ix || t->order < ix->order);
	return *is_table ? t->table : ix ? ix->table : NULL;
}

const mw_table *
lint_doc_table(struct lint_ctx *ctx, const char *name)
{
	struct lint_names *ln = names_of(ctx);
	const struct lint_entry *e = mw_strmap_get(&ln->tables, name);

	return e && e->from_doc ? e->table : NULL;
}
