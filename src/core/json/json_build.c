/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Model -> JSON tree: the document as it should be now, before layout.
 *
 * Keys the file spelt out are kept even when they hold the default (the
 * *_present fields of the model), and keys with non-default values are
 * always written, so an unedited model gives back exactly the loaded tree
 * and the writer can keep the original bytes.
 */
#include <config.h>

#include "core/json/internal.h"

#include <stdio.h>
#include <string.h>

static jnode *
new_node(struct jarena *a, jkind kind)
{
	jnode *n = jarena_alloc(a, sizeof(*n));

	n->kind = kind;
	return n;
}

static jnode *
new_container(struct jarena *a, jkind kind, size_t cap)
{
	jnode *n = new_node(a, kind);

	n->kids = jarena_alloc(a, (cap ? cap : 1) * sizeof(*n->kids));
	if (kind == J_OBJECT)
		n->keys = jarena_alloc(a, (cap ? cap : 1) * sizeof(*n->keys));
	return n;
}

static void
put(jnode *obj, const char *key, jnode *v)
{
	obj->keys[obj->n].name = key;
	obj->keys[obj->n].tag = jkey_tag(key);
	obj->kids[obj->n++] = v;
}

static jnode *
str_node(struct jarena *a, const char *s)
{
	jnode *n = new_node(a, J_STRING);

	n->str = jarena_strndup(a, s, strlen(s));
	return n;
}

static jnode *
num_node(struct jarena *a, long long v)
{
	char tmp[32];
	jnode *n = new_node(a, J_NUMBER);

	snprintf(tmp, sizeof(tmp), "%lld", v);
	n->str = jarena_strndup(a, tmp, strlen(tmp));
	return n;
}

static jnode *
bool_node(struct jarena *a, bool v)
{
	return new_node(a, v ? J_TRUE : J_FALSE);
}

static jnode *
strv_node(struct jarena *a, char *const *v, size_t n)
{
	jnode *arr = new_container(a, J_ARRAY, n);

	for (size_t i = 0; i < n; i++)
		arr->kids[arr->n++] = str_node(a, v[i] ? v[i] : "");
	return arr;
}

static jnode *
value_node(struct jarena *a, const mw_value *v)
{
	jnode *n;

	switch (v->kind) {
	case MW_V_BOOL:
		return bool_node(a, v->text && *v->text);
	case MW_V_INT:
	case MW_V_REAL:
		n = new_node(a, J_NUMBER);
		n->str = jarena_strndup(a, v->raw ? v->raw : v->text, strlen(v->raw ? v->raw : v->text));
		return n;
	case MW_V_STRING:
		return str_node(a, v->text ? v->text : "");
	default:
		return new_node(a, J_NULL);
	}
}

/* One platform-option bag; keys whose opt_in_custom bit equals `custom`. */
static jnode *
bag_node(struct jarena *a, const mw_column *c, bool custom)
{
	unsigned mine = custom ? c->opt_in_custom : ~c->opt_in_custom;
	unsigned want = c->opt_present & mine;
	jnode *bag = new_container(a, J_OBJECT, 4);

	if (!custom) {
		/* values set in memory without a presence bit go to PlatformOptions */
		want |= (c->allow_infinite ? MW_OPT_ALLOW_INFINITE : 0) & ~c->opt_in_custom;
		want |= (c->version ? MW_OPT_VERSION : 0) & ~c->opt_in_custom;
		want |= (c->double_precision ? MW_OPT_DOUBLE_PRECISION : 0) & ~c->opt_in_custom;
		want |= (c->enum_values ? MW_OPT_ENUM_VALUES : 0) & ~c->opt_in_custom;
	}
	if (want & MW_OPT_ALLOW_INFINITE)
		put(bag, "allowInfinite", bool_node(a, c->allow_infinite));
	if (want & MW_OPT_VERSION)
		put(bag, "version", bool_node(a, c->version));
	if (want & MW_OPT_DOUBLE_PRECISION)
		put(bag, "doublePrecision", bool_node(a, c->double_precision));
	if (want & MW_OPT_ENUM_VALUES)
		put(bag, "enum_values", strv_node(a, c->enum_values, c->n_enum_values));
	return bag;
}

static bool
wants(const mw_column *c, unsigned bit, bool non_default)
{
	return (c->opt_present & bit) || non_default;
}

