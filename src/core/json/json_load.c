/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loading abstract-schema JSON into the model (see mwschema/json.h).
 *
 * json_scan.c turns the text into a positioned tree; this file checks it
 * against the rules of MediaWiki's JSON schemas (json_check.c) and the
 * semantic rules the generator relies on (unique names, index and primary
 * key columns that exist), and builds the model. All problems of a file are
 * reported; the model is only handed out when there were none.
 */
#include <config.h>

#include "core/json/internal.h"
#include "mwschema/fs.h"
#include "mwschema/strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const jl_keyspec table_keys[] = {
	{ "name", JL_STR, true },
	{ "comment", JL_STR, false },
	{ "columns", JL_ARR, true },
	{ "indexes", JL_ARR, true },
	{ "pk", JL_ARR, false },
	{ "table_options", JL_ARR, false },
	{ NULL, 0, false },
};

/*
 * The objects read member by member (columns, their options, indexes) name
 * their keys by position: jl_check_members hands back the members in the
 * order of the spec, found in one pass over the object.
 */
enum { COL_NAME, COL_COMMENT, COL_TYPE, COL_OPTIONS, COL__COUNT };

static const jl_keyspec column_keys[] = {
	[COL_NAME] = { "name", JL_STR, true },
	[COL_COMMENT] = { "comment", JL_STR, false },
	[COL_TYPE] = { "type", JL_STR, true },
	[COL_OPTIONS] = { "options", JL_OBJ, true },
	[COL__COUNT] = { NULL, 0, false },
};

enum {
	OPT_AUTOINCREMENT, OPT_DEFAULT, OPT_FIXED, OPT_LENGTH, OPT_NOTNULL, OPT_UNSIGNED,
	OPT_SCALE, OPT_PRECISION, OPT_PLATFORM, OPT_CUSTOM, OPT__COUNT
};

static const jl_keyspec option_keys[] = {
	[OPT_AUTOINCREMENT] = { "autoincrement", JL_BOOL, false },
	/* booleans too: the validator refuses them but the generator prints them (spec 4.1) */
	[OPT_DEFAULT] = { "default", JL_NUM | JL_STR | JL_NULL | JL_BOOL, false },
	[OPT_FIXED] = { "fixed", JL_BOOL, false },
	[OPT_LENGTH] = { "length", JL_NUM, false },
	[OPT_NOTNULL] = { "notnull", JL_BOOL, false },
	[OPT_UNSIGNED] = { "unsigned", JL_BOOL, false },
	[OPT_SCALE] = { "scale", JL_NUM, false },
	[OPT_PRECISION] = { "precision", JL_NUM, false },
	[OPT_PLATFORM] = { "PlatformOptions", JL_OBJ, false },
	[OPT_CUSTOM] = { "CustomSchemaOptions", JL_OBJ, false },
	[OPT__COUNT] = { NULL, 0, false },
};

enum { BAG_VERSION, BAG_ALLOW_INFINITE, BAG_DOUBLE_PRECISION, BAG_ENUM_VALUES, BAG__COUNT };

static const jl_keyspec bag_keys[] = {
	[BAG_VERSION] = { "version", JL_BOOL, false },
	[BAG_ALLOW_INFINITE] = { "allowInfinite", JL_BOOL, false },
	[BAG_DOUBLE_PRECISION] = { "doublePrecision", JL_BOOL, false },
	[BAG_ENUM_VALUES] = { "enum_values", JL_ARR, false },
	[BAG__COUNT] = { NULL, 0, false },
};

enum { IDX_NAME, IDX_COMMENT, IDX_COLUMNS, IDX_UNIQUE, IDX_FLAGS, IDX_OPTIONS, IDX__COUNT };

static const jl_keyspec index_keys[] = {
	[IDX_NAME] = { "name", JL_STR, true },
	[IDX_COMMENT] = { "comment", JL_STR, false },
	[IDX_COLUMNS] = { "columns", JL_ARR, true },
	[IDX_UNIQUE] = { "unique", JL_BOOL, true },
	[IDX_FLAGS] = { "flags", JL_ARR, false },
	[IDX_OPTIONS] = { "options", JL_OBJ, false },
	[IDX__COUNT] = { NULL, 0, false },
};

