/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loading abstract-schema JSON into the model (see mwschema/json.h).
 *
 * First version: jansson parses, then the tree is converted with basic
 * structural checks. Every problem is reported with its JSON path.
 */
#include <config.h>

#include "mwschema/json.h"
#include "mwschema/fs.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct loader {
	const char *label;
	mw_diags *diags;
	int errors;
};

static void
load_error(struct loader *ld, const char *path, const char *fmt, const char *arg)
{
	mw_diags_add(ld->diags, MW_SEV_ERROR, NULL, ld->label, 0, 0, path, NULL, fmt, arg);
	ld->errors++;
}

/* PHP's string conversion of a float uses 14 significant digits. */
static char *
php_float_text(double v)
{
	char tmp[64];

	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(tmp, sizeof(tmp), "%.0f", v);
	else
		snprintf(tmp, sizeof(tmp), "%.14G", v);
	return mw_xstrdup(tmp);
}

static void
load_value(mw_value *out, json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_NULL:
		out->kind = MW_V_NULL;
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		out->kind = MW_V_BOOL;
		out->text = mw_xstrdup(json_is_true(j) ? "1" : "");
		break;
	case JSON_INTEGER:
		out->kind = MW_V_INT;
		out->text = mw_strdupf("%lld", (long long)json_integer_value(j));
		break;
	case JSON_REAL:
		out->kind = MW_V_REAL;
		out->text = php_float_text(json_real_value(j));
		break;
	case JSON_STRING:
		out->kind = MW_V_STRING;
		out->text = mw_xstrndup(json_string_value(j), json_string_length(j));
		break;
	default:
		out->kind = MW_V_NONE;
	}
}

static char **
load_strv(struct loader *ld, json_t *arr, size_t *n, const char *path)
{
	char **v;
	size_t i;
	json_t *item;

	if (!json_is_array(arr)) {
		load_error(ld, path, "%s", "expected an array of strings");
		*n = 0;
		return NULL;
	}
	v = mw_xcalloc(json_array_size(arr) + 1, sizeof(*v));
	*n = 0;
	json_array_foreach(arr, i, item) {
		if (!json_is_string(item)) {
			load_error(ld, path, "%s", "expected an array of strings");
			continue;
		}
		v[(*n)++] = mw_xstrdup(json_string_value(item));
	}
	return v;
}

static bool
opt_bool(json_t *opts, const char *key, bool dflt)
{
	json_t *v = json_object_get(opts, key);

	return v ? json_is_true(v) : dflt;
}

static void
load_platform_options(struct loader *ld, mw_column *c, json_t *bag, bool custom, const char *path)
{
	json_t *v;

	if (!bag)
		return;
	if (!json_is_object(bag)) {
		load_error(ld, path, "%s", "expected an object");
		return;
	}
	if ((v = json_object_get(bag, "allowInfinite"))) {
		c->allow_infinite = json_is_true(v);
		c->opt_present |= MW_OPT_ALLOW_INFINITE;
		c->opt_in_custom |= custom ? MW_OPT_ALLOW_INFINITE : 0;
	}
	if ((v = json_object_get(bag, "version"))) {
		c->version = json_is_true(v);
		c->opt_present |= MW_OPT_VERSION;
		c->opt_in_custom |= custom ? MW_OPT_VERSION : 0;
	}
	if ((v = json_object_get(bag, "doublePrecision"))) {
		c->double_precision = json_is_true(v);
		c->opt_present |= MW_OPT_DOUBLE_PRECISION;
		c->opt_in_custom |= custom ? MW_OPT_DOUBLE_PRECISION : 0;
	}
	if ((v = json_object_get(bag, "enum_values"))) {
		char *p = mw_strdupf("%s/enum_values", path);

		mw_strv_free(c->enum_values, c->n_enum_values);
		c->enum_values = load_strv(ld, v, &c->n_enum_values, p);
		c->opt_present |= MW_OPT_ENUM_VALUES;
		c->opt_in_custom |= custom ? MW_OPT_ENUM_VALUES : 0;
		free(p);
	}
}