static jnode *
options_node(struct jarena *a, const mw_column *c)
{
	jnode *o = new_container(a, J_OBJECT, 10), *bag;

	if (wants(c, MW_OPT_NOTNULL, !c->notnull))
		put(o, "notnull", bool_node(a, c->notnull));
	if (wants(c, MW_OPT_DEFAULT, c->deflt.kind > MW_V_NULL) && c->deflt.kind != MW_V_NONE)
		put(o, "default", value_node(a, &c->deflt));
	if (c->has_length)
		put(o, "length", num_node(a, c->length));
	if (wants(c, MW_OPT_FIXED, c->fixed))
		put(o, "fixed", bool_node(a, c->fixed));
	if (wants(c, MW_OPT_UNSIGNED, c->is_unsigned))
		put(o, "unsigned", bool_node(a, c->is_unsigned));
	if (wants(c, MW_OPT_AUTOINCREMENT, c->autoincrement))
		put(o, "autoincrement", bool_node(a, c->autoincrement));
	if (wants(c, MW_OPT_PRECISION, c->precision != 10))
		put(o, "precision", num_node(a, c->precision));
	if (wants(c, MW_OPT_SCALE, c->scale != 0))
		put(o, "scale", num_node(a, c->scale));
	bag = bag_node(a, c, false);
	if (bag->n || (c->bags_present & MW_BAG_PLATFORM))
		put(o, "PlatformOptions", bag);
	bag = bag_node(a, c, true);
	if (bag->n || (c->bags_present & MW_BAG_CUSTOM))
		put(o, "CustomSchemaOptions", bag);
	return o;
}

static jnode *
column_node(struct jarena *a, const mw_column *c)
{
	jnode *o = new_container(a, J_OBJECT, 4);

	put(o, "name", str_node(a, c->name ? c->name : ""));
	if (c->comment)
		put(o, "comment", str_node(a, c->comment));
	put(o, "type", str_node(a, mw_type_name(c->type)));
	put(o, "options", options_node(a, c));
	return o;
}

static jnode *
index_node(struct jarena *a, const mw_index *ix)
{
	jnode *o = new_container(a, J_OBJECT, 6), *flags, *opts;

	put(o, "name", str_node(a, ix->name ? ix->name : ""));
	if (ix->comment)
		put(o, "comment", str_node(a, ix->comment));
	put(o, "columns", strv_node(a, ix->columns, ix->ncolumns));
	put(o, "unique", bool_node(a, ix->unique));
	if (ix->flags || ix->has_flags_key) {
		flags = new_container(a, J_ARRAY, 2);
		if (ix->flags & MW_IDX_FULLTEXT)
			flags->kids[flags->n++] = str_node(a, "fulltext");
		if (ix->flags & MW_IDX_SPATIAL)
			flags->kids[flags->n++] = str_node(a, "spatial");
		put(o, "flags", flags);
	}
	if (ix->lengths || ix->where || ix->has_options_key) {
		opts = new_container(a, J_OBJECT, 2);
		if (ix->lengths) {
			jnode *l = new_container(a, J_ARRAY, ix->nlengths);

			for (size_t i = 0; i < ix->nlengths; i++)
				l->kids[l->n++] = ix->lengths[i] < 0 ? new_node(a, J_NULL) :
					num_node(a, ix->lengths[i]);
			put(opts, "lengths", l);
		}
		if (ix->where)
			put(opts, "where", str_node(a, ix->where));
		put(o, "options", opts);
	}
	return o;
}

jnode *
jw_build_table(struct jarena *a, const mw_table *t)
{
	jnode *o = new_container(a, J_OBJECT, 6), *arr;

	put(o, "name", str_node(a, t->name ? t->name : ""));
	if (t->comment)
		put(o, "comment", str_node(a, t->comment));
	arr = new_container(a, J_ARRAY, t->ncolumns);
	for (size_t i = 0; i < t->ncolumns; i++)
		arr->kids[arr->n++] = column_node(a, &t->columns[i]);
	put(o, "columns", arr);
	arr = new_container(a, J_ARRAY, t->nindexes);
	for (size_t i = 0; i < t->nindexes; i++)
		arr->kids[arr->n++] = index_node(a, &t->indexes[i]);
	put(o, "indexes", arr);
	if (t->has_pk_key || t->npk)
		put(o, "pk", strv_node(a, t->pk, t->npk));
	if (t->has_table_options || t->ntable_options)
		put(o, "table_options", strv_node(a, t->table_options, t->ntable_options));
	return o;
}

jnode *
jw_build_doc(struct jarena *a, const mw_doc *doc)
{
	jnode *root;

	switch (doc->kind) {
	case MW_DOC_CHANGE:
		root = new_container(a, J_OBJECT, 3);
		if (doc->change.comment)
			put(root, "comment", str_node(a, doc->change.comment));
		put(root, "before", doc->change.before ? jw_build_table(a, doc->change.before) :
		    new_container(a, J_OBJECT, 0));
		put(root, "after", doc->change.after ? jw_build_table(a, doc->change.after) :
		    new_container(a, J_OBJECT, 0));
		return root;
	case MW_DOC_TABLE:
		if (doc->schema.ntables)
			return jw_build_table(a, &doc->schema.tables[0]);
		return new_container(a, J_OBJECT, 0);
	default:
		root = new_container(a, J_ARRAY, doc->schema.ntables);
		for (size_t i = 0; i < doc->schema.ntables; i++)
			root->kids[root->n++] = jw_build_table(a, &doc->schema.tables[i]);
		return root;
	}
}
