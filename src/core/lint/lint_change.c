/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Change rules: what a schema change does to an existing table, judged
 * from its before and after snapshots (see internal.h).
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/diff.h"
#include "mwschema/plan.h"

#include <stdlib.h>
#include <string.h>

/* Both snapshots of an altered table, or NULL for a create / drop. */
static bool
altered(const struct lint_ctx *ctx, const mw_table **before, const mw_table **after)
{
	*before = ctx->change->before;
	*after = ctx->change->after;
	return *before && *after && !strcmp((*before)->name, (*after)->name);
}

/* The rename item of `kind` in `sum` whose old (by_new: new) name is `name`, or NULL. */
static const mw_diff_item *
find_rename(const mw_table_diff *sum, mw_diff_kind kind, const char *name, bool by_new)
{
	for (size_t i = 0; i < sum->nitems; i++) {
		const mw_diff_item *it = &sum->items[i];

		if (it->kind == kind && !strcmp(by_new ? it->name : it->old_name, name))
			return it;
	}
	return NULL;
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

		if (mw_table_column(before, c->name) ||
		    find_rename(&ctx->plan->summary, MW_DIFF_COLUMN_RENAME, c->name, true) ||
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
destructive_columns(struct lint_ctx *ctx, const mw_table *before, const mw_table *after,
		    const mw_table_diff *sum)
{
	char *msg;

	for (size_t i = 0; i < before->ncolumns; i++) {
		const mw_column *b = &before->columns[i], *a = mw_table_column(after, b->name);
		const char *why;

		if (!a && !find_rename(sum, MW_DIFF_COLUMN_RENAME, b->name, false)) {
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
	const mw_table_diff *sum = &ctx->plan->summary;
	char *msg;

	if (ctx->change->before && !ctx->change->after) {
		lint_report(ctx, "/after", "drop a table only after no code uses it",
			    "drops table '%s' and all its rows", ctx->change->before->name);
		return;
	}
	if (!altered(ctx, &before, &after))
		return;
	destructive_columns(ctx, before, after, sum);
	for (size_t i = 0; i < before->nindexes; i++) {
		const mw_index *ix = &before->indexes[i];

		if (mw_table_index(after, ix->name) ||
		    find_rename(sum, MW_DIFF_INDEX_RENAME, ix->name, false))
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
	const mw_table_diff *sum = &ctx->plan->summary;

	if (!altered(ctx, &before, &after))
		return;
	if (mw_table_diff_find(sum, MW_DIFF_PK_ADD) || mw_table_diff_find(sum, MW_DIFF_PK_DROP) ||
	    mw_table_diff_find(sum, MW_DIFF_PK_MODIFY))
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

/* Appends the DBMS of `d` to `list` when its diff has a rename from `old`. */
static void
note_rename(mw_buf *list, const mw_table_diff *d, mw_diff_kind kind, const char *old)
{
	if (find_rename(d, kind, old, false))
		mw_buf_addf(list, "%s%s", list->len ? ", " : "", mw_dbms_title(d->dbms));
}

static bool
renamed_everywhere(const mw_table_diff per[MW_DBMS__COUNT], const mw_diff_item *it)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (!find_rename(&per[d], it->kind, it->old_name, false))
			return false;
	return true;
}

/*
 * Renames the generator infers, per DBMS: the same pair can be a rename on
 * one platform and a drop plus add on another (binary(32) -> binary(64) is
 * invisible to PostgreSQL), which the message spells out.
 */
static void
report_renames(struct lint_ctx *ctx, const mw_table *after, const mw_table_diff *sum,
	       const mw_table_diff per[MW_DBMS__COUNT])
{
	for (size_t i = 0; i < sum->nitems; i++) {
		const mw_diff_item *it = &sum->items[i];
		bool column = it->kind == MW_DIFF_COLUMN_RENAME;
		mw_buf where = MW_BUF_INIT;
		long pos;
		char *msg;

		if (!column && it->kind != MW_DIFF_INDEX_RENAME)
			continue;
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			note_rename(&where, &per[d], it->kind, it->old_name);
		msg = mw_strdupf("%s '%s' is dropped and '%s' added with the same definition: "
				 "the generator renames it on %s%s%s",
				 column ? "column" : "index", it->old_name, it->name,
				 mw_buf_cstr(&where), column ? ", keeping the data" : "",
				 renamed_everywhere(per, it) ? ""
				 : "; elsewhere it drops and adds");
		pos = column ? mw_table_column_pos(after, it->name)
			     : (long)(mw_table_index(after, it->name) - after->indexes);
		report_item(ctx, "/after", column ? "columns" : "indexes", (size_t)pos, "/name",
			    "confirm the intent; do a rename alone in its own patch", msg);
		free(msg);
		mw_buf_release(&where);
	}
}

/* The reverse: one column dropped and one added, not paired: a rename would lose data. */
static void
report_unpaired(struct lint_ctx *ctx, const mw_table *after, const mw_table_diff *sum)
{
	const mw_diff_item *drop = mw_table_diff_find(sum, MW_DIFF_COLUMN_DROP);
	const mw_diff_item *add = mw_table_diff_find(sum, MW_DIFF_COLUMN_ADD);
	char *msg;

	if (mw_table_diff_count(sum, MW_DIFF_COLUMN_DROP) != 1 ||
	    mw_table_diff_count(sum, MW_DIFF_COLUMN_ADD) != 1 ||
	    mw_table_diff_count(sum, MW_DIFF_COLUMN_RENAME) != 0)
		return;
	msg = mw_strdupf("column '%s' is dropped and '%s' added with another definition: if "
			 "this is a rename, the generator drops the data",
			 drop->name, add->name);
	report_item(ctx, "/after", "columns", (size_t)mw_table_column_pos(after, add->name),
		    "/name",
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
	report_renames(ctx, after, &ctx->plan->summary, ctx->plan->diff);
	report_unpaired(ctx, after, &ctx->plan->summary);
}
