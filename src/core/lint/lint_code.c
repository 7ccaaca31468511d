/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * code-still-uses: a change that drops or renames a column, an index or a
 * table, set against the checkout's PHP (mwschema/code.h). Each remaining
 * use is a finding at its file:line:column; tests/ only inform.
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/code.h"
#include "mwschema/diff.h"

#include <stdlib.h>
#include <string.h>

/* A name the change takes away, and what replaces it (renames). */
struct gone {
	const char *name;
	const char *new_name;	/* NULL: dropped */
	mw_code_what what;
};

struct gone_list {
	struct gone *v;
	size_t n;
};

static void
add_gone(struct gone_list *l, const char *name, const char *new_name, mw_code_what what)
{
	l->v = mw_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct gone){ name, new_name, what };
}

/* A dropped table takes its columns and indexes with it. */
static void
table_gone(struct gone_list *l, const mw_table *t)
{
	add_gone(l, t->name, NULL, MW_CODE_TABLE);
	for (size_t i = 0; i < t->ncolumns; i++)
		add_gone(l, t->columns[i].name, NULL, MW_CODE_COLUMN);
	for (size_t i = 0; i < t->nindexes; i++)
		add_gone(l, t->indexes[i].name, NULL, MW_CODE_INDEX);
}

static void
items_gone(struct gone_list *l, const mw_table_diff *sum)
{
	for (size_t i = 0; i < sum->nitems; i++) {
		const mw_diff_item *it = &sum->items[i];

		if (it->kind == MW_DIFF_COLUMN_DROP)
			add_gone(l, it->name, NULL, MW_CODE_COLUMN);
		else if (it->kind == MW_DIFF_COLUMN_RENAME)
			add_gone(l, it->old_name, it->name, MW_CODE_COLUMN);
		else if (it->kind == MW_DIFF_INDEX_DROP)
			add_gone(l, it->name, NULL, MW_CODE_INDEX);
		else if (it->kind == MW_DIFF_INDEX_RENAME)
			add_gone(l, it->old_name, it->name, MW_CODE_INDEX);
	}
}

/*
 * What the change takes away. An altered table's drops and renames come
 * from the change's plan when the caller has one (the model computed
 * once), else from a summary diff made here into `own`.
 */
static void
collect_gone(struct gone_list *l, mw_table_diff *own, const mw_change *c,
	     const mw_change_plan *plan)
{
	if (!c->before)
		return;
	if (!c->after) {
		table_gone(l, c->before);
	} else if (strcmp(c->before->name, c->after->name)) {
		/* the generator creates the new table and drops the old one */
		add_gone(l, c->before->name, c->after->name, MW_CODE_TABLE);
	} else if (plan) {
		items_gone(l, &plan->summary);
	} else {
		mw_table_diff_summary(own, c->before, c->after);
		items_gone(l, own);
	}
}

bool
mw_lint_needs_code(const mw_lint *lint, const mw_doc *doc, const mw_change_plan *plan)
{
	struct gone_list l = { NULL, 0 };
	mw_table_diff sum = MW_TABLE_DIFF_INIT;
	bool needs;

	if (!doc || doc->kind != MW_DOC_CHANGE || !lint_rule_enabled(lint, LR_CODE_STILL_USES))
		return false;
	collect_gone(&l, &sum, &doc->change, plan);
	needs = l.n > 0;
	free(l.v);
	mw_table_diff_clear(&sum);
	return needs;
}

static const char *
what_name(mw_code_what what)
{
	return what == MW_CODE_TABLE ? "table" : what == MW_CODE_INDEX ? "index" : "column";
}

/* " (in ->where())", " (as $row->x)": where in the code the name sits. */
static void
describe_use(mw_buf *out, const mw_code_use *u, const char *name)
{
	if (u->form == MW_CODE_PROPERTY)
		mw_buf_addf(out, " (as ->%s of a row)", name);
	else if (u->call)
		mw_buf_addf(out, " (in %s()%s)", u->call,
			    u->form == MW_CODE_KEY ? ", as a key" :
			    u->form == MW_CODE_SQL ? ", in a string" : "");
	else if (u->form == MW_CODE_KEY)
		mw_buf_adds(out, " (as an array key)");
	else if (u->form == MW_CODE_SQL)
		mw_buf_adds(out, " (in a string)");
}

static char *
hint_for(const struct gone *g, const mw_code_use *u)
{
	if (u->in_tests)
		return mw_strdupf("update the test along with the change");
	if (!g->new_name)
		return mw_strdupf("stop using '%s' in the code first; the change may only come once "
				  "the code deployed before it does not need the %s", g->name,
				  what_name(g->what));
	if (g->what == MW_CODE_COLUMN)
		return mw_strdupf("write both '%s' and '%s' first, then read '%s'; drop '%s' in a "
				  "later change", g->name, g->new_name, g->new_name, g->name);
	if (g->what == MW_CODE_INDEX)
		return mw_strdupf("change the index hint to '%s' (or remove it) before the rename",
				  g->new_name);
	return mw_strdupf("add '%s' first and write to both tables; switch reads, then drop '%s' "
			  "in a later change", g->new_name, g->name);
}

static void
report_use(struct lint_ctx *ctx, const struct gone *g, const mw_code_use *u)
{
	mw_severity sev = g->new_name ? MW_SEV_WARNING : MW_SEV_ERROR;
	mw_buf msg = MW_BUF_INIT;
	char *hint = hint_for(g, u);

	if (u->in_tests)
		sev = MW_SEV_INFO;
	mw_buf_addf(&msg, "%s '%s' is %s by %s but ", what_name(g->what), g->name,
		    g->new_name ? "renamed" : "dropped", ctx->file ? ctx->file : "this change");
	mw_buf_adds(&msg, u->in_tests ? "a test still uses it" : "the code still uses it");
	describe_use(&msg, u, g->name);
	lint_report_elsewhere(ctx, sev, u->file, u->line, u->column, hint, "%s",
			      mw_buf_cstr(&msg));
	mw_buf_release(&msg);
	free(hint);
}

void
check_code_still_uses(struct lint_ctx *ctx)
{
	struct gone_list l = { NULL, 0 };
	mw_table_diff sum = MW_TABLE_DIFF_INIT;

	if (!ctx->others || !ctx->others->code)
		return;
	collect_gone(&l, &sum, ctx->change, ctx->plan);
	for (size_t i = 0; i < l.n; i++) {
		mw_code_use *uses;
		size_t n = mw_code_uses(ctx->others->code, l.v[i].name, l.v[i].what, &uses);

		for (size_t k = 0; k < n; k++)
			report_use(ctx, &l.v[i], &uses[k]);
		free(uses);
	}
	free(l.v);
	mw_table_diff_clear(&sum);
}
