/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an updater file registers (see mwschema/workspace.h), read once and
 * indexed: `check` asks about every patch of the checkout, and core's
 * updaters hold thousands of entries, so asking must not mean reading the
 * file again or walking every entry.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/strmap.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

struct mw_ws_registry {
	php_toks toks;		/* the file's tokens: the names' keys point into them */
	mw_strmap names;	/* last path component of every string of code */
	mw_strmap paths;	/* entries' literal paths */
	mw_strmap verbs;	/* "verb\0table" and "verb\0table\0name" of entries */
	char **keys;		/* the verbs' keys, owned */
	size_t nkeys;
	const mw_ws_reg **globs;	/* entries whose path the handler computes in part */
	size_t nglobs;
};

/* A string of code ending in a file name, after its quote or a '/': that name. */
static void
index_names(mw_ws_registry *r)
{
	for (size_t i = 0; i < r->toks.n; i++) {
		const php_tok *t = &r->toks.v[i];
		const char *base;

		if ((t->kind != PHP_T_STR && t->kind != PHP_T_DSTR) || !t->text)
			continue;
		base = strrchr(t->text, '/');
		base = base ? base + 1 : t->text;
		if (*base)
			mw_strmap_add(&r->names, base, (void *)t);
	}
}

static bool
is_glob(const char *path)
{
	return strpbrk(path, "*?[\\") != NULL;
}

static void
add_verb_key(mw_ws_registry *r, const mw_ws_reg *reg, bool with_name)
{
	mw_buf key = MW_BUF_INIT;
	size_t len;

	mw_buf_adds(&key, reg->verb);
	mw_buf_addc(&key, '\0');
	mw_buf_adds(&key, reg->table);
	if (with_name) {
		mw_buf_addc(&key, '\0');
		mw_buf_adds(&key, reg->name);
	}
	len = key.len;
	r->keys = mw_xrealloc(r->keys, (r->nkeys + 1) * sizeof(*r->keys));
	r->keys[r->nkeys] = mw_buf_detach(&key);
	mw_strmap_addn(&r->verbs, r->keys[r->nkeys++], len, (void *)reg);
}

static void
index_regs(mw_ws_registry *r, const mw_ws_updater *u)
{
	for (size_t i = 0; i < u->nregs; i++) {
		const mw_ws_reg *reg = &u->regs[i];

		if (is_glob(reg->path)) {
			r->globs = mw_xrealloc(r->globs, (r->nglobs + 1) * sizeof(*r->globs));
			r->globs[r->nglobs++] = reg;
		} else {
			mw_strmap_add(&r->paths, reg->path, (void *)reg);
		}
		if (reg->verb && reg->table) {
			add_verb_key(r, reg, false);
			if (reg->name)
				add_verb_key(r, reg, true);
		}
	}
}

mw_ws_registry *
mw_workspace_registry_new(const mw_ws_updater *u, const char *php, size_t len)
{
	mw_ws_registry *r = mw_xcalloc(1, sizeof(*r));

	/* a file, or a piece of code without its "<?php" */
	if (memmem(php, len, "<?php", 5))
		php_lex(&r->toks, php, len);
	else
		php_lex_code(&r->toks, php, len);
	index_names(r);
	if (u)
		index_regs(r, u);
	return r;
}

void
mw_workspace_registry_free(mw_ws_registry *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->keys);
	free(r->globs);
	mw_strmap_clear(&r->names);
	mw_strmap_clear(&r->paths);
	mw_strmap_clear(&r->verbs);
	php_toks_free(&r->toks);
	free(r);
}

static bool
has_verb(const mw_ws_registry *r, const char *verb, const char *table, const char *name)
{
	mw_buf key = MW_BUF_INIT;
	bool hit;

	mw_buf_adds(&key, verb);
	mw_buf_addc(&key, '\0');
	mw_buf_adds(&key, table);
	if (name) {
		mw_buf_addc(&key, '\0');
		mw_buf_adds(&key, name);
	}
	hit = mw_strmap_getn(&r->verbs, mw_buf_cstr(&key), key.len) != NULL;
	mw_buf_release(&key);
	return hit;
}

bool
mw_workspace_registry_has(const mw_ws_registry *r, const char *sql_rel, const char *verb,
			  const char *table, const char *name)
{
	const char *slash = strrchr(sql_rel, '/');
	const char *patch = slash ? slash + 1 : sql_rel;

	if (*patch && mw_strmap_get(&r->names, patch))
		return true;
	if (mw_strmap_get(&r->paths, sql_rel))
		return true;
	for (size_t i = 0; i < r->nglobs; i++)
		if (!fnmatch(r->globs[i]->path, sql_rel, FNM_PATHNAME))
			return true;
	return verb && table && has_verb(r, verb, table, name);
}

const mw_ws_registry *
mw_workspace_registries_get(mw_ws_registries *c, const mw_ws_updater *u, mw_ws_read_fn read,
			    void *arg)
{
	mw_buf text = MW_BUF_INIT;
	mw_ws_registry *reg = NULL;

	for (size_t i = 0; i < c->n; i++)
		if (c->who[i] == u)
			return c->reg[i];
	if (read(&text, u->file, arg) == 0)
		reg = mw_workspace_registry_new(u, mw_buf_cstr(&text), text.len);
	mw_buf_release(&text);
	c->who = mw_xgrow(c->who, c->n, sizeof(*c->who));
	c->reg = mw_xgrow(c->reg, c->n, sizeof(*c->reg));
	c->who[c->n] = u;
	c->reg[c->n++] = reg;
	return reg;
}

void
mw_workspace_registries_clear(mw_ws_registries *c)
{
	for (size_t i = 0; i < c->n; i++)
		mw_workspace_registry_free(c->reg[i]);
	free(c->who);
	free(c->reg);
	memset(c, 0, sizeof(*c));
}
