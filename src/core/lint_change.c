/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Change rules: what a schema change does to an existing table, judged
 * from its before and after snapshots (see lint_rules.h).
 */
#include <config.h>

#include "core/lint_rules.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"

#include <stdlib.h>
#include <string.h>

/* Same definition apart from name and comment: what a rename keeps. */
static bool
same_column_def(const mw_column *a, const mw_column *b)
{
	mw_column tmp = *a;

	tmp.name = b->name;
	tmp.comment = b->comment;
	return mw_column_equal(&tmp, b);
}

static bool
same_index_def(const mw_index *a, const mw_index *b)
{
	mw_index tmp = *a;

	tmp.name = b->name;
	tmp.comment = b->comment;
	return mw_index_equal(&tmp, b);
}

static bool
strv_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

/* Both snapshots of an altered table, or NULL for a create / drop. */
static bool
altered(const struct lint_ctx *ctx, const mw_table **before, const mw_table **after)
{
	*before = ctx->change->before;
	*after = ctx->change->after;
	return *before && *after && !strcmp((*before)->name, (*after)->name);
}

/* How many dropped columns of `before` share `added`'s definition (and the last one). */
static size_t
rename_sources(const mw_table *before, const mw_table *after, const mw_column *added,
	       const mw_column **source)
{
	size_t n = 0;

	for (size_t i = 0; i < before->ncolumns; i++) {
		const mw_column *d = &before->columns[i];

		if (!mw_table_column(after, d->name) && same_column_def(d, added)) {
			*source = d;
			n++;
		}
	}
	return n;
}

/* The dropped column the generator pairs with added column `a` as a rename, or NULL. */
static const mw_column *
renamed_from(const mw_table *before, const mw_table *after, const mw_column *a)
{
	const mw_column *src = NULL;
	size_t n = 0;

	if (mw_table_column(before, a->name))
		return NULL;
	if (rename_sources(before, after, a, &src) != 1)
		return NULL;
	/* the pairing must be unique the other way round as well */
	for (size_t i = 0; i < after->ncolumns; i++)
		n += !mw_table_column(before, after->columns[i].name) &&
		     same_column_def(src, &after->columns[i]);
	return n == 1 ? src : NULL;
}

static const mw_column *
renamed_to(const mw_table *before, const mw_table *after, const mw_column *d)
{
	for (size_t i = 0; i < after->ncolumns; i++)
		if (renamed_from(before, after, &after->columns[i]) == d)
			return &after->columns[i];
	return NULL;
}

static const mw_index *
index_renamed_to(const mw_table *before, const mw_table *after, const mw_index *d)
{
	const mw_index *to = NULL;
	size_t n = 0, back = 0;

	if (mw_table_index(after, d->name))
		return NULL;
	for (size_t i = 0; i < after->nindexes; i++) {
		const mw_index *a = &after->indexes[i];

		if (!mw_table_index(before, a->name) && same_index_def(d, a)) {
			to = a;
			n++;
		}
	}
	if (n != 1)
		return NULL;
	for (size_t i = 0; i < before->nindexes; i++)
		back += !mw_table_index(after, before->indexes[i].name) &&
			same_index_def(&before->indexes[i], to);
	return back == 1 ? to : NULL;
}

static void
report_item(struct lint_ctx *ctx, const char *tpath, const char *array, size_t i,
	    const char *suffix, const char *hint, const char *msg)
{
	char *path = lint_item_path(tpath, array, i, suffix);

	lint_report(ctx, path, hint, "%s", msg);
	free(path);
}

void
check_not_null_no_default(struct lint_ctx *ctx)
{
	const mw_table *before, *after;

	if (!altered(ctx, &before, &after))
		return;
	for (size_t i = 0; i < after->ncolumns; i++) {
		const mw_column *c = &after->columns[i];
		char *msg;

		if (mw_table_column(before, c->name) || renamed_from(before, after, c) ||
		    !c->notnull || c->autoincrement ||
		    (c->deflt.kind != MW_V_NONE && c->deflt.kind != MW_V_NULL))
			continue;
		msg = mw_strdupf("new column '%s' is NOT NULL without a default", c->name);
		report_item(ctx, "/after", "columns", i, "/options",
			    "add a \"default\", or make it nullable for now", msg);
		free(msg);
	}
}

