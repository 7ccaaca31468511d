/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The audit of one database: every schema table against the live table,
 * through one diff per table that gives both the findings and the fix (see
 * mwschema/farm.h).
 */
#include <config.h>

#include "core/farm/internal.h"
#include "mwschema/diff.h"
#include "mwschema/gen.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const mw_report_rule rules[] = {
	{ "missing-table", "A schema table is not in the database.",
	  "The database lacks a table the checkouts' schema files define. --fix creates it.",
	  MW_SEV_WARNING },
	{ "table-outside-schema", "A table is not in any schema file.",
	  "The database has a table (with the wiki's prefix) that no schema file of the given "
	  "checkouts defines: another extension's, or a leftover. Listed, not counted as drift "
	  "unless --strict; --fix never drops it.", MW_SEV_INFO },
	{ "table-options", "The table's storage engine or character set differs.",
	  "MySQL only: the engine or default character set is not the one --table-options "
	  "asks for.", MW_SEV_WARNING },
	{ "missing-column", "A column of the schema is missing.", NULL, MW_SEV_WARNING },
	{ "extra-column", "The table has a column the schema lacks.", NULL, MW_SEV_WARNING },
	{ "renamed-column", "A column has another name than in the schema.",
	  "A missing column and an extra column have the same definition: the generators see "
	  "a rename, and --fix renames it.", MW_SEV_WARNING },
	{ "column-type", "A column's type differs.", NULL, MW_SEV_WARNING },
	{ "column-length", "A column's length, precision or scale differs.", NULL, MW_SEV_WARNING },
	{ "column-unsigned", "A column is signed where the schema says unsigned, or the reverse.",
	  NULL, MW_SEV_WARNING },
	{ "column-null", "A column's nullability differs.", NULL, MW_SEV_WARNING },
	{ "column-default", "A column's default differs.", NULL, MW_SEV_WARNING },
	{ "column-autoincrement", "A column is or is not auto-increment unlike the schema.", NULL,
	  MW_SEV_WARNING },
	{ "missing-index", "An index of the schema is missing.", NULL, MW_SEV_WARNING },
	{ "extra-index", "The table has an index the schema lacks.", NULL, MW_SEV_WARNING },
	{ "index-differs", "An index's columns, lengths or uniqueness differ.", NULL,
	  MW_SEV_WARNING },
	{ "renamed-index", "An index has another name than in the schema.", NULL, MW_SEV_WARNING },
	{ "missing-primary-key", "The table has no primary key; the schema has one.", NULL,
	  MW_SEV_WARNING },
	{ "extra-primary-key", "The table has a primary key the schema lacks.", NULL,
	  MW_SEV_WARNING },
	{ "primary-key-differs", "The primary key's columns differ.", NULL, MW_SEV_WARNING },
};

const mw_report_rule *
mw_audit_rules(size_t *n)
{
	*n = sizeof(rules) / sizeof(*rules);
	return rules;
}

/* One table under audit. */
struct audit {
	mw_audit_db *db;
	const mw_audit_opts *o;
	const mw_shape *live;		/* NULL when missing */
	const mw_table *want;		/* the schema's table */
	const mw_table *have;		/* the live table in the model (when present) */
	const char *name;		/* the live name (prefix included) */
	const char *charset;		/* what CREATE uses on MySQL ("" = the server's) */
	size_t found;			/* findings for this table */
	mw_buf fix;			/* this table's DDL (o->fix) */
};

static void
finding(struct audit *a, const char *rule, const char *object, const char *fmt, ...)
	MW_PRINTF(4, 5);

static void
finding(struct audit *a, const char *rule, const char *object, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT;
	char *path = object ? mw_strdupf("%s/%s", a->name, object) : mw_xstrdup(a->name);
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	mw_diags_add(&a->db->findings, MW_SEV_WARNING, rule, a->db->name, 0, 0, path, NULL,
		     "table %s: %s", a->name, mw_buf_cstr(&msg));
	a->found++;
	free(path);
	mw_buf_release(&msg);
}

/*
 * Columns
 */

static void
describe_column(mw_buf *out, const mw_column *c, const mw_table *t, const struct audit *a)
{
	mw_shape_column p;

	mw_farm_phys_column(&p, c, mw_table_in_pk(t, c->name), a->o->sql.dbms, a->charset);
	mw_shape_column_describe(out, &p);
	mw_farm_phys_clear(&p);
}