static const jl_keyspec index_option_keys[] = {
	{ "lengths", JL_ARR, false },
	{ "where", JL_STR, false },
	{ NULL, 0, false },
};

static const jl_keyspec change_keys[] = {
	{ "comment", JL_STR, false },
	{ "before", JL_OBJ, true },
	{ "after", JL_OBJ, true },
	{ NULL, 0, false },
};

/*
 * Scalars
 */

/* PHP's string conversion of a float: 14 significant digits, "1.0E+25". */
static char *
php_float_text(double v)
{
	char tmp[64], *e;

	snprintf(tmp, sizeof(tmp), "%.14G", v);
	e = strchr(tmp, 'E');
	if (e && !strchr(tmp, '.')) {
		memmove(e + 2, e, strlen(e) + 1);
		e[0] = '.';
		e[1] = '0';
	}
	if (e && (e = strchr(tmp, 'E')) && e[1] == '+' && e[2] == '0')
		memmove(e + 2, e + 3, strlen(e + 3) + 1);
	return mw_xstrdup(tmp);
}

static bool
is_integer_literal(const char *s)
{
	return !strpbrk(s, ".eE");
}

static void
load_value(mw_value *out, const jnode *j)
{
	switch (j->kind) {
	case J_NULL:
		out->kind = MW_V_NULL;
		out->raw = mw_xstrdup("null");
		break;
	case J_TRUE:
	case J_FALSE:
		out->kind = MW_V_BOOL;
		out->text = mw_xstrdup(j->kind == J_TRUE ? "1" : "");
		out->raw = mw_xstrdup(j->kind == J_TRUE ? "true" : "false");
		break;
	case J_NUMBER:
		/* PHP decodes integers beyond 64 bits as floats */
		if (is_integer_literal(j->str) && fabs(strtod(j->str, NULL)) < 9.2e18) {
			out->kind = MW_V_INT;
			out->text = mw_strdupf("%lld", strtoll(j->str, NULL, 10));
		} else {
			out->kind = MW_V_REAL;
			out->text = php_float_text(strtod(j->str, NULL));
		}
		out->raw = mw_xstrdup(j->str);
		break;
	case J_STRING:
		out->kind = MW_V_STRING;
		out->text = mw_xstrdup(j->str);
		break;
	default:
		out->kind = MW_V_NONE;
	}
}

/* A non-negative whole number that fits; reported otherwise. */
static bool
load_count(struct jloader *ld, const jnode *v, long long max, long long *out)
{
	double d = strtod(v->str, NULL);

	if (d < 0) {
		jl_error_at(ld, v->line, v->col, NULL, "%s is negative; expected 0 or more", v->str);
		return false;
	}
	if (d != floor(d)) {
		jl_error_at(ld, v->line, v->col, NULL, "%s is not a whole number", v->str);
		return false;
	}
	if (d > (double)max) {
		jl_error_at(ld, v->line, v->col, NULL, "%s is out of range (0 to %lld)", v->str,
			    max);
		return false;
	}
	*out = (long long)d;
	return true;
}

/* A boolean member as found by jl_check_members (NULL: absent or mistyped). */
static bool
load_bool(const jnode *v, bool dflt, unsigned bit, unsigned *present)
{
	if (!v)
		return dflt;
	*present |= bit;
	return v->kind == J_TRUE;
}

/*
 * Columns
 */

static void
load_bag(struct jloader *ld, mw_column *c, const jnode *bag, const char *key, unsigned bagbit)
{
	size_t old = jl_path_push_key(ld, key);
	unsigned present = 0, custom = bagbit == MW_BAG_CUSTOM;
	bool platform_version = c->version;
	const jnode *v, *m[BAG__COUNT];

	c->bags_present |= bagbit;
	if (jl_check_members(ld, bag, key, bag_keys, m)) {
		c->allow_infinite = load_bool(m[BAG_ALLOW_INFINITE], c->allow_infinite,
					      MW_OPT_ALLOW_INFINITE, &present);
		c->version = load_bool(m[BAG_VERSION], c->version, MW_OPT_VERSION, &present);
		c->double_precision = load_bool(m[BAG_DOUBLE_PRECISION], c->double_precision,
						MW_OPT_DOUBLE_PRECISION, &present);
		if ((v = m[BAG_ENUM_VALUES])) {
			size_t o = jl_path_push_key(ld, "enum_values");

			mw_strv_free(c->enum_values, c->n_enum_values);
			c->enum_values = jl_strv(ld, v, &c->n_enum_values, true);
			present |= MW_OPT_ENUM_VALUES;
			jl_path_pop(ld, o);
		}
	}
	if (custom) {
		/* the platform bag was read first: keys in both keep both values' meaning */
		c->opt_in_both = present & c->opt_present & (MW_OPT_ALLOW_INFINITE | MW_OPT_VERSION |
							      MW_OPT_DOUBLE_PRECISION | MW_OPT_ENUM_VALUES);
		c->version_platform = platform_version;
	}
	c->opt_present |= present;
	c->opt_in_custom = custom ? c->opt_in_custom | present : c->opt_in_custom & ~present;
	jl_path_pop(ld, old);
}

