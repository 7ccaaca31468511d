/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading extension.json (see mwschema/manifest.h) with the JSON module's
 * own parser (the tree of internal.h).
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/manifest.h"
#include "mwschema/model.h"
#include "core/json/internal.h"

#include <stdlib.h>
#include <string.h>

#define SCHEMA_HOOK "LoadExtensionSchemaUpdates"

/* A string member's text, NULL when absent or not a string. */
static const char *
string_of(const jnode *obj, const char *key)
{
	const jnode *v = jtree_get(obj, key);

	return v && v->kind == J_STRING ? v->str : NULL;
}

/* The string members of `obj` (the last of duplicate keys, in file order). */
static void
load_pairs(const jnode *obj, char ***keys, char ***values, size_t *n)
{
	if (!obj || obj->kind != J_OBJECT)
		return;
	*keys = mw_xcalloc(obj->n + 1, sizeof(char *));
	*values = mw_xcalloc(obj->n + 1, sizeof(char *));
	for (size_t i = 0; i < obj->n; i++) {
		const char *k = obj->keys[i].name;

		if (obj->kids[i]->kind != J_STRING || jtree_key_pos(obj, k) != (long)i)
			continue;
		(*keys)[*n] = mw_xstrdup(k);
		(*values)[(*n)++] = mw_xstrdup(obj->kids[i]->str);
	}
}

static void
add_hook(mw_manifest *m, char *class_name, char *method)
{
	/* "\\Wikibase\\Client\\..." in HookHandlers: the leading separator is no part of the name */
	if (class_name[0] == '\\')
		memmove(class_name, class_name + 1, strlen(class_name));
	m->hook_classes = mw_xrealloc(m->hook_classes, (m->nhooks + 1) * sizeof(char *));
	m->hook_methods = mw_xrealloc(m->hook_methods, (m->nhooks + 1) * sizeof(char *));
	m->hook_classes[m->nhooks] = class_name;
	m->hook_methods[m->nhooks++] = method;
	if (!m->hook_class) {
		m->hook_class = mw_xstrdup(class_name);
		m->hook_method = mw_xstrdup(method);
	}
}

/*
 * A hook value is a handler name from HookHandlers, "Class::method", an
 * object {"handler": name}, or an array of those (all are kept, in order).
 */
static void
resolve_hook(mw_manifest *m, const jnode *value, const jnode *handlers)
{
	const char *s, *colons, *cls;

	if (value && value->kind == J_ARRAY) {
		for (size_t i = 0; i < value->n; i++)
			resolve_hook(m, value->kids[i], handlers);
		return;
	}
	if (value && value->kind == J_OBJECT)
		value = jtree_get(value, "handler");
	s = value && value->kind == J_STRING ? value->str : NULL;
	if (!s)
		return;
	colons = strstr(s, "::");
	if (colons) {
		add_hook(m, mw_xstrndup(s, (size_t)(colons - s)), mw_xstrdup(colons + 2));
		return;
	}
	cls = string_of(jtree_get(handlers, s), "class");
	if (cls)
		add_hook(m, mw_xstrdup(cls), mw_xstrdup("on" SCHEMA_HOOK));
}

static void
read_manifest(mw_manifest *out, const jnode *root)
{
	out->name = mw_xstrdup(string_of(root, "name"));
	resolve_hook(out, jtree_get(jtree_get(root, "Hooks"), SCHEMA_HOOK),
		     jtree_get(root, "HookHandlers"));
	load_pairs(jtree_get(root, "AutoloadNamespaces"), &out->ns_prefix, &out->ns_dir,
		   &out->nns);
	load_pairs(jtree_get(root, "AutoloadClasses"), &out->class_name, &out->class_file,
		   &out->nclasses);
}

int
mw_manifest_load(mw_manifest *out, const char *path, mw_buf *err)
{
	mw_buf text = MW_BUF_INIT, ignore = MW_BUF_INIT;
	mw_diags diags = MW_DIAGS_INIT;
	struct jarena *arena = jarena_new();
	const jnode *root = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (mw_read_file(&text, path, err ? err : &ignore) == 0)
		root = jtree_parse(arena, mw_buf_cstr(&text), text.len, path, &diags);
	if (root && root->kind == J_OBJECT) {
		read_manifest(out, root);
		rc = 0;
	} else if (err && diags.n) {
		mw_diag_format(err, &diags.items[0]);
	} else if (err && root) {
		mw_buf_addf(err, "%s:%d:%d: not a JSON object", path, root->line, root->col);
	}
	jarena_free(arena);
	mw_diags_free(&diags);
	mw_buf_release(&text);
	mw_buf_release(&ignore);
	return rc;
}

void
mw_manifest_clear(mw_manifest *m)
{
	free(m->name);
	free(m->hook_class);
	free(m->hook_method);
	mw_strv_free(m->hook_classes, m->nhooks);
	mw_strv_free(m->hook_methods, m->nhooks);
	for (size_t i = 0; i < m->nns; i++) {
		free(m->ns_prefix[i]);
		free(m->ns_dir[i]);
	}
	for (size_t i = 0; i < m->nclasses; i++) {
		free(m->class_name[i]);
		free(m->class_file[i]);
	}
	free(m->ns_prefix);
	free(m->ns_dir);
	free(m->class_name);
	free(m->class_file);
	memset(m, 0, sizeof(*m));
}

char *
mw_manifest_class_file(const mw_manifest *m, const char *class_name)
{
	size_t best = 0, best_len = 0;
	mw_buf path = MW_BUF_INIT;

	for (size_t i = 0; i < m->nclasses; i++)
		if (!strcmp(m->class_name[i], class_name))
			return mw_xstrdup(m->class_file[i]);
	/* PSR-4: the longest namespace prefix wins. */
	for (size_t i = 0; i < m->nns; i++) {
		size_t l = strlen(m->ns_prefix[i]);

		if (l > best_len && !strncmp(class_name, m->ns_prefix[i], l)) {
			best = i;
			best_len = l;
		}
	}
	if (!best_len)
		return NULL;
	mw_buf_adds(&path, m->ns_dir[best]);
	if (path.len && path.data[path.len - 1] != '/')
		mw_buf_addc(&path, '/');
	for (const char *p = class_name + best_len; *p; p++)
		mw_buf_addc(&path, *p == '\\' ? '/' : *p);
	mw_buf_adds(&path, ".php");
	return mw_buf_detach(&path);
}
