/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A live table back in the abstract model (see mw_farm_live_table in
 * mwschema/farm.h): each column, index and key of the catalog becomes the
 * model object whose CREATE gives it back, the schema's own object whenever
 * that one gives the same catalog entry.
 */
#include <config.h>

#include "core/farm/internal.h"
#include "mwschema/gen.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * Defaults compare with whitespace runs as one space: MediaWiki's formatter
 * re-wraps long statements, inside string literals too, so the committed SQL
 * itself creates such a default with a line break in it. CURRENT_TIMESTAMP
 * is one default however the catalog spells it.
 */
/* CURRENT_TIMESTAMP, as MariaDB reads it back ("current_timestamp()") or not. */
static bool
is_now(const char *s)
{
	return !strcasecmp(s, "current_timestamp") || !strcasecmp(s, "current_timestamp()");
}

bool
mw_farm_default_same(const char *a, const char *b)
{
	if (str_eq(a, b))
		return true;
	if (!a || !b)
		return false;
	if (is_now(a) && is_now(b))
		return true;
	while (*a && *b) {
		if (isspace((unsigned char)*a) && isspace((unsigned char)*b)) {
			a += strspn(a, " \t\r\n");
			b += strspn(b, " \t\r\n");
			continue;
		}
		if (*a++ != *b++)
			return false;
	}
	return !*a && !*b;
}

bool
mw_farm_column_same(const mw_shape_column *a, const mw_shape_column *b)
{
	return !strcmp(a->type, b->type) && a->notnull == b->notnull &&
	       mw_farm_default_same(a->deflt, b->deflt) && a->autoincrement == b->autoincrement;
}

/*
 * Indexes
 */

/* The declared length of a MySQL (var)char/(var)binary column of `t`, or -1. */
static long long
column_chars(const mw_table *t, const char *name, const char *charset)
{
	const mw_column *c = NULL;
	long long n = -1;
	char *type;

	for (size_t i = 0; t && i < t->ncolumns && !c; i++)
		if (!strcasecmp(t->columns[i].name, name))
			c = &t->columns[i];
	if (!c)
		return -1;
	type = mw_farm_rendered_type(c, MW_DBMS_MYSQL, charset);
	if (!strncmp(type, "varbinary(", 10) || !strncmp(type, "binary(", 7) ||
	    !strncmp(type, "varchar(", 8) || !strncmp(type, "char(", 5))
		n = strtoll(strchr(type, '(') + 1, NULL, 10);
	free(type);
	return n;
}

void
mw_farm_phys_index(mw_shape_index *out, const mw_index *ix, const mw_table *t, mw_dbms dbms,
		   const char *charset)
{
	memset(out, 0, sizeof(*out));
	out->name = mw_xstrdup(ix->name);
	out->unique = ix->unique;
	for (size_t i = 0; i < ix->ncolumns; i++) {
		long long len = ix->lengths && i < ix->nlengths ? ix->lengths[i] : -1;
		char *col;

		if (dbms != MW_DBMS_MYSQL ||
		    (len >= 0 && len >= column_chars(t, ix->columns[i], charset) &&
		     column_chars(t, ix->columns[i], charset) >= 0))
			len = -1;	/* a prefix as long as the column is the column */
		col = len >= 0 ? mw_strdupf("%s(%lld)", ix->columns[i], len)
		      : mw_xstrdup(ix->columns[i]);

		out->columns = mw_xrealloc(out->columns, (out->ncolumns + 1) * sizeof(char *));
		out->columns[out->ncolumns++] = col;
	}
	if (dbms == MW_DBMS_MYSQL && (ix->flags & (MW_IDX_FULLTEXT | MW_IDX_SPATIAL)))
		out->kind = mw_xstrdup(ix->flags & MW_IDX_FULLTEXT ? "fulltext" : "spatial");
	if (dbms == MW_DBMS_POSTGRES && ix->where)
		out->where = mw_xstrdup(ix->where);
}

void
mw_farm_phys_index_clear(mw_shape_index *ix)
{
	free(ix->name);
	mw_strv_free(ix->columns, ix->ncolumns);
	free(ix->kind);
	free(ix->where);
	memset(ix, 0, sizeof(*ix));
}

/* A name as the catalog may quote it ("order" on PostgreSQL): without the quotes. */
static bool
ident_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la >= 2 && a[0] == '"' && a[la - 1] == '"')
		return lb == la - 2 && !strncasecmp(a + 1, b, lb);
	if (lb >= 2 && b[0] == '"' && b[lb - 1] == '"')
		return ident_eq(b, a);
	return !strcasecmp(a, b);
}

