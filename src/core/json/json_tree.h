/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the JSON module: a JSON syntax tree that remembers where every
 * value sits in the source text (byte span, line, column).
 *
 * The loader validates this tree and builds the model from it; the writer
 * keeps it as the "loaded snapshot" and copies the original bytes of every
 * value the model did not change. Nodes live in an arena freed at once.
 */
#ifndef MWSCHEMA_JSON_TREE_H
#define MWSCHEMA_JSON_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mwschema/diag.h"

/* Inputs above this size are refused before parsing. */
#define MW_JSON_MAX_SIZE (16u * 1024u * 1024u)
/* Deeper nesting is refused; abstract schemas need 7 levels. */
#define MW_JSON_MAX_DEPTH 64

typedef enum jkind {
	J_NULL,
	J_FALSE,
	J_TRUE,
	J_NUMBER,
	J_STRING,
	J_ARRAY,
	J_OBJECT,
} jkind;

struct jnode;

typedef struct jkey {
	const char *name;	/* decoded, NUL-terminated */
	uint32_t tag;		/* jkey_tag(name): lookups compare it before the text */
	size_t start, end;	/* span of the key's string literal */
	int line, col;
} jkey;

typedef struct jnode {
	jkind kind;
	bool from_text;		/* false for nodes built by the writer */
	int line, col;		/* 1-based position of the first byte */
	size_t start, end;	/* [start, end) in the source text */
	const char *str;	/* STRING: decoded text; NUMBER: the literal */
	size_t n;		/* ARRAY / OBJECT: number of children */
	struct jnode **kids;	/* items, or member values */
	jkey *keys;		/* OBJECT: member keys, parallel to kids */
} jnode;

/* The arena: a list of chunks, allocation bumps a pointer in the newest. */
struct jarena {
	struct jchunk *head;
	char *cur, *end;	/* free space of the newest chunk */
	size_t next_cap;	/* capacity of the next chunk */
};

struct jarena *jarena_new(void);
void jarena_free(struct jarena *a);
void *jarena_alloc(struct jarena *a, size_t size);	/* cleared */
void *jarena_take_slow(struct jarena *a, size_t size);

/* size bytes, not cleared, aligned for pointers (nodes need no more). */
static inline void *
jarena_take(struct jarena *a, size_t size)
{
	void *p = a->cur;

	size = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	if ((size_t)(a->end - a->cur) < size)
		return jarena_take_slow(a, size);
	a->cur += size;
	return p;
}

/* Makes the first chunk at least `bytes` (before the first allocation). */
void jarena_reserve(struct jarena *a, size_t bytes);
char *jarena_strndup(struct jarena *a, const char *s, size_t n);

/*
 * Parses `text` (len bytes) into a tree allocated in `arena`. On a syntax
 * error returns NULL after adding one diagnostic to `diags`.
 */
jnode *jtree_parse(struct jarena *arena, const char *text, size_t len, const char *label,
		   mw_diags *diags);

/* Length and first, second and last byte of a key: equal keys have equal tags. */
static inline uint32_t
jkey_tag_n(const char *name, size_t len)
{
	if (!len)
		return 0;
	return (uint32_t)(len & 0xff) << 24 | (uint32_t)(unsigned char)name[0] << 16 |
	       (uint32_t)(unsigned char)name[len > 1] << 8 | (unsigned char)name[len - 1];
}

static inline uint32_t
jkey_tag(const char *name)
{
	return jkey_tag_n(name, strlen(name));
}

/* Member lookup; NULL when absent (the last one wins on duplicates). */
jnode *jtree_get(const jnode *obj, const char *key);
long jtree_key_pos(const jnode *obj, const char *key);
/* Deep equality of JSON values; numbers compare by value. */
bool jtree_equal(const jnode *a, const jnode *b);
/* "a string", "the number 5", ... for messages. */
const char *jtree_kind_name(jkind k);

#endif /* MWSCHEMA_JSON_TREE_H */