/* Differs only by " unsigned" / only inside the parentheses / otherwise. */
static const char *
type_rule(const char *have, const char *want)
{
	char *h = mw_xstrdup(have), *w = mw_xstrdup(want), *u;
	const char *rule = "column-type";

	if ((u = strstr(h, " unsigned")))
		memmove(u, u + 9, strlen(u + 9) + 1);
	if ((u = strstr(w, " unsigned")))
		memmove(u, u + 9, strlen(u + 9) + 1);
	if (!strcmp(h, w))
		rule = "column-unsigned";
	else if (strcspn(h, "(") == strcspn(w, "(") && !strncmp(h, w, strcspn(h, "(")) &&
		 strchr(h, '(') && strchr(w, '('))
		rule = "column-length";
	free(h);
	free(w);
	return rule;
}

static const char *
quoted_or_none(mw_buf *b, const char *v)
{
	mw_buf_reset(b);
	if (v)
		mw_buf_addf(b, "'%s'", v);
	else
		mw_buf_adds(b, "none");
	return mw_buf_cstr(b);
}

/* One modified column: a finding per aspect that differs, in the catalog's words. */
static void
column_changed(struct audit *a, const mw_diff_item *it)
{
	const mw_shape_column *lc = mw_shape_column_find(a->live, it->old_name);
	mw_shape_column want, have = { 0 };
	mw_buf x = MW_BUF_INIT, y = MW_BUF_INIT;
	size_t before = a->found;

	mw_farm_phys_column(&want, it->new_col, mw_table_in_pk(a->want, it->new_col->name),
			    a->o->sql.dbms, a->charset);
	if (lc) {
		have = *lc;
		have.type = mw_farm_phys_type(lc->type, a->o->sql.dbms);
	}
	if (lc && strcmp(have.type, want.type))
		finding(a, type_rule(have.type, want.type), it->name,
			"column %s is %s, the schema gives %s", it->name, have.type, want.type);
	if (lc && have.notnull != want.notnull)
		finding(a, "column-null", it->name, "column %s is %s, the schema says %s", it->name,
			have.notnull ? "NOT NULL" : "nullable", want.notnull ? "NOT NULL" : "nullable");
	if (lc && !mw_farm_default_same(have.deflt, want.deflt))
		finding(a, "column-default", it->name, "column %s has default %s, the schema gives %s",
			it->name, quoted_or_none(&x, have.deflt), quoted_or_none(&y, want.deflt));
	if (lc && have.autoincrement != want.autoincrement)
		finding(a, "column-autoincrement", it->name, "column %s is %sauto-increment, the "
			"schema's is %s", it->name, have.autoincrement ? "" : "not ",
			want.autoincrement ? "auto-increment" : "not");
	if (a->found == before)
		finding(a, "column-type", it->name, "column %s is declared otherwise than the "
			"schema's (%s)", it->name, want.type);
	free(have.type);
	mw_farm_phys_clear(&want);
	mw_buf_release(&x);
	mw_buf_release(&y);
}

static void
column_item(struct audit *a, const mw_diff_item *it)
{
	mw_buf d = MW_BUF_INIT;
	const mw_shape_column *lc;

	switch (it->kind) {
	case MW_DIFF_COLUMN_ADD:
		describe_column(&d, it->new_col, a->want, a);
		finding(a, "missing-column", it->name, "column %s is missing (the schema has: %s)",
			it->name, mw_buf_cstr(&d));
		break;
	case MW_DIFF_COLUMN_DROP:
		lc = mw_shape_column_find(a->live, it->name);
		if (lc)
			mw_shape_column_describe(&d, lc);
		finding(a, "extra-column", it->name, "column %s is not in the schema (%s)", it->name,
			mw_buf_cstr(&d));
		break;
	case MW_DIFF_COLUMN_RENAME:
		finding(a, "renamed-column", it->name, "column %s is missing and column %s, which the "
			"schema lacks, has its definition (--fix renames it)", it->name, it->old_name);
		break;
	default:
		column_changed(a, it);
		break;
	}
	mw_buf_release(&d);
}

/*
 * Indexes and keys
 */

static void
describe_index(mw_buf *out, const mw_index *ix, const mw_table *t, const struct audit *a)
{
	mw_shape_index p;

	mw_farm_phys_index(&p, ix, t, a->o->sql.dbms, a->charset);
	mw_shape_index_describe(out, &p);
	mw_farm_phys_index_clear(&p);
}

