/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table diff (see mwschema/diff.h): a re-creation of Doctrine DBAL 3.9's
 * Comparator::compareTables with a platform, including its rename
 * detection, which is what MediaWiki's generateSchemaChangeSql.php runs.
 *
 * DBAL keys columns and indexes by lower-cased name, so every lookup here
 * is case-insensitive; the orders are the ones of DBAL's arrays.
 */
#include <config.h>

#include "core/sql/internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Per-platform diffs computed so far (mw_table_diff_computed). */
/* atomic: audit diffs and generates in several threads at once */
static atomic_ulong diffs_computed;

unsigned long
mw_table_diff_computed(void)
{
	return atomic_load_explicit(&diffs_computed, memory_order_relaxed);
}

static char primary_name[] = "primary";

/* The primary key as DBAL sees it: an index named "primary". */
static bool
in_pk_exact_lower(const mw_table *t, const char *column)
{
	for (size_t i = 0; i < t->npk; i++) {
		const char *a = column, *b = t->pk[i];

		/* DBAL compares the lower-cased column key with the pk name as written. */
		while (*a && *b && (*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) == *b)
			a++, b++;
		if (!*a && !*b)
			return true;
	}
	return false;
}

static bool
in_pk_nocase(const mw_table *t, const char *column)
{
	for (size_t i = 0; i < t->npk; i++)
		if (!strcasecmp(t->pk[i], column))
			return true;
	return false;
}

void
mw_diff_side_init(mw_diff_side *s, const mw_table *t)
{
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	s->table = t;
	if (!t)
		return;
	s->columns = mw_xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof(*s->columns));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->ncolumns; i++) {
			if (in_pk_exact_lower(t, t->columns[i].name) != (pass == 0))
				continue;
			s->columns[n] = t->columns[i];
			if (in_pk_nocase(t, t->columns[i].name))
				s->columns[n].notnull = true;
			n++;
		}
	}
	s->ncolumns = n;
	s->pk.name = primary_name;
	s->pk.columns = t->pk;
	s->pk.ncolumns = t->npk;
	s->pk.unique = true;
}

/* A name as DBAL keys it: lower case (identifiers are ASCII). */
static char *
fold_lower(const char *name)
{
	char *k = mw_xstrdup(name);

	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return k;
}

/* Each name to its first item, as a search from the start finds it. */
static void
name_index_add(struct mw_gen_names *x, const char *name, const void *value)
{
	mw_gen_names_put(x, fold_lower(name), value, false);
}

static const void *
name_index_get(const struct mw_gen_names *x, const char *name)
{
	char *k = fold_lower(name);
	const void *v = mw_gen_names_get(x, k);

	free(k);
	return v;
}

static void
side_names_init(struct mw_gen_names *x, const mw_diff_side *s)
{
	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < s->ncolumns; i++)
		name_index_add(x, s->columns[i].name, &s->columns[i]);
}

static const mw_column *
side_column(const struct mw_gen_names *x, const char *name)
{
	return name_index_get(x, name);
}

