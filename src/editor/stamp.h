/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stamps: what each file of the checkout held when the editor last read or
 * wrote it (existence, size, a hash of the contents), so that a file changed
 * behind the editor's back (another shell, `git pull`, a second editor) is
 * noticed before a write would replace it. Contents are compared, not times:
 * a `touch` is no change, an edit within the same second is one.
 */
#ifndef MWSCHEMA_EDITOR_STAMP_H
#define MWSCHEMA_EDITOR_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mwschema/buf.h"

struct stamp {
	char *rel;		/* relative to the checkout root */
	bool exists;
	size_t size;
	uint64_t hash;		/* FNV-1a 64 of the contents */
};

struct stamps {
	struct stamp *v;
	size_t n;
};

/* FNV-1a, 64 bits: fast, and enough to tell two versions of a file apart. */
uint64_t stamp_hash(const void *data, size_t len);
/* Remembers `rel` as it is on disk now (absent files too). */
void stamps_record(struct stamps *st, const char *root, const char *rel);
/* Remembers `rel` as holding `data` (just written by us); NULL = removed. */
void stamps_record_data(struct stamps *st, const char *rel, const char *data, size_t len);
/* The stamp of `rel`, NULL when it was never recorded. */
const struct stamp *stamps_find(const struct stamps *st, const char *rel);
/*
 * True when `rel` differs from its stamp now. A file never recorded counts
 * as changed when it exists: the editor did not make it, so it is someone's.
 */
bool stamps_changed(const struct stamps *st, const char *root, const char *rel);
void stamps_clear(struct stamps *st);

#endif /* MWSCHEMA_EDITOR_STAMP_H */