/* Integer width order; -1 for non-integers. */
static int
int_rank(mw_type t)
{
	return t == MW_T_MWTINYINT ? 0 : t == MW_T_SMALLINT ? 1 : t == MW_T_INTEGER ? 2
						 : t == MW_T_BIGINT	    ? 3
									    : -1;
}

/* Bytes a string-like column can hold (MySQL's sizes), -1 for other types. */
static long long
capacity(const mw_column *c)
{
	switch (c->type) {
	case MW_T_STRING:
	case MW_T_BINARY:
		return c->has_length ? c->length : 255;
	case MW_T_BLOB:
	case MW_T_TEXT:
		return !c->has_length || c->length > 16777215 ? 4294967295LL
		       : c->length > 65535		      ? 16777215
		       : c->length > 255		      ? 65535
							      : 255;
	default:
		return -1;
	}
}

/* A reason why `after` holds less than `before`, or NULL. */
static const char *
narrowing(const mw_column *b, const mw_column *a)
{
	if (int_rank(b->type) >= 0 && int_rank(a->type) >= 0) {
		if (int_rank(a->type) < int_rank(b->type))
			return "a narrower integer type";
		if (b->is_unsigned && !a->is_unsigned)
			return "signed now, halving the positive range";
		return NULL;
	}
	if (capacity(b) >= 0 && capacity(a) >= 0 && capacity(a) < capacity(b))
		return "a shorter length";
	if (b->type == MW_T_DECIMAL && a->type == MW_T_DECIMAL &&
	    (a->precision - a->scale < b->precision - b->scale || a->scale < b->scale))
		return "fewer decimal digits";
	if (b->type == MW_T_FLOAT && a->type == MW_T_FLOAT && b->double_precision &&
	    !a->double_precision)
		return "single instead of double precision";
	return NULL;
}

static void
destructive_columns(struct lint_ctx *ctx, const mw_table *before, const mw_table *after)
{
	char *msg;

	for (size_t i = 0; i < before->ncolumns; i++) {
		const mw_column *b = &before->columns[i], *a = mw_table_column(after, b->name);
		const char *why;

		if (!a && !renamed_to(before, after, b)) {
			msg = mw_strdupf("drops column '%s' and its data", b->name);
			report_item(ctx, "/before", "columns", i, NULL,
				    "drop only after no code uses it; plan the rollback", msg);
			free(msg);
		} else if (a && (why = narrowing(b, a))) {
			msg = mw_strdupf("column '%s' gets %s: existing values may fail or be cut",
					 b->name, why);
			report_item(ctx, "/after", "columns", (size_t)(a - after->columns), "/type",
				    "check the existing data first; plan the rollback", msg);
			free(msg);
		}
	}
}

void
check_destructive(struct lint_ctx *ctx)
{
	const mw_table *before, *after;
	char *msg;

	if (ctx->change->before && !ctx->change->after) {
		lint_report(ctx, "/after", "drop a table only after no code uses it",
			    "drops table '%s' and all its rows", ctx->change->before->name);
		return;
	}
	if (!altered(ctx, &before, &after))
		return;
	destructive_columns(ctx, before, after);
	for (size_t i = 0; i < before->nindexes; i++) {
		const mw_index *ix = &before->indexes[i];

		if (mw_table_index(after, ix->name) || index_renamed_to(before, after, ix))
			continue;
		msg = mw_strdupf("drops index '%s'", ix->name);
		report_item(ctx, "/before", "indexes", i, NULL,
			    "check that no query needs it; plan the rollback", msg);
		free(msg);
	}
}