static void
push(mw_table_diff *d, mw_diff_kind kind, const char *name, const char *old_name)
{
	mw_diff_item *it;

	if (d->nitems == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->items = mw_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->name = name;
	it->old_name = old_name ? old_name : name;
}

/*
 * Columns
 */


/* AbstractPlatform::columnsEqual(): same rendered declaration (and type on PostgreSQL). */
static bool
columns_equal(const mw_column *a, const mw_column *b, mw_dbms dbms)
{
	mw_buf x = MW_BUF_INIT, y = MW_BUF_INIT;
	bool eq;

	if (dbms == MW_DBMS_POSTGRES && a->type != b->type)
		return false;
	mw_gen_create_decl(&x, a, dbms);
	mw_gen_create_decl(&y, b, dbms);
	eq = x.len == y.len && !memcmp(mw_buf_cstr(&x), mw_buf_cstr(&y), x.len);
	mw_buf_release(&x);
	mw_buf_release(&y);
	return eq;
}

static bool
php_truthy(const mw_value *v)
{
	if (v->kind == MW_V_STRING)
		return *v->text && strcmp(v->text, "0");
	if (v->kind == MW_V_BOOL)
		return *v->text == '1';
	return strtod(v->text, NULL) != 0;
}

/* PHP 8's `==` between two non-null JSON scalars. */
static bool
php_loose_equal(const mw_value *a, const mw_value *b)
{
	bool anum = a->kind == MW_V_INT || a->kind == MW_V_REAL;
	bool bnum = b->kind == MW_V_INT || b->kind == MW_V_REAL;

	if (a->kind == MW_V_BOOL || b->kind == MW_V_BOOL)
		return php_truthy(a) == php_truthy(b);
	if ((anum || mw_gen_php_is_numeric(a->text)) && (bnum || mw_gen_php_is_numeric(b->text)) &&
	    (anum || bnum || a->kind == b->kind))
		return strtod(a->text, NULL) == strtod(b->text, NULL);
	return !strcmp(a->text, b->text);
}

static bool
value_is_null(const mw_value *v)
{
	return v->kind == MW_V_NONE || v->kind == MW_V_NULL;
}

static unsigned
column_changes(const mw_column *a, const mw_column *b)
{
	unsigned ch = 0;

	ch |= a->type != b->type ? MW_COLCH_TYPE : 0;
	/* Comparator::diffColumn() looks at these only for the old column's type family. */
	if (a->type == MW_T_STRING || a->type == MW_T_BINARY) {
		ch |= (a->has_length ? a->length : 255) != (b->has_length ? b->length : 255)
		      ? MW_COLCH_LENGTH : 0;
		ch |= a->fixed != b->fixed ? MW_COLCH_FIXED : 0;
	}
	if (a->type == MW_T_DECIMAL) {
		ch |= a->precision != b->precision ? MW_COLCH_PRECISION : 0;
		ch |= a->scale != b->scale ? MW_COLCH_SCALE : 0;
	}
	ch |= a->notnull != b->notnull ? MW_COLCH_NOTNULL : 0;
	ch |= a->is_unsigned != b->is_unsigned ? MW_COLCH_UNSIGNED : 0;
	ch |= a->autoincrement != b->autoincrement ? MW_COLCH_AUTOINCREMENT : 0;
	if (value_is_null(&a->deflt) != value_is_null(&b->deflt) ||
	    (!value_is_null(&a->deflt) && !php_loose_equal(&a->deflt, &b->deflt)))
		ch |= MW_COLCH_DEFAULT;
	if (a->allow_infinite != b->allow_infinite || a->version != b->version ||
	    a->double_precision != b->double_precision ||
	    !mw_strv_equal(a->enum_values, a->n_enum_values, b->enum_values, b->n_enum_values))
		ch |= MW_COLCH_PLATFORM;
	return ch;
}

/* SqlitePlatform::getSimpleAlterTableSQL() ignores these changes of auto-increment columns. */
static bool
sqlite_ignores(const mw_column *old, const mw_column *new, unsigned ch)
{
	if (!new->autoincrement || new->type != MW_T_INTEGER)
		return false;
	if (!(ch & MW_COLCH_TYPE) && (ch & MW_COLCH_UNSIGNED))
		return true;
	return old->type == MW_T_SMALLINT || old->type == MW_T_BIGINT;
}

static void
diff_columns(mw_table_diff *d)
{
	const mw_diff_side *b = &d->before, *a = &d->after;
	size_t first_add = d->nitems, nadd, first_drop, ndrop;
	size_t *match;
	int *count;
	bool *gone;
	struct mw_gen_names bn, an;

	side_names_init(&bn, b);
	side_names_init(&an, a);
	for (size_t i = 0; i < a->ncolumns; i++) {
		if (side_column(&bn, a->columns[i].name))
			continue;
		push(d, MW_DIFF_COLUMN_ADD, a->columns[i].name, NULL);
		d->items[d->nitems - 1].new_col = &a->columns[i];
	}
	nadd = d->nitems - first_add;
	first_drop = d->nitems;
	for (size_t i = 0; i < b->ncolumns; i++) {
		if (side_column(&an, b->columns[i].name))
			continue;
		push(d, MW_DIFF_COLUMN_DROP, b->columns[i].name, NULL);
		d->items[d->nitems - 1].old_col = &b->columns[i];
	}
	ndrop = d->nitems - first_drop;
	for (size_t i = 0; i < b->ncolumns; i++) {
		const mw_column *old = &b->columns[i], *new = side_column(&an, old->name);
		unsigned ch;

		if (!new || columns_equal(old, new, d->dbms))
			continue;
		ch = column_changes(old, new);
		if (d->dbms == MW_DBMS_SQLITE && sqlite_ignores(old, new, ch))
			continue;
		push(d, MW_DIFF_COLUMN_MODIFY, old->name, NULL);
		d->items[d->nitems - 1].old_col = old;
		d->items[d->nitems - 1].new_col = new;
		d->items[d->nitems - 1].col_changes = ch;
	}
	mw_gen_names_clear(&bn);
	mw_gen_names_clear(&an);

	/* Comparator::detectRenamedColumns(): a unique equal dropped column. */
	match = mw_xcalloc(nadd + 1, sizeof(*match));
	count = mw_xcalloc(nadd + 1, sizeof(*count));
	gone = mw_xcalloc(nadd + ndrop + 1, sizeof(*gone));
	for (size_t i = 0; i < nadd; i++) {
		for (size_t j = 0; j < ndrop; j++) {
			if (!columns_equal(d->items[first_add + i].new_col,
					   d->items[first_drop + j].old_col, d->dbms))
				continue;
			count[i]++;
			match[i] = j;
		}
	}
	for (size_t i = 0; i < nadd; i++) {
		mw_diff_item *add = &d->items[first_add + i];
		mw_diff_item *drop = &d->items[first_drop + match[i]];

		if (count[i] != 1 || gone[nadd + match[i]])
			continue;
		gone[i] = gone[nadd + match[i]] = true;
		push(d, MW_DIFF_COLUMN_RENAME, add->name, drop->name);
		/* push may move the array */
		add = &d->items[first_add + i];
		drop = &d->items[first_drop + match[i]];
		d->items[d->nitems - 1].new_col = add->new_col;
		d->items[d->nitems - 1].old_col = drop->old_col;
	}
	/* Squeeze out the paired additions and drops, keeping the order. */
	{
		size_t w = first_add;

		for (size_t r = first_add; r < d->nitems; r++) {
			size_t k = r - first_add;

			if (k < nadd + ndrop && gone[k])
				continue;
			d->items[w++] = d->items[r];
		}
		d->nitems = w;
	}
	free(match);
	free(count);
	free(gone);
}

/*
 * Indexes
 */

struct dix {
	const mw_index *ix;
	bool primary;
};

/* The side's indexes in DBAL's order: JSON order, then the primary key. */
static size_t
side_indexes(const mw_diff_side *s, struct dix *out)
{
	size_t n = 0;

	if (!s->table)
		return 0;
	for (size_t i = 0; i < s->table->nindexes; i++)
		out[n++] = (struct dix){ &s->table->indexes[i], false };
	if (s->pk.ncolumns)
		out[n++] = (struct dix){ &s->pk, true };
	return n;
}

/* A side's indexes by name, and its primary key (which DBAL names "primary"). */
struct dix_index {
	struct mw_gen_names names;
	const struct dix *primary;
};

static void
dix_index_init(struct dix_index *x, const struct dix *v, size_t n)
{
	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < n; i++)
		if (!v[i].primary)
			name_index_add(&x->names, v[i].ix->name, &v[i]);
		else if (!x->primary)
			x->primary = &v[i];
}

