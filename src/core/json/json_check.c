/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shape checks of the loader: the rules of MediaWiki's JSON schemas
 * (docs/abstract-schema-table.json: required keys, additionalProperties
 * false, value types, uniqueItems, minItems) applied to the positioned tree,
 * plus "did you mean" suggestions. Every problem is reported; nothing stops
 * at the first one.
 */
#include <config.h>

#include "core/json/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t
jl_path_push_key(struct jloader *ld, const char *key)
{
	size_t old = ld->path.len;

	mw_buf_addc(&ld->path, '/');
	if (!strpbrk(key, "~/")) {
		mw_buf_adds(&ld->path, key);
		return old;
	}
	/* JSON pointer escapes: ~ -> ~0, / -> ~1 */
	for (const char *s = key; *s; s++) {
		if (*s == '~')
			mw_buf_adds(&ld->path, "~0");
		else if (*s == '/')
			mw_buf_adds(&ld->path, "~1");
		else
			mw_buf_addc(&ld->path, *s);
	}
	return old;
}

size_t
jl_path_push_index(struct jloader *ld, size_t i)
{
	size_t old = ld->path.len;
	char tmp[24], *p = tmp + sizeof(tmp);

	/* by hand: this runs for every array element of every file */
	*--p = '\0';
	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10));
	*--p = '/';
	mw_buf_adds(&ld->path, p);
	return old;
}

void
jl_path_pop(struct jloader *ld, size_t old)
{
	mw_buf_truncate(&ld->path, old);
}

void
jl_error_at(struct jloader *ld, int line, int col, const char *hint, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	mw_diags_add(ld->diags, MW_SEV_ERROR, NULL, ld->label, line, col,
		     ld->path.len ? mw_buf_cstr(&ld->path) : "/", hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	ld->errors++;
}

/*
 * Suggestions
 */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = (a[i - 1] | 0x20) != (b[j - 1] | 0x20);

			tmp = row[j];
			row[j] = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
			if (prev + cost < row[j])
				row[j] = prev + cost;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
jl_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t best = (size_t)-1, limit = strlen(word) / 3 + 1;
	const char *pick = NULL;

	if (limit > 3)
		limit = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, cands[i]);

		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return best <= limit ? pick : NULL;
}

/* SQL spellings people type, mapped to the abstract type they mean. */
static const char *const type_aliases[][2] = {
	{ "varchar", "string" }, { "char", "string" }, { "varbinary", "binary" },
	{ "int", "integer" }, { "tinyint", "mwtinyint" }, { "timestamp", "mwtimestamp" },
	{ "datetime", "datetimetz" }, { "double", "float" }, { "real", "float" },
	{ "enum", "mwenum" }, { "bool", "boolean" }, { "numeric", "decimal" },
	{ "tinyblob", "blob" }, { "mediumblob", "blob" }, { "longblob", "blob" },
	{ "bytea", "blob" }, { "tinytext", "text" }, { "mediumtext", "text" },
	{ "longtext", "text" }, { "bigserial", "bigint" }, { "serial", "integer" },
};

const char *
jl_suggest_type(const char *word)
{
	const char *names[MW_T__COUNT + sizeof(type_aliases) / sizeof(*type_aliases)];
	const char *pick;
	size_t n = 0;

	for (int i = 0; i < MW_T__COUNT; i++)
		names[n++] = mw_type_name((mw_type)i);
	for (size_t i = 0; i < sizeof(type_aliases) / sizeof(*type_aliases); i++)
		names[n++] = type_aliases[i][0];
	pick = jl_suggest(word, names, n);
	for (size_t i = 0; pick && i < sizeof(type_aliases) / sizeof(*type_aliases); i++)
		if (pick == type_aliases[i][0])
			return type_aliases[i][1];
	return pick;
}

/*
 * Object shapes
 */

static bool
kind_allowed(jkind k, unsigned types)
{
	switch (k) {
	case J_NULL: return types & JL_NULL;
	case J_TRUE: case J_FALSE: return types & JL_BOOL;
	case J_NUMBER: return types & JL_NUM;
	case J_STRING: return types & JL_STR;
	case J_ARRAY: return types & JL_ARR;
	case J_OBJECT: return types & JL_OBJ;
	}
	return false;
}

static void
describe_types(mw_buf *b, unsigned types)
{
	static const struct { unsigned bit; const char *name; } t[] = {
		{ JL_BOOL, "a boolean" }, { JL_NUM, "a number" }, { JL_STR, "a string" },
		{ JL_ARR, "an array" }, { JL_OBJ, "an object" }, { JL_NULL, "null" },
	};
	size_t n = 0, total = 0;

	for (size_t i = 0; i < 6; i++)
		total += !!(types & t[i].bit);
	for (size_t i = 0; i < 6; i++) {
		if (!(types & t[i].bit))
			continue;
		if (n)
			mw_buf_adds(b, n + 1 == total ? " or " : ", ");
		mw_buf_adds(b, t[i].name);
		n++;
	}
}