static void
load_column_options(struct jloader *ld, mw_column *c, const jnode *opts)
{
	const jnode *v, *m[OPT__COUNT];
	long long n;

	if (!jl_check_members(ld, opts, "column options", option_keys, m))
		return;
	c->notnull = load_bool(m[OPT_NOTNULL], true, MW_OPT_NOTNULL, &c->opt_present);
	c->fixed = load_bool(m[OPT_FIXED], false, MW_OPT_FIXED, &c->opt_present);
	c->is_unsigned = load_bool(m[OPT_UNSIGNED], false, MW_OPT_UNSIGNED, &c->opt_present);
	c->autoincrement = load_bool(m[OPT_AUTOINCREMENT], false, MW_OPT_AUTOINCREMENT,
				     &c->opt_present);
	if ((v = m[OPT_DEFAULT])) {
		load_value(&c->deflt, v);
		c->opt_present |= MW_OPT_DEFAULT;
		jl_check_default(ld, c, v);
	}
	if ((v = m[OPT_LENGTH])) {
		size_t old = jl_path_push_key(ld, "length");

		c->opt_present |= MW_OPT_LENGTH;
		c->has_length = load_count(ld, v, 1LL << 53, &c->length);
		jl_path_pop(ld, old);
	}
	if ((v = m[OPT_PRECISION])) {
		size_t old = jl_path_push_key(ld, "precision");

		c->opt_present |= MW_OPT_PRECISION;
		if (load_count(ld, v, 1000, &n))
			c->precision = (int)n;
		jl_path_pop(ld, old);
	}
	if ((v = m[OPT_SCALE])) {
		size_t old = jl_path_push_key(ld, "scale");

		c->opt_present |= MW_OPT_SCALE;
		if (load_count(ld, v, 1000, &n))
			c->scale = (int)n;
		jl_path_pop(ld, old);
	}
	/*
	 * The older spelling last: on a clash its value is the one DBAL's
	 * Column::toArray() keeps (CREATE's `version` aside, see opt_in_both).
	 */
	if ((v = m[OPT_PLATFORM]))
		load_bag(ld, c, v, "PlatformOptions", MW_BAG_PLATFORM);
	if ((v = m[OPT_CUSTOM]))
		load_bag(ld, c, v, "CustomSchemaOptions", MW_BAG_CUSTOM);
}

static void
load_column(struct jloader *ld, mw_column *c, const jnode *j)
{
	const jnode *v, *m[COL__COUNT];

	c->notnull = true;
	c->precision = 10;
	c->name = mw_xstrdup("");
	if (!jl_check_members(ld, j, "a column", column_keys, m))
		return;
	if ((v = m[COL_NAME])) {
		free(c->name);
		c->name = mw_xstrdup(v->str);
		jl_check_member_name(ld, v, "column");
	}
	if ((v = m[COL_COMMENT]))
		c->comment = mw_xstrdup(v->str);
	if ((v = m[COL_TYPE]) && !mw_type_from_name(v->str, &c->type)) {
		size_t old = jl_path_push_key(ld, "type");
		const char *pick = jl_suggest_type(v->str);

		if (pick)
			jl_error_at(ld, v->line, v->col, NULL,
				    "unknown type \"%s\" (did you mean \"%s\"?)", v->str, pick);
		else
			jl_error_at(ld, v->line, v->col, "types: bigint, binary, blob, boolean, "
				    "datetimetz, decimal, float, integer, mwenum, mwtimestamp, "
				    "mwtinyint, smallint, string, text",
				    "unknown type \"%s\"", v->str);
		jl_path_pop(ld, old);
	}
	if ((v = m[COL_OPTIONS])) {
		size_t old = jl_path_push_key(ld, "options");

		load_column_options(ld, c, v);
		jl_path_pop(ld, old);
	}
}