void
check_type_change(struct lint_ctx *ctx)
{
	const mw_table *before, *after;

	if (!altered(ctx, &before, &after))
		return;
	for (size_t i = 0; i < after->ncolumns; i++) {
		const mw_column *a = &after->columns[i], *b = mw_table_column(before, a->name);
		char *msg;

		if (!b || b->type == a->type)
			continue;
		msg = mw_strdupf("column '%s' changes type from %s to %s: MySQL copies the "
				 "table, SQLite rebuilds it",
				 a->name, mw_type_name(b->type), mw_type_name(a->type));
		report_item(ctx, "/after", "columns", i, "/type",
			    "schedule it as a production schema change", msg);
		free(msg);
	}
}

void
check_pk_change(struct lint_ctx *ctx)
{
	const mw_table *before, *after;

	if (!altered(ctx, &before, &after) ||
	    strv_equal(before->pk, before->npk, after->pk, after->npk))
		return;
	lint_report(ctx, after->has_pk_key ? "/after/pk" : "/after",
		    "make sure existing rows are unique under the new key",
		    "the primary key of '%s' changes: the table is rebuilt", after->name);
}

void
check_table_rename(struct lint_ctx *ctx)
{
	const mw_change *ch = ctx->change;

	if (!ch->before || !ch->after || !strcmp(ch->before->name, ch->after->name))
		return;
	lint_report(ctx, "/after/name", "keep the name, or rename with a hand-written patch",
		    "table '%s' becomes '%s': the generator creates the new table and drops "
		    "the old one with its rows",
		    ch->before->name, ch->after->name);
}

/* Columns dropped / added without a rename partner. */
static size_t
unpaired(const mw_table *from, const mw_table *to, const mw_column **last)
{
	size_t n = 0;

	for (size_t i = 0; i < from->ncolumns; i++) {
		if (mw_table_column(to, from->columns[i].name))
			continue;
		*last = &from->columns[i];
		n++;
	}
	return n;
}

static void
ambiguous_columns(struct lint_ctx *ctx, const mw_table *before, const mw_table *after)
{
	const mw_column *d = NULL, *a = NULL, *src;
	char *msg;

	for (size_t i = 0; i < after->ncolumns; i++) {
		const mw_column *c = &after->columns[i];

		if (mw_table_column(before, c->name))
			continue;
		if ((src = renamed_from(before, after, c)))
			msg = mw_strdupf("column '%s' is dropped and '%s' added with the same "
					 "definition: the generator renames it, keeping the data",
					 src->name, c->name);
		else if (rename_sources(before, after, c, &src) > 1)
			msg = mw_strdupf("column '%s' has the same definition as several dropped "
					 "columns: the generator drops and adds, losing their data",
					 c->name);
		else
			continue;
		report_item(ctx, "/after", "columns", i, "/name",
			    "confirm the intent; do a rename alone in its own patch", msg);
		free(msg);
	}
	/* The reverse: one drop and one add that differ, i.e. a rename that loses data. */
	if (unpaired(before, after, &d) != 1 || unpaired(after, before, &a) != 1 ||
	    same_column_def(d, a))
		return;
	msg = mw_strdupf("column '%s' is dropped and '%s' added with another definition: if "
			 "this is a rename, the generator drops the data",
			 d->name, a->name);
	report_item(ctx, "/after", "columns", (size_t)(a - after->columns), "/name",
		    "rename with the same definition first, then change the type in another patch",
		    msg);
	free(msg);
}

void
check_rename_ambiguous(struct lint_ctx *ctx)
{
	const mw_table *before, *after;

	if (!altered(ctx, &before, &after))
		return;
	ambiguous_columns(ctx, before, after);
	for (size_t i = 0; i < before->nindexes; i++) {
		const mw_index *to = index_renamed_to(before, after, &before->indexes[i]);
		char *msg;

		if (!to)
			continue;
		msg = mw_strdupf("index '%s' is dropped and '%s' added with the same definition: "
				 "the generator renames it",
				 before->indexes[i].name, to->name);
		report_item(ctx, "/after", "indexes", (size_t)(to - after->indexes), "/name",
			    "confirm that a rename is meant", msg);
		free(msg);
	}
}
