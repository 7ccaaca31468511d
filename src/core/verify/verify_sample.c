/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sample rows for round-trip verification: a few rows that every engine
 * accepts for the `before` table and that the patch can carry over.
 *
 * Values are small and plain on purpose: strings are the digits of the row
 * number (so they fit any length and survive a change to a numeric type),
 * timestamps differ in their last second. Row r gets value r+1 in every
 * column, so rows differ in every column except booleans and enums, whose
 * few values limit how many rows unique keys allow.
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/gen.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_ROWS 3

static void
add_decimal(mw_buf *out, const mw_column *c, size_t row)
{
	/* NUMERIC(2, 2) has no room for an integer part */
	if (c->precision - c->scale >= 1 || c->scale <= 0)
		mw_buf_addf(out, "%zu", row + 1);
	else
		mw_buf_addf(out, "0.%zu", row + 1);
}

static void
add_time(mw_buf *out, const mw_column *c, mw_dbms dbms, size_t row)
{
	char v[40];

	if (dbms == MW_DBMS_POSTGRES)
		snprintf(v, sizeof(v), "2001-01-01 00:00:0%zu+00", row + 1);
	else if (c->type == MW_T_MWTIMESTAMP)
		snprintf(v, sizeof(v), "2001010100000%zu", row + 1);
	else
		snprintf(v, sizeof(v), "2001-01-01 00:00:0%zu", row + 1);
	mw_gen_quote_literal(out, v);
}

void
mw_verify_sample_value(mw_buf *out, const mw_column *c, mw_dbms dbms, size_t row)
{
	char digits[24];

	switch (c->type) {
	case MW_T_INTEGER:
	case MW_T_BIGINT:
	case MW_T_SMALLINT:
	case MW_T_MWTINYINT:
	case MW_T_FLOAT:
		mw_buf_addf(out, "%zu", row + 1);
		break;
	case MW_T_BOOLEAN:
		if (dbms == MW_DBMS_POSTGRES)
			mw_buf_adds(out, row % 2 ? "true" : "false");
		else
			mw_buf_addf(out, "%zu", row % 2);
		break;
	case MW_T_DECIMAL:
		add_decimal(out, c, row);
		break;
	case MW_T_DATETIMETZ:
	case MW_T_MWTIMESTAMP:
		add_time(out, c, dbms, row);
		break;
	case MW_T_MWENUM:
		if (c->n_enum_values) {
			mw_gen_quote_literal(out, c->enum_values[row % c->n_enum_values]);
			break;
		}
		/* fall through */
	default:
		snprintf(digits, sizeof(digits), "%zu", row + 1);
		mw_gen_quote_literal(out, digits);
		break;
	}
}

/* How many distinct values the column takes over the sample rows. */
static size_t
capacity(const mw_table *before, const char *name)
{
	const mw_column *c = mw_table_column(before, name);

	if (!c)
		return 1;	/* added by the patch: one default for every row */
	if (c->type == MW_T_BOOLEAN)
		return 2;
	if (c->type == MW_T_MWENUM && c->n_enum_values)
		return c->n_enum_values;
	return MAX_ROWS;
}

static size_t
key_capacity(const mw_table *before, char *const *cols, size_t n)
{
	size_t best = 1;

	for (size_t i = 0; i < n; i++) {
		size_t cap = capacity(before, cols[i]);

		if (cap > best)
			best = cap;
	}
	return best;
}

/* Rows that the unique keys of `t` (before or after) leave room for. */
static size_t
rows_allowed(const mw_table *before, const mw_table *t, size_t nrows)
{
	size_t cap;

	if (!t)
		return nrows;
	if (t->npk && (cap = key_capacity(before, t->pk, t->npk)) < nrows)
		nrows = cap;
	for (size_t i = 0; i < t->nindexes; i++) {
		const mw_index *ix = &t->indexes[i];

		if (ix->unique && (cap = key_capacity(before, ix->columns, ix->ncolumns)) < nrows)
			nrows = cap;
	}
	return nrows;
}

static bool
in_key(const mw_table *t, const char *name)
{
	if (!t)
		return false;
	if (mw_table_in_pk(t, name))
		return true;
	for (size_t i = 0; i < t->nindexes; i++)
		for (size_t j = 0; t->indexes[i].unique && j < t->indexes[i].ncolumns; j++)
			if (!strcasecmp(t->indexes[i].columns[j], name))
				return true;
	return false;
}

/*
 * The first row leaves out the columns whose defaults the engine reports,
 * so that defaults are exercised; keys and auto-increment columns always
 * get explicit, distinct values.
 */
static bool
use_default(const struct sample_ctx *ctx, const mw_column *c, size_t row)
{
	const mw_shape_column *sc = mw_shape_column_find(ctx->shape, c->name);

	return row == 0 && sc && sc->deflt && !c->autoincrement && !in_key(ctx->before, c->name) &&
	       !in_key(ctx->after, c->name);
}

static void
add_ident(mw_buf *out, const struct sample_ctx *ctx, const char *name)
{
	const mw_shape_column *sc = mw_shape_column_find(ctx->shape, name);

	mw_engine_quote_ident(out, ctx->engine, sc ? sc->name : name);
}

static void
add_insert(mw_buf *sql, const struct sample_ctx *ctx, size_t row)
{
	mw_buf cols = MW_BUF_INIT, vals = MW_BUF_INIT;
	mw_dbms dbms = mw_engine_dbms(ctx->engine);

	for (size_t i = 0; i < ctx->before->ncolumns; i++) {
		const mw_column *c = &ctx->before->columns[i];

		if (use_default(ctx, c, row))
			continue;
		mw_buf_adds(&cols, cols.len ? ", " : "");
		add_ident(&cols, ctx, c->name);
		mw_buf_adds(&vals, vals.len ? ", " : "");
		mw_verify_sample_value(&vals, c, dbms, row);
	}
	mw_buf_adds(sql, "INSERT INTO ");
	mw_engine_quote_ident(sql, ctx->engine, ctx->shape->name);
	if (cols.len)
		mw_buf_addf(sql, " (%s) VALUES (%s);\n", cols.data, vals.data);
	else if (dbms == MW_DBMS_MYSQL)
		mw_buf_adds(sql, " () VALUES ();\n");
	else
		mw_buf_adds(sql, " DEFAULT VALUES;\n");
	mw_buf_release(&cols);
	mw_buf_release(&vals);
}

size_t
mw_verify_sample_inserts(mw_buf *sql, const struct sample_ctx *ctx)
{
	size_t nrows = rows_allowed(ctx->before, ctx->before, MAX_ROWS);

	nrows = rows_allowed(ctx->before, ctx->after, nrows);
	for (size_t row = 0; row < nrows; row++)
		add_insert(sql, ctx, row);
	return nrows;
}
