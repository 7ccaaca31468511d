/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON syntax tree's memory and queries (see internal.h): the arena
 * that holds one document's nodes and strings, member lookup, and deep
 * equality. The parser that builds the tree is json_scan.c.
 */
#include <config.h>

#include "core/json/internal.h"
#include "mwschema/buf.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/*
 * Arena: nodes and strings of one document, freed together.
 */

struct jchunk {
	struct jchunk *next;
	size_t used, size;
	max_align_t data[];
};

/*
 * Chunks grow geometrically from a small first one: a workspace holds the
 * trees of thousands of small change files at once, and a fixed 64 KiB
 * chunk per file made that cost ~60 KiB per file for a 2 KiB input.
 */
#define JARENA_FIRST_CHUNK 1024
#define JARENA_MAX_CHUNK (64 * 1024)

struct jarena {
	struct jchunk *head;
	size_t next_cap;	/* capacity of the next chunk */
};

struct jarena *
jarena_new(void)
{
	return mw_xcalloc(1, sizeof(struct jarena));
}

void
jarena_free(struct jarena *a)
{
	struct jchunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
jarena_alloc(struct jarena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct jchunk *c = a->head;
	void *p;

	size = (size + align - 1) / align * align;
	if (!c || c->size - c->used < size) {
		size_t cap = a->next_cap ? a->next_cap : JARENA_FIRST_CHUNK;

		if (cap < JARENA_MAX_CHUNK)
			a->next_cap = cap * 2;
		if (cap < size)
			cap = size;
		c = mw_xmalloc(sizeof(*c) + cap);
		c->size = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *
jarena_strndup(struct jarena *a, const char *s, size_t n)
{
	char *p = jarena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Queries
 */

long
jtree_key_pos(const jnode *obj, const char *key)
{
	if (!obj || obj->kind != J_OBJECT)
		return -1;
	for (size_t i = obj->n; i-- > 0;)
		if (!strcmp(obj->keys[i].name, key))
			return (long)i;
	return -1;
}

jnode *
jtree_get(const jnode *obj, const char *key)
{
	long i = jtree_key_pos(obj, key);

	return i < 0 ? NULL : obj->kids[i];
}

static bool
numbers_equal(const char *a, const char *b)
{
	return !strcmp(a, b) || strtod(a, NULL) == strtod(b, NULL);
}

bool
jtree_equal(const jnode *a, const jnode *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return false;
	switch (a->kind) {
	case J_NUMBER:
		return numbers_equal(a->str, b->str);
	case J_STRING:
		return !strcmp(a->str, b->str);
	case J_OBJECT:
		for (size_t i = 0; i < a->n; i++)
			if (strcmp(a->keys[i].name, b->keys[i].name) ||
			    !jtree_equal(a->kids[i], b->kids[i]))
				return false;
		return true;
	case J_ARRAY:
		for (size_t i = 0; i < a->n; i++)
			if (!jtree_equal(a->kids[i], b->kids[i]))
				return false;
		return true;
	default:
		return true;
	}
}

const char *
jtree_kind_name(jkind k)
{
	static const char *const names[] = {
		[J_NULL] = "null", [J_FALSE] = "a boolean", [J_TRUE] = "a boolean",
		[J_NUMBER] = "a number", [J_STRING] = "a string", [J_ARRAY] = "an array",
		[J_OBJECT] = "an object",
	};

	return names[k];
}
