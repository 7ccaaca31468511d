/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL statements (spec §6.3, §6.5): DBAL's PostgreSQLPlatform with
 * MediaWiki's overrides (enum types, TEXT for binary data, timestamps).
 */
#include <config.h>

#include "core/sql/internal.h"

#include <stdlib.h>
#include <string.h>

#define DBMS MW_DBMS_POSTGRES

/* MediaWiki prepends one CREATE TYPE per fixed mwenum column, so the last comes first. */
static void
create_enum_types(struct mw_gen_out *o, const mw_diff_side *s)
{
	for (size_t i = s->ncolumns; i-- > 0;) {
		const mw_column *c = &s->columns[i];
		mw_buf name = MW_BUF_INIT;
		mw_buf *b;

		if (c->type != MW_T_MWENUM || !c->fixed)
			continue;
		mw_gen_quote_ident(&name, c->name, DBMS);
		b = mw_gen_stmt(o);
		/* MediaWiki's statement starts with two newlines, kept inside an open string */
		mw_buf_adds(b, "\n\nCREATE TYPE ");
		mw_gen_enum_type_name(b, mw_buf_cstr(&name));
		mw_buf_adds(b, " AS ENUM( ");
		mw_gen_enum_values(b, c);
		mw_buf_adds(b, " )");
		mw_buf_release(&name);
	}
}

static void
pg_create_table(struct mw_gen_out *o, const mw_diff_side *s)
{
	const mw_table *t = s->table;
	mw_buf name = MW_BUF_INIT;
	mw_buf *b;

	create_enum_types(o, s);
	mw_gen_table_name(&name, t->name, DBMS);
	b = mw_gen_stmt(o);
	mw_buf_addf(b, "CREATE TABLE %s (", mw_buf_cstr(&name));
	for (size_t i = 0; i < s->ncolumns; i++) {
		if (i)
			mw_buf_adds(b, ", ");
		mw_gen_column_def(b, &s->columns[i], DBMS, true);
	}
	if (s->pk.ncolumns) {
		mw_buf_adds(b, ", PRIMARY KEY(");
		mw_gen_index_columns(b, &s->pk, DBMS, false);
		mw_buf_addc(b, ')');
	}
	mw_buf_addc(b, ')');
	for (size_t i = 0; i < t->nindexes; i++)
		mw_gen_create_index(o, &t->indexes[i], mw_buf_cstr(&name), DBMS);
	mw_buf_release(&name);
}

struct alter {
	struct mw_gen_out *o;
	const mw_table_diff *d;
	const char *table;	/* quoted name */
};

/* "ALTER TABLE t " + the rest; returns the statement's buffer. */
static mw_buf *
alter_stmt(struct alter *a)
{
	mw_buf *b = mw_gen_stmt(a->o);

	mw_buf_addf(b, "ALTER TABLE %s ", a->table);
	return b;
}

/*
 * The primary key's constraint name: DBAL appends "_pkey" to the table name
 * as it was quoted for the statement and parses the result as an
 * identifier, so a quoted table name ("window") loses all its quote
 * characters and the whole name is quoted again ("window_pkey").
 */
static void
add_pkey_name(mw_buf *b, const char *quoted_table, const char *table)
{
	mw_buf name = MW_BUF_INIT;

	if (quoted_table[0] != '"') {
		mw_buf_addf(&name, "%s_pkey", table);
		mw_gen_quote_ident(b, mw_buf_cstr(&name), DBMS);
		mw_buf_release(&name);
		return;
	}
	for (const char *p = quoted_table; *p; p++)
		if (!strchr("`\"[]", *p))
			mw_buf_addc(&name, *p);
	mw_buf_addf(b, "\"%s_pkey\"", mw_buf_cstr(&name));
	mw_buf_release(&name);
}

