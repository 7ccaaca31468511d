/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The generation pipeline (spec §5): raw statements from the platform's
 * generator, the pretty-printer, MediaWiki's clean-up, the header. Also the
 * pieces of SQL every platform writes the same way, and apply-ready output.
 */
#include <config.h>

#include "core/sql/internal.h"
#include "mwschema/fs.h"
#include "mwschema/sqlfmt.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const struct mw_gen_ops *const gen_ops[MW_DBMS__COUNT] = {
	[MW_DBMS_MYSQL] = &mw_gen_mysql_ops,
	[MW_DBMS_POSTGRES] = &mw_gen_postgres_ops,
	[MW_DBMS_SQLITE] = &mw_gen_sqlite_ops,
};

mw_buf *
mw_gen_stmt(struct mw_gen_out *o)
{
	if (o->n++)
		mw_buf_adds(o->sql, ";\n\n");
	return o->sql;
}

/*
 * Shared SQL pieces
 */

void
mw_gen_table_name(mw_buf *out, const char *name, mw_dbms dbms)
{
	if (dbms == MW_DBMS_POSTGRES) {
		mw_gen_quote_ident(out, name, dbms);
		return;
	}
	mw_buf_adds(out, "/*_*/");
	mw_buf_adds(out, name);
}

void
mw_gen_drop_table(struct mw_gen_out *o, const char *name, mw_dbms dbms)
{
	mw_buf *b = mw_gen_stmt(o);

	mw_buf_adds(b, "DROP TABLE ");
	mw_gen_table_name(b, name, dbms);
}

void
mw_gen_index_columns(mw_buf *out, const mw_index *ix, mw_dbms dbms, bool lengths)
{
	for (size_t i = 0; i < ix->ncolumns; i++) {
		if (i)
			mw_buf_adds(out, ", ");
		mw_gen_quote_ident(out, ix->columns[i], dbms);
		if (lengths && ix->lengths && i < ix->nlengths && ix->lengths[i] >= 0)
			mw_buf_addf(out, "(%lld)", ix->lengths[i]);
	}
}

void
mw_gen_create_index(struct mw_gen_out *o, const mw_index *ix, const char *table, mw_dbms dbms)
{
	mw_buf *b = mw_gen_stmt(o);

	mw_buf_adds(b, "CREATE ");
	if (ix->unique)
		mw_buf_adds(b, "UNIQUE ");
	else if (dbms == MW_DBMS_MYSQL && (ix->flags & MW_IDX_FULLTEXT))
		mw_buf_adds(b, "FULLTEXT ");
	else if (dbms == MW_DBMS_MYSQL && (ix->flags & MW_IDX_SPATIAL))
		mw_buf_adds(b, "SPATIAL ");
	mw_buf_adds(b, "INDEX ");
	mw_gen_quote_ident(b, ix->name, dbms);
	mw_buf_addf(b, " ON %s (", table);
	mw_gen_index_columns(b, ix, dbms, dbms == MW_DBMS_MYSQL);
	mw_buf_addc(b, ')');
	if (dbms == MW_DBMS_POSTGRES && ix->where)
		mw_buf_addf(b, " WHERE %s", ix->where);
}

void
mw_gen_quote_lower(mw_buf *out, const char *name, mw_dbms dbms)
{
	char *low = mw_xstrdup(name);

	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	mw_gen_quote_ident(out, low, dbms);
	free(low);
}

bool
mw_gen_lower_in(const char *column, char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *a = column, *b = names[i];

		while (*a && *b && tolower((unsigned char)*a) == *b)
			a++, b++;
		if (!*a && !*b)
			return true;
	}
	return false;
}

void
mw_gen_names_put(struct mw_gen_names *x, char *key, const void *value, bool replace)
{
	struct mw_strmap_slot *slot = mw_strmap_slotn(&x->map, key, strlen(key));

	if (slot->value) {
		free(key);
		if (!replace)
			return;
	} else {
		x->keys = mw_xgrow(x->keys, x->n, sizeof(*x->keys));
		x->keys[x->n++] = key;
	}
	slot->value = (void *)value;
}

const void *
mw_gen_names_get(const struct mw_gen_names *x, const char *key)
{
	return mw_strmap_get(&x->map, key);
}

void
mw_gen_names_clear(struct mw_gen_names *x)
{
	mw_strmap_clear(&x->map);
	for (size_t i = 0; i < x->n; i++)
		free(x->keys[i]);
	free(x->keys);
	memset(x, 0, sizeof(*x));
}

/*
 * Raw statements
 */

static void
finish_raw(struct mw_gen_out *o)
{
	if (o->n)
		mw_buf_addc(o->sql, ';');
}

