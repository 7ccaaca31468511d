/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Schema rules: checks of one table snapshot, some with knowledge of the
 * other tables of the schema (see internal.h for what each rule is for).
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/sqlfmt.h"

#include <stdlib.h>
#include <string.h>

static char *
column_path(const struct lint_ctx *ctx, const mw_column *c, const char *suffix)
{
	return lint_item_path(ctx->tpath, "columns", (size_t)(c - ctx->table->columns), suffix);
}

static char *
index_path(const struct lint_ctx *ctx, const mw_index *ix, const char *suffix)
{
	return lint_item_path(ctx->tpath, "indexes", (size_t)(ix - ctx->table->indexes), suffix);
}

/* Reports at a column (plus suffix, e.g. "/type"). */
static void
report_column(struct lint_ctx *ctx, const mw_column *c, const char *suffix, const char *hint,
	      const char *message)
{
	char *path = column_path(ctx, c, suffix);

	lint_report(ctx, path, hint, "%s", message);
	free(path);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

void
check_pk_required(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;
	char *path;

	if (t->npk > 0)
		return;
	path = mw_strdupf("%s%s", ctx->tpath, t->has_pk_key ? "/pk" : "");
	lint_report(ctx, path, "add \"pk\" with the columns that identify a row",
		    "table '%s' has no primary key", t->name);
	free(path);
}

static bool
in_pk(const mw_table *t, const char *name)
{
	for (size_t i = 0; i < t->npk; i++)
		if (!strcmp(t->pk[i], name))
			return true;
	return false;
}

/*
 * Surrogate keys only: an autoincrement id, or a key column storing such an
 * id. Integers that are data (namespace numbers, type codes, hashes) are
 * signed by design, and a column storing a signed id must stay signed like
 * it (the finding belongs on that id).
 */
void
check_pk_unsigned(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->npk; i++) {
		const mw_column *c = mw_table_column(t, t->pk[i]), *key;
		const mw_table *ref;
		char *msg;

		if (!c || !mw_type_is_integer(c->type) || c->is_unsigned)
			continue;
		if (c->autoincrement) {
			msg = mw_strdupf("primary-key column '%s' is an autoincrement id but a "
					 "signed %s", c->name, mw_type_name(c->type));
		} else {
			ref = lint_referenced_table(ctx, c, &key);
			if (!ref || !key->autoincrement || !key->is_unsigned)
				continue;
			msg = mw_strdupf("primary-key column '%s' stores %s.%s (unsigned %s) but "
					 "is a signed %s", c->name, ref->name, key->name,
					 mw_type_name(key->type), mw_type_name(c->type));
		}
		report_column(ctx, c, "/options/unsigned", "set \"unsigned\": true", msg);
		free(msg);
	}
}

void
check_ref_unsigned(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		const mw_column *c = &t->columns[i], *key;
		const mw_table *ref;
		char *msg, *hint;

		if (!mw_type_is_integer(c->type))
			continue;
		ref = lint_referenced_table(ctx, c, &key);
		/* the same type, unsigned unless the key itself is signed (its own finding) */
		if (!ref || (c->type == key->type && (c->is_unsigned || !key->is_unsigned)))
			continue;
		/* a key column's signedness is pk-unsigned's finding */
		if (c->type == key->type && in_pk(t, c->name))
			continue;
		msg = mw_strdupf("column '%s' refers to %s.%s (%s%s) but is %s%s", c->name,
				 ref->name, key->name, mw_type_name(key->type),
				 key->is_unsigned ? " unsigned" : "",
				 c->is_unsigned ? "" : "signed ", mw_type_name(c->type));
		hint = mw_strdupf("make it \"type\": \"%s\" with \"unsigned\": true",
				  mw_type_name(key->type));
		report_column(ctx, c, c->type != key->type ? "/type" : "/options/unsigned",
			      hint, msg);
		free(msg);
		free(hint);
	}
}

void
check_autoincrement_not_pk(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		const mw_column *c = &t->columns[i];
		char *msg;

		if (!c->autoincrement || (t->npk == 1 && !strcmp(t->pk[0], c->name)))
			continue;
		msg = mw_strdupf("column '%s' is autoincrement but not the table's only "
				 "primary-key column", c->name);
		report_column(ctx, c, "/options/autoincrement",
			      "make it the sole \"pk\" column or remove \"autoincrement\"", msg);
		free(msg);
	}
}

/* One finding per column of type `type` (no-enum, prefer-binary, boolean-type). */
static void
report_type(struct lint_ctx *ctx, mw_type type, const char *hint, const char *what)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		char *msg;

		if (t->columns[i].type != type)
			continue;
		msg = mw_strdupf("column '%s' %s", t->columns[i].name, what);
		report_column(ctx, &t->columns[i], "/type", hint, msg);
		free(msg);
	}
}