static void
describe_key(mw_buf *out, const mw_index *pk)
{
	mw_buf_addc(out, '(');
	for (size_t i = 0; pk && i < pk->ncolumns; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", pk->columns[i]);
	mw_buf_addc(out, ')');
}

static void
key_item(struct audit *a, const mw_diff_item *it)
{
	mw_buf x = MW_BUF_INIT, y = MW_BUF_INIT;

	describe_key(&x, it->old_index);
	describe_key(&y, it->new_index);
	if (it->kind == MW_DIFF_PK_ADD)
		finding(a, "missing-primary-key", NULL, "the primary key is missing (the schema has "
			"%s)", y.data);
	else if (it->kind == MW_DIFF_PK_DROP)
		finding(a, "extra-primary-key", NULL, "primary key %s is not in the schema", x.data);
	else
		finding(a, "primary-key-differs", NULL, "the primary key is %s, the schema gives %s",
			x.data, y.data);
	mw_buf_release(&x);
	mw_buf_release(&y);
}

static void
index_item(struct audit *a, const mw_diff_item *it)
{
	mw_buf x = MW_BUF_INIT, y = MW_BUF_INIT;

	if (it->old_index)
		describe_index(&x, it->old_index, a->have, a);
	if (it->new_index)
		describe_index(&y, it->new_index, a->want, a);
	if (it->kind == MW_DIFF_INDEX_ADD)
		finding(a, "missing-index", it->name, "%s %s is missing (the schema has: %s)",
			it->new_index->unique ? "unique index" : "index", it->name, y.data);
	else if (it->kind == MW_DIFF_INDEX_DROP)
		finding(a, "extra-index", it->name, "index %s is not in the schema (%s)", it->name,
			x.data);
	else if (it->kind == MW_DIFF_INDEX_RENAME)
		finding(a, "renamed-index", it->name, "index %s is named %s in the schema (--fix "
			"renames it)", it->old_name, it->name);
	else
		finding(a, "index-differs", it->name, "index %s is %s, the schema gives %s", it->name,
			x.data, y.data);
	mw_buf_release(&x);
	mw_buf_release(&y);
}

static void
diff_findings(struct audit *a, const mw_table_diff *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		const mw_diff_item *it = &d->items[i];

		if (it->kind >= MW_DIFF_COLUMN_ADD && it->kind <= MW_DIFF_COLUMN_RENAME)
			column_item(a, it);
		else if (it->kind >= MW_DIFF_PK_ADD)
			key_item(a, it);
		else if (it->kind >= MW_DIFF_INDEX_ADD)
			index_item(a, it);
	}
}

/*
 * Tables
 */

/* `name` as a MySQL identifier, backticks doubled. */
static void
add_mysql_ident(mw_buf *out, const char *name)
{
	mw_buf_addc(out, '`');
	for (; *name; name++) {
		if (*name == '`')
			mw_buf_addc(out, '`');
		mw_buf_addc(out, *name);
	}
	mw_buf_addc(out, '`');
}

static void
check_table_options(struct audit *a)
{
	char *engine = mw_farm_table_option(a->want, a->o->sql.table_options, "ENGINE");
	bool engine_off = engine && a->live->engine && strcmp(engine, a->live->engine);
	bool charset_off = *a->charset && !mw_farm_charset_same(a->charset, a->live->charset);

	if (engine_off || charset_off)
		finding(a, "table-options", NULL, "engine %s, character set %s; the table options "
			"give %s, %s", a->live->engine, a->live->charset, engine ? engine : "any",
			*a->charset ? a->charset : "any");
	if (a->o->fix && engine_off) {
		mw_buf_adds(&a->fix, "ALTER TABLE ");
		add_mysql_ident(&a->fix, a->name);
		mw_buf_addf(&a->fix, " ENGINE=%s;\n", engine);
	}
	if (a->o->fix && charset_off) {
		mw_buf_adds(&a->fix, "ALTER TABLE ");
		add_mysql_ident(&a->fix, a->name);
		mw_buf_addf(&a->fix, " CONVERT TO CHARACTER SET %s;\n", a->charset);
	}
	free(engine);
}

static void
add_fix(struct audit *a, const mw_table *before)
{
	mw_buf sql = MW_BUF_INIT;

	if (mw_gen_change(&sql, before, a->want, a->o->sql.dbms, a->want->name, MW_GEN_NO_HEADER) == 0)
		mw_gen_apply_ready(&a->fix, mw_buf_cstr(&sql), sql.len, a->o->sql.prefix,
				   a->o->sql.table_options);
	mw_buf_release(&sql);
}

static void
audit_missing(struct audit *a)
{
	finding(a, "missing-table", NULL, "the table is missing (the schema has %zu column%s, %zu "
		"index%s)", a->want->ncolumns, a->want->ncolumns == 1 ? "" : "s", a->want->nindexes,
		a->want->nindexes == 1 ? "" : "es");
	if (a->o->fix)
		add_fix(a, NULL);
}

