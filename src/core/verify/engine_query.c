/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the back ends that read their catalog by query (MariaDB, PostgreSQL;
 * SQLite for its table list) share: catalog rows into shapes, for one table
 * or the whole database, a list of names, and a statement about a namespace
 * of ours. Each goes through the engine's own ops (internal.h).
 */
#include <config.h>

#include "core/verify/internal.h"

#include <stdlib.h>
#include <string.h>

/* A shape per row of the tables' query, in byte order. */
static void
catalog_tables(mw_shape **out, size_t *n, const mw_rows *r, const struct mw_catalog_query *q)
{
	for (size_t i = 0; i < r->nrows; i++) {
		char *const *row = r->cells + i * r->ncols;
		mw_shape *s = mw_shapes_next(out, n, row[q->table]);

		if (q->add)
			q->add(s, row);
	}
	/* the catalog sorts by its collation; lookups need byte order */
	mw_shapes_sort(*out, *n);
}

/* Each row into the shape of its table. */
static void
catalog_rows(mw_shape *v, size_t n, const mw_rows *r, const struct mw_catalog_query *q)
{
	for (size_t i = 0; i < r->nrows; i++) {
		char *const *row = r->cells + i * r->ncols;
		long k = mw_shapes_find(v, n, row[q->table]);

		if (k >= 0)	/* views have columns too */
			q->add(&v[k], row);
	}
}

int
mw_engine__read_catalog(mw_shape **out, size_t *n, mw_engine *e,
			const struct mw_catalog_query q[3], mw_buf *err)
{
	mw_rows r[3];
	size_t done = 0;

	memset(r, 0, sizeof(r));
	while (done < 3 && e->ops->query(&r[done], e, q[done].sql, err) == 0)
		done++;
	if (done == 3) {
		catalog_tables(out, n, &r[0], &q[0]);
		catalog_rows(*out, *n, &r[1], &q[1]);
		catalog_rows(*out, *n, &r[2], &q[2]);
	}
	for (size_t i = 0; i < 3; i++)
		mw_rows_clear(&r[i]);
	return done == 3 ? 0 : -1;
}

int
mw_engine__read_rows(mw_shape *out, mw_engine *e, const char *sql, const char *table,
		     mw_shape_row_fn *add, mw_buf *err)
{
	mw_rows r = { 0 };

	if (e->ops->query_param(&r, e, sql, table, err) < 0) {
		mw_rows_clear(&r);
		return -1;
	}
	for (size_t i = 0; i < r.nrows; i++)
		add(out, r.cells + i * r.ncols);
	mw_rows_clear(&r);
	return 0;
}

int
mw_engine__query_names(char ***out, size_t *n, mw_engine *e, const char *sql, mw_buf *err)
{
	mw_rows r = { 0 };

	if (e->ops->query(&r, e, sql, err) < 0) {
		mw_rows_clear(&r);
		return -1;
	}
	*out = mw_xcalloc(r.nrows + 1, sizeof(**out));
	for (size_t i = 0; i < r.nrows; i++)
		(*out)[i] = mw_xstrdup(r.cells[i * r.ncols]);
	*n = r.nrows;
	mw_rows_clear(&r);
	return 0;
}

int
mw_engine__run_named(mw_engine *e, const char *fmt, const char *name, mw_buf *err)
{
	char *sql = mw_strdupf(fmt, name);
	int rc = e->ops->exec_one(e, sql, err);

	free(sql);
	return rc;
}
