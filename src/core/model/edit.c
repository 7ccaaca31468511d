/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Validated, reversible model operations (see mwschema/edit.h).
 *
 * Every operation is recorded as "table before / table after": copying a
 * table is cheap next to a user's pace, and the snapshot makes undo exact
 * whatever the operation touched (index lists and the primary key follow a
 * column rename, for instance).
 */
#include <config.h>

#include "mwschema/edit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int MW_PRINTF(2, 3)
fail(mw_buf *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	mw_buf_reset(err);
	va_start(ap, fmt);
	mw_buf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* MediaWiki names are plain identifiers: the generators never quote them. */
static int
check_name(const char *name, const char *what, mw_buf *err)
{
	if (!name || !*name)
		return fail(err, "the %s name is empty", what);
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return fail(err, "invalid %s name \"%s\": use letters, digits and _",
				    what, name);
	if (strlen(name) > 64)
		return fail(err, "%s name \"%s\" is longer than 64 characters", what, name);
	return 0;
}

static long
table_pos(const mw_schema *s, const char *name)
{
	for (size_t i = 0; i < s->ntables; i++)
		if (!strcmp(s->tables[i].name, name))
			return (long)i;
	return -1;
}

/* Starts a record for an edit of an existing table: after = copy to edit. */
static mw_table *
begin(mw_edit *out, mw_edit_kind kind, const mw_schema *s, const char *table, mw_buf *err)
{
	long pos = table ? table_pos(s, table) : -1;

	memset(out, 0, sizeof(*out));
	if (pos < 0) {
		fail(err, "no table named \"%s\"", table ? table : "");
		return NULL;
	}
	out->kind = kind;
	out->pos = (size_t)pos;
	out->before = mw_table_dup(&s->tables[pos]);
	out->after = mw_table_dup(&s->tables[pos]);
	return out->after;
}

static int MW_PRINTF(2, 3)
finish(mw_edit *out, const char *fmt, ...)
{
	mw_buf b = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	out->summary = mw_buf_detach(&b);
	return 0;
}

static int
abandon(mw_edit *out)
{
	mw_edit_clear(out);
	return -1;
}

static int
check_column(const mw_column *c, mw_buf *err)
{
	if (check_name(c->name, "column", err) < 0)
		return -1;
	if ((unsigned)c->type >= MW_T__COUNT)
		return fail(err, "column \"%s\" has no valid type", c->name);
	return 0;
}

/* Index columns must exist, be distinct and be at least one. */
static int
check_column_list(const mw_table *t, char *const *cols, size_t n, const char *who,
		  mw_buf *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!cols[i] || !mw_table_column(t, cols[i]))
			return fail(err, "%s names unknown column \"%s\" of table \"%s\"", who,
				    cols[i] ? cols[i] : "", t->name);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(cols[i], cols[j]))
				return fail(err, "%s lists column \"%s\" twice", who, cols[i]);
	}
	return 0;
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

/*
 * Columns
 */

int
mw_edit_add_column(mw_edit *out, const mw_schema *s, const char *table, const mw_column *col,
		   long pos, mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_ADD_COLUMN, s, table, err);
	size_t at;

	if (!t || check_column(col, err) < 0)
		return abandon(out);
	if (mw_table_column(t, col->name))
		return fail(err, "table \"%s\" already has a column \"%s\"", table, col->name),
		       abandon(out);
	at = pos < 0 || (size_t)pos > t->ncolumns ? t->ncolumns : (size_t)pos;
	t->columns = mw_xrealloc(t->columns, (t->ncolumns + 1) * sizeof(*t->columns));
	memmove(t->columns + at + 1, t->columns + at, (t->ncolumns - at) * sizeof(*t->columns));
	mw_column_copy(&t->columns[at], col);
	t->ncolumns++;
	return finish(out, "add column %s.%s", table, col->name);
}

int
mw_edit_drop_column(mw_edit *out, const mw_schema *s, const char *table, const char *column,
		    mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_DROP_COLUMN, s, table, err);
	long at;

	if (!t)
		return -1;
	if ((at = mw_table_column_pos(t, column)) < 0)
		return fail(err, "table \"%s\" has no column \"%s\"", table, column), abandon(out);
	if (t->ncolumns == 1)
		return fail(err, "cannot drop \"%s\": a table needs at least one column; drop the "
			    "table instead", column), abandon(out);
	for (size_t i = 0; i < t->nindexes; i++)
		for (size_t j = 0; j < t->indexes[i].ncolumns; j++)
			if (!strcmp(t->indexes[i].columns[j], column))
				return fail(err, "column \"%s\" is used by index \"%s\"; drop or "
					    "change the index first", column, t->indexes[i].name),
				       abandon(out);
	if (mw_table_in_pk(t, column))
		return fail(err, "column \"%s\" is part of the primary key; change the primary "
			    "key first", column), abandon(out);
	mw_column_clear(&t->columns[at]);
	memmove(t->columns + at, t->columns + at + 1,
		(t->ncolumns - (size_t)at - 1) * sizeof(*t->columns));
	t->ncolumns--;
	return finish(out, "drop column %s.%s", table, column);
}