/*
 * Indexes
 */

static void
load_lengths(struct jloader *ld, mw_index *ix, const jnode *arr)
{
	size_t old = jl_path_push_key(ld, "lengths");

	if (arr->n == 0)
		jl_error_at(ld, arr->line, arr->col, "leave \"lengths\" out instead",
			    "\"lengths\" must not be empty");
	ix->nlengths = arr->n;
	ix->lengths = mw_xcalloc(arr->n + 1, sizeof(*ix->lengths));
	for (size_t i = 0; i < arr->n; i++) {
		size_t o = jl_path_push_index(ld, i);
		long long n = -1;

		if (jl_expect(ld, arr->kids[i], JL_NUM | JL_NULL) && arr->kids[i]->kind == J_NUMBER)
			load_count(ld, arr->kids[i], 1LL << 31, &n);
		ix->lengths[i] = n;
		jl_path_pop(ld, o);
	}
	jl_path_pop(ld, old);
}

static void
load_index_flags(struct jloader *ld, mw_index *ix, const jnode *flags)
{
	size_t old = jl_path_push_key(ld, "flags"), n;
	char **v = jl_strv(ld, flags, &n, true);
	static const char *const names[] = { "fulltext", "spatial" };

	ix->has_flags_key = true;
	for (size_t i = 0; i < n; i++) {
		size_t o = jl_path_push_index(ld, i);
		const jnode *item = flags->kids[i];

		if (!strcmp(v[i], "fulltext")) {
			ix->flags |= MW_IDX_FULLTEXT;
		} else if (!strcmp(v[i], "spatial")) {
			ix->flags |= MW_IDX_SPATIAL;
		} else if (item->kind == J_STRING) {
			const char *pick = jl_suggest(v[i], names, 2);

			if (pick)
				jl_error_at(ld, item->line, item->col, NULL, "unknown index flag "
					    "\"%s\" (did you mean \"%s\"?)", v[i], pick);
			else
				jl_error_at(ld, item->line, item->col, "flags: fulltext, spatial",
					    "unknown index flag \"%s\"", v[i]);
		}
		jl_path_pop(ld, o);
	}
	mw_strv_free(v, n);
	jl_path_pop(ld, old);
}

static void
load_index(struct jloader *ld, const mw_table *t, mw_index *ix, const jnode *j)
{
	const jnode *v, *w, *m[IDX__COUNT];

	ix->name = mw_xstrdup("");
	if (!jl_check_members(ld, j, "an index", index_keys, m))
		return;
	if ((v = m[IDX_NAME])) {
		free(ix->name);
		ix->name = mw_xstrdup(v->str);
		jl_check_member_name(ld, v, "index");
	}
	if ((v = m[IDX_COMMENT]))
		ix->comment = mw_xstrdup(v->str);
	if ((v = m[IDX_COLUMNS])) {
		size_t old = jl_path_push_key(ld, "columns");

		if (v->n == 0)
			jl_error_at(ld, v->line, v->col, NULL, "an index needs at least one column");
		ix->columns = jl_strv(ld, v, &ix->ncolumns, true);
		jl_check_name_list(ld, v, "index column");
		jl_path_pop(ld, old);
	}
	ix->unique = (v = m[IDX_UNIQUE]) && v->kind == J_TRUE;
	if ((v = m[IDX_FLAGS]))
		load_index_flags(ld, ix, v);
	if ((v = m[IDX_OPTIONS])) {
		size_t old = jl_path_push_key(ld, "options");

		ix->has_options_key = true;
		if (jl_check_object(ld, v, "index options", index_option_keys)) {
			if ((w = jl_member(v, "lengths", JL_ARR)))
				load_lengths(ld, ix, w);
			if ((w = jl_member(v, "where", JL_STR))) {
				ix->where = mw_xstrdup(w->str);
				jl_check_where(ld, t, w);
			}
		}
		jl_path_pop(ld, old);
	}
}

