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
#include "mwschema/strmap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static size_t
path_push(struct jloader *ld, const char *key, size_t index)
{
	if (ld->depth == ld->cap) {
		ld->cap = ld->cap ? 2 * ld->cap : 16;
		ld->path = mw_xrealloc(ld->path, ld->cap * sizeof(*ld->path));
	}
	ld->path[ld->depth] = (struct jl_step){ key, index };
	return ld->depth++;
}

size_t
jl_path_push_key(struct jloader *ld, const char *key)
{
	return path_push(ld, key, 0);
}

size_t
jl_path_push_index(struct jloader *ld, size_t i)
{
	return path_push(ld, NULL, i);
}

void
jl_path_pop(struct jloader *ld, size_t old)
{
	ld->depth = old;
}

void
jl_path_release(struct jloader *ld)
{
	free(ld->path);
	ld->path = NULL;
	ld->depth = ld->cap = 0;
	free(ld->first);
	free(ld->last);
	ld->first = NULL;
	ld->last = NULL;
	ld->nscratch = 0;
}

/* The JSON pointer of the current value, "/" for the document itself. */
static void
path_spell(mw_buf *out, const struct jloader *ld)
{
	for (size_t i = 0; i < ld->depth; i++) {
		const struct jl_step *st = &ld->path[i];

		mw_buf_addc(out, '/');
		if (!st->key) {
			mw_buf_addf(out, "%zu", st->index);
			continue;
		}
		/* JSON pointer escapes: ~ -> ~0, / -> ~1 */
		for (const char *s = st->key; *s; s++) {
			if (*s == '~')
				mw_buf_adds(out, "~0");
			else if (*s == '/')
				mw_buf_adds(out, "~1");
			else
				mw_buf_addc(out, *s);
		}
	}
	if (!out->len)
		mw_buf_addc(out, '/');
}