static void
audit_present(struct audit *a)
{
	mw_table *have = mw_farm_live_table(a->live, a->want->name, a->want, a->o->sql.dbms,
					    a->charset);
	mw_table_diff d = MW_TABLE_DIFF_INIT;

	a->have = have;
	if (a->o->sql.dbms == MW_DBMS_MYSQL)
		check_table_options(a);
	mw_table_diff_compute(&d, have, a->want, a->o->sql.dbms);
	diff_findings(a, &d);
	if (a->o->fix && !mw_table_diff_is_empty(&d))
		add_fix(a, have);
	mw_table_diff_clear(&d);
	mw_table_free(have);
}

static void
add_name(char ***v, size_t *n, const char *name)
{
	*v = mw_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = mw_xstrdup(name);
}

/* The live shape of schema table `name`, or NULL. */
static const mw_shape *
find_live(const mw_shape *shapes, size_t n, const char *live_name, bool *used)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(shapes[i].name, live_name))
			continue;
		used[i] = true;
		return &shapes[i];
	}
	return NULL;
}

/* The character set a CREATE of `t` uses on MySQL; "" when the options leave it to the server. */
static char *
table_charset(const mw_table *t, const mw_audit_opts *o)
{
	char *cs = o->sql.dbms == MW_DBMS_MYSQL ? mw_farm_table_option(t, o->sql.table_options,
								      "CHARSET") : NULL;

	return cs ? cs : mw_xstrdup("");
}

static void
audit_tables(mw_audit_db *db, const mw_shape *shapes, size_t n, bool *used,
	     const mw_farm_schema *s, const mw_audit_opts *o)
{
	const char *prefix = o->sql.prefix ? o->sql.prefix : "";

	for (size_t i = 0; i < s->schema.ntables; i++) {
		const mw_table *t = &s->schema.tables[i];
		char *live_name = mw_strdupf("%s%s", prefix, t->name);
		char *charset = table_charset(t, o);
		struct audit a = { db, o, find_live(shapes, n, live_name, used), t, NULL, live_name,
				   charset, 0, MW_BUF_INIT };

		if (a.live)
			audit_present(&a);
		else
			audit_missing(&a);
		if (a.found)
			add_name(&db->drifted, &db->ndrifted, t->name);
		if (a.found && o->fix) {
			mw_buf_adds(&db->fix, "\n-- Table ");
			mw_farm_add_comment(&db->fix, live_name);
			mw_buf_addf(&db->fix, ": %zu finding%s\n", a.found, a.found == 1 ? "" : "s");
			mw_buf_add(&db->fix, a.fix.data, a.fix.len);
		}
		mw_buf_release(&a.fix);
		free(charset);
		free(live_name);
	}
	db->ntables = s->schema.ntables;
}

/* Tables the schema does not have: listed (with the prefix), counted (without). */
static void
audit_outside(mw_audit_db *db, const mw_shape *shapes, size_t n, const bool *used,
	      const mw_audit_opts *o)
{
	const char *prefix = o->sql.prefix ? o->sql.prefix : "";

	for (size_t i = 0; i < n; i++) {
		if (used[i])
			continue;
		if (strncmp(shapes[i].name, prefix, strlen(prefix))) {
			db->nother++;
			continue;
		}
		add_name(&db->outside, &db->noutside, shapes[i].name);
		mw_diags_add(&db->findings, o->strict ? MW_SEV_WARNING : MW_SEV_INFO,
			     "table-outside-schema", db->name, 0, 0, shapes[i].name, NULL,
			     "table %s: not in the schema files (%zu columns)", shapes[i].name,
			     shapes[i].ncolumns);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
mw_audit_database(mw_audit_db *out, mw_engine *e, const char *name, const mw_farm_schema *s,
		  const mw_audit_opts *o)
{
	mw_shape *shapes = NULL;
	size_t n = 0;
	mw_buf err = MW_BUF_INIT;
	double start = now();
	bool *used;

	memset(out, 0, sizeof(*out));
	out->name = mw_xstrdup(name);
	if (mw_engine_read_all(&shapes, &n, e, &err) < 0) {
		out->status = -1;
		out->error = mw_buf_detach(&err);
		return -1;
	}
	used = mw_xcalloc(n + 1, sizeof(*used));
	audit_tables(out, shapes, n, used, s, o);
	audit_outside(out, shapes, n, used, o);
	out->status = out->ndrifted || (o->strict && out->noutside) ? 1 : 0;
	out->seconds = now() - start;
	free(used);
	mw_shapes_free(shapes, n);
	mw_buf_release(&err);
	return out->status;
}

void
mw_audit_db_clear(mw_audit_db *db)
{
	free(db->name);
	free(db->error);
	mw_diags_free(&db->findings);
	mw_strv_free(db->drifted, db->ndrifted);
	mw_strv_free(db->outside, db->noutside);
	mw_buf_release(&db->fix);
	memset(db, 0, sizeof(*db));
}