/* A predicate without spaces, parentheses and casts: PostgreSQL deparses its own way. */
static char *
loose_predicate(const char *s)
{
	mw_buf b = MW_BUF_INIT;

	for (; s && *s; s++) {
		if (s[0] == ':' && s[1] == ':') {
			for (s += 2; *s && (*s == ' ' || *s == '_' || (*s >= 'a' && *s <= 'z') ||
					    (*s >= 'A' && *s <= 'Z')); s++)
				;
			s--;
			continue;
		}
		if (*s != ' ' && *s != '(' && *s != ')')
			mw_buf_addc(&b, *s);
	}
	return mw_buf_detach(&b);
}

static bool
where_same(const char *a, const char *b, mw_dbms dbms)
{
	char *la, *lb;
	bool same;

	/* SQLite's catalog does not say; MySQL has no partial indexes */
	if (dbms != MW_DBMS_POSTGRES || str_eq(a, b))
		return true;
	if (!a || !b)
		return false;
	la = loose_predicate(a);
	lb = loose_predicate(b);
	same = !strcasecmp(la ? la : "", lb ? lb : "");
	free(la);
	free(lb);
	return same;
}

bool
mw_farm_index_same(const mw_shape_index *a, const mw_shape_index *b, mw_dbms dbms)
{
	if (a->unique != b->unique || a->ncolumns != b->ncolumns ||
	    !(str_eq(a->kind, b->kind) || (a->kind && b->kind && !strcasecmp(a->kind, b->kind))))
		return false;
	for (size_t i = 0; i < a->ncolumns; i++)
		if (!ident_eq(a->columns[i], b->columns[i]))
			return false;
	return where_same(a->where, b->where, dbms);
}

static const mw_index *
hint_index(const mw_table *hint, const char *name)
{
	for (size_t i = 0; hint && i < hint->nindexes; i++)
		if (!strcasecmp(hint->indexes[i].name, name))
			return &hint->indexes[i];
	return NULL;
}

/* "col(10)" -> "col" and 10; -1 without a prefix length. */
static char *
split_length(const char *col, long long *len)
{
	size_t l = strlen(col);
	const char *open = l && col[l - 1] == ')' ? strrchr(col, '(') : NULL;

	*len = open ? strtoll(open + 1, NULL, 10) : -1;
	if (open)
		return mw_xstrndup(col, (size_t)(open - col));
	if (l >= 2 && col[0] == '"' && col[l - 1] == '"')
		return mw_xstrndup(col + 1, l - 2);
	return mw_xstrdup(col);
}

static void
invert_index(mw_index *out, const mw_shape_index *li, const mw_index *h)
{
	bool any_length = false;

	memset(out, 0, sizeof(*out));
	out->name = mw_xstrdup(h ? h->name : li->name);
	out->unique = li->unique;
	out->columns = mw_xcalloc(li->ncolumns + 1, sizeof(char *));
	out->lengths = mw_xcalloc(li->ncolumns + 1, sizeof(long long));
	for (size_t i = 0; i < li->ncolumns; i++) {
		out->columns[i] = split_length(li->columns[i], &out->lengths[i]);
		any_length |= out->lengths[i] >= 0;
	}
	out->ncolumns = out->nlengths = li->ncolumns;
	if (!any_length) {
		free(out->lengths);
		out->lengths = NULL;
		out->nlengths = 0;
	}
	if (li->kind && !strcasecmp(li->kind, "fulltext"))
		out->flags |= MW_IDX_FULLTEXT;
	if (li->kind && !strcasecmp(li->kind, "spatial"))
		out->flags |= MW_IDX_SPATIAL;
	out->where = mw_xstrdup(li->where);
}

static void
live_index(mw_index *out, const mw_shape_index *li, const mw_table *hint, mw_dbms dbms,
	   const char *charset)
{
	const mw_index *h = hint_index(hint, li->name);
	mw_shape_index want;
	bool same = false;

	if (h) {
		mw_farm_phys_index(&want, h, hint, dbms, charset);
		same = mw_farm_index_same(li, &want, dbms);
		mw_farm_phys_index_clear(&want);
	}
	if (same)
		mw_index_copy(out, h);
	else
		invert_index(out, li, h);
}

/*
 * Columns
 */

static const mw_column *
hint_column(const mw_table *hint, const char *name)
{
	for (size_t i = 0; hint && i < hint->ncolumns; i++)
		if (!strcasecmp(hint->columns[i].name, name))
			return &hint->columns[i];
	return NULL;
}

static void
copy_type(mw_column *out, const mw_column *h)
{
	out->type = h->type;
	out->has_length = h->has_length;
	out->length = h->length;
	out->fixed = h->fixed;
	out->is_unsigned = h->is_unsigned;
	out->precision = h->precision;
	out->scale = h->scale;
	out->allow_infinite = h->allow_infinite;
	out->version = h->version;
	out->double_precision = h->double_precision;
	out->enum_values = mw_strv_dup(h->enum_values, h->n_enum_values);
	out->n_enum_values = h->n_enum_values;
}