void
check_no_enum(struct lint_ctx *ctx)
{
	report_type(ctx, MW_T_MWENUM, "use a small unsigned integer or a short binary string",
		    "is an mwenum; ENUMs are not portable and hard to change");
}

void
check_prefer_binary(struct lint_ctx *ctx)
{
	report_type(ctx, MW_T_STRING, "use \"type\": \"binary\" with the same length",
		    "is a string (VARCHAR); MediaWiki stores text as binary (VARBINARY)");
}

void
check_boolean_type(struct lint_ctx *ctx)
{
	report_type(ctx, MW_T_BOOLEAN, "use \"type\": \"mwtinyint\" with \"unsigned\": true",
		    "is a boolean; MediaWiki uses mwtinyint for flags");
}

static bool
is_timestamp_name(const char *name)
{
	static const char *const suffixes[] = { "_timestamp", "_touched", "_expiry",
						"_expires", "_time" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++)
		if (ends_with(name, suffixes[i]))
			return true;
	return false;
}

void
check_timestamp_type(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		const mw_column *c = &t->columns[i];
		char *msg;

		if (!is_timestamp_name(c->name))
			continue;
		if (c->type != MW_T_MWTIMESTAMP) {
			msg = mw_strdupf("column '%s' looks like a timestamp but is %s", c->name,
					 mw_type_name(c->type));
			report_column(ctx, c, "/type", "use \"type\": \"mwtimestamp\"", msg);
			free(msg);
		} else if (ends_with(c->name, "_expiry") && !c->allow_infinite) {
			msg = mw_strdupf("expiry column '%s' cannot hold \"infinity\"", c->name);
			report_column(ctx, c, "/options",
				      "add \"PlatformOptions\": { \"allowInfinite\": true }", msg);
			free(msg);
		}
	}
}

void
check_index_columns_exist(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;
	char *path;

	for (size_t i = 0; i < t->nindexes; i++) {
		const mw_index *ix = &t->indexes[i];

		for (size_t j = 0; j < ix->ncolumns; j++) {
			if (mw_table_column(t, ix->columns[j]))
				continue;
			path = lint_item_path(ctx->tpath, "indexes", i, NULL);
			mw_buf p = MW_BUF_INIT;
			mw_buf_addf(&p, "%s/columns/%zu", path, j);
			lint_report(ctx, mw_buf_cstr(&p), "use a column of the table",
				    "index '%s' names unknown column '%s'", ix->name,
				    ix->columns[j]);
			mw_buf_release(&p);
			free(path);
		}
	}
	for (size_t j = 0; j < t->npk; j++) {
		if (mw_table_column(t, t->pk[j]))
			continue;
		path = mw_strdupf("%s/pk/%zu", ctx->tpath, j);
		lint_report(ctx, path, "use a column of the table",
			    "primary key names unknown column '%s'", t->pk[j]);
		free(path);
	}
}

struct name_search {
	const char *name;
	const mw_table *found;	/* table holding an index, or being, that name */
	bool is_table;
};

/* The later of two same-named items is the one reported: the first is the original. */
void
check_name_unique(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		char *path;

		if (mw_table_column(t, t->columns[i].name) == &t->columns[i])
			continue;
		path = column_path(ctx, &t->columns[i], "/name");
		lint_report(ctx, path, "rename or remove one of the columns",
			    "column name '%s' is used twice in table '%s'", t->columns[i].name,
			    t->name);
		free(path);
	}
	if (ctx->schema && lint_doc_table(ctx, t->name) != t &&
	    t >= ctx->schema->tables && t < ctx->schema->tables + ctx->schema->ntables) {
		char *path = mw_strdupf("%s/name", ctx->tpath);

		lint_report(ctx, path, "rename or remove one of the tables",
			    "table name '%s' is used twice in this file", t->name);
		free(path);
	}
}

void
check_index_name_unique(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->nindexes; i++) {
		struct name_search ns = { .name = t->indexes[i].name };
		char *path;

		if (mw_table_index(t, ns.name) != &t->indexes[i] || !strcmp(t->name, ns.name))
			ns.found = t;
		else
			ns.found = lint_name_owner(ctx, ns.name, &ns.is_table);
		if (!ns.found)
			continue;
		path = index_path(ctx, &t->indexes[i], "/name");
		lint_report(ctx, path, "give the index a name unique in the whole schema",
			    "index name '%s' is also used by %s '%s'", ns.name,
			    ns.is_table || !strcmp(ns.found->name, ns.name) ? "the table"
									    : "an index of table",
			    ns.found->name);
		free(path);
	}
}

static bool
is_lob(const mw_column *c)
{
	return c && (c->type == MW_T_BLOB || c->type == MW_T_TEXT);
}

