/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File stamps (see stamp.h).
 */
#include <config.h>

#include "editor/stamp.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>

uint64_t
stamp_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static struct stamp *
slot(struct stamps *st, const char *rel)
{
	struct stamp *s = (struct stamp *)stamps_find(st, rel);

	if (s)
		return s;
	st->v = mw_xrealloc(st->v, (st->n + 1) * sizeof(*st->v));
	s = &st->v[st->n++];
	memset(s, 0, sizeof(*s));
	s->rel = mw_xstrdup(rel);
	return s;
}

/* Reads `rel` now: false when it does not exist (or cannot be read). */
static bool
read_now(const char *root, const char *rel, mw_buf *data)
{
	char *path = mw_path_join(root, rel);
	bool ok = mw_read_file(data, path, NULL) == 0;

	free(path);
	return ok;
}

void
stamps_record_data(struct stamps *st, const char *rel, const char *data, size_t len)
{
	struct stamp *s = slot(st, rel);

	s->exists = data != NULL;
	s->size = data ? len : 0;
	s->hash = data ? stamp_hash(data, len) : 0;
}

void
stamps_record(struct stamps *st, const char *root, const char *rel)
{
	mw_buf data = MW_BUF_INIT;
	bool ok = read_now(root, rel, &data);

	stamps_record_data(st, rel, ok ? mw_buf_cstr(&data) : NULL, data.len);
	mw_buf_release(&data);
}

const struct stamp *
stamps_find(const struct stamps *st, const char *rel)
{
	for (size_t i = 0; i < st->n; i++)
		if (!strcmp(st->v[i].rel, rel))
			return &st->v[i];
	return NULL;
}

bool
stamps_changed(const struct stamps *st, const char *root, const char *rel)
{
	const struct stamp *s = stamps_find(st, rel);
	mw_buf data = MW_BUF_INIT;
	bool exists = read_now(root, rel, &data), changed;

	if (!s)
		changed = exists;
	else if (s->exists != exists)
		changed = true;
	else
		changed = exists && (s->size != data.len ||
				     s->hash != stamp_hash(mw_buf_cstr(&data), data.len));
	mw_buf_release(&data);
	return changed;
}

void
stamps_clear(struct stamps *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->v[i].rel);
	free(st->v);
	st->v = NULL;
	st->n = 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
