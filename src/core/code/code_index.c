/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code index's storage (see mwschema/code.h): files, and for every
 * identifier the list of its uses. Replacing or removing a file only marks
 * its uses dead; they are dropped from the lists once dead uses outnumber
 * live ones, so keeping the index current costs what the changed file
 * costs, not what the checkout costs.
 */
#include <config.h>

#include "core/code/internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * The bytes of identifiers and call names: appended, never moved, as the
 * hash maps point at them.
 */
struct code_pool {
	struct code_pool *next;
	size_t used, size;
	char data[];
};

static const char *
pool_copy(mw_code *code, const char *s, size_t len)
{
	struct code_pool *p = code->pool;
	char *copy;

	if (!p || p->size - p->used < len + 1) {
		size_t size = len + 1 > 64 * 1024 ? len + 1 : 64 * 1024;

		p = mw_xmalloc(sizeof(*p) + size);
		p->size = size;
		p->used = 0;
		p->next = code->pool;
		code->pool = p;
	}
	copy = p->data + p->used;
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->used += len + 1;
	return copy;
}

mw_code *
mw_code_new(const char *prefix)
{
	mw_code *code = mw_xcalloc(1, sizeof(*code));

	code->prefix = mw_xstrdup(prefix ? prefix : "");
	code_init_calls(&code->call_kinds);
	return code;
}

static void
free_idents(mw_strmap *idents)
{
	for (size_t i = 0; i < idents->cap; i++) {
		struct code_ident *id = idents->slots[i].key ? idents->slots[i].value : NULL;

		if (id)
			free(id->v);
		free(id);
	}
	mw_strmap_clear(idents);
}

void
mw_code_free(mw_code *code)
{
	struct code_pool *p, *next;

	if (!code)
		return;
	code_watch_free(code->watch);
	free_idents(&code->idents);
	mw_strmap_clear(&code->by_path);
	mw_strmap_clear(&code->call_ids);
	mw_strmap_clear(&code->call_kinds);
	for (size_t i = 0; i < code->nfiles; i++) {
		free(code->files[i].path);
		free(code->files[i].label);
	}
	for (p = code->pool; p; p = next) {
		next = p->next;
		free(p);
	}
	free(code->files);
	free(code->calls);
	free(code->prefix);
	free(code->root);
	free(code);
}

uint32_t
code_call_id(mw_code *code, const char *name, size_t len)
{
	struct mw_strmap_slot *slot = mw_strmap_slotn(&code->call_ids, name, len);

	if (!slot->value) {
		slot->key = pool_copy(code, name, len);
		code->calls = mw_xgrow(code->calls, code->ncalls, sizeof(*code->calls));
		code->calls[code->ncalls++] = (char *)slot->key;
		slot->value = (void *)(uintptr_t)code->ncalls;
	}
	return (uint32_t)(uintptr_t)slot->value;
}

void
code_add_use(mw_code *code, uint32_t file, const char *word, size_t len, struct code_posting p)
{
	struct mw_strmap_slot *slot = mw_strmap_slotn(&code->idents, word, len);
	struct code_ident *id = slot->value;

	if (!id) {
		slot->key = pool_copy(code, word, len);
		slot->value = id = mw_xcalloc(1, sizeof(*id));
	}
	if (id->n == id->cap) {
		id->cap = id->cap ? 2 * id->cap : 2;
		id->v = mw_xrealloc(id->v, id->cap * sizeof(*id->v));
	}
	p.file = file;
	id->v[id->n++] = p;
	code->files[file].npostings++;
	code->live_postings++;
}

struct code_file *
code_live_file(const mw_code *code, const char *path)
{
	size_t i = (size_t)(uintptr_t)mw_strmap_get(&code->by_path, path);

	return i ? &code->files[i - 1] : NULL;
}

static bool
in_tests(const char *path)
{
	return !strncmp(path, "tests/", 6) || strstr(path, "/tests/");
}

/* Drops the uses of dead files from every list. */
static void
compact(mw_code *code)
{
	for (size_t i = 0; i < code->idents.cap; i++) {
		struct code_ident *id = code->idents.slots[i].key ? code->idents.slots[i].value
								  : NULL;
		uint32_t kept = 0;

		for (uint32_t k = 0; id && k < id->n; k++)
			if (code->files[id->v[k].file].live)
				id->v[kept++] = id->v[k];
		if (id)
			id->n = kept;
	}
	code->dead_postings = 0;
}

bool
mw_code_remove(mw_code *code, const char *path)
{
	struct code_file *f = code_live_file(code, path);

	if (!f)
		return false;
	f->live = false;
	code->nlive--;
	code->live_postings -= f->npostings;
	code->dead_postings += f->npostings;
	mw_strmap_slotn(&code->by_path, path, strlen(path))->value = NULL;
	if (code->dead_postings > 4096 && code->dead_postings > code->live_postings)
		compact(code);
	return true;
}

/* A new file entry for `path`, the live one from now on. */
static uint32_t
new_file(mw_code *code, const char *path)
{
	struct code_file *f;
	struct mw_strmap_slot *slot;

	if (code->nfiles == code->cap) {
		code->cap = code->cap ? 2 * code->cap : 256;
		code->files = mw_xrealloc(code->files, code->cap * sizeof(*code->files));
	}
	f = &code->files[code->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = mw_xstrdup(path);
	f->label = mw_strdupf("%s%s", code->prefix, path);
	f->live = true;
	f->in_tests = in_tests(path);
	slot = mw_strmap_slotn(&code->by_path, f->path, strlen(f->path));
	slot->key = f->path;	/* the entry's own copy: the caller's may go */
	slot->value = (void *)(uintptr_t)(code->nfiles + 1);
	code->nlive++;
	return (uint32_t)code->nfiles++;
}

void
mw_code_put(mw_code *code, const char *path, const char *text, size_t len)
{
	mw_code_remove(code, path);
	code_index_php(code, new_file(code, path), text, len);
}

static int
compare_uses(const void *a, const void *b)
{
	const mw_code_use *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
				  : (x->column > y->column) - (x->column < y->column);
}

static bool
wanted(const struct code_posting *p, mw_code_what what)
{
	return what == MW_CODE_COLUMN || (what == MW_CODE_TABLE && (p->ctx & CTX_TABLE)) ||
	       (what == MW_CODE_INDEX && (p->ctx & CTX_INDEX));
}

size_t
mw_code_uses(const mw_code *code, const char *name, mw_code_what what, mw_code_use **out)
{
	const struct code_ident *id = mw_strmap_get(&code->idents, name);
	size_t n = 0;

	*out = NULL;
	for (uint32_t k = 0; id && k < id->n; k++) {
		const struct code_posting *p = &id->v[k];
		const struct code_file *f = &code->files[p->file];

		if (!f->live || !wanted(p, what))
			continue;
		*out = mw_xrealloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = (mw_code_use){ f->label, (int)p->line, (int)p->column,
					     (mw_code_form)p->form,
					     p->call ? code->calls[p->call - 1] : NULL, f->in_tests };
	}
	if (n > 1)
		qsort(*out, n, sizeof(**out), compare_uses);
	return n;
}

size_t
mw_code_nfiles(const mw_code *code)
{
	return code->nlive;
}

size_t
mw_code_nnames(const mw_code *code)
{
	return code->idents.n;
}

size_t
mw_code_npostings(const mw_code *code)
{
	return code->live_postings;
}

const char *
mw_code_form_name(mw_code_form form)
{
	static const char *const names[] = { "literal", "key", "sql", "property" };

	return (unsigned)form < 4 ? names[form] : "?";
}