static void
load_column_options(struct loader *ld, mw_column *c, json_t *opts, const char *path)
{
	json_t *v;
	char *p;

	c->notnull = opt_bool(opts, "notnull", true);
	c->opt_present |= json_object_get(opts, "notnull") ? MW_OPT_NOTNULL : 0;
	if ((v = json_object_get(opts, "default"))) {
		load_value(&c->deflt, v);
		c->opt_present |= MW_OPT_DEFAULT;
	}
	if ((v = json_object_get(opts, "length"))) {
		c->has_length = json_is_number(v);
		c->length = (long long)json_number_value(v);
		c->opt_present |= MW_OPT_LENGTH;
	}
	c->fixed = opt_bool(opts, "fixed", false);
	c->is_unsigned = opt_bool(opts, "unsigned", false);
	c->autoincrement = opt_bool(opts, "autoincrement", false);
	c->opt_present |= json_object_get(opts, "fixed") ? MW_OPT_FIXED : 0;
	c->opt_present |= json_object_get(opts, "unsigned") ? MW_OPT_UNSIGNED : 0;
	c->opt_present |= json_object_get(opts, "autoincrement") ? MW_OPT_AUTOINCREMENT : 0;
	c->precision = 10;
	c->scale = 0;
	if ((v = json_object_get(opts, "precision"))) {
		c->precision = (int)json_number_value(v);
		c->opt_present |= MW_OPT_PRECISION;
	}
	if ((v = json_object_get(opts, "scale"))) {
		c->scale = (int)json_number_value(v);
		c->opt_present |= MW_OPT_SCALE;
	}
	p = mw_strdupf("%s/CustomSchemaOptions", path);
	load_platform_options(ld, c, json_object_get(opts, "CustomSchemaOptions"), true, p);
	free(p);
	p = mw_strdupf("%s/PlatformOptions", path);
	load_platform_options(ld, c, json_object_get(opts, "PlatformOptions"), false, p);
	free(p);
}

static void
load_column(struct loader *ld, mw_column *c, json_t *j, const char *path)
{
	json_t *name = json_object_get(j, "name");
	json_t *type = json_object_get(j, "type");
	json_t *opts = json_object_get(j, "options");
	json_t *comment = json_object_get(j, "comment");
	char *p;

	if (!json_is_string(name))
		load_error(ld, path, "%s", "column needs a string \"name\"");
	c->name = mw_xstrdup(json_is_string(name) ? json_string_value(name) : "");
	c->comment = json_is_string(comment) ? mw_xstrdup(json_string_value(comment)) : NULL;
	if (!json_is_string(type) || !mw_type_from_name(json_string_value(type), &c->type)) {
		p = mw_strdupf("%s/type", path);
		load_error(ld, p, "unknown or missing type \"%s\"",
			   json_is_string(type) ? json_string_value(type) : "");
		free(p);
	}
	p = mw_strdupf("%s/options", path);
	if (!json_is_object(opts)) {
		load_error(ld, p, "%s", "column needs an \"options\" object");
		c->notnull = true;
		c->precision = 10;
	} else {
		load_column_options(ld, c, opts, p);
	}
	free(p);
}

static void
load_index(struct loader *ld, mw_index *ix, json_t *j, const char *path)
{
	json_t *name = json_object_get(j, "name");
	json_t *opts = json_object_get(j, "options");
	json_t *flags = json_object_get(j, "flags");
	json_t *v;
	char *p;
	size_t i;

	ix->name = mw_xstrdup(json_is_string(name) ? json_string_value(name) : "");
	if (!json_is_string(name))
		load_error(ld, path, "%s", "index needs a string \"name\"");
	if ((v = json_object_get(j, "comment")) && json_is_string(v))
		ix->comment = mw_xstrdup(json_string_value(v));
	p = mw_strdupf("%s/columns", path);
	ix->columns = load_strv(ld, json_object_get(j, "columns"), &ix->ncolumns, p);
	free(p);
	ix->unique = json_is_true(json_object_get(j, "unique"));
	json_array_foreach(flags, i, v) {
		if (json_is_string(v) && !strcmp(json_string_value(v), "fulltext"))
			ix->flags |= MW_IDX_FULLTEXT;
		if (json_is_string(v) && !strcmp(json_string_value(v), "spatial"))
			ix->flags |= MW_IDX_SPATIAL;
	}
	if ((v = json_object_get(opts, "lengths")) && json_is_array(v)) {
		ix->nlengths = json_array_size(v);
		ix->lengths = mw_xcalloc(ix->nlengths + 1, sizeof(*ix->lengths));
		for (i = 0; i < ix->nlengths; i++) {
			json_t *n = json_array_get(v, i);

			ix->lengths[i] = json_is_number(n) ? (long long)json_number_value(n) : -1;
		}
	}
	if ((v = json_object_get(opts, "where")) && json_is_string(v))
		ix->where = mw_xstrdup(json_string_value(v));
}