/*
 * Tables
 */

/* The first of names[0..i) equal to names[i], or NULL: pairwise when few, by hash when many. */
static const jnode *
first_same_name(const jnode **names, size_t n, size_t i, mw_strmap *seen)
{
	if (n > 16)
		return mw_strmap_add(seen, names[i]->str, (void *)names[i]);
	for (size_t j = 0; j < i; j++)
		if (names[j] && names[j]->str[0] == names[i]->str[0] &&
		    !strcmp(names[i]->str, names[j]->str))
			return names[j];
	return NULL;
}

static void
check_unique_names(struct jloader *ld, const jnode *arr, const char *key, const char *what)
{
	mw_strmap seen = MW_STRMAP_INIT;
	const jnode *few[32], **names = few, *dup;
	size_t old;

	if (!arr)
		return;
	old = key ? jl_path_push_key(ld, key) : ld->depth;
	if (arr->n > 32)
		names = mw_xcalloc(arr->n, sizeof(*names));
	for (size_t i = 0; i < arr->n; i++)
		names[i] = jl_member(arr->kids[i], "name", JL_STR);
	for (size_t i = 0; i < arr->n; i++) {
		size_t o, o2;

		if (!names[i] || !(dup = first_same_name(names, arr->n, i, &seen)))
			continue;
		o = jl_path_push_index(ld, i);
		o2 = jl_path_push_key(ld, "name");
		jl_error_at(ld, names[i]->line, names[i]->col, "rename or remove one of them",
			    "duplicate %s name \"%s\" (first defined at %d:%d)", what, names[i]->str,
			    dup->line, dup->col);
		jl_path_pop(ld, o2);
		jl_path_pop(ld, o);
	}
	mw_strmap_clear(&seen);
	if (names != few)
		free(names);
	jl_path_pop(ld, old);
}

/* who: the index name, or NULL for the primary key */
static void
unknown_column(struct jloader *ld, const mw_table *t, const jnode *item, const char *index)
{
	char *who = index ? mw_strdupf("index \"%s\"", index) : mw_xstrdup("the primary key");
	const char **names = mw_xcalloc(t->ncolumns + 1, sizeof(*names));
	const char *pick;

	for (size_t i = 0; i < t->ncolumns; i++)
		names[i] = t->columns[i].name;
	pick = jl_suggest(item->str, names, t->ncolumns);
	if (pick)
		jl_error_at(ld, item->line, item->col, NULL, "%s names unknown column \"%s\" "
			    "(did you mean \"%s\"?)", who, item->str, pick);
	else
		jl_error_at(ld, item->line, item->col, NULL, "%s names unknown column \"%s\" "
			    "(table \"%s\" has no such column)", who, item->str, t->name);
	free(names);
	free(who);
}

/* Every name in a column list must be a column of the table. */
static void
check_column_refs(struct jloader *ld, const mw_table *t, const mw_strmap *columns,
		  const jnode *list, const char *index)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const jnode *item = list->kids[i];
		size_t old;

		if (item->kind != J_STRING || mw_strmap_get(columns, item->str))
			continue;
		old = jl_path_push_index(ld, i);
		unknown_column(ld, t, item, index);
		jl_path_pop(ld, old);
	}
}

static void
check_table_refs(struct jloader *ld, const mw_table *t, const jnode *j)
{
	const jnode *idx = jl_member(j, "indexes", JL_ARR), *pk = jl_member(j, "pk", JL_ARR);
	/* the table's columns by name: a wide table's indexes are not checked by a scan each */
	mw_strmap columns = MW_STRMAP_INIT;

	for (size_t i = 0; i < t->ncolumns; i++)
		if (t->columns[i].name)
			mw_strmap_add(&columns, t->columns[i].name, &t->columns[i]);
	check_unique_names(ld, jl_member(j, "columns", JL_ARR), "columns", "column");
	check_unique_names(ld, idx, "indexes", "index");
	for (size_t i = 0; idx && i < idx->n; i++) {
		size_t old = jl_path_push_key(ld, "indexes"), o2 = jl_path_push_index(ld, i);
		size_t o3 = jl_path_push_key(ld, "columns");
		check_column_refs(ld, t, &columns, jl_member(idx->kids[i], "columns", JL_ARR),
				  i < t->nindexes ? t->indexes[i].name : "");
		jl_path_pop(ld, o3);
		jl_path_pop(ld, o2);
		jl_path_pop(ld, old);
	}
	if (pk) {
		size_t old = jl_path_push_key(ld, "pk");

		check_column_refs(ld, t, &columns, pk, NULL);
		jl_path_pop(ld, old);
	}
	mw_strmap_clear(&columns);
}