size_t
mw_gen_schema_raw(mw_buf *out, const mw_schema *schema, mw_dbms dbms)
{
	struct mw_gen_out o = { out, 0 };

	for (size_t i = 0; i < schema->ntables; i++) {
		mw_diff_side side;

		mw_diff_side_init(&side, &schema->tables[i]);
		gen_ops[dbms]->create_table(&o, &side);
		mw_diff_side_clear(&side);
	}
	finish_raw(&o);
	return o.n;
}

static void
gen_table_diff(struct mw_gen_out *o, const mw_table_diff *d)
{
	const struct mw_gen_ops *ops = gen_ops[d->dbms];

	if (mw_table_diff_find(d, MW_DIFF_TABLE_CREATE))
		ops->create_table(o, &d->after);
	if (mw_table_diff_find(d, MW_DIFF_TABLE_DROP))
		mw_gen_drop_table(o, d->before.table->name, d->dbms);
	else if (d->before.table && d->after.table && d->nitems)
		ops->alter_table(o, d);
}

/* Change SQL generated so far, one count per platform (mw_gen_change_count). */
/* atomic: audit diffs and generates in several threads at once */
static atomic_ulong changes_generated;

unsigned long
mw_gen_change_count(void)
{
	return atomic_load_explicit(&changes_generated, memory_order_relaxed);
}

/* The raw statements of a computed diff (see mw_gen_change_raw). */
static size_t
diff_raw(mw_buf *out, const mw_table_diff *d)
{
	struct mw_gen_out o = { out, 0 };

	atomic_fetch_add_explicit(&changes_generated, 1, memory_order_relaxed);
	gen_table_diff(&o, d);
	finish_raw(&o);
	return o.n;
}

size_t
mw_gen_change_raw(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms)
{
	mw_table_diff d;
	size_t n;

	mw_table_diff_compute(&d, before, after, dbms);
	n = diff_raw(out, &d);
	mw_table_diff_clear(&d);
	return n;
}

/*
 * Files
 */

static void
add_header(mw_buf *out, bool is_change, const char *source_label, unsigned flags)
{
	if (flags & MW_GEN_ROLLBACK)
		mw_buf_adds(out, "-- This file is automatically generated using mwschema generate "
			    "--reverse: it is a ROLLBACK, undoing the source below.\n");
	else
		mw_buf_addf(out, "-- This file is automatically generated using "
			    "maintenance/%s.php.\n",
			    is_change ? "generateSchemaChangeSql" : "generateSchemaSql");
	mw_buf_addf(out, "-- Source: %s\n", source_label ? source_label : "");
	mw_buf_adds(out, "-- Do not modify this file directly.\n"
		    "-- See https://www.mediawiki.org/wiki/Manual:Schema_changes\n");
}

void
mw_gen_finish(mw_buf *out, const char *raw, size_t len, mw_dbms dbms, bool is_change,
	      const char *source_label, unsigned flags)
{
	mw_buf pretty = MW_BUF_INIT;

	if (!(flags & MW_GEN_NO_HEADER))
		add_header(out, is_change, source_label, flags);
	mw_sqlfmt_format(&pretty, raw, len);
	mw_sqlfmt_cleanup(out, mw_buf_cstr(&pretty), pretty.len, dbms);
	mw_buf_release(&pretty);
}

int
mw_gen_schema(mw_buf *out, const mw_schema *schema, mw_dbms dbms, const char *source_label,
	      unsigned flags)
{
	mw_buf raw = MW_BUF_INIT;

	mw_gen_schema_raw(&raw, schema, dbms);
	mw_gen_finish(out, mw_buf_cstr(&raw), raw.len, dbms, false, source_label, flags);
	mw_buf_release(&raw);
	return 0;
}

int
mw_gen_change_diff(mw_buf *out, const mw_table_diff *d, const char *source_label,
		   unsigned flags)
{
	mw_buf raw = MW_BUF_INIT;

	if (!diff_raw(&raw, d)) {
		mw_buf_release(&raw);
		return MW_GEN_NOCHANGE;
	}
	mw_gen_finish(out, mw_buf_cstr(&raw), raw.len, d->dbms, true, source_label, flags);
	mw_buf_release(&raw);
	return 0;
}

int
mw_gen_change(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms,
	      const char *source_label, unsigned flags)
{
	mw_table_diff d;
	int rc;

	mw_table_diff_compute(&d, before, after, dbms);
	rc = mw_gen_change_diff(out, &d, source_label, flags);
	mw_table_diff_clear(&d);
	return rc;
}

