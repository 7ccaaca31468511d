/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MySQL / MariaDB statements (spec §6.2, §6.5): DBAL's MySQLPlatform as
 * MediaWiki configures it.
 */
#include <config.h>

#include "core/sql/internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DBMS MW_DBMS_MYSQL

static void
add_index_flags(mw_buf *b, const mw_index *ix)
{
	if (ix->unique)
		mw_buf_adds(b, "UNIQUE ");
	else if (ix->flags & MW_IDX_FULLTEXT)
		mw_buf_adds(b, "FULLTEXT ");
	else if (ix->flags & MW_IDX_SPATIAL)
		mw_buf_adds(b, "SPATIAL ");
}

static void
add_table_options(mw_buf *b, const mw_table *t)
{
	if (!t->ntable_options) {
		mw_buf_adds(b, "/*$wgDBTableOptions*/");
		return;
	}
	for (size_t i = 0; i < t->ntable_options; i++) {
		if (i)
			mw_buf_addc(b, ' ');
		mw_buf_adds(b, t->table_options[i]);
	}
}

static void
mysql_create_table(struct mw_gen_out *o, const mw_diff_side *s)
{
	const mw_table *t = s->table;
	mw_buf *b = mw_gen_stmt(o);

	mw_buf_adds(b, "CREATE TABLE ");
	mw_gen_table_name(b, t->name, DBMS);
	mw_buf_adds(b, " (");
	for (size_t i = 0; i < s->ncolumns; i++) {
		if (i)
			mw_buf_adds(b, ", ");
		mw_gen_column_def(b, &s->columns[i], DBMS, true);
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		mw_buf_adds(b, ", ");
		add_index_flags(b, &t->indexes[i]);
		mw_buf_adds(b, "INDEX ");
		mw_gen_quote_ident(b, t->indexes[i].name, DBMS);
		mw_buf_adds(b, " (");
		mw_gen_index_columns(b, &t->indexes[i], DBMS, true);
		mw_buf_addc(b, ')');
	}
	if (s->pk.ncolumns) {
		mw_buf_adds(b, ", PRIMARY KEY(");
		mw_gen_index_columns(b, &s->pk, DBMS, false);
		mw_buf_addc(b, ')');
	}
	mw_buf_adds(b, ") ");
	add_table_options(b, t);
}

/*
 * ALTER: the state of one table's alteration while statements are written
 */

struct alter {
	struct mw_gen_out *o;
	const mw_table_diff *d;
	char *table;		/* "/\*_*\/t" */
	bool *consumed;		/* per diff item: already written (drop+add pairs, PK parts) */
};

static bool
is_index_kind(mw_diff_kind k, bool added)
{
	return added ? k == MW_DIFF_INDEX_ADD || k == MW_DIFF_PK_ADD
		     : k == MW_DIFF_INDEX_DROP || k == MW_DIFF_PK_DROP;
}

/* "ALTER TABLE t MODIFY <old column without AUTO_INCREMENT>" */
static void
modify_without_autoincrement(struct alter *a, const mw_column *old)
{
	mw_column c = *old;
	mw_buf *b = mw_gen_stmt(a->o);

	c.autoincrement = false;
	mw_buf_addf(b, "ALTER TABLE %s MODIFY ", a->table);
	mw_gen_column_def(b, &c, DBMS, false);
}

/*
 * Before a primary key holding an AUTO_INCREMENT column is dropped, MySQL
 * needs the attribute removed (getPreAlterTableAlterPrimaryKeySQL()): the
 * old table's auto-increment columns named by `pk`, which for a modified
 * key is the new key.
 */
static void
drop_pk_autoincrement(struct alter *a, const mw_index *pk)
{
	const mw_diff_side *old = &a->d->before;

	for (size_t i = 0; i < pk->ncolumns; i++)
		for (size_t j = 0; j < old->ncolumns; j++)
			if (!strcasecmp(old->columns[j].name, pk->columns[i]) &&
			    old->columns[j].autoincrement)
				modify_without_autoincrement(a, &old->columns[j]);
}

