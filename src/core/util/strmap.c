/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The string hash map (see mwschema/strmap.h): open addressing, linear
 * probing, power-of-two capacity, grown at half load.
 */
#include <config.h>

#include "mwschema/buf.h"
#include "mwschema/strmap.h"

#include <stdlib.h>
#include <string.h>

#define MUL1 0x9e3779b97f4a7c15ULL
#define MUL2 0xd6e8feb86659fd93ULL

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Eight bytes at a time; the final mix spreads every input bit over the low bits. */
uint64_t
mw_strhash(const char *key, size_t len)
{
	uint64_t h = MUL1 ^ len, w;

	for (; len >= 8; key += 8, len -= 8) {
		memcpy(&w, key, 8);
		h = rotl(h ^ (w * MUL2), 27) * MUL1;
	}
	if (len) {
		w = 0;
		memcpy(&w, key, len);
		h = rotl(h ^ (w * MUL2), 27) * MUL1;
	}
	h ^= h >> 32;
	h *= MUL2;
	h ^= h >> 29;
	return h;
}

static struct mw_strmap_slot *
probe(const mw_strmap *m, const char *key, size_t len, uint64_t hash)
{
	size_t mask = m->cap - 1, i = (size_t)hash & mask;

	for (;; i = (i + 1) & mask) {
		struct mw_strmap_slot *s = &m->slots[i];

		if (!s->key || (s->hash == hash && s->len == len && !memcmp(s->key, key, len)))
			return s;
	}
}

static void
grow(mw_strmap *m)
{
	mw_strmap bigger = { NULL, m->cap ? m->cap * 2 : 16, m->n };

	bigger.slots = mw_xcalloc(bigger.cap, sizeof(*bigger.slots));
	for (size_t i = 0; i < m->cap; i++) {
		const struct mw_strmap_slot *s = &m->slots[i];

		if (s->key)
			*probe(&bigger, s->key, s->len, s->hash) = *s;
	}
	free(m->slots);
	*m = bigger;
}

void *
mw_strmap_getn(const mw_strmap *m, const char *key, size_t len)
{
	const struct mw_strmap_slot *s;

	if (!m->n)
		return NULL;
	s = probe(m, key, len, mw_strhash(key, len));
	return s->key ? s->value : NULL;
}

void *
mw_strmap_get(const mw_strmap *m, const char *key)
{
	return mw_strmap_getn(m, key, strlen(key));
}

struct mw_strmap_slot *
mw_strmap_slotn(mw_strmap *m, const char *key, size_t len)
{
	uint64_t hash = mw_strhash(key, len);
	struct mw_strmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = probe(m, key, len, hash);
	if (!s->key) {
		s->key = key;
		s->len = len;
		s->hash = hash;
		s->value = NULL;
		m->n++;
	}
	return s;
}

void *
mw_strmap_addn(mw_strmap *m, const char *key, size_t len, void *value)
{
	size_t before = m->n;
	struct mw_strmap_slot *s = mw_strmap_slotn(m, key, len);

	if (m->n == before)
		return s->value;
	s->value = value;
	return NULL;
}

void *
mw_strmap_add(mw_strmap *m, const char *key, void *value)
{
	return mw_strmap_addn(m, key, strlen(key), value);
}

void
mw_strmap_clear(mw_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