void
check_index_prefix_needed(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->nindexes; i++) {
		const mw_index *ix = &t->indexes[i];
		char *path;

		if (ix->flags & (MW_IDX_FULLTEXT | MW_IDX_SPATIAL))
			continue;
		for (size_t j = 0; j < ix->ncolumns; j++) {
			if (!is_lob(mw_table_column(t, ix->columns[j])) ||
			    (j < ix->nlengths && ix->lengths[j] > 0))
				continue;
			path = lint_item_path(ctx->tpath, "indexes", i, NULL);
			char *p = mw_strdupf("%s/columns/%zu", path, j);
			lint_report(ctx, p, "add \"options\": { \"lengths\": [...] } for it",
				    "index '%s' covers %s column '%s' without a prefix length",
				    ix->name, mw_type_name(mw_table_column(t, ix->columns[j])->type),
				    ix->columns[j]);
			free(p);
			free(path);
		}
	}
}

void
check_identifier_length(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;
	char *path;

	if (strlen(t->name) > MW_NAME_MAX) {
		path = mw_strdupf("%s/name", ctx->tpath);
		lint_report(ctx, path, "use a shorter name",
			    "table name '%s' is %zu characters long (at most %d)", t->name,
			    strlen(t->name), MW_NAME_MAX);
		free(path);
	}
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (strlen(t->columns[i].name) <= MW_NAME_MAX)
			continue;
		path = column_path(ctx, &t->columns[i], "/name");
		lint_report(ctx, path, "use a shorter name",
			    "column name '%s' is %zu characters long (at most %d)",
			    t->columns[i].name, strlen(t->columns[i].name), MW_NAME_MAX);
		free(path);
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		if (strlen(t->indexes[i].name) <= MW_NAME_MAX)
			continue;
		path = index_path(ctx, &t->indexes[i], "/name");
		lint_report(ctx, path, "use a shorter name",
			    "index name '%s' is %zu characters long (at most %d)",
			    t->indexes[i].name, strlen(t->indexes[i].name), MW_NAME_MAX);
		free(path);
	}
}

/* "MySQL and PostgreSQL" style list of the DBMS reserving `word`, or NULL. */
static char *
reserved_in(const char *word)
{
	mw_buf list = MW_BUF_INIT;

	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		if (!mw_sql_is_reserved((mw_dbms)d, word))
			continue;
		if (list.len)
			mw_buf_adds(&list, ", ");
		mw_buf_adds(&list, mw_dbms_title((mw_dbms)d));
	}
	return list.len ? mw_buf_detach(&list) : NULL;
}

void
check_reserved_word(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;
	char *where, *path;

	if ((where = reserved_in(t->name))) {
		path = mw_strdupf("%s/name", ctx->tpath);
		lint_report(ctx, path, "choose a name that is not a keyword",
			    "table name '%s' is reserved in %s", t->name, where);
		free(path);
		free(where);
	}
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (!(where = reserved_in(t->columns[i].name)))
			continue;
		path = column_path(ctx, &t->columns[i], "/name");
		lint_report(ctx, path, "prefix the column with the table's column prefix",
			    "column name '%s' is reserved in %s", t->columns[i].name, where);
		free(path);
		free(where);
	}
}

/* True when `a` is a non-empty left prefix of `cols`. */
static bool
left_prefix(char *const *a, size_t na, char *const *cols, size_t ncols)
{
	if (na == 0 || na > ncols)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], cols[i]))
			return false;
	return true;
}

/* Partial, fulltext and prefix-length indexes serve other purposes: leave them alone. */
static bool
plain_index(const mw_index *ix)
{
	if (ix->where || ix->flags)
		return false;
	for (size_t i = 0; i < ix->nlengths; i++)
		if (ix->lengths[i] > 0)
			return false;
	return true;
}

/*
 * Is `ix` made redundant by an index (or key) on `cols`? A shorter unique
 * index is not (its uniqueness is the point); of two identical indexes the
 * non-unique one, or else the later one, is reported.
 */
static bool
covered_by(const mw_index *ix, char *const *cols, size_t ncols, bool unique, bool ix_later)
{
	if (!left_prefix(ix->columns, ix->ncolumns, cols, ncols))
		return false;
	if (ix->ncolumns < ncols)
		return !ix->unique;
	if (ix->unique != unique)
		return unique;
	return ix_later;
}

void
check_duplicate_index(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->nindexes; i++) {
		const mw_index *ix = &t->indexes[i];
		char *by = NULL, *path;

		if (!plain_index(ix))
			continue;
		if (covered_by(ix, t->pk, t->npk, true, true))
			by = mw_xstrdup("the primary key");
		for (size_t j = 0; !by && j < t->nindexes; j++)
			if (j != i && plain_index(&t->indexes[j]) &&
			    covered_by(ix, t->indexes[j].columns, t->indexes[j].ncolumns,
				       t->indexes[j].unique, i > j))
				by = mw_strdupf("index '%s'", t->indexes[j].name);
		if (!by)
			continue;
		path = index_path(ctx, ix, "/columns");
		lint_report(ctx, path, "drop the index",
			    "index '%s' is a left prefix of %s and adds nothing", ix->name, by);
		free(path);
		free(by);
	}
}
