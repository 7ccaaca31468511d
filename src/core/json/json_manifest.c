/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading extension.json (see mwschema/manifest.h). Lives with the JSON
 * module because only json*.c may use jansson.
 */
#include <config.h>

#include "mwschema/manifest.h"
#include "mwschema/model.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_HOOK "LoadExtensionSchemaUpdates"

static void
load_pairs(json_t *obj, char ***keys, char ***values, size_t *n)
{
	const char *k;
	json_t *v;

	if (!json_is_object(obj))
		return;
	*keys = mw_xcalloc(json_object_size(obj) + 1, sizeof(char *));
	*values = mw_xcalloc(json_object_size(obj) + 1, sizeof(char *));
	json_object_foreach(obj, k, v) {
		if (!json_is_string(v))
			continue;
		(*keys)[*n] = mw_xstrdup(k);
		(*values)[(*n)++] = mw_xstrdup(json_string_value(v));
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
resolve_hook(mw_manifest *m, json_t *value, json_t *handlers)
{
	const char *s = NULL, *colons;
	json_t *h;

	if (json_is_array(value)) {
		for (size_t i = 0; i < json_array_size(value); i++)
			resolve_hook(m, json_array_get(value, i), handlers);
		return;
	}
	if (json_is_object(value))
		value = json_object_get(value, "handler");
	s = json_string_value(value);
	if (!s)
		return;
	colons = strstr(s, "::");
	if (colons) {
		add_hook(m, mw_xstrndup(s, (size_t)(colons - s)), mw_xstrdup(colons + 2));
		return;
	}
	h = json_object_get(handlers, s);
	if (json_is_string(json_object_get(h, "class")))
		add_hook(m, mw_xstrdup(json_string_value(json_object_get(h, "class"))),
			 mw_xstrdup("on" SCHEMA_HOOK));
}

int
mw_manifest_load(mw_manifest *out, const char *path, mw_buf *err)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);

	memset(out, 0, sizeof(*out));
	if (!json_is_object(root)) {
		if (err)
			mw_buf_addf(err, "%s:%d:%d: %s", path, jerr.line, jerr.column,
				    root ? "not a JSON object" : jerr.text);
		json_decref(root);
		return -1;
	}
	out->name = mw_xstrdup(json_string_value(json_object_get(root, "name")));
	resolve_hook(out, json_object_get(json_object_get(root, "Hooks"), SCHEMA_HOOK),
		     json_object_get(root, "HookHandlers"));
	load_pairs(json_object_get(root, "AutoloadNamespaces"), &out->ns_prefix, &out->ns_dir,
		   &out->nns);
	load_pairs(json_object_get(root, "AutoloadClasses"), &out->class_name, &out->class_file,
		   &out->nclasses);
	json_decref(root);
	return 0;
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