int
mw_edit_modify_column(mw_edit *out, const mw_schema *s, const char *table, const char *column,
		      const mw_column *col, mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_MODIFY_COLUMN, s, table, err);
	long at;

	if (!t || check_column(col, err) < 0)
		return abandon(out);
	if ((at = mw_table_column_pos(t, column)) < 0)
		return fail(err, "table \"%s\" has no column \"%s\"", table, column), abandon(out);
	if (strcmp(column, col->name) && mw_table_column(t, col->name))
		return fail(err, "table \"%s\" already has a column \"%s\"", table, col->name),
		       abandon(out);
	if (strcmp(column, col->name))
		rename_column_refs(t, column, col->name);
	mw_column_clear(&t->columns[at]);
	mw_column_copy(&t->columns[at], col);
	return finish(out, "change column %s.%s", table, column);
}

int
mw_edit_rename_column(mw_edit *out, const mw_schema *s, const char *table, const char *column,
		      const char *new_name, mw_buf *err)
{
	const mw_table *t = mw_schema_table(s, table);
	const mw_column *c = t ? mw_table_column(t, column) : NULL;
	mw_column tmp;
	int rc;

	if (!c)
		return fail(err, t ? "table \"%s\" has no column \"%s\"" : "no table named \"%s\"",
			    table, column);
	tmp = *c;
	tmp.name = (char *)new_name;
	rc = mw_edit_modify_column(out, s, table, column, &tmp, err);
	if (rc == 0) {
		out->kind = MW_EDIT_RENAME_COLUMN;
		free(out->summary);
		finish(out, "rename column %s.%s to %s", table, column, new_name);
	}
	return rc;
}

/*
 * Indexes and primary key
 */

int
mw_edit_add_index(mw_edit *out, const mw_schema *s, const char *table, const mw_index *ix,
		  mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_ADD_INDEX, s, table, err);
	char *who;
	int rc;

	if (!t || check_name(ix->name, "index", err) < 0)
		return abandon(out);
	if (mw_table_index(t, ix->name))
		return fail(err, "table \"%s\" already has an index \"%s\"", table, ix->name),
		       abandon(out);
	if (!ix->ncolumns)
		return fail(err, "index \"%s\" needs at least one column", ix->name), abandon(out);
	who = mw_strdupf("index \"%s\"", ix->name);
	rc = check_column_list(t, ix->columns, ix->ncolumns, who, err);
	free(who);
	if (rc < 0)
		return abandon(out);
	t->indexes = mw_xrealloc(t->indexes, (t->nindexes + 1) * sizeof(*t->indexes));
	mw_index_copy(&t->indexes[t->nindexes++], ix);
	return finish(out, "add index %s.%s", table, ix->name);
}

int
mw_edit_drop_index(mw_edit *out, const mw_schema *s, const char *table, const char *index,
		   mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_DROP_INDEX, s, table, err);
	mw_index *ix;
	size_t at;

	if (!t)
		return -1;
	if (!(ix = mw_table_index(t, index)))
		return fail(err, "table \"%s\" has no index \"%s\"", table, index), abandon(out);
	at = (size_t)(ix - t->indexes);
	mw_index_clear(ix);
	memmove(t->indexes + at, t->indexes + at + 1, (t->nindexes - at - 1) * sizeof(*ix));
	t->nindexes--;
	return finish(out, "drop index %s.%s", table, index);
}

int
mw_edit_rename_index(mw_edit *out, const mw_schema *s, const char *table, const char *index,
		     const char *new_name, mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_RENAME_INDEX, s, table, err);
	mw_index *ix;

	if (!t || check_name(new_name, "index", err) < 0)
		return abandon(out);
	if (!(ix = mw_table_index(t, index)))
		return fail(err, "table \"%s\" has no index \"%s\"", table, index), abandon(out);
	if (strcmp(index, new_name) && mw_table_index(t, new_name))
		return fail(err, "table \"%s\" already has an index \"%s\"", table, new_name),
		       abandon(out);
	free(ix->name);
	ix->name = mw_xstrdup(new_name);
	return finish(out, "rename index %s.%s to %s", table, index, new_name);
}

int
mw_edit_set_pk(mw_edit *out, const mw_schema *s, const char *table, char *const *columns,
	       size_t n, mw_buf *err)
{
	mw_table *t = begin(out, MW_EDIT_SET_PK, s, table, err);

	if (!t)
		return -1;
	if (check_column_list(t, columns, n, "the primary key", err) < 0)
		return abandon(out);
	mw_strv_free(t->pk, t->npk);
	t->pk = mw_strv_dup(columns, n);
	t->npk = n;
	t->has_pk_key = true;
	return finish(out, "set primary key of %s", table);
}

/*
 * Tables
 */

