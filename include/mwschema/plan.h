/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one analysis of a schema change: built once from (before, after,
 * label), read by everything that shows, checks or writes the change (the
 * editor's previews, lint's change rules, review, drift).
 *
 *	mw_change_plan plan;
 *
 *	mw_change_plan_build(&plan, before, after, "sql/abstractSchemaChanges/patch-x.json");
 *	if (!plan.nochange[MW_DBMS_MYSQL])
 *		write(plan.sql[MW_DBMS_MYSQL]);
 *	mw_change_plan_clear(&plan);
 *
 * Building it diffs each platform once and generates each platform's SQL
 * once; the rollback is generated only when asked for. The plan borrows
 * `before` and `after`: they must outlive it.
 *
 * Also here: the policy's name for a change (patch-<table>-<field>), the
 * one rule the editor proposes, lint checks and the tutorial teaches.
 */
#ifndef MWSCHEMA_PLAN_H
#define MWSCHEMA_PLAN_H

#include <stdbool.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diff.h"
#include "mwschema/model.h"
#include "mwschema/updater.h"

typedef struct mw_change_plan {
	const mw_table *before;			/* borrowed; NULL: the change creates the table */
	const mw_table *after;			/* borrowed; NULL: the change drops it */
	char *label;				/* the "-- Source:" label, NULL = none */
	mw_table_diff diff[MW_DBMS__COUNT];	/* what each platform sees */
	mw_table_diff summary;			/* their union (mw_table_diff_merge) */
	mw_buf sql[MW_DBMS__COUNT];		/* the patch file; empty when nochange */
	bool nochange[MW_DBMS__COUNT];		/* the platform sees no difference */
	bool has_entry;				/* false only for an empty change */
	mw_updater_entry entry;			/* its patch is the label's SQL file name */
	char *name;				/* the policy's name (mw_change_name) */
} mw_change_plan;

/*
 * Analyses the change from `before` to `after` (either may be NULL, not
 * both). `label` is the change file's path as MediaWiki spells it in the
 * generated header, e.g. "sql/abstractSchemaChanges/patch-x.json"; NULL
 * for none (the entry's patch then follows the policy's name). Returns 0.
 */
int mw_change_plan_build(mw_change_plan *out, const mw_table *before, const mw_table *after,
			 const char *label);
void mw_change_plan_clear(mw_change_plan *plan);

/* True when no platform sees a difference (MediaWiki rejects such a change). */
bool mw_change_plan_is_empty(const mw_change_plan *plan);

/*
 * The rollback of the change on `dbms` as a complete file (mw_gen_rollback
 * with the plan's diffs): 0, or MW_GEN_NOCHANGE with `out` untouched.
 */
int mw_change_plan_rollback(mw_buf *out, const mw_change_plan *plan, mw_dbms dbms,
			    unsigned flags);

/*
 * The policy's name for a change, from what it does (the updater entry's
 * verb): patch-<table> creates a table, patch-drop-<table> drops one,
 * patch-<table>-<field> adds or changes a field or an index (the new name
 * for a renamed index), patch-drop-<table>-<field> drops one, and
 * patch-<table>-pk changes the primary key. Without a .json; caller frees.
 */
char *mw_change_name(const mw_table *before, const mw_table *after);

/*
 * Whether file name `base` (no directory, no ".json") says what the change
 * does: it names the table after "patch-" or "patch-drop-", and a drop says
 * "drop". Lint's patch-name rule; both of MediaWiki's spellings of a drop
 * (patch-drop-<table>-<field> and patch-<table>-drop-<field>) pass.
 */
bool mw_change_name_fits(const char *base, const mw_table *before, const mw_table *after);

#endif /* MWSCHEMA_PLAN_H */