static bool
strv_has(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/*
 * getPreAlterTableAlterIndexForeignKeySQL(): old primary-key columns with
 * AUTO_INCREMENT that the modified key leaves out lose the attribute, after
 * the paired index drops and adds.
 */
static void
leave_pk_autoincrement(struct alter *a, const mw_index *new_pk)
{
	const mw_diff_side *old = &a->d->before;

	for (size_t i = 0; i < old->pk.ncolumns; i++) {
		for (size_t j = 0; j < old->ncolumns; j++) {
			const mw_column *c = &old->columns[j];

			/* the key names the column as written; in_array() is exact */
			if (strcasecmp(c->name, old->pk.columns[i]) || !c->autoincrement ||
			    strv_has(new_pk->columns, new_pk->ncolumns, c->name))
				continue;
			modify_without_autoincrement(a, c);
			break;
		}
	}
}

static bool
same_column_names(const mw_index *x, const mw_index *y)
{
	if (x->ncolumns != y->ncolumns)
		return false;
	for (size_t i = 0; i < x->ncolumns; i++)
		if (strcmp(x->columns[i], y->columns[i]))
			return false;
	return true;
}

/* A dropped and an added index on the same columns: one ALTER TABLE. */
static void
pair_drop_add(struct alter *a, size_t drop)
{
	const mw_table_diff *d = a->d;
	const mw_index *old = d->items[drop].old_index;

	for (size_t i = 0; i < d->nitems; i++) {
		const mw_index *new = d->items[i].new_index;
		mw_buf *b;

		if (a->consumed[i] || d->items[i].kind != MW_DIFF_INDEX_ADD ||
		    !same_column_names(old, new))
			continue;
		b = mw_gen_stmt(a->o);
		mw_buf_addf(b, "ALTER TABLE %s DROP INDEX %s, ADD ", a->table, old->name);
		mw_buf_adds(b, new->unique ? "UNIQUE INDEX " : "INDEX ");
		mw_buf_addf(b, "%s (", new->name);
		mw_gen_index_columns(b, new, DBMS, true);
		mw_buf_addc(b, ')');
		a->consumed[i] = a->consumed[drop] = true;
		return;
	}
}

static void
drop_index(struct alter *a, const mw_index *ix, bool lower)
{
	mw_buf *b = mw_gen_stmt(a->o);

	mw_buf_adds(b, "DROP INDEX ");
	if (lower)
		mw_gen_quote_lower(b, ix->name, DBMS);
	else
		mw_gen_quote_ident(b, ix->name, DBMS);
	mw_buf_addf(b, " ON %s", a->table);
}

static void
create_index(struct alter *a, const mw_diff_item *it)
{
	mw_buf *b;

	if (it->kind != MW_DIFF_PK_ADD && it->kind != MW_DIFF_PK_MODIFY) {
		mw_gen_create_index(a->o, it->new_index, a->table, DBMS);
		return;
	}
	b = mw_gen_stmt(a->o);
	mw_buf_addf(b, "ALTER TABLE %s ADD PRIMARY KEY (", a->table);
	mw_gen_index_columns(b, it->new_index, DBMS, true);
	mw_buf_addc(b, ')');
}

/* Steps 1-3 of spec §6.5: everything that goes before the ALTER TABLE. */
static void
pre_alter(struct alter *a)
{
	const mw_table_diff *d = a->d;

	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_PK_MODIFY && !a->consumed[i])
			drop_pk_autoincrement(a, d->items[i].new_index);
	for (size_t i = 0; i < d->nitems; i++) {
		if (!is_index_kind(d->items[i].kind, false))
			continue;
		if (d->items[i].kind == MW_DIFF_PK_DROP)
			drop_pk_autoincrement(a, d->items[i].old_index);
		pair_drop_add(a, i);
	}
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_PK_MODIFY && !a->consumed[i])
			leave_pk_autoincrement(a, d->items[i].new_index);
	for (size_t i = 0; i < d->nitems; i++)
		if (is_index_kind(d->items[i].kind, false) && !a->consumed[i])
			drop_index(a, d->items[i].old_index, false);
	for (size_t i = 0; i < d->nitems; i++)
		if ((d->items[i].kind == MW_DIFF_INDEX_MODIFY || d->items[i].kind == MW_DIFF_PK_MODIFY)
		    && !a->consumed[i])
			drop_index(a, d->items[i].old_index, false);
}

static void
add_part(mw_buf *b, bool *first)
{
	mw_buf_adds(b, *first ? "" : ", ");
	*first = false;
}

