/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table model: life cycle, lookups and equality (see mwschema/model.h).
 */
#include <config.h>

#include "mwschema/model.h"
#include "mwschema/buf.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[MW_T__COUNT] = {
	[MW_T_BIGINT] = "bigint",
	[MW_T_BINARY] = "binary",
	[MW_T_BLOB] = "blob",
	[MW_T_BOOLEAN] = "boolean",
	[MW_T_DATETIMETZ] = "datetimetz",
	[MW_T_DECIMAL] = "decimal",
	[MW_T_FLOAT] = "float",
	[MW_T_INTEGER] = "integer",
	[MW_T_MWENUM] = "mwenum",
	[MW_T_MWTIMESTAMP] = "mwtimestamp",
	[MW_T_MWTINYINT] = "mwtinyint",
	[MW_T_SMALLINT] = "smallint",
	[MW_T_STRING] = "string",
	[MW_T_TEXT] = "text",
};

const char *
mw_type_name(mw_type t)
{
	return (unsigned)t < MW_T__COUNT ? type_names[t] : "?";
}

bool
mw_type_from_name(const char *name, mw_type *out)
{
	for (int i = 0; i < MW_T__COUNT; i++) {
		if (!strcmp(name, type_names[i])) {
			*out = (mw_type)i;
			return true;
		}
	}
	return false;
}

bool
mw_type_is_integer(mw_type t)
{
	return t == MW_T_INTEGER || t == MW_T_BIGINT || t == MW_T_SMALLINT || t == MW_T_MWTINYINT;
}

/*
 * String vectors
 */

void
mw_strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char **
mw_strv_dup(char *const *v, size_t n)
{
	char **copy;

	if (!v)
		return NULL;
	copy = mw_xcalloc(n ? n : 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = mw_xstrdup(v[i]);
	return copy;
}

static bool
str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

bool
mw_strv_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_equal(a[i], b[i]))
			return false;
	return true;
}

/*
 * Values
 */

void
mw_value_clear(mw_value *v)
{
	if (!v)
		return;
	free(v->text);
	free(v->raw);
	memset(v, 0, sizeof(*v));
}

void
mw_value_copy(mw_value *dst, const mw_value *src)
{
	dst->kind = src->kind;
	dst->text = mw_xstrdup(src->text);
	dst->raw = mw_xstrdup(src->raw);
}

bool
mw_value_equal(const mw_value *a, const mw_value *b)
{
	return a->kind == b->kind && str_equal(a->text, b->text);
}

/*
 * Columns
 */

void
mw_column_clear(mw_column *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->comment);
	mw_value_clear(&c->deflt);
	mw_strv_free(c->enum_values, c->n_enum_values);
	memset(c, 0, sizeof(*c));
}

void
mw_column_copy(mw_column *dst, const mw_column *src)
{
	*dst = *src;
	dst->name = mw_xstrdup(src->name);
	dst->comment = mw_xstrdup(src->comment);
	mw_value_copy(&dst->deflt, &src->deflt);
	dst->enum_values = mw_strv_dup(src->enum_values, src->n_enum_values);
}

bool
mw_column_equal(const mw_column *a, const mw_column *b)
{
	return str_equal(a->name, b->name) && str_equal(a->comment, b->comment) &&
	       a->type == b->type && a->notnull == b->notnull &&
	       mw_value_equal(&a->deflt, &b->deflt) && a->has_length == b->has_length &&
	       a->length == b->length && a->fixed == b->fixed &&
	       a->is_unsigned == b->is_unsigned && a->autoincrement == b->autoincrement &&
	       a->precision == b->precision && a->scale == b->scale &&
	       a->allow_infinite == b->allow_infinite && a->version == b->version &&
	       a->double_precision == b->double_precision &&
	       mw_strv_equal(a->enum_values, a->n_enum_values, b->enum_values, b->n_enum_values);
}

/*
 * Indexes
 */

void
mw_index_clear(mw_index *ix)
{
	if (!ix)
		return;
	free(ix->name);
	free(ix->comment);
	mw_strv_free(ix->columns, ix->ncolumns);
	free(ix->lengths);
	free(ix->where);
	memset(ix, 0, sizeof(*ix));
}

void
mw_index_copy(mw_index *dst, const mw_index *src)
{
	*dst = *src;
	dst->name = mw_xstrdup(src->name);
	dst->comment = mw_xstrdup(src->comment);
	dst->columns = mw_strv_dup(src->columns, src->ncolumns);
	dst->where = mw_xstrdup(src->where);
	if (src->lengths) {
		dst->lengths = mw_xcalloc(src->nlengths, sizeof(*dst->lengths));
		memcpy(dst->lengths, src->lengths, src->nlengths * sizeof(*dst->lengths));
	}
}