static const struct dix *
find_dix(const struct dix_index *x, const struct dix *like)
{
	return like->primary ? x->primary : name_index_get(&x->names, like->ix->name);
}

static bool
same_lengths(const mw_index *a, const mw_index *b)
{
	size_t n = a->nlengths > b->nlengths ? a->nlengths : b->nlengths;

	for (size_t i = 0; i < n; i++) {
		long long x = i < a->nlengths && a->lengths ? a->lengths[i] : -1;
		long long y = i < b->nlengths && b->lengths ? b->lengths[i] : -1;

		if (x != y)
			return false;
	}
	return true;
}

/* Index::isFulfilledBy() */
static bool
fulfilled_by(const struct dix *self, const struct dix *other)
{
	const mw_index *s = self->ix, *o = other->ix;

	if (s->ncolumns != o->ncolumns)
		return false;
	for (size_t i = 0; i < s->ncolumns; i++)
		if (strcasecmp(s->columns[i], o->columns[i]))
			return false;
	if ((s->where != NULL) != (o->where != NULL) || (s->where && strcmp(s->where, o->where)))
		return false;
	if (!same_lengths(s, o))
		return false;
	if (!s->unique && !self->primary)
		return true;
	return other->primary == self->primary && o->unique == s->unique;
}

static bool
indexes_equal(const struct dix *a, const struct dix *b)
{
	return fulfilled_by(a, b) && fulfilled_by(b, a);
}

static void
push_index(mw_table_diff *d, mw_diff_kind kind, const struct dix *old, const struct dix *new)
{
	const struct dix *any = new ? new : old;

	if (any->primary)
		kind = kind == MW_DIFF_INDEX_ADD ? MW_DIFF_PK_ADD
		       : kind == MW_DIFF_INDEX_DROP ? MW_DIFF_PK_DROP : MW_DIFF_PK_MODIFY;
	push(d, kind, any->ix->name, old ? old->ix->name : NULL);
	d->items[d->nitems - 1].old_index = old ? old->ix : NULL;
	d->items[d->nitems - 1].new_index = new ? new->ix : NULL;
}