/* Does the new primary key use a newly added AUTO_INCREMENT column? */
static bool
pk_uses_added_autoincrement(const mw_table_diff *d, const mw_index *pk)
{
	for (size_t i = 0; i < d->nitems; i++) {
		const mw_column *c = d->items[i].new_col;

		if (d->items[i].kind == MW_DIFF_COLUMN_ADD && c->autoincrement &&
		    mw_gen_lower_in(c->name, pk->columns, pk->ncolumns))
			return true;
	}
	return false;
}

static void
add_pk_parts(struct alter *a, mw_buf *parts, bool *first)
{
	const mw_table_diff *d = a->d;

	for (size_t i = 0; i < d->nitems; i++) {
		const mw_diff_item *it = &d->items[i];

		if (it->kind == MW_DIFF_PK_MODIFY && pk_uses_added_autoincrement(d, it->new_index)) {
			add_part(parts, first);
			mw_buf_adds(parts, "DROP PRIMARY KEY");
		} else if (it->kind != MW_DIFF_PK_ADD) {
			continue;
		}
		add_part(parts, first);
		mw_buf_adds(parts, "ADD PRIMARY KEY (");
		for (size_t j = 0; j < it->new_index->ncolumns; j++)
			mw_buf_addf(parts, "%s%s", j ? ", " : "", it->new_index->columns[j]);
		mw_buf_addc(parts, ')');
		a->consumed[i] = true;
	}
}

/* Step 4: one ALTER TABLE with the column changes and a new primary key. */
static void
column_parts(struct alter *a, mw_buf *parts)
{
	static const mw_diff_kind order[] = { MW_DIFF_COLUMN_ADD, MW_DIFF_COLUMN_DROP,
					      MW_DIFF_COLUMN_MODIFY, MW_DIFF_COLUMN_RENAME };
	const mw_table_diff *d = a->d;
	bool first = true;

	for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++) {
		for (size_t i = 0; i < d->nitems; i++) {
			const mw_diff_item *it = &d->items[i];

			if (it->kind != order[k])
				continue;
			add_part(parts, &first);
			if (it->kind == MW_DIFF_COLUMN_ADD) {
				mw_buf_adds(parts, "ADD ");
				mw_gen_column_def(parts, it->new_col, DBMS, false);
				continue;
			}
			mw_buf_adds(parts, it->kind == MW_DIFF_COLUMN_DROP ? "DROP " : "CHANGE ");
			if (it->kind == MW_DIFF_COLUMN_RENAME)
				mw_gen_quote_lower(parts, it->old_name, DBMS);
			else
				mw_gen_quote_ident(parts, it->old_name, DBMS);
			if (it->kind == MW_DIFF_COLUMN_DROP)
				continue;
			mw_buf_addc(parts, ' ');
			mw_gen_column_def(parts, it->new_col, DBMS, false);
		}
	}
	add_pk_parts(a, parts, &first);
}

/* Steps 5-7: indexes created after the ALTER TABLE. */
static void
post_alter(struct alter *a)
{
	const mw_table_diff *d = a->d;

	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_INDEX_ADD && !a->consumed[i])
			create_index(a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++)
		if ((d->items[i].kind == MW_DIFF_INDEX_MODIFY || d->items[i].kind == MW_DIFF_PK_MODIFY)
		    && !a->consumed[i])
			create_index(a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++) {
		if (d->items[i].kind != MW_DIFF_INDEX_RENAME)
			continue;
		drop_index(a, d->items[i].old_index, true);
		create_index(a, &d->items[i]);
	}
}

static void
mysql_alter_table(struct mw_gen_out *o, const mw_table_diff *d)
{
	mw_buf name = MW_BUF_INIT, parts = MW_BUF_INIT;
	struct alter a = { o, d, NULL, mw_xcalloc(d->nitems + 1, sizeof(bool)) };

	mw_gen_table_name(&name, d->before.table->name, DBMS);
	a.table = mw_buf_detach(&name);
	/* The column part is computed first: it takes a new primary key out of the index lists. */
	column_parts(&a, &parts);
	pre_alter(&a);
	if (parts.len)
		mw_buf_addf(mw_gen_stmt(o), "ALTER TABLE %s %s", a.table, mw_buf_cstr(&parts));
	post_alter(&a);
	mw_buf_release(&parts);
	free(a.table);
	free(a.consumed);
}

const struct mw_gen_ops mw_gen_mysql_ops = {
	.dbms = DBMS,
	.create_table = mysql_create_table,
	.alter_table = mysql_alter_table,
};
