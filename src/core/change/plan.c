/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building a change's plan (see mwschema/plan.h): each platform's diff,
 * their union, each platform's SQL from its diff, the updater entry and
 * the policy's name, all computed once.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/plan.h"

#include <stdlib.h>
#include <string.h>

/* The entry's patch: the label's generated file name, else the policy's name. */
static char *
patch_name(const mw_change_plan *p)
{
	if (p->label)
		return mw_gen_output_name(p->label, false, false);
	return mw_strdupf("%s.sql", p->name);
}

int
mw_change_plan_build(mw_change_plan *out, const mw_table *before, const mw_table *after,
		     const char *label)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };
	char *patch;

	memset(out, 0, sizeof(*out));
	out->before = before;
	out->after = after;
	out->label = label ? mw_xstrdup(label) : NULL;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_table_diff_compute(&out->diff[d], before, after, (mw_dbms)d);
		mw_buf_init(&out->sql[d]);
		out->nochange[d] = mw_gen_change_diff(&out->sql[d], &out->diff[d], label, 0) ==
				   MW_GEN_NOCHANGE;
	}
	mw_table_diff_merge(&out->summary, out->diff);
	out->name = mw_change_name(before, after);
	patch = patch_name(out);
	out->has_entry = mw_updater_entry_from_change(&out->entry, &change, patch) == 0;
	free(patch);
	return 0;
}

void
mw_change_plan_clear(mw_change_plan *plan)
{
	if (!plan)
		return;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_table_diff_clear(&plan->diff[d]);
		mw_buf_release(&plan->sql[d]);
	}
	mw_table_diff_clear(&plan->summary);
	mw_updater_entry_clear(&plan->entry);
	free(plan->label);
	free(plan->name);
	memset(plan, 0, sizeof(*plan));
}

bool
mw_change_plan_is_empty(const mw_change_plan *plan)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (!plan->nochange[d])
			return false;
	return true;
}

int
mw_change_plan_rollback(mw_buf *out, const mw_change_plan *plan, mw_dbms dbms, unsigned flags)
{
	mw_table_diff back;
	int rc;

	mw_table_diff_compute(&back, plan->after, plan->before, dbms);
	rc = mw_gen_rollback_diff(out, &back, &plan->summary, plan->label, flags);
	mw_table_diff_clear(&back);
	return rc;
}