struct index_lists {
	struct dix *added, *dropped;
	size_t nadded, ndropped;
	bool *added_gone, *dropped_gone;
};

/* Comparator::detectRenamedIndexes() */
static void
detect_index_renames(mw_table_diff *d, struct index_lists *l)
{
	for (size_t i = 0; i < l->nadded; i++) {
		size_t hits = 0, m = 0;

		for (size_t j = 0; j < l->ndropped; j++) {
			if (indexes_equal(&l->added[i], &l->dropped[j])) {
				hits++;
				m = j;
			}
		}
		if (hits != 1 || l->dropped_gone[m])
			continue;
		l->added_gone[i] = l->dropped_gone[m] = true;
		push_index(d, MW_DIFF_INDEX_RENAME, &l->dropped[m], &l->added[i]);
	}
}

static void
diff_indexes(mw_table_diff *d)
{
	size_t cap = 2 + (d->before.table ? d->before.table->nindexes : 0) +
		     (d->after.table ? d->after.table->nindexes : 0);
	struct dix *bv = mw_xcalloc(cap, sizeof(*bv)), *av = mw_xcalloc(cap, sizeof(*av));
	size_t nb = side_indexes(&d->before, bv), na = side_indexes(&d->after, av);
	struct index_lists l = { mw_xcalloc(cap, sizeof(struct dix)),
				 mw_xcalloc(cap, sizeof(struct dix)), 0, 0,
				 mw_xcalloc(cap, sizeof(bool)), mw_xcalloc(cap, sizeof(bool)) };
	mw_table_diff renames = MW_TABLE_DIFF_INIT;
	struct dix_index bx, ax;

	dix_index_init(&bx, bv, nb);
	dix_index_init(&ax, av, na);
	for (size_t i = 0; i < na; i++)
		if (!find_dix(&bx, &av[i]))
			l.added[l.nadded++] = av[i];
	for (size_t i = 0; i < nb; i++)
		if (!find_dix(&ax, &bv[i]))
			l.dropped[l.ndropped++] = bv[i];
	detect_index_renames(&renames, &l);

	for (size_t i = 0; i < l.nadded; i++)
		if (!l.added_gone[i])
			push_index(d, MW_DIFF_INDEX_ADD, NULL, &l.added[i]);
	for (size_t i = 0; i < l.ndropped; i++)
		if (!l.dropped_gone[i])
			push_index(d, MW_DIFF_INDEX_DROP, &l.dropped[i], NULL);
	for (size_t i = 0; i < nb; i++) {
		const struct dix *to = find_dix(&ax, &bv[i]);

		if (to && !indexes_equal(&bv[i], to))
			push_index(d, MW_DIFF_INDEX_MODIFY, &bv[i], to);
	}
	for (size_t i = 0; i < renames.nitems; i++) {
		push(d, MW_DIFF_INDEX_RENAME, renames.items[i].name, renames.items[i].old_name);
		d->items[d->nitems - 1].old_index = renames.items[i].old_index;
		d->items[d->nitems - 1].new_index = renames.items[i].new_index;
	}
	mw_gen_names_clear(&bx.names);
	mw_gen_names_clear(&ax.names);
	free(renames.items);
	free(l.added);
	free(l.dropped);
	free(l.added_gone);
	free(l.dropped_gone);
	free(bv);
	free(av);
}

int
mw_table_diff_compute(mw_table_diff *out, const mw_table *before, const mw_table *after,
		      mw_dbms dbms)
{
	memset(out, 0, sizeof(*out));
	out->dbms = dbms;
	if (dbms < MW_DBMS__COUNT)
		atomic_fetch_add_explicit(&diffs_computed, 1, memory_order_relaxed);
	if (before && after && strcasecmp(before->name, after->name)) {
		/* Not the same table: DBAL creates the new one and drops the old. */
		mw_diff_side_init(&out->after, after);
		mw_diff_side_init(&out->before, before);
		push(out, MW_DIFF_TABLE_CREATE, after->name, NULL);
		push(out, MW_DIFF_TABLE_DROP, before->name, NULL);
		return 0;
	}
	mw_diff_side_init(&out->before, before);
	mw_diff_side_init(&out->after, after);
	if (!before && after)
		push(out, MW_DIFF_TABLE_CREATE, after->name, NULL);
	else if (before && !after)
		push(out, MW_DIFF_TABLE_DROP, before->name, NULL);
	if (!before || !after)
		return 0;
	diff_columns(out);
	diff_indexes(out);
	return 0;
}

