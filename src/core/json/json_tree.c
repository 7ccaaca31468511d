/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The positioned JSON tree (internal.h): the arena its nodes and strings
 * live in, and the queries the loader and the writer ask of it.
 */
#include <config.h>

#include "core/json/internal.h"
#include "mwschema/buf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Arena: nodes and strings of one document, freed together.
 */

struct jchunk {
	struct jchunk *next;
	max_align_t data[];
};

/*
 * Chunks grow geometrically from a small first one: a workspace holds the
 * trees of thousands of small change files at once, and a fixed 64 KiB
 * chunk per file made that cost ~60 KiB per file for a 2 KiB input. The
 * parser reserves the first chunk from the input's size (a tree takes
 * about five times its text), so a file usually needs one malloc.
 */
#define JARENA_FIRST_CHUNK 1024
#define JARENA_MAX_CHUNK (256 * 1024)
#define JARENA_MAX_RESERVE (64u * 1024 * 1024)

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
jarena_take_slow(struct jarena *a, size_t size)
{
	size_t cap = a->next_cap ? a->next_cap : JARENA_FIRST_CHUNK;
	struct jchunk *c;

	a->next_cap = cap < JARENA_MAX_CHUNK ? cap * 2 : cap;
	if (cap < size)
		cap = size;
	c = mw_xmalloc(sizeof(*c) + cap);
	c->next = a->head;
	a->head = c;
	a->cur = (char *)c->data + size;
	a->end = (char *)c->data + cap;
	return c->data;
}

void
jarena_reserve(struct jarena *a, size_t bytes)
{
	if (bytes > JARENA_MAX_RESERVE)
		bytes = JARENA_MAX_RESERVE;
	if (!a->head && bytes > a->next_cap)
		a->next_cap = bytes;
}

void *
jarena_alloc(struct jarena *a, size_t size)
{
	void *p = jarena_take(a, size);

	memset(p, 0, size);
	return p;
}

char *
jarena_strndup(struct jarena *a, const char *s, size_t n)
{
	char *p = jarena_take(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Queries
 */

/* Is k the key `key` (len bytes, tag jkey_tag_n)? The tag settles all but the middle bytes. */
static bool
key_is(const jkey *k, const char *key, size_t len, uint32_t tag)
{
	if (k->tag != tag)
		return false;
	if (len >= 256)
		return !strcmp(k->name, key);
	for (size_t i = 2; i + 1 < len; i++)
		if (k->name[i] != key[i])
			return false;
	return k->name[len] == '\0';
}

long
jtree_key_pos(const jnode *obj, const char *key)
{
	size_t len;
	uint32_t tag;

	if (!obj || obj->kind != J_OBJECT)
		return -1;
	len = strlen(key);
	tag = jkey_tag_n(key, len);
	for (size_t i = obj->n; i-- > 0;)
		if (key_is(&obj->keys[i], key, len, tag))
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

/*
 * Locating a JSON pointer in the loaded tree
 */

/* Decodes the pointer token at *path ("/a~1b" -> "a/b") into tok; advances *path. */
static void
next_token(mw_buf *tok, const char **path)
{
	const char *start = *path + 1;
	size_t n = strcspn(start, "/");

	mw_buf_reset(tok);
	for (size_t i = 0; i < n; i++) {
		if (start[i] == '~' && i + 1 < n && (start[i + 1] == '0' || start[i + 1] == '1'))
			mw_buf_addc(tok, start[++i] == '1' ? '/' : '~');
		else
			mw_buf_addc(tok, start[i]);
	}
	*path = start + n;
}

/* Where a step of the pointer lands: the key of a member, the start of an element. */
struct jspot {
	size_t at;
	int line, col;
};

/* The child of `n` that token `tok` names (where it is in *spot), or NULL. */
static const jnode *
step(const jnode *n, const char *tok, struct jspot *spot)
{
	char *end;
	long i;

	if (n->kind == J_OBJECT) {
		for (size_t k = 0; k < n->n; k++)
			if (!strcmp(n->keys[k].name, tok)) {
				*spot = (struct jspot){ n->keys[k].start, n->keys[k].line, n->keys[k].col };
				return n->kids[k];
			}
		return NULL;
	}
	if (n->kind != J_ARRAY || !*tok)
		return NULL;
	i = strtol(tok, &end, 10);
	if (*end || i < 0 || (size_t)i >= n->n)
		return NULL;
	*spot = (struct jspot){ n->kids[i]->start, n->kids[i]->line, n->kids[i]->col };
	return n->kids[i];
}

/*
 * The column in characters of byte offset `at`, whose byte column the
 * scanner knows. Counted on from the last answer when it is on the same
 * line and before: a one-line file with a finding per table was quadratic
 * (20000 tables: 30 s).
 */
static int
column_of(struct mw_doc_layout *l, const char *text, size_t at, int byte_col)
{
	size_t start = at - (size_t)(byte_col - 1), from = start;
	int column = 1;

	if (l->memo_col && l->memo_line_start == start && l->memo_at <= at) {
		from = l->memo_at;
		column = l->memo_col;
	}
	for (size_t i = from; i < at; i++)
		column += ((unsigned char)text[i] & 0xC0) != 0x80;
	l->memo_at = at;
	l->memo_line_start = start;
	l->memo_col = column;
	return column;
}

int
mw_doc_locate(const mw_doc *doc, const char *path, int *line, int *column)
{
	const jnode *n;
	mw_buf tok = MW_BUF_INIT;
	struct jspot spot;
	int rc = 0;

	if (!doc->layout || !doc->layout->root || !doc->text ||
	    (doc->layout->root->kind != J_OBJECT && doc->layout->root->kind != J_ARRAY)) {
		*line = *column = 0;
		return -1;
	}
	n = doc->layout->root;
	spot = (struct jspot){ n->start, n->line, n->col };
	while (path && *path == '/') {
		const jnode *child;
		struct jspot next;

		next_token(&tok, &path);
		if (!(child = step(n, mw_buf_cstr(&tok), &next))) {
			rc = 1;
			break;
		}
		n = child;
		spot = next;
	}
	*line = spot.line;
	*column = spot.col > 0 && (size_t)spot.col <= spot.at + 1
			  ? column_of(doc->layout, doc->text, spot.at, spot.col) : 1;
	mw_buf_release(&tok);
	return rc;
}
