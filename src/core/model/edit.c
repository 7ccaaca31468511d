/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Validated edits of one table (see mwschema/edit.h).
 *
 * Every edit works on a copy: copying a table is cheap next to a user's
 * pace, and the caller keeps the original for undo. A refusal names, as a
 * JSON pointer relative to the table, the part of the request at fault.
 */
#include <config.h>

#include "mwschema/edit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Refuses the edit: one error at `path` (a JSON pointer inside the table). */
static int MW_PRINTF(3, 4)
refuse(mw_diags *diags, const char *path, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	mw_diags_add(diags, MW_SEV_ERROR, NULL, NULL, 0, 0, path, NULL, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	return -1;
}

/* "/<array>/<i><suffix>" (caller frees). */
static char *
item_path(const char *array, size_t i, const char *suffix)
{
	return mw_strdupf("/%s/%zu%s", array, i, suffix ? suffix : "");
}

/* Refuses with a message about item `i` of `array` (field `suffix`). */
static int MW_PRINTF(5, 6)
refuse_at(mw_diags *diags, const char *array, size_t i, const char *suffix, const char *fmt,
	  ...)
{
	char *path = item_path(array, i, suffix);
	mw_buf msg = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	refuse(diags, path, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	free(path);
	return -1;
}

/* MediaWiki names are plain identifiers: the generators never quote them. */
static int
check_name(const char *name, const char *what, const char *path, mw_diags *diags)
{
	if (!name || !*name)
		return refuse(diags, path, "the %s name is empty", what);
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return refuse(diags, path, "invalid %s name \"%s\": use letters, digits "
				      "and _", what, name);
	if (strlen(name) > MW_NAME_MAX)
		return refuse(diags, path, "%s name \"%s\" is longer than %d characters", what,
			      name, MW_NAME_MAX);
	return 0;
}

static int
check_column(const mw_column *c, size_t at, mw_diags *diags)
{
	char *path = item_path("columns", at, "/name");
	int rc = check_name(c->name, "column", path, diags);

	free(path);
	if (rc < 0)
		return -1;
	if ((unsigned)c->type >= MW_T__COUNT)
		return refuse_at(diags, "columns", at, "/type", "column \"%s\" has no valid type",
				 c->name);
	return 0;
}

/* Index or key columns must exist and be distinct; `base` is their array's path. */
static int
check_column_list(const mw_table *t, char *const *cols, size_t n, const char *who,
		  const char *base, mw_diags *diags)
{
	for (size_t i = 0; i < n; i++) {
		char *path = mw_strdupf("%s/%zu", base, i);
		int rc = 0;

		if (!cols[i] || !mw_table_column(t, cols[i]))
			rc = refuse(diags, path, "%s names unknown column \"%s\" of table \"%s\"",
				    who, cols[i] ? cols[i] : "", t->name);
		for (size_t j = 0; !rc && j < i; j++)
			if (!strcmp(cols[i], cols[j]))
				rc = refuse(diags, path, "%s lists column \"%s\" twice", who,
					    cols[i]);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

/* An index definition at position `at` of table `t` (its own name excluded). */
static int
check_index(const mw_table *t, const mw_index *ix, size_t at, mw_diags *diags)
{
	char *path = item_path("indexes", at, "/name");
	char *cols = item_path("indexes", at, "/columns");
	char *who = mw_strdupf("index \"%s\"", ix->name ? ix->name : "");
	int rc = check_name(ix->name, "index", path, diags);

	if (!rc && !ix->ncolumns)
		rc = refuse(diags, cols, "index \"%s\" needs at least one column", ix->name);
	if (!rc)
		rc = check_column_list(t, ix->columns, ix->ncolumns, who, cols, diags);
	free(who);
	free(cols);
	free(path);
	return rc;
}

static void
rename_in_list(char **v, size_t n, const char *from, const char *to)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i], from)) {
			free(v[i]);
			v[i] = mw_xstrdup(to);
		}
	}
}

/* Follows a column rename in the indexes and the primary key. */
static void
rename_column_refs(mw_table *t, const char *from, const char *to)
{
	for (size_t i = 0; i < t->nindexes; i++)
		rename_in_list(t->indexes[i].columns, t->indexes[i].ncolumns, from, to);
	rename_in_list(t->pk, t->npk, from, to);
}