static void
load_table(struct loader *ld, mw_table *t, json_t *j, const char *path)
{
	json_t *cols = json_object_get(j, "columns");
	json_t *idx = json_object_get(j, "indexes");
	json_t *v;
	size_t i;
	char *p;

	if (!json_is_object(j)) {
		load_error(ld, path, "%s", "expected a table object");
		return;
	}
	v = json_object_get(j, "name");
	if (!json_is_string(v))
		load_error(ld, path, "%s", "table needs a string \"name\"");
	t->name = mw_xstrdup(json_is_string(v) ? json_string_value(v) : "");
	if ((v = json_object_get(j, "comment")) && json_is_string(v))
		t->comment = mw_xstrdup(json_string_value(v));
	if (!json_is_array(cols)) {
		load_error(ld, path, "%s", "table needs a \"columns\" array");
	} else {
		t->columns = mw_xcalloc(json_array_size(cols) + 1, sizeof(*t->columns));
		json_array_foreach(cols, i, v) {
			p = mw_strdupf("%s/columns/%zu", path, i);
			load_column(ld, &t->columns[t->ncolumns++], v, p);
			free(p);
		}
	}
	t->indexes = mw_xcalloc(json_array_size(idx) + 1, sizeof(*t->indexes));
	json_array_foreach(idx, i, v) {
		p = mw_strdupf("%s/indexes/%zu", path, i);
		load_index(ld, &t->indexes[t->nindexes++], v, p);
		free(p);
	}
	if ((v = json_object_get(j, "pk"))) {
		p = mw_strdupf("%s/pk", path);
		t->has_pk_key = true;
		t->pk = load_strv(ld, v, &t->npk, p);
		free(p);
	}
	if ((v = json_object_get(j, "table_options"))) {
		p = mw_strdupf("%s/table_options", path);
		t->has_table_options = true;
		t->table_options = load_strv(ld, v, &t->ntable_options, p);
		free(p);
	}
}

/* {} means "no table" in a change file. */
static mw_table *
load_snapshot(struct loader *ld, json_t *j, const char *path)
{
	mw_table *t;

	if (!j) {
		load_error(ld, "", "change needs \"%s\"", path + 1);
		return NULL;
	}
	if (json_is_object(j) && json_object_size(j) == 0)
		return NULL;
	t = mw_xcalloc(1, sizeof(*t));
	load_table(ld, t, j, path);
	return t;
}

static void
load_root(struct loader *ld, mw_doc *doc, json_t *root)
{
	size_t i;
	json_t *v;
	char path[32];

	if (json_is_array(root)) {
		doc->kind = MW_DOC_SCHEMA;
		doc->schema.tables = mw_xcalloc(json_array_size(root) + 1, sizeof(mw_table));
		json_array_foreach(root, i, v) {
			snprintf(path, sizeof(path), "/%zu", i);
			load_table(ld, &doc->schema.tables[doc->schema.ntables++], v, path);
		}
	} else if (json_is_object(root) &&
		   (json_object_get(root, "before") || json_object_get(root, "after"))) {
		doc->kind = MW_DOC_CHANGE;
		if ((v = json_object_get(root, "comment")) && json_is_string(v))
			doc->change.comment = mw_xstrdup(json_string_value(v));
		doc->change.before = load_snapshot(ld, json_object_get(root, "before"), "/before");
		doc->change.after = load_snapshot(ld, json_object_get(root, "after"), "/after");
	} else if (json_is_object(root)) {
		doc->kind = MW_DOC_TABLE;
		doc->schema.tables = mw_xcalloc(1, sizeof(mw_table));
		doc->schema.ntables = 1;
		load_table(ld, &doc->schema.tables[0], root, "");
	} else {
		load_error(ld, "", "%s", "expected an array of tables, a table or a change object");
	}
}

int
mw_doc_load_buffer(mw_doc **out, const char *data, size_t len, const char *label,
		   mw_diags *diags)
{
	struct loader ld = { .label = label, .diags = diags };
	json_error_t jerr;
	json_t *root;
	mw_doc *doc;

	*out = NULL;
	root = json_loadb(data, len, JSON_ALLOW_NUL, &jerr);
	if (!root) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, label, jerr.line, jerr.column, NULL, NULL,
			     "%s", jerr.text);
		return -1;
	}
	doc = mw_xcalloc(1, sizeof(*doc));
	doc->label = mw_xstrdup(label);
	doc->text = mw_xstrndup(data, len);
	doc->len = len;
	load_root(&ld, doc, root);
	json_decref(root);
	if (ld.errors) {
		mw_doc_free(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

int
mw_doc_load_file(mw_doc **out, const char *path, mw_diags *diags)
{
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc;

	*out = NULL;
	if (mw_read_file(&data, path, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, NULL, 0, 0, NULL, NULL, "%s",
			     mw_buf_cstr(&err));
		mw_buf_release(&err);
		mw_buf_release(&data);
		return -1;
	}
	rc = mw_doc_load_buffer(out, mw_buf_cstr(&data), data.len, path, diags);
	mw_buf_release(&data);
	return rc;
}

void
mw_doc_free(mw_doc *doc)
{
	if (!doc)
		return;
	mw_schema_clear(&doc->schema);
	mw_change_clear(&doc->change);
	free(doc->label);
	free(doc->text);
	free(doc);
}