void
jl_error_at(struct jloader *ld, int line, int col, const char *hint, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT, path = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	path_spell(&path, ld);
	mw_diags_add(ld->diags, MW_SEV_ERROR, NULL, ld->label, line, col, mw_buf_cstr(&path),
		     hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	mw_buf_release(&path);
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

const char *
mw_type_suggest(const char *word)
{
	return jl_suggest_type(word);
}

/*
 * Object shapes
 */

static bool
kind_allowed(jkind k, unsigned types)
{
	static const unsigned bits[] = {
		[J_NULL] = JL_NULL, [J_FALSE] = JL_BOOL, [J_TRUE] = JL_BOOL, [J_NUMBER] = JL_NUM,
		[J_STRING] = JL_STR, [J_ARRAY] = JL_ARR, [J_OBJECT] = JL_OBJ,
	};

	return types & bits[k];
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

static bool
unexpected_type(struct jloader *ld, const jnode *v, unsigned types)
{
	mw_buf msg = MW_BUF_INIT;
	const char *hint = NULL;

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

bool
jl_expect(struct jloader *ld, const jnode *v, unsigned types)
{
	return kind_allowed(v->kind, types) || unexpected_type(ld, v, types);
}

/* Marks a member that is present but of a type its spec does not allow. */
static const jnode jl_mistyped;

static bool
same_key(const char *a, const char *b)
{
	return a[0] == b[0] && !strcmp(a, b);
}

static const jl_keyspec *
find_spec(const jl_keyspec *specs, const char *key)
{
	for (; specs->key; specs++)
		if (same_key(specs->key, key))
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

/*
 * For each member of obj: the position of the first member with its key
 * (itself when none comes before), and whether it is the last one (the one
 * that counts, as in PHP). Pairwise for the few keys of a schema object, by
 * hash for a large one, so that no object costs the square of its size.
 */
static void
key_occurrences(const jnode *obj, size_t *first, bool *last)
{
	mw_strmap seen = MW_STRMAP_INIT;

	for (size_t i = 0; i < obj->n; i++) {
		const char *name = obj->keys[i].name;

		first[i] = i;
		last[i] = true;
		if (obj->n <= 16) {
			for (size_t j = 0; j < i; j++)
				if (obj->keys[j].tag == obj->keys[i].tag &&
				    !strcmp(obj->keys[j].name, name)) {
					first[i] = first[j];
					break;
				}
		} else {
			struct mw_strmap_slot *slot = mw_strmap_slotn(&seen, name, strlen(name));

			if (slot->value)
				first[i] = (size_t)slot->value - 1;
			else
				slot->value = (void *)(i + 1);
		}
	}
	/*
	 * Walking back, the first member met of each name is its last one;
	 * last[first] says whether the name was met yet until the first itself.
	 */
	for (size_t i = obj->n; i-- > 0;) {
		if (first[i] == i)
			continue;
		last[i] = last[first[i]];
		last[first[i]] = false;
	}
	mw_strmap_clear(&seen);
}

/* Checks member i against its spec; records it in found[] when it is the one that counts. */
static void
check_member(struct jloader *ld, const jnode *obj, size_t i, const size_t *first,
	     const bool *last, const char *what, const jl_keyspec *specs, const jnode **found)
{
	const jkey *k = &obj->keys[i];
	const jl_keyspec *s = find_spec(specs, k->name);
	size_t old = jl_path_push_key(ld, k->name);

	if (first[i] != i)
		jl_error_at(ld, k->line, k->col, "remove one of them",
			    "duplicate key \"%s\" (also at %d:%d)", k->name,
			    obj->keys[first[i]].line, obj->keys[first[i]].col);
	if (!s)
		unknown_key(ld, obj, i, what, specs);
	else if (last[i] && jl_expect(ld, obj->kids[i], s->types))
		found[s - specs] = obj->kids[i];
	else if (last[i])
		found[s - specs] = &jl_mistyped;
	jl_path_pop(ld, old);
}

bool
jl_check_members(struct jloader *ld, const jnode *obj, const char *what,
		 const jl_keyspec *specs, const jnode **found)
{
	/* one allocation, in the loader, for the occurrences of any object's keys */
	size_t *first, nspecs = 0;
	bool *last;

	while (specs[nspecs].key)
		nspecs++;
	memset(found, 0, nspecs * sizeof(*found));
	if (obj->kind != J_OBJECT) {
		mw_buf desc = MW_BUF_INIT;

		jl_describe_value(&desc, obj);
		jl_error_at(ld, obj->line, obj->col, NULL, "expected %s object, found %s", what,
			    mw_buf_cstr(&desc));
		mw_buf_release(&desc);
		return false;
	}
	if (obj->n > ld->nscratch) {
		ld->nscratch = obj->n > 16 ? obj->n : 16;
		ld->first = mw_xrealloc(ld->first, ld->nscratch * sizeof(*ld->first));
		ld->last = mw_xrealloc(ld->last, ld->nscratch * sizeof(*ld->last));
	}
	first = ld->first;
	last = ld->last;
	key_occurrences(obj, first, last);
	for (size_t i = 0; i < obj->n; i++)
		check_member(ld, obj, i, first, last, what, specs, found);
	for (size_t i = 0; i < nspecs; i++) {
		if (found[i] == &jl_mistyped)
			found[i] = NULL;
		else if (!found[i] && specs[i].required)
			jl_error_at(ld, obj->line, obj->col, NULL, "%s is missing the required key "
				    "\"%s\"", what, specs[i].key);
	}
	return true;
}

bool
jl_check_object(struct jloader *ld, const jnode *obj, const char *what, const jl_keyspec *specs)
{
	const jnode *found[JL_MAX_SPECS];

	return jl_check_members(ld, obj, what, specs, found);
}

/* The member if present and of an allowed type (already reported if not). */
const jnode *
jl_member(const jnode *obj, const char *key, unsigned types)
{
	const jnode *v = obj && obj->kind == J_OBJECT ? jtree_get(obj, key) : NULL;

	return v && kind_allowed(v->kind, types) ? v : NULL;
}

/* The earlier string item equal to arr->kids[i], or NULL; `seen` indexes the big arrays. */
static const jnode *
earlier_same(const jnode *arr, size_t i, mw_strmap *seen)
{
	const jnode *item = arr->kids[i];

	if (arr->n > 16)
		return mw_strmap_add(seen, item->str, (void *)item);
	for (size_t j = 0; j < i; j++)
		if (arr->kids[j]->kind == J_STRING && same_key(arr->kids[j]->str, item->str))
			return arr->kids[j];
	return NULL;
}

/*
 * An array of strings, copied into a malloc'd vector; items of another type
 * and repeated items (uniqueItems) are reported.
 */
char **
jl_strv(struct jloader *ld, const jnode *arr, size_t *n, bool unique)
{
	char **v = mw_xcalloc(arr->n + 1, sizeof(*v));
	mw_strmap seen = MW_STRMAP_INIT;

	*n = 0;
	for (size_t i = 0; i < arr->n; i++) {
		const jnode *item = arr->kids[i];
		size_t old = jl_path_push_index(ld, i);

		if (jl_expect(ld, item, JL_STR)) {
			if (unique && earlier_same(arr, i, &seen))
				jl_error_at(ld, item->line, item->col, NULL,
					    "\"%s\" is listed twice", item->str);
			v[(*n)++] = mw_xstrdup(item->str);
		}
		jl_path_pop(ld, old);
	}
	mw_strmap_clear(&seen);
	return v;
}