/* Hands the edited copy over, or drops it when the edit was refused. */
static int
give(mw_table **out, mw_table *t, int rc)
{
	if (rc < 0) {
		mw_table_free(t);
		t = NULL;
	}
	*out = t;
	return rc < 0 ? -1 : 0;
}

/*
 * Columns
 */

int
mw_edit_add_column(mw_table **out, const mw_table *t, const mw_column *col, long pos,
		   mw_diags *diags)
{
	size_t at = pos < 0 || (size_t)pos > t->ncolumns ? t->ncolumns : (size_t)pos;
	mw_table *c;

	*out = NULL;
	if (check_column(col, at, diags) < 0)
		return -1;
	if (mw_table_column(t, col->name))
		return refuse_at(diags, "columns", at, "/name",
				 "table \"%s\" already has a column \"%s\"", t->name, col->name);
	c = mw_table_dup(t);
	c->columns = mw_xrealloc(c->columns, (c->ncolumns + 1) * sizeof(*c->columns));
	memmove(c->columns + at + 1, c->columns + at, (c->ncolumns - at) * sizeof(*c->columns));
	mw_column_copy(&c->columns[at], col);
	c->ncolumns++;
	return give(out, c, 0);
}

/* Whether `column` (at `at`) may go: not the last one, nor one an index or the key uses. */
static int
check_droppable(const mw_table *t, const char *column, size_t at, mw_diags *diags)
{
	if (t->ncolumns == 1)
		return refuse_at(diags, "columns", at, NULL, "cannot drop \"%s\": a table needs at "
				 "least one column; drop the table instead", column);
	for (size_t i = 0; i < t->nindexes; i++)
		for (size_t j = 0; j < t->indexes[i].ncolumns; j++)
			if (!strcmp(t->indexes[i].columns[j], column))
				return refuse_at(diags, "indexes", i, NULL, "column \"%s\" is used "
						 "by index \"%s\"; drop or change the index first",
						 column, t->indexes[i].name);
	for (size_t i = 0; i < t->npk; i++)
		if (!strcmp(t->pk[i], column))
			return refuse_at(diags, "pk", i, NULL, "column \"%s\" is part of the "
					 "primary key; change the primary key first", column);
	return 0;
}

int
mw_edit_drop_column(mw_table **out, const mw_table *t, const char *column, mw_diags *diags)
{
	long at = mw_table_column_pos(t, column);
	mw_table *c;

	*out = NULL;
	if (at < 0)
		return refuse(diags, "/columns", "table \"%s\" has no column \"%s\"", t->name,
			      column);
	if (check_droppable(t, column, (size_t)at, diags) < 0)
		return -1;
	c = mw_table_dup(t);
	mw_column_clear(&c->columns[at]);
	memmove(c->columns + at, c->columns + at + 1,
		(c->ncolumns - (size_t)at - 1) * sizeof(*c->columns));
	c->ncolumns--;
	return give(out, c, 0);
}

int
mw_edit_modify_column(mw_table **out, const mw_table *t, const char *column, const mw_column *col,
		      mw_diags *diags)
{
	long at = mw_table_column_pos(t, column);
	mw_table *c;

	*out = NULL;
	if (at < 0)
		return refuse(diags, "/columns", "table \"%s\" has no column \"%s\"", t->name,
			      column);
	if (check_column(col, (size_t)at, diags) < 0)
		return -1;
	if (strcmp(column, col->name) && mw_table_column(t, col->name))
		return refuse_at(diags, "columns", (size_t)at, "/name",
				 "table \"%s\" already has a column \"%s\"", t->name, col->name);
	c = mw_table_dup(t);
	if (strcmp(column, col->name))
		rename_column_refs(c, column, col->name);
	mw_column_clear(&c->columns[at]);
	mw_column_copy(&c->columns[at], col);
	return give(out, c, 0);
}

int
mw_edit_rename_column(mw_table **out, const mw_table *t, const char *column, const char *new_name,
		      mw_diags *diags)
{
	const mw_column *c = mw_table_column(t, column);
	mw_column tmp;

	*out = NULL;
	if (!c)
		return refuse(diags, "/columns", "table \"%s\" has no column \"%s\"", t->name,
			      column);
	tmp = *c;
	tmp.name = (char *)new_name;
	return mw_edit_modify_column(out, t, column, &tmp, diags);
}

/*
 * Indexes and primary key
 */

