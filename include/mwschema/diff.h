/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Differences between two snapshots of one table, as a platform sees them
 * (Doctrine DBAL's comparator, spec §6.4): the input of the ALTER
 * generators, of lint's rename/destructive rules and of the UI's previews.
 * (The updater verb is chosen platform-independently in updater.h.)
 *
 * A diff borrows `before` and `after`: they must outlive it. Either may be
 * NULL ("{}" in a change file): the diff is then one TABLE_CREATE or
 * TABLE_DROP item. Two tables with different names give TABLE_CREATE for
 * `after` followed by TABLE_DROP for `before` (no rename support, as in
 * MediaWiki).
 *
 * Items come in the comparator's order, grouped by kind in this order:
 *   table create, table drop,
 *   column add (after's column order), column drop (before's order),
 *   column modify (before's order), column rename,
 *   index add (after's order; the primary key counts as an index named
 *   "primary" placed after the others), index drop (before's order),
 *   index modify (before's order), index rename.
 * Column orders are "primary-key columns first" (spec §6.1).
 *
 * Per platform means: a column is modified only when its rendered
 * declaration differs on that platform (plus, on PostgreSQL, its abstract
 * type), so e.g. binary(32) -> binary(64) is no change on PostgreSQL; on
 * SQLite, modifications of auto-increment integer columns that SQLite
 * ignores (signedness, smallint/bigint -> integer) are left out as well.
 */
#ifndef MWSCHEMA_DIFF_H
#define MWSCHEMA_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/dbms.h"
#include "mwschema/model.h"

typedef enum mw_diff_kind {
	MW_DIFF_TABLE_CREATE,
	MW_DIFF_TABLE_DROP,
	MW_DIFF_COLUMN_ADD,
	MW_DIFF_COLUMN_DROP,
	MW_DIFF_COLUMN_MODIFY,
	MW_DIFF_COLUMN_RENAME,
	MW_DIFF_INDEX_ADD,
	MW_DIFF_INDEX_DROP,
	MW_DIFF_INDEX_MODIFY,
	MW_DIFF_INDEX_RENAME,
	MW_DIFF_PK_ADD,		/* before had no primary key */
	MW_DIFF_PK_DROP,	/* after has no primary key */
	MW_DIFF_PK_MODIFY,	/* column list (or lengths) changed */
	MW_DIFF__COUNT
} mw_diff_kind;

/*
 * What changed in a modified column (DBAL's Comparator::diffColumn()):
 * length and fixed are compared only when the old type is string or
 * binary (absent length = 255), precision and scale only for decimal.
 */
enum mw_colch {
	MW_COLCH_TYPE = 1u << 0,	/* abstract type */
	MW_COLCH_LENGTH = 1u << 1,
	MW_COLCH_FIXED = 1u << 2,
	MW_COLCH_PRECISION = 1u << 3,
	MW_COLCH_SCALE = 1u << 4,
	MW_COLCH_DEFAULT = 1u << 5,	/* PHP loose comparison, null apart */
	MW_COLCH_NOTNULL = 1u << 6,
	MW_COLCH_UNSIGNED = 1u << 7,
	MW_COLCH_AUTOINCREMENT = 1u << 8,
	MW_COLCH_PLATFORM = 1u << 9,	/* PlatformOptions / enum values */
};

typedef struct mw_diff_item {
	mw_diff_kind kind;
	/*
	 * The object's name: the new name for renames and additions, the old
	 * one for drops; the table name for TABLE_*, "primary" for PK_*.
	 */
	const char *name;
	const char *old_name;		/* renames: the old name; else == name */
	const mw_column *old_col;	/* COLUMN_DROP/MODIFY/RENAME */
	const mw_column *new_col;	/* COLUMN_ADD/MODIFY/RENAME */
	const mw_index *old_index;	/* INDEX_DROP/MODIFY/RENAME, PK_DROP/MODIFY */
	const mw_index *new_index;	/* INDEX_ADD/MODIFY/RENAME, PK_ADD/MODIFY */
	unsigned col_changes;		/* COLUMN_MODIFY: enum mw_colch bits */
} mw_diff_item;

/* One table's snapshot as the generators see it. */
typedef struct mw_diff_side {
	const mw_table *table;		/* borrowed; NULL = no table */
	mw_column *columns;		/* PK-first order; PK columns forced NOT NULL
					   (shallow copies: strings are the table's) */
	size_t ncolumns;
	mw_index pk;			/* pseudo-index "primary" (unique); ncolumns 0 = none */
} mw_diff_side;

typedef struct mw_table_diff {
	mw_dbms dbms;
	mw_diff_side before, after;
	mw_diff_item *items;
	size_t nitems;
	size_t cap;
} mw_table_diff;

#define MW_TABLE_DIFF_INIT { MW_DBMS_MYSQL, { NULL, NULL, 0, { 0 } }, \
			     { NULL, NULL, 0, { 0 } }, NULL, 0, 0 }

/*
 * Computes the changes from `before` to `after` on `dbms` into *out (which
 * must be cleared with mw_table_diff_clear afterwards). Returns 0.
 */
int mw_table_diff_compute(mw_table_diff *out, const mw_table *before, const mw_table *after,
			  mw_dbms dbms);
void mw_table_diff_clear(mw_table_diff *d);
/*
 * How many per-platform diffs this process has computed: for benchmarks
 * and tests that check a piece of work diffs each platform once.
 */
unsigned long mw_table_diff_computed(void);

bool mw_table_diff_is_empty(const mw_table_diff *d);
size_t mw_table_diff_count(const mw_table_diff *d, mw_diff_kind kind);
/* The first item of `kind`, or NULL. */
const mw_diff_item *mw_table_diff_find(const mw_table_diff *d, mw_diff_kind kind);

/* A table as the generators see it (NULL gives an empty side); clear frees. */
void mw_diff_side_init(mw_diff_side *s, const mw_table *t);
void mw_diff_side_clear(mw_diff_side *s);

/* "add-column", "drop-index", "modify-primary-key", ... (stable ids). */
const char *mw_diff_kind_name(mw_diff_kind kind);

/*
 * The union over the three platforms: every item that any platform sees,
 * each (kind, name) once, in MySQL's order then PostgreSQL's then SQLite's;
 * its dbms is MW_DBMS__COUNT. What the UI and lint should show when no
 * platform is selected (e.g. a binary length change, which PostgreSQL
 * does not see, is still listed).
 */
int mw_table_diff_summary(mw_table_diff *out, const mw_table *before, const mw_table *after);
/* The same union from the three platforms' diffs already computed (no diff is redone). */
int mw_table_diff_merge(mw_table_diff *out, const mw_table_diff per[MW_DBMS__COUNT]);

#endif /* MWSCHEMA_DIFF_H */