static void
load_table_arrays(struct jloader *ld, mw_table *t, const jnode *j)
{
	const jnode *v;
	size_t old;

	if ((v = jl_member(j, "columns", JL_ARR))) {
		old = jl_path_push_key(ld, "columns");
		if (v->n == 0)
			jl_error_at(ld, v->line, v->col, NULL, "a table needs at least one column");
		t->columns = mw_xcalloc(v->n + 1, sizeof(*t->columns));
		for (size_t i = 0; i < v->n; i++) {
			size_t o = jl_path_push_index(ld, i);

			load_column(ld, &t->columns[t->ncolumns++], v->kids[i]);
			jl_path_pop(ld, o);
		}
		jl_path_pop(ld, old);
	}
	if ((v = jl_member(j, "indexes", JL_ARR))) {
		old = jl_path_push_key(ld, "indexes");
		t->indexes = mw_xcalloc(v->n + 1, sizeof(*t->indexes));
		for (size_t i = 0; i < v->n; i++) {
			size_t o = jl_path_push_index(ld, i);

			load_index(ld, t, &t->indexes[t->nindexes++], v->kids[i]);
			jl_path_pop(ld, o);
		}
		jl_path_pop(ld, old);
	}
}

static void
load_table(struct jloader *ld, mw_table *t, const jnode *j)
{
	const jnode *v;
	size_t old;

	t->name = mw_xstrdup("");
	if (!jl_check_object(ld, j, "a table", table_keys))
		return;
	if ((v = jl_member(j, "name", JL_STR))) {
		free(t->name);
		t->name = mw_xstrdup(v->str);
		jl_check_member_name(ld, v, "table");
	}
	if ((v = jl_member(j, "comment", JL_STR)))
		t->comment = mw_xstrdup(v->str);
	load_table_arrays(ld, t, j);
	if ((v = jl_member(j, "pk", JL_ARR))) {
		old = jl_path_push_key(ld, "pk");
		t->has_pk_key = true;
		t->pk = jl_strv(ld, v, &t->npk, true);
		jl_check_name_list(ld, v, "primary-key column");
		jl_path_pop(ld, old);
	}
	if ((v = jl_member(j, "table_options", JL_ARR))) {
		old = jl_path_push_key(ld, "table_options");
		t->has_table_options = true;
		t->table_options = jl_strv(ld, v, &t->ntable_options, false);
		jl_check_table_options(ld, v);
		jl_path_pop(ld, old);
	}
	if (!(ld->flags & MW_LOAD_SHAPE_ONLY))
		check_table_refs(ld, t, j);
}

/* {} means "no table" in a change file. */
static mw_table *
load_snapshot(struct jloader *ld, const jnode *j, const char *key)
{
	size_t old;
	mw_table *t;

	if (!j || j->n == 0)
		return NULL;
	old = jl_path_push_key(ld, key);
	t = mw_xcalloc(1, sizeof(*t));
	load_table(ld, t, j);
	jl_path_pop(ld, old);
	return t;
}

static void
load_change(struct jloader *ld, mw_doc *doc, const jnode *root)
{
	const jnode *v;

	doc->kind = MW_DOC_CHANGE;
	jl_check_object(ld, root, "a schema change", change_keys);
	if ((v = jl_member(root, "comment", JL_STR)))
		doc->change.comment = mw_xstrdup(v->str);
	doc->change.before = load_snapshot(ld, jl_member(root, "before", JL_OBJ), "before");
	doc->change.after = load_snapshot(ld, jl_member(root, "after", JL_OBJ), "after");
	if (jl_member(root, "before", JL_OBJ) && jl_member(root, "after", JL_OBJ) &&
	    !doc->change.before && !doc->change.after)
		jl_error_at(ld, root->line, root->col, NULL,
			    "a schema change needs a table in \"before\" or \"after\"");
}

