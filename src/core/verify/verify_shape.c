/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Comparing two catalog shapes of a table, and filling MediaWiki's
 * placeholders (see mwschema/verify.h).
 */
#include <config.h>

#include "mwschema/verify.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Collects differences: counts them all, words only the first. */
struct diffs {
	mw_buf *first;
	size_t n;
};

static void
diff_add(struct diffs *d, const char *fmt, ...) MW_PRINTF(2, 3);

static void
diff_add(struct diffs *d, const char *fmt, ...)
{
	va_list ap;

	if (d->n++ > 0 || !d->first)
		return;
	va_start(ap, fmt);
	mw_buf_vaddf(d->first, fmt, ap);
	va_end(ap);
}

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *
or_none(const char *s)
{
	return s ? s : "none";
}

static void
compare_column(struct diffs *d, const mw_shape_column *got, const mw_shape_column *want)
{
	if (strcmp(got->type, want->type))
		diff_add(d, "column %s: type is %s, a fresh CREATE gives %s", got->name, got->type,
			 want->type);
	if (got->notnull != want->notnull)
		diff_add(d, "column %s: is %s, a fresh CREATE gives %s", got->name,
			 got->notnull ? "NOT NULL" : "nullable", want->notnull ? "NOT NULL" : "nullable");
	if (!str_eq(got->deflt, want->deflt))
		diff_add(d, "column %s: default is %s%s%s, a fresh CREATE gives %s%s%s", got->name,
			 got->deflt ? "'" : "", or_none(got->deflt), got->deflt ? "'" : "",
			 want->deflt ? "'" : "", or_none(want->deflt), want->deflt ? "'" : "");
	if (got->autoincrement != want->autoincrement)
		diff_add(d, "column %s: is %sauto-increment, a fresh CREATE makes it %s", got->name,
			 got->autoincrement ? "" : "not ", want->autoincrement ? "auto-increment" : "plain");
}

static void
compare_columns(struct diffs *d, const mw_shape *got, const mw_shape *want)
{
	mw_buf desc = MW_BUF_INIT;

	for (size_t i = 0; i < want->ncolumns; i++) {
		const mw_shape_column *g = mw_shape_column_find(got, want->columns[i].name);

		if (g) {
			compare_column(d, g, &want->columns[i]);
			continue;
		}
		mw_buf_reset(&desc);
		mw_shape_column_describe(&desc, &want->columns[i]);
		diff_add(d, "column %s is missing (a fresh CREATE has: %s)", want->columns[i].name,
			 mw_buf_cstr(&desc));
	}
	for (size_t i = 0; i < got->ncolumns; i++) {
		if (mw_shape_column_find(want, got->columns[i].name))
			continue;
		mw_buf_reset(&desc);
		mw_shape_column_describe(&desc, &got->columns[i]);
		diff_add(d, "column %s should not be there (%s)", got->columns[i].name,
			 mw_buf_cstr(&desc));
	}
	mw_buf_release(&desc);
}

static void
join_list(mw_buf *out, char *const *v, size_t n)
{
	mw_buf_adds(out, "(");
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", v[i]);
	mw_buf_adds(out, ")");
}

static bool
list_eq(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcasecmp(a[i], b[i]))
			return false;
	return true;
}

static void
compare_pk(struct diffs *d, const mw_shape *got, const mw_shape *want)
{
	mw_buf g = MW_BUF_INIT, w = MW_BUF_INIT;

	if (list_eq(got->pk, got->npk, want->pk, want->npk))
		return;
	join_list(&g, got->pk, got->npk);
	join_list(&w, want->pk, want->npk);
	diff_add(d, "primary key is %s, a fresh CREATE gives %s", got->npk ? g.data : "none",
		 want->npk ? w.data : "none");
	mw_buf_release(&g);
	mw_buf_release(&w);
}

static const mw_shape_index *
find_index(const mw_shape *s, const char *name)
{
	for (size_t i = 0; i < s->nindexes; i++)
		if (!strcasecmp(s->indexes[i].name, name))
			return &s->indexes[i];
	return NULL;
}

static bool
index_eq(const mw_shape_index *a, const mw_shape_index *b)
{
	return a->unique == b->unique && str_eq(a->kind, b->kind) && str_eq(a->where, b->where) &&
	       list_eq(a->columns, a->ncolumns, b->columns, b->ncolumns);
}

static void
compare_indexes(struct diffs *d, const mw_shape *got, const mw_shape *want)
{
	mw_buf g = MW_BUF_INIT, w = MW_BUF_INIT;

	for (size_t i = 0; i < want->nindexes; i++) {
		const mw_shape_index *gi = find_index(got, want->indexes[i].name);

		mw_buf_reset(&w);
		mw_shape_index_describe(&w, &want->indexes[i]);
		if (!gi) {
			diff_add(d, "index %s is missing (a fresh CREATE has: %s)",
				 want->indexes[i].name, w.data);
		} else if (!index_eq(gi, &want->indexes[i])) {
			mw_buf_reset(&g);
			mw_shape_index_describe(&g, gi);
			diff_add(d, "index %s: is %s, a fresh CREATE gives %s", gi->name, g.data, w.data);
		}
	}
	for (size_t i = 0; i < got->nindexes; i++) {
		if (find_index(want, got->indexes[i].name))
			continue;
		mw_buf_reset(&g);
		mw_shape_index_describe(&g, &got->indexes[i]);
		diff_add(d, "index %s should not be there (%s)", got->indexes[i].name, g.data);
	}
	mw_buf_release(&g);
	mw_buf_release(&w);
}

size_t
mw_verify_compare_shapes(mw_buf *first, const mw_shape *got, const mw_shape *want)
{
	struct diffs d = { first, 0 };

	compare_columns(&d, got, want);
	compare_pk(&d, got, want);
	compare_indexes(&d, got, want);
	if (d.n > 1 && first)
		mw_buf_addf(first, " (and %zu more difference%s)", d.n - 1, d.n > 2 ? "s" : "");
	return d.n;
}

char *
mw_verify_fill_placeholders(const char *sql, const char *prefix, const char *table_options)
{
	static const char prefix_mark[] = "/*_*/", options_mark[] = "/*$wgDBTableOptions*/";
	mw_buf b = MW_BUF_INIT;

	if (!prefix)
		prefix = "";
	if (!table_options)
		table_options = MW_VERIFY_TABLE_OPTIONS;
	for (const char *p = sql; *p;) {
		if (!strncmp(p, prefix_mark, sizeof(prefix_mark) - 1)) {
			mw_buf_adds(&b, prefix);
			p += sizeof(prefix_mark) - 1;
		} else if (!strncmp(p, options_mark, sizeof(options_mark) - 1)) {
			mw_buf_adds(&b, table_options);
			p += sizeof(options_mark) - 1;
		} else {
			mw_buf_addc(&b, *p++);
		}
	}
	return mw_buf_detach(&b);
}
