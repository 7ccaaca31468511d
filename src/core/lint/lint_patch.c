/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Change rules about the patch as a whole: its file name (the policy's
 * name rule, plan.h), and whether the generator produces SQL for it on
 * each DBMS.
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/fs.h"
#include "mwschema/plan.h"

#include <stdlib.h>
#include <string.h>

void
check_patch_name(struct lint_ctx *ctx)
{
	const mw_change *ch = ctx->change;
	char *base;
	size_t n;

	if (!ctx->file || (!ch->before && !ch->after))
		return;
	base = mw_path_basename(ctx->file);
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json")) {
		base[n - 5] = '\0';
		if (!mw_change_name_fits(base, ch->before, ch->after))
			lint_report(ctx, "", NULL,
				    "file name '%s' does not say what the change does; "
				    "suggested: %s.json",
				    base, ctx->plan->name);
	}
	free(base);
}

/* Equal up to comments and column/index order: no DBMS can see a difference. */
static bool
same_structure(const mw_table *b, const mw_table *a)
{
	if (strcmp(a->name, b->name) || a->ncolumns != b->ncolumns || a->nindexes != b->nindexes ||
	    a->npk != b->npk || a->ntable_options != b->ntable_options)
		return false;
	for (size_t i = 0; i < a->ncolumns; i++) {
		const mw_column *c = mw_table_column(b, a->columns[i].name);
		mw_column tmp;

		if (!c)
			return false;
		tmp = *c;
		tmp.comment = a->columns[i].comment;
		if (!mw_column_equal(&tmp, &a->columns[i]))
			return false;
	}
	for (size_t i = 0; i < a->nindexes; i++) {
		const mw_index *x = mw_table_index(b, a->indexes[i].name);
		mw_index tmp;

		if (!x)
			return false;
		tmp = *x;
		tmp.comment = a->indexes[i].comment;
		if (!mw_index_equal(&tmp, &a->indexes[i]))
			return false;
	}
	for (size_t i = 0; i < a->npk; i++)
		if (strcmp(a->pk[i], b->pk[i]))
			return false;
	for (size_t i = 0; i < a->ntable_options; i++)
		if (strcmp(a->table_options[i], b->table_options[i]))
			return false;
	return true;
}

void
check_no_sql(struct lint_ctx *ctx)
{
	const mw_change *ch = ctx->change;
	mw_buf none = MW_BUF_INIT;
	int silent = 0;

	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		if (!ctx->plan->nochange[d])
			continue;
		mw_buf_addf(&none, "%s%s", none.len ? ", " : "", mw_dbms_title((mw_dbms)d));
		silent++;
	}
	if (silent == MW_DBMS__COUNT ||
	    (ch->before && ch->after && same_structure(ch->before, ch->after)))
		lint_report(ctx, "", "change something, or drop the file",
			    "the change produces no SQL on any DBMS; MediaWiki rejects an empty "
			    "change");
	else if (silent)
		lint_report(ctx, "", "write no patch file and no updater entry for it",
			    "the change produces no SQL on %s", mw_buf_cstr(&none));
	mw_buf_release(&none);
}