/* What the diff compares: the declaration (PK columns NOT NULL), and the type on PostgreSQL. */
static bool
decl_equal(const mw_column *a, bool a_pk, const mw_column *b, bool b_pk, mw_dbms dbms)
{
	mw_column x = *a, y = *b;
	mw_buf bx = MW_BUF_INIT, by = MW_BUF_INIT;
	bool eq;

	x.notnull |= a_pk;
	y.notnull |= b_pk;
	mw_gen_column_decl(&bx, &x, dbms, x.name);
	mw_gen_column_decl(&by, &y, dbms, y.name);
	eq = !strcmp(mw_buf_cstr(&bx), mw_buf_cstr(&by)) && (dbms != MW_DBMS_POSTGRES || a->type == b->type);
	mw_buf_release(&bx);
	mw_buf_release(&by);
	return eq;
}

/* Built from the catalog, the hint's type where the catalog type is the hint's. */
static void
invert_column(mw_column *out, const mw_shape_column *have, const mw_column *h,
	      const mw_shape_column *want, mw_dbms dbms)
{
	memset(out, 0, sizeof(*out));
	out->name = mw_xstrdup(h ? h->name : have->name);
	if (h && !strcmp(have->type, want->type))
		copy_type(out, h);
	else
		mw_farm_abstract_type(out, have->type, dbms);
	out->notnull = have->notnull;
	out->autoincrement = have->autoincrement;
	if (h && mw_farm_default_same(have->deflt, want->deflt)) {
		mw_value_copy(&out->deflt, &h->deflt);
	} else if (have->deflt) {
		out->deflt.kind = MW_V_STRING;
		out->deflt.text = mw_xstrdup(have->deflt);
	}
}

struct live_ctx {
	const mw_table *t;	/* the table being built (its primary key is set) */
	const mw_table *hint;
	mw_dbms dbms;
	const char *charset;
};

static void
live_column(mw_column *out, const mw_shape_column *lc, const struct live_ctx *x)
{
	const mw_column *h = hint_column(x->hint, lc->name);
	bool in_pk = mw_table_in_pk(x->t, h ? h->name : lc->name);
	bool h_pk = h && mw_table_in_pk(x->hint, h->name);
	mw_shape_column have = *lc, want = { 0 }, got;

	have.type = mw_farm_phys_type(lc->type, x->dbms);
	if (h)
		mw_farm_phys_column(&want, h, h_pk, x->dbms, x->charset);
	if (h && mw_farm_column_same(&have, &want)) {
		mw_column_copy(out, h);
	} else {
		invert_column(out, &have, h, &want, x->dbms);
		mw_farm_phys_column(&got, out, in_pk, x->dbms, x->charset);
		/* a catalog entry no abstract column gives: the diff must still see it */
		if (h && !mw_farm_column_same(&got, &have) && decl_equal(out, in_pk, h, h_pk, x->dbms))
			mw_farm_surrogate_type(out, h, x->dbms, x->charset);
		mw_farm_phys_clear(&got);
	}
	if (h)
		mw_farm_phys_clear(&want);
	free(have.type);
}

static void
live_pk(mw_table *t, const mw_shape *live, const mw_table *hint)
{
	t->pk = mw_xcalloc(live->npk + 1, sizeof(char *));
	for (size_t i = 0; i < live->npk; i++) {
		const mw_column *h = hint_column(hint, live->pk[i]);
		long long len;
		char *name = split_length(live->pk[i], &len);

		t->pk[i] = h ? mw_xstrdup(h->name) : name;
		if (h)
			free(name);
	}
	t->npk = live->npk;
	t->has_pk_key = live->npk > 0;
}

mw_table *
mw_farm_live_table(const mw_shape *live, const char *name, const mw_table *hint,
		   mw_dbms dbms, const char *charset)
{
	mw_table *t = mw_xcalloc(1, sizeof(*t));
	struct live_ctx x = { t, hint, dbms, charset };

	t->name = mw_xstrdup(name);
	live_pk(t, live, hint);
	t->columns = mw_xcalloc(live->ncolumns + 1, sizeof(*t->columns));
	for (size_t i = 0; i < live->ncolumns; i++)
		live_column(&t->columns[t->ncolumns++], &live->columns[i], &x);
	t->indexes = mw_xcalloc(live->nindexes + 1, sizeof(*t->indexes));
	for (size_t i = 0; i < live->nindexes; i++)
		live_index(&t->indexes[t->nindexes++], &live->indexes[i], hint, dbms, charset);
	return t;
}