/* "a string ("yes")": what was found, with short scalars quoted. */
void
jl_describe_value(mw_buf *b, const jnode *v)
{
	if (v->kind == J_TRUE || v->kind == J_FALSE) {
		mw_buf_adds(b, v->kind == J_TRUE ? "true" : "false");
		return;
	}
	mw_buf_adds(b, jtree_kind_name(v->kind));
	if (v->kind == J_STRING && strlen(v->str) <= 24)
		mw_buf_addf(b, " (\"%s\")", v->str);
	else if (v->kind == J_NUMBER && strlen(v->str) <= 24)
		mw_buf_addf(b, " (%s)", v->str);
}

bool
jl_expect(struct jloader *ld, const jnode *v, unsigned types)
{
	mw_buf msg = MW_BUF_INIT;
	const char *hint = NULL;

	if (kind_allowed(v->kind, types))
		return true;
	mw_buf_adds(&msg, "expected ");
	describe_types(&msg, types);
	mw_buf_adds(&msg, ", found ");
	jl_describe_value(&msg, v);
	if (types == JL_BOOL && v->kind == J_STRING)
		hint = "write true or false without quotes";
	else if ((types & JL_NUM) && !(types & JL_STR) && v->kind == J_STRING)
		hint = "write the number without quotes";
	jl_error_at(ld, v->line, v->col, hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	return false;
}

static const jl_keyspec *
find_spec(const jl_keyspec *specs, const char *key)
{
	for (; specs->key; specs++)
		if (!strcmp(specs->key, key))
			return specs;
	return NULL;
}

static void
unknown_key(struct jloader *ld, const jnode *obj, size_t i, const char *what,
	    const jl_keyspec *specs)
{
	const char *names[32], *pick;
	size_t n = 0;
	mw_buf allowed = MW_BUF_INIT;

	for (const jl_keyspec *s = specs; s->key && n < 32; s++) {
		names[n++] = s->key;
		mw_buf_addf(&allowed, "%s%s", allowed.len ? ", " : "allowed keys: ", s->key);
	}
	pick = jl_suggest(obj->keys[i].name, names, n);
	if (pick)
		jl_error_at(ld, obj->keys[i].line, obj->keys[i].col, NULL,
			    "unknown key \"%s\" in %s (did you mean \"%s\"?)", obj->keys[i].name,
			    what, pick);
	else
		jl_error_at(ld, obj->keys[i].line, obj->keys[i].col, mw_buf_cstr(&allowed),
			    "unknown key \"%s\" in %s", obj->keys[i].name, what);
	mw_buf_release(&allowed);
}

bool
jl_check_object(struct jloader *ld, const jnode *obj, const char *what, const jl_keyspec *specs)
{
	if (obj->kind != J_OBJECT) {
		mw_buf found = MW_BUF_INIT;

		jl_describe_value(&found, obj);
		jl_error_at(ld, obj->line, obj->col, NULL, "expected %s object, found %s", what,
			    mw_buf_cstr(&found));
		mw_buf_release(&found);
		return false;
	}
	for (size_t i = 0; i < obj->n; i++) {
		const jkey *k = &obj->keys[i];
		const jl_keyspec *s = find_spec(specs, k->name);
		size_t old = jl_path_push_key(ld, k->name);
		long first = jtree_key_pos(obj, k->name);

		for (size_t j = 0; j < i; j++) {
			if (!strcmp(obj->keys[j].name, k->name)) {
				jl_error_at(ld, k->line, k->col, "remove one of them",
					    "duplicate key \"%s\" (also at %d:%d)", k->name,
					    obj->keys[j].line, obj->keys[j].col);
				break;
			}
		}
		if (!s)
			unknown_key(ld, obj, i, what, specs);
		else if ((size_t)first == i)
			jl_expect(ld, obj->kids[i], s->types);
		jl_path_pop(ld, old);
	}
	for (const jl_keyspec *s = specs; s->key; s++)
		if (s->required && jtree_key_pos(obj, s->key) < 0)
			jl_error_at(ld, obj->line, obj->col, NULL, "%s is missing the required key "
				    "\"%s\"", what, s->key);
	return true;
}

/* The member if present and of an allowed type (already reported if not). */
const jnode *
jl_member(const jnode *obj, const char *key, unsigned types)
{
	const jnode *v = obj && obj->kind == J_OBJECT ? jtree_get(obj, key) : NULL;

	return v && kind_allowed(v->kind, types) ? v : NULL;
}

/*
 * An array of strings, copied into a malloc'd vector; items of another type
 * and repeated items (uniqueItems) are reported.
 */
char **
jl_strv(struct jloader *ld, const jnode *arr, size_t *n, bool unique)
{
	char **v = mw_xcalloc(arr->n + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < arr->n; i++) {
		const jnode *item = arr->kids[i];
		size_t old = jl_path_push_index(ld, i);

		if (jl_expect(ld, item, JL_STR)) {
			for (size_t j = 0; unique && j < i; j++) {
				if (arr->kids[j]->kind == J_STRING &&
				    !strcmp(arr->kids[j]->str, item->str)) {
					jl_error_at(ld, item->line, item->col, NULL,
						    "\"%s\" is listed twice", item->str);
					break;
				}
			}
			v[(*n)++] = mw_xstrdup(item->str);
		}
		jl_path_pop(ld, old);
	}
	return v;
}