static void
drop_index(struct alter *a, const mw_diff_item *it)
{
	if (it->kind == MW_DIFF_PK_DROP || it->kind == MW_DIFF_PK_MODIFY) {
		mw_buf *b = alter_stmt(a);

		mw_buf_adds(b, "DROP CONSTRAINT ");
		add_pkey_name(b, a->table, a->d->before.table->name);
		return;
	}
	mw_buf_adds(mw_gen_stmt(a->o), "DROP INDEX ");
	mw_gen_quote_ident(a->o->sql, it->old_index->name, DBMS);
}

static void
create_index(struct alter *a, const mw_diff_item *it)
{
	mw_buf *b;

	if (it->kind != MW_DIFF_PK_ADD && it->kind != MW_DIFF_PK_MODIFY) {
		mw_gen_create_index(a->o, it->new_index, a->table, DBMS);
		return;
	}
	b = alter_stmt(a);
	mw_buf_adds(b, "ADD PRIMARY KEY (");
	mw_gen_index_columns(b, it->new_index, DBMS, false);
	mw_buf_addc(b, ')');
}

static bool
is_binary_type(mw_type t)
{
	return t == MW_T_BINARY || t == MW_T_BLOB;
}

/* "ALTER TABLE t ALTER <col> TYPE <type>" */
static void
alter_type(struct alter *a, const mw_diff_item *it, bool keep_autoincrement)
{
	mw_column c = *it->new_col;
	mw_buf *b = alter_stmt(a);

	c.autoincrement = keep_autoincrement && c.autoincrement;
	mw_buf_adds(b, "ALTER ");
	mw_gen_quote_ident(b, it->old_name, DBMS);
	mw_buf_adds(b, " TYPE ");
	mw_gen_type_decl(b, &c, DBMS, c.name);
}

/* Turning auto-increment on needs a sequence; off only drops the default. */
static void
alter_autoincrement(struct alter *a, const mw_diff_item *it)
{
	mw_buf col = MW_BUF_INIT, seq = MW_BUF_INIT;
	mw_buf *b;

	mw_gen_quote_ident(&col, it->old_name, DBMS);
	if (!it->new_col->autoincrement) {
		mw_buf_addf(alter_stmt(a), "ALTER %s DROP DEFAULT", mw_buf_cstr(&col));
		mw_buf_release(&col);
		return;
	}
	mw_buf_addf(&seq, "%s_%s_seq", a->d->before.table->name, mw_buf_cstr(&col));
	mw_buf_addf(mw_gen_stmt(a->o), "CREATE SEQUENCE %s", mw_buf_cstr(&seq));
	b = mw_gen_stmt(a->o);
	mw_buf_addf(b, "SELECT setval('%s', (SELECT MAX(%s) FROM %s))", mw_buf_cstr(&seq),
		    mw_buf_cstr(&col), a->table);
	mw_buf_addf(alter_stmt(a), "ALTER %s SET DEFAULT nextval('%s')", mw_buf_cstr(&col),
		    mw_buf_cstr(&seq));
	mw_buf_release(&col);
	mw_buf_release(&seq);
}

static void
modify_column(struct alter *a, const mw_diff_item *it)
{
	unsigned ch = it->col_changes;
	const mw_column *old = it->old_col, *new = it->new_col;
	mw_buf *b;

	/* DBAL's isUnchangedBinaryColumn(): both TEXT here, nothing to do. */
	if (is_binary_type(old->type) && is_binary_type(new->type) &&
	    !(ch & (MW_COLCH_NOTNULL | MW_COLCH_UNSIGNED | MW_COLCH_AUTOINCREMENT |
		    MW_COLCH_DEFAULT | MW_COLCH_PLATFORM)))
		return;
	if (ch & (MW_COLCH_TYPE | MW_COLCH_PRECISION | MW_COLCH_SCALE | MW_COLCH_FIXED))
		alter_type(a, it, false);
	if (ch & MW_COLCH_DEFAULT) {
		b = alter_stmt(a);
		mw_buf_adds(b, "ALTER ");
		mw_gen_quote_ident(b, it->old_name, DBMS);
		if (new->deflt.kind == MW_V_NONE || new->deflt.kind == MW_V_NULL) {
			mw_buf_adds(b, " DROP DEFAULT");
		} else {
			mw_buf_adds(b, " SET");
			mw_gen_default_decl(b, new, DBMS);
		}
	}
	if (ch & MW_COLCH_NOTNULL) {
		b = alter_stmt(a);
		mw_buf_adds(b, "ALTER ");
		mw_gen_quote_ident(b, it->old_name, DBMS);
		mw_buf_adds(b, new->notnull ? " SET NOT NULL" : " DROP NOT NULL");
	}
	if (ch & MW_COLCH_AUTOINCREMENT)
		alter_autoincrement(a, it);
	if (ch & MW_COLCH_LENGTH)
		alter_type(a, it, true);
}