int
mw_edit_add_index(mw_table **out, const mw_table *t, const mw_index *ix, mw_diags *diags)
{
	mw_table *c;

	*out = NULL;
	if (check_index(t, ix, t->nindexes, diags) < 0)
		return -1;
	if (mw_table_index(t, ix->name))
		return refuse_at(diags, "indexes", t->nindexes, "/name",
				 "table \"%s\" already has an index \"%s\"", t->name, ix->name);
	c = mw_table_dup(t);
	c->indexes = mw_xrealloc(c->indexes, (c->nindexes + 1) * sizeof(*c->indexes));
	mw_index_copy(&c->indexes[c->nindexes++], ix);
	return give(out, c, 0);
}

/* Position of index `name`, or -1 after refusing. */
static long
index_pos(const mw_table *t, const char *name, mw_diags *diags)
{
	const mw_index *ix = mw_table_index(t, name);

	if (!ix)
		return refuse(diags, "/indexes", "table \"%s\" has no index \"%s\"", t->name, name);
	return ix - t->indexes;
}

int
mw_edit_modify_index(mw_table **out, const mw_table *t, const char *index, const mw_index *ix,
		     mw_diags *diags)
{
	long at = index_pos(t, index, diags);
	const mw_index *same;
	mw_table *c;

	*out = NULL;
	if (at < 0 || check_index(t, ix, (size_t)at, diags) < 0)
		return -1;
	same = mw_table_index(t, ix->name);
	if (same && same != &t->indexes[at])
		return refuse_at(diags, "indexes", (size_t)at, "/name",
				 "table \"%s\" already has an index \"%s\"", t->name, ix->name);
	c = mw_table_dup(t);
	mw_index_clear(&c->indexes[at]);
	mw_index_copy(&c->indexes[at], ix);
	return give(out, c, 0);
}

int
mw_edit_drop_index(mw_table **out, const mw_table *t, const char *index, mw_diags *diags)
{
	long at = index_pos(t, index, diags);
	mw_table *c;

	*out = NULL;
	if (at < 0)
		return -1;
	c = mw_table_dup(t);
	mw_index_clear(&c->indexes[at]);
	memmove(c->indexes + at, c->indexes + at + 1,
		(c->nindexes - (size_t)at - 1) * sizeof(*c->indexes));
	c->nindexes--;
	return give(out, c, 0);
}

int
mw_edit_rename_index(mw_table **out, const mw_table *t, const char *index, const char *new_name,
		     mw_diags *diags)
{
	long at = index_pos(t, index, diags);
	mw_index tmp;

	*out = NULL;
	if (at < 0)
		return -1;
	tmp = t->indexes[at];
	tmp.name = (char *)new_name;
	return mw_edit_modify_index(out, t, index, &tmp, diags);
}

int
mw_edit_set_pk(mw_table **out, const mw_table *t, char *const *columns, size_t n,
	       mw_diags *diags)
{
	mw_table *c;

	*out = NULL;
	if (check_column_list(t, columns, n, "the primary key", "/pk", diags) < 0)
		return -1;
	c = mw_table_dup(t);
	mw_strv_free(c->pk, c->npk);
	c->pk = mw_strv_dup(columns, n);
	c->npk = n;
	c->has_pk_key = true;
	return give(out, c, 0);
}

/*
 * Tables
 */

static int
check_columns(const mw_table *t, mw_diags *diags)
{
	if (!t->ncolumns)
		return refuse(diags, "/columns", "table \"%s\" needs at least one column", t->name);
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (check_column(&t->columns[i], i, diags) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(t->columns[i].name, t->columns[j].name))
				return refuse_at(diags, "columns", i, "/name",
						 "table \"%s\" has two columns named \"%s\"",
						 t->name, t->columns[i].name);
	}
	return 0;
}

int
mw_edit_check_new_table(const mw_schema *s, const mw_table *t, mw_diags *diags)
{
	if (check_name(t->name, "table", "/name", diags) < 0 || check_columns(t, diags) < 0)
		return -1;
	for (size_t i = 0; i < t->nindexes; i++)
		if (check_index(t, &t->indexes[i], i, diags) < 0)
			return -1;
	if (check_column_list(t, t->pk, t->npk, "the primary key", "/pk", diags) < 0)
		return -1;
	if (mw_schema_table(s, t->name))
		return refuse(diags, "/name", "a table named \"%s\" already exists", t->name);
	return 0;
}