bool
mw_index_equal(const mw_index *a, const mw_index *b)
{
	if (!str_equal(a->name, b->name) || !str_equal(a->comment, b->comment) ||
	    a->unique != b->unique || a->flags != b->flags || !str_equal(a->where, b->where) ||
	    !mw_strv_equal(a->columns, a->ncolumns, b->columns, b->ncolumns) ||
	    a->nlengths != b->nlengths || (!a->lengths) != (!b->lengths))
		return false;
	return !a->lengths || !memcmp(a->lengths, b->lengths, a->nlengths * sizeof(*a->lengths));
}

/*
 * Tables and schemas
 */

void
mw_table_clear(mw_table *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->comment);
	for (size_t i = 0; i < t->ncolumns; i++)
		mw_column_clear(&t->columns[i]);
	free(t->columns);
	for (size_t i = 0; i < t->nindexes; i++)
		mw_index_clear(&t->indexes[i]);
	free(t->indexes);
	mw_strv_free(t->pk, t->npk);
	mw_strv_free(t->table_options, t->ntable_options);
	memset(t, 0, sizeof(*t));
}

void
mw_table_copy(mw_table *dst, const mw_table *src)
{
	*dst = *src;
	dst->name = mw_xstrdup(src->name);
	dst->comment = mw_xstrdup(src->comment);
	dst->columns = mw_xcalloc(src->ncolumns ? src->ncolumns : 1, sizeof(*dst->columns));
	for (size_t i = 0; i < src->ncolumns; i++)
		mw_column_copy(&dst->columns[i], &src->columns[i]);
	dst->indexes = mw_xcalloc(src->nindexes ? src->nindexes : 1, sizeof(*dst->indexes));
	for (size_t i = 0; i < src->nindexes; i++)
		mw_index_copy(&dst->indexes[i], &src->indexes[i]);
	dst->pk = mw_strv_dup(src->pk, src->npk);
	dst->table_options = mw_strv_dup(src->table_options, src->ntable_options);
}

mw_table *
mw_table_dup(const mw_table *t)
{
	mw_table *copy;

	if (!t)
		return NULL;
	copy = mw_xcalloc(1, sizeof(*copy));
	mw_table_copy(copy, t);
	return copy;
}

void
mw_table_free(mw_table *t)
{
	mw_table_clear(t);
	free(t);
}

void
mw_schema_clear(mw_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ntables; i++)
		mw_table_clear(&s->tables[i]);
	free(s->tables);
	memset(s, 0, sizeof(*s));
}

void
mw_change_clear(mw_change *c)
{
	if (!c)
		return;
	free(c->comment);
	mw_table_free(c->before);
	mw_table_free(c->after);
	memset(c, 0, sizeof(*c));
}

mw_column *
mw_table_column(const mw_table *t, const char *name)
{
	long pos = mw_table_column_pos(t, name);

	return pos < 0 ? NULL : &t->columns[pos];
}

long
mw_table_column_pos(const mw_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i].name, name))
			return (long)i;
	return -1;
}

mw_index *
mw_table_index(const mw_table *t, const char *name)
{
	for (size_t i = 0; i < t->nindexes; i++)
		if (!strcmp(t->indexes[i].name, name))
			return &t->indexes[i];
	return NULL;
}

mw_table *
mw_schema_table(const mw_schema *s, const char *name)
{
	for (size_t i = 0; i < s->ntables; i++)
		if (!strcmp(s->tables[i].name, name))
			return &s->tables[i];
	return NULL;
}

bool
mw_table_in_pk(const mw_table *t, const char *column)
{
	for (size_t i = 0; i < t->npk; i++)
		if (!strcmp(t->pk[i], column))
			return true;
	return false;
}

bool
mw_table_equal(const mw_table *a, const mw_table *b)
{
	if (!a || !b)
		return a == b;
	if (!str_equal(a->name, b->name) || !str_equal(a->comment, b->comment) ||
	    a->ncolumns != b->ncolumns || a->nindexes != b->nindexes ||
	    !mw_strv_equal(a->pk, a->npk, b->pk, b->npk) ||
	    !mw_strv_equal(a->table_options, a->ntable_options, b->table_options,
			b->ntable_options))
		return false;
	for (size_t i = 0; i < a->ncolumns; i++)
		if (!mw_column_equal(&a->columns[i], &b->columns[i]))
			return false;
	for (size_t i = 0; i < a->nindexes; i++)
		if (!mw_index_equal(&a->indexes[i], &b->indexes[i]))
			return false;
	return true;
}
