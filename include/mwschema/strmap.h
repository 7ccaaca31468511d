/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A hash map from byte strings to pointers: the index every lookup by name
 * uses once a list can grow (tables of a schema, index names, enum values,
 * keys of an object, identifiers of PHP code), so that no step of loading,
 * linting, diffing or generating compares every item with every other.
 *
 * Keys are borrowed, not copied: they must stay valid and unchanged while
 * they are in the map. Open addressing with linear probing; the table
 * doubles at 50% load, so a lookup costs one hash and a probe or two.
 */
#ifndef MWSCHEMA_STRMAP_H
#define MWSCHEMA_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mw_strmap_slot {
	const char *key;	/* NULL: empty */
	size_t len;
	uint64_t hash;
	void *value;
};

typedef struct mw_strmap {
	struct mw_strmap_slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t n;
} mw_strmap;

#define MW_STRMAP_INIT { NULL, 0, 0 }

/* The hash the map uses (64-bit, seedless): also handy to pre-hash keys. */
uint64_t mw_strhash(const char *key, size_t len);

/* The value stored for key, or NULL. */
void *mw_strmap_getn(const mw_strmap *m, const char *key, size_t len);
void *mw_strmap_get(const mw_strmap *m, const char *key);
/*
 * Stores value (not NULL) under key unless the key is there already. Returns NULL
 * when it was added, else the value already stored (which is kept: the
 * first item with a name wins, as in a linear search).
 */
void *mw_strmap_addn(mw_strmap *m, const char *key, size_t len, void *value);
void *mw_strmap_add(mw_strmap *m, const char *key, void *value);
/* The slot of key, created (value NULL) when missing: for in-place updates. */
struct mw_strmap_slot *mw_strmap_slotn(mw_strmap *m, const char *key, size_t len);
/* Frees the table (not the keys or values); the map is empty again. */
void mw_strmap_clear(mw_strmap *m);

#endif /* MWSCHEMA_STRMAP_H */