static int
check_table(const mw_table *t, mw_buf *err)
{
	if (check_name(t->name, "table", err) < 0)
		return -1;
	if (!t->ncolumns)
		return fail(err, "table \"%s\" needs at least one column", t->name);
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (check_column(&t->columns[i], err) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(t->columns[i].name, t->columns[j].name))
				return fail(err, "table \"%s\" has two columns named \"%s\"",
					    t->name, t->columns[i].name);
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		char *who = mw_strdupf("index \"%s\"", t->indexes[i].name);
		int rc = check_name(t->indexes[i].name, "index", err) < 0 ||
			 check_column_list(t, t->indexes[i].columns, t->indexes[i].ncolumns,
					   who, err) < 0 ? -1 : 0;

		free(who);
		if (rc < 0)
			return -1;
	}
	return check_column_list(t, t->pk, t->npk, "the primary key", err);
}

int
mw_edit_add_table(mw_edit *out, const mw_schema *s, const mw_table *t, long pos, mw_buf *err)
{
	memset(out, 0, sizeof(*out));
	if (check_table(t, err) < 0)
		return -1;
	if (mw_schema_table(s, t->name))
		return fail(err, "a table named \"%s\" already exists", t->name);
	out->kind = MW_EDIT_ADD_TABLE;
	out->pos = pos < 0 || (size_t)pos > s->ntables ? s->ntables : (size_t)pos;
	out->after = mw_table_dup(t);
	return finish(out, "add table %s", t->name);
}

int
mw_edit_drop_table(mw_edit *out, const mw_schema *s, const char *table, mw_buf *err)
{
	long pos = table_pos(s, table);

	memset(out, 0, sizeof(*out));
	if (pos < 0)
		return fail(err, "no table named \"%s\"", table);
	out->kind = MW_EDIT_DROP_TABLE;
	out->pos = (size_t)pos;
	out->before = mw_table_dup(&s->tables[pos]);
	return finish(out, "drop table %s", table);
}

/*
 * Applying records
 */

/* Replaces state `from` at e->pos by state `to` (either may be NULL). */
static int
swap_state(mw_schema *s, const mw_edit *e, const mw_table *from, const mw_table *to,
	   mw_buf *err)
{
	if (from && (e->pos >= s->ntables || !mw_table_equal(&s->tables[e->pos], from)))
		return fail(err, "cannot %s: table \"%s\" changed since", e->summary, from->name);
	if (!from && e->pos > s->ntables)
		return fail(err, "cannot %s: the schema changed since", e->summary);
	if (from && to) {
		mw_table_clear(&s->tables[e->pos]);
		mw_table_copy(&s->tables[e->pos], to);
	} else if (to) {
		s->tables = mw_xrealloc(s->tables, (s->ntables + 1) * sizeof(*s->tables));
		memmove(s->tables + e->pos + 1, s->tables + e->pos,
			(s->ntables - e->pos) * sizeof(*s->tables));
		mw_table_copy(&s->tables[e->pos], to);
		s->ntables++;
	} else if (from) {
		mw_table_clear(&s->tables[e->pos]);
		memmove(s->tables + e->pos, s->tables + e->pos + 1,
			(s->ntables - e->pos - 1) * sizeof(*s->tables));
		s->ntables--;
	}
	return 0;
}

int
mw_edit_apply(mw_schema *s, const mw_edit *e, mw_buf *err)
{
	return swap_state(s, e, e->before, e->after, err);
}

int
mw_edit_revert(mw_schema *s, const mw_edit *e, mw_buf *err)
{
	return swap_state(s, e, e->after, e->before, err);
}

void
mw_edit_clear(mw_edit *e)
{
	if (!e)
		return;
	free(e->summary);
	mw_table_free(e->before);
	mw_table_free(e->after);
	memset(e, 0, sizeof(*e));
}

/*
 * History
 */

int
mw_edit_log_do(mw_edit_log *log, mw_schema *s, mw_edit *e, mw_buf *err)
{
	if (mw_edit_apply(s, e, err) < 0) {
		mw_edit_clear(e);
		return -1;
	}
	while (log->n > log->done)
		mw_edit_clear(&log->items[--log->n]);
	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 16;
		log->items = mw_xrealloc(log->items, log->cap * sizeof(*log->items));
	}
	log->items[log->n++] = *e;
	log->done = log->n;
	memset(e, 0, sizeof(*e));
	return 0;
}

int
mw_edit_log_undo(mw_edit_log *log, mw_schema *s, mw_buf *err)
{
	if (!log->done)
		return fail(err, "nothing to undo");
	if (mw_edit_revert(s, &log->items[log->done - 1], err) < 0)
		return -1;
	log->done--;
	return 0;
}

int
mw_edit_log_redo(mw_edit_log *log, mw_schema *s, mw_buf *err)
{
	if (log->done == log->n)
		return fail(err, "nothing to redo");
	if (mw_edit_apply(s, &log->items[log->done], err) < 0)
		return -1;
	log->done++;
	return 0;
}

void
mw_edit_log_free(mw_edit_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		mw_edit_clear(&log->items[i]);
	free(log->items);
	memset(log, 0, sizeof(*log));
}