void
mw_diff_side_clear(mw_diff_side *s)
{
	free(s->columns);
	memset(s, 0, sizeof(*s));
}

void
mw_table_diff_clear(mw_table_diff *d)
{
	if (!d)
		return;
	mw_diff_side_clear(&d->before);
	mw_diff_side_clear(&d->after);
	free(d->items);
	memset(d, 0, sizeof(*d));
}

bool
mw_table_diff_is_empty(const mw_table_diff *d)
{
	return d->nitems == 0;
}

size_t
mw_table_diff_count(const mw_table_diff *d, mw_diff_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nitems; i++)
		n += d->items[i].kind == kind;
	return n;
}

const mw_diff_item *
mw_table_diff_find(const mw_table_diff *d, mw_diff_kind kind)
{
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == kind)
			return &d->items[i];
	return NULL;
}

const char *
mw_diff_kind_name(mw_diff_kind kind)
{
	static const char *const names[MW_DIFF__COUNT] = {
		[MW_DIFF_TABLE_CREATE] = "create-table",
		[MW_DIFF_TABLE_DROP] = "drop-table",
		[MW_DIFF_COLUMN_ADD] = "add-column",
		[MW_DIFF_COLUMN_DROP] = "drop-column",
		[MW_DIFF_COLUMN_MODIFY] = "modify-column",
		[MW_DIFF_COLUMN_RENAME] = "rename-column",
		[MW_DIFF_INDEX_ADD] = "add-index",
		[MW_DIFF_INDEX_DROP] = "drop-index",
		[MW_DIFF_INDEX_MODIFY] = "modify-index",
		[MW_DIFF_INDEX_RENAME] = "rename-index",
		[MW_DIFF_PK_ADD] = "add-primary-key",
		[MW_DIFF_PK_DROP] = "drop-primary-key",
		[MW_DIFF_PK_MODIFY] = "modify-primary-key",
	};

	return (unsigned)kind < MW_DIFF__COUNT ? names[kind] : "?";
}

/*
 * Summary over the platforms
 */

static const mw_column *
remap_col(const mw_column *c, const mw_table_diff *from, const mw_table_diff *to)
{
	if (!c)
		return NULL;
	if (c >= from->before.columns && c < from->before.columns + from->before.ncolumns)
		return to->before.columns + (c - from->before.columns);
	return to->after.columns + (c - from->after.columns);
}

static const mw_index *
remap_index(const mw_index *ix, const mw_table_diff *from, const mw_table_diff *to)
{
	if (ix == &from->before.pk)
		return &to->before.pk;
	if (ix == &from->after.pk)
		return &to->after.pk;
	return ix;
}

static bool
has_item(const mw_table_diff *d, const mw_diff_item *it)
{
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == it->kind && !strcmp(d->items[i].name, it->name) &&
		    !strcmp(d->items[i].old_name, it->old_name))
			return true;
	return false;
}

int
mw_table_diff_merge(mw_table_diff *out, const mw_table_diff per[MW_DBMS__COUNT])
{
	memset(out, 0, sizeof(*out));
	out->dbms = MW_DBMS__COUNT;
	mw_diff_side_init(&out->before, per[0].before.table);
	mw_diff_side_init(&out->after, per[0].after.table);
	for (int p = 0; p < MW_DBMS__COUNT; p++) {
		const mw_table_diff *d = &per[p];

		for (size_t i = 0; i < d->nitems; i++) {
			mw_diff_item it = d->items[i];

			if (has_item(out, &it))
				continue;
			push(out, it.kind, it.name, it.old_name);
			it.old_col = remap_col(it.old_col, d, out);
			it.new_col = remap_col(it.new_col, d, out);
			it.old_index = remap_index(it.old_index, d, out);
			it.new_index = remap_index(it.new_index, d, out);
			out->items[out->nitems - 1] = it;
		}
	}
	return 0;
}

int
mw_table_diff_summary(mw_table_diff *out, const mw_table *before, const mw_table *after)
{
	mw_table_diff per[MW_DBMS__COUNT];

	for (int p = 0; p < MW_DBMS__COUNT; p++)
		mw_table_diff_compute(&per[p], before, after, (mw_dbms)p);
	mw_table_diff_merge(out, per);
	for (int p = 0; p < MW_DBMS__COUNT; p++)
		mw_table_diff_clear(&per[p]);
	return 0;
}