static void
load_root(struct jloader *ld, mw_doc *doc, const jnode *root)
{
	if (root->kind == J_ARRAY) {
		doc->kind = MW_DOC_SCHEMA;
		doc->schema.tables = mw_xcalloc(root->n + 1, sizeof(mw_table));
		for (size_t i = 0; i < root->n; i++) {
			size_t old = jl_path_push_index(ld, i);

			load_table(ld, &doc->schema.tables[doc->schema.ntables++], root->kids[i]);
			jl_path_pop(ld, old);
		}
		if (!(ld->flags & MW_LOAD_SHAPE_ONLY))
			check_unique_names(ld, root, NULL, "table");
	} else if (root->kind == J_OBJECT &&
		   (jtree_get(root, "before") || jtree_get(root, "after"))) {
		load_change(ld, doc, root);
	} else if (root->kind == J_OBJECT) {
		doc->kind = MW_DOC_TABLE;
		doc->schema.tables = mw_xcalloc(1, sizeof(mw_table));
		doc->schema.ntables = 1;
		load_table(ld, &doc->schema.tables[0], root);
	} else {
		mw_buf found = MW_BUF_INIT;

		jl_describe_value(&found, root);
		jl_error_at(ld, root->line, root->col, NULL, "expected an array of tables, a table "
			    "object or a schema change object, found %s", mw_buf_cstr(&found));
		mw_buf_release(&found);
	}
}

int
mw_doc_load_buffer(mw_doc **out, const char *data, size_t len, const char *label,
		   mw_diags *diags)
{
	return mw_doc_load_buffer_flags(out, data, len, label, 0, diags);
}

/* Loads `text` (len bytes, NUL-terminated), which the document takes over. */
static int
load_text(mw_doc **out, char *text, size_t len, const char *label, unsigned flags,
	  mw_diags *diags)
{
	struct jloader ld = { .label = label, .diags = diags, .flags = flags };
	struct jarena *arena = jarena_new();
	size_t first_diag = diags->n;
	jnode *root;
	mw_doc *doc;

	*out = NULL;
	root = jtree_parse(arena, text, len, label, diags);
	if (!root) {
		jarena_free(arena);
		free(text);
		return -1;
	}
	doc = mw_xcalloc(1, sizeof(*doc));
	doc->label = mw_xstrdup(label);
	doc->text = text;
	doc->len = len;
	doc->layout = mw_xcalloc(1, sizeof(*doc->layout));
	doc->layout->arena = arena;
	doc->layout->root = root;
	load_root(&ld, doc, root);
	if (!(flags & MW_LOAD_ANY_FILE_NAME))
		jl_check_file_name(&ld);
	jl_path_release(&ld);
	if (ld.errors) {
		/* in file order, whatever order the checks ran in */
		mw_diags mine = { diags->items + first_diag, diags->n - first_diag, 0 };

		mw_diags_sort(&mine);
		mw_doc_free(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

int
mw_doc_load_buffer_flags(mw_doc **out, const char *data, size_t len, const char *label,
			 unsigned flags, mw_diags *diags)
{
	return load_text(out, mw_xstrndup(data, len), len, label, flags, diags);
}

int
mw_doc_load_file(mw_doc **out, const char *path, mw_diags *diags)
{
	return mw_doc_load_file_flags(out, path, 0, diags);
}

int
mw_doc_load_file_flags(mw_doc **out, const char *path, unsigned flags, mw_diags *diags)
{
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	size_t len;

	*out = NULL;
	if (mw_read_file(&data, path, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, NULL, 0, 0, NULL, NULL, "%s",
			     mw_buf_cstr(&err));
		mw_buf_release(&err);
		mw_buf_release(&data);
		return -1;
	}
	len = data.len;
	/* the file's buffer becomes the document's text: no copy */
	return load_text(out, mw_buf_detach(&data), len, path, flags, diags);
}

void
mw_doc_free(mw_doc *doc)
{
	if (!doc)
		return;
	mw_schema_clear(&doc->schema);
	mw_change_clear(&doc->change);
	if (doc->layout)
		jarena_free(doc->layout->arena);
	free(doc->layout);
	free(doc->label);
	free(doc->text);
	free(doc);
}