/* What the forward change destroys, which its rollback re-creates empty. */
static void
add_rollback_warnings(mw_buf *out, const mw_table_diff *forward)
{
	for (size_t i = 0; i < forward->nitems; i++) {
		const mw_diff_item *it = &forward->items[i];

		if (it->kind == MW_DIFF_TABLE_DROP)
			mw_buf_addf(out, "-- WARNING: the forward change drops table %s; this rollback "
				    "re-creates it empty, its rows cannot be restored.\n", it->name);
		else if (it->kind == MW_DIFF_COLUMN_DROP)
			mw_buf_addf(out, "-- WARNING: the forward change drops column %s.%s; this "
				    "rollback re-creates it with its default, its values cannot be "
				    "restored.\n", forward->before.table->name, it->name);
	}
}

int
mw_gen_rollback_diff(mw_buf *out, const mw_table_diff *back, const mw_table_diff *forward,
		     const char *source_label, unsigned flags)
{
	mw_buf raw = MW_BUF_INIT;

	if (!diff_raw(&raw, back)) {
		mw_buf_release(&raw);
		return MW_GEN_NOCHANGE;
	}
	if (!(flags & MW_GEN_NO_HEADER))
		add_header(out, true, source_label, flags | MW_GEN_ROLLBACK);
	add_rollback_warnings(out, forward);
	mw_gen_finish(out, mw_buf_cstr(&raw), raw.len, back->dbms, true, source_label,
		      flags | MW_GEN_NO_HEADER);
	mw_buf_release(&raw);
	return 0;
}

int
mw_gen_rollback(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms,
		const char *source_label, unsigned flags)
{
	mw_table_diff back, forward;
	int rc;

	mw_table_diff_compute(&back, after, before, dbms);
	mw_table_diff_summary(&forward, before, after);
	rc = mw_gen_rollback_diff(out, &back, &forward, source_label, flags);
	mw_table_diff_clear(&forward);
	mw_table_diff_clear(&back);
	return rc;
}

int
mw_gen_schema_rollback(mw_buf *out, const mw_schema *schema, mw_dbms dbms,
		       const char *source_label, unsigned flags)
{
	mw_buf raw = MW_BUF_INIT;
	struct mw_gen_out o = { &raw, 0 };

	for (size_t i = schema->ntables; i-- > 0;)
		mw_gen_drop_table(&o, schema->tables[i].name, dbms);
	finish_raw(&o);
	if (!(flags & MW_GEN_NO_HEADER))
		add_header(out, false, source_label, flags | MW_GEN_ROLLBACK);
	if (schema->ntables)
		mw_buf_adds(out, "-- WARNING: this rollback drops every table of the schema; "
			    "their rows cannot be restored.\n");
	mw_gen_finish(out, mw_buf_cstr(&raw), raw.len, dbms, false, source_label,
		      flags | MW_GEN_NO_HEADER);
	mw_buf_release(&raw);
	return 0;
}

char *
mw_gen_output_name(const char *json_path, bool is_schema, bool rollback)
{
	char *base = mw_path_basename(json_path), *name;
	size_t n = strlen(base);

	if (n > 5 && !strcmp(base + n - 5, ".json"))
		base[n - 5] = '\0';
	if (rollback)
		name = mw_strdupf("%s-rollback.sql", base);
	else if (is_schema && !strncmp(base, "tables", 6))
		name = mw_strdupf("%s-generated.sql", base);
	else
		name = mw_strdupf("%s.sql", base);
	free(base);
	return name;
}

void
mw_gen_apply_ready(mw_buf *out, const char *sql, size_t len, const char *prefix,
		   const char *table_options)
{
	static const char marker[] = "/*_*/", options[] = "/*$wgDBTableOptions*/";
	const char *end = sql + len, *p = sql;

	if (!table_options)
		table_options = MW_GEN_DEFAULT_TABLE_OPTIONS;
	mw_buf_grow(out, len);
	while (p < end) {
		const char *q = memchr(p, '/', (size_t)(end - p));

		if (!q) {
			mw_buf_add(out, p, (size_t)(end - p));
			break;
		}
		mw_buf_add(out, p, (size_t)(q - p));
		if ((size_t)(end - q) >= sizeof(marker) - 1 && !memcmp(q, marker, sizeof(marker) - 1)) {
			mw_buf_adds(out, prefix ? prefix : "");
			p = q + sizeof(marker) - 1;
		} else if ((size_t)(end - q) >= sizeof(options) - 1 &&
			   !memcmp(q, options, sizeof(options) - 1)) {
			mw_buf_adds(out, table_options);
			p = q + sizeof(options) - 1;
		} else {
			mw_buf_addc(out, '/');
			p = q + 1;
		}
	}
}