static void
column_statements(struct alter *a)
{
	const mw_table_diff *d = a->d;
	mw_buf *b;

	for (size_t i = 0; i < d->nitems; i++) {
		if (d->items[i].kind != MW_DIFF_COLUMN_ADD)
			continue;
		b = alter_stmt(a);
		mw_buf_adds(b, "ADD ");
		mw_gen_column_def(b, d->items[i].new_col, DBMS, false);
	}
	for (size_t i = 0; i < d->nitems; i++) {
		if (d->items[i].kind != MW_DIFF_COLUMN_DROP)
			continue;
		b = alter_stmt(a);
		mw_buf_adds(b, "DROP ");
		mw_gen_quote_ident(b, d->items[i].old_name, DBMS);
	}
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == MW_DIFF_COLUMN_MODIFY)
			modify_column(a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++) {
		if (d->items[i].kind != MW_DIFF_COLUMN_RENAME)
			continue;
		b = alter_stmt(a);
		mw_buf_adds(b, "RENAME COLUMN ");
		mw_gen_quote_lower(b, d->items[i].old_name, DBMS);
		mw_buf_adds(b, " TO ");
		mw_gen_quote_ident(b, d->items[i].name, DBMS);
	}
}

static bool
is_kind(mw_diff_kind k, mw_diff_kind index_kind, mw_diff_kind pk_kind)
{
	return k == index_kind || k == pk_kind;
}

static void
pg_alter_table(struct mw_gen_out *o, const mw_table_diff *d)
{
	mw_buf name = MW_BUF_INIT;
	struct alter a = { o, d, NULL };

	mw_gen_table_name(&name, d->before.table->name, DBMS);
	a.table = mw_buf_cstr(&name);
	for (size_t i = 0; i < d->nitems; i++)
		if (is_kind(d->items[i].kind, MW_DIFF_INDEX_DROP, MW_DIFF_PK_DROP))
			drop_index(&a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++)
		if (is_kind(d->items[i].kind, MW_DIFF_INDEX_MODIFY, MW_DIFF_PK_MODIFY))
			drop_index(&a, &d->items[i]);
	column_statements(&a);
	for (size_t i = 0; i < d->nitems; i++)
		if (is_kind(d->items[i].kind, MW_DIFF_INDEX_ADD, MW_DIFF_PK_ADD))
			create_index(&a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++)
		if (is_kind(d->items[i].kind, MW_DIFF_INDEX_MODIFY, MW_DIFF_PK_MODIFY))
			create_index(&a, &d->items[i]);
	for (size_t i = 0; i < d->nitems; i++) {
		mw_buf *b;

		if (d->items[i].kind != MW_DIFF_INDEX_RENAME)
			continue;
		b = mw_gen_stmt(o);
		mw_buf_adds(b, "ALTER INDEX ");
		mw_gen_quote_lower(b, d->items[i].old_name, DBMS);
		mw_buf_adds(b, " RENAME TO ");
		mw_gen_quote_ident(b, d->items[i].name, DBMS);
	}
	mw_buf_release(&name);
}

const struct mw_gen_ops mw_gen_postgres_ops = {
	.dbms = DBMS,
	.create_table = pg_create_table,
	.alter_table = pg_alter_table,
};
