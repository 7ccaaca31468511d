/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The lint engine: the rule table, configuration, and running the rules of
 * the right scope over a document or an SQL file (see mwschema/lint.h).
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/fs.h"
#include "mwschema/plan.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const mw_lint_rule rules[] = {
#define R(e, id, sev, scope, fn, summary, text) \
	{ id, MW_SEV_##sev, MW_LINT_SCOPE_##scope, summary, text },
	MW_LINT_RULES(R)
#undef R
};

static void (*const checks[])(struct lint_ctx *) = {
#define R(e, id, sev, scope, fn, summary, text) fn,
	MW_LINT_RULES(R)
#undef R
};

static mw_report_rule report_rules[LR__COUNT];

struct ignore {
	char *rule;
	char *glob;
};

struct mw_lint {
	bool enabled[LR__COUNT];
	mw_severity severity[LR__COUNT];
	struct ignore *ignores;
	size_t nignores;
};

size_t
mw_lint_rule_count(void)
{
	return LR__COUNT;
}

const mw_lint_rule *
mw_lint_rule_at(size_t i)
{
	return i < LR__COUNT ? &rules[i] : NULL;
}

static int
rule_index(const char *id)
{
	for (int i = 0; i < LR__COUNT; i++)
		if (!strcmp(rules[i].id, id))
			return i;
	return -1;
}

const mw_lint_rule *
mw_lint_rule_find(const char *id)
{
	int i = rule_index(id);

	return i < 0 ? NULL : &rules[i];
}

const char *
mw_lint_scope_name(mw_lint_scope scope)
{
	return scope == MW_LINT_SCOPE_SCHEMA ? "schema" : scope == MW_LINT_SCOPE_CHANGE ? "change"
											: "sql";
}

const mw_report_rule *
mw_lint_report_rules(size_t *n)
{
	for (size_t i = 0; i < LR__COUNT; i++) {
		report_rules[i].id = rules[i].id;
		report_rules[i].summary = rules[i].summary;
		report_rules[i].explanation = rules[i].explanation;
		report_rules[i].severity = rules[i].severity;
	}
	*n = LR__COUNT;
	return report_rules;
}

mw_lint *
mw_lint_new(void)
{
	mw_lint *lint = mw_xcalloc(1, sizeof(*lint));

	for (size_t i = 0; i < LR__COUNT; i++) {
		lint->enabled[i] = true;
		lint->severity[i] = rules[i].severity;
	}
	return lint;
}

void
mw_lint_free(mw_lint *lint)
{
	if (!lint)
		return;
	for (size_t i = 0; i < lint->nignores; i++) {
		free(lint->ignores[i].rule);
		free(lint->ignores[i].glob);
	}
	free(lint->ignores);
	free(lint);
}

int
mw_lint_set_rule(mw_lint *lint, const char *id, bool enabled, mw_severity sev)
{
	int i = rule_index(id);

	if (i < 0)
		return -1;
	lint->enabled[i] = enabled;
	lint->severity[i] = sev;
	return 0;
}

void
mw_lint_ignore(mw_lint *lint, const char *rule, const char *glob)
{
	lint->ignores = mw_xrealloc(lint->ignores, (lint->nignores + 1) * sizeof(*lint->ignores));
	lint->ignores[lint->nignores].rule = mw_xstrdup(rule);
	lint->ignores[lint->nignores].glob = mw_xstrdup(glob);
	lint->nignores++;
}

/* `set lint.<rule> = off|info|warning|error`; returns false for a bad line. */
static bool
configure_rule(mw_lint *lint, const mw_rc_entry *e, mw_diags *diags)
{
	const char *id = e->argv[0] + strlen("lint.");
	const char *value = e->argv[1];
	mw_severity sev;

	if (rule_index(id) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, e->file, e->line, 0, NULL,
			     "run 'mwschema lint --list-rules' for the rule ids",
			     "unknown lint rule '%s'", id);
		return false;
	}
	if (!strcmp(value, "off"))
		return mw_lint_set_rule(lint, id, false, rules[rule_index(id)].severity) == 0;
	if (!mw_severity_from_name(value, &sev)) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, e->file, e->line, 0, NULL, NULL,
			     "lint.%s must be off, info, warning or error, not '%s'", id, value);
		return false;
	}
	return mw_lint_set_rule(lint, id, true, sev) == 0;
}

int
mw_lint_configure(mw_lint *lint, const mw_rc *rc, mw_diags *diags)
{
	int bad = 0;

	for (size_t i = 0; i < mw_rc_count(rc); i++) {
		const mw_rc_entry *e = mw_rc_entry_at(rc, i);

		if (e->cmd == MW_RC_SET && !strncmp(e->argv[0], "lint.", 5)) {
			bad += !configure_rule(lint, e, diags);
		} else if (e->cmd == MW_RC_LINT_IGNORE) {
			if (strcmp(e->argv[0], "*") && rule_index(e->argv[0]) < 0) {
				mw_diags_add(diags, MW_SEV_ERROR, NULL, e->file, e->line, 0, NULL,
					     NULL, "lint-ignore: unknown lint rule '%s'",
					     e->argv[0]);
				bad++;
				continue;
			}
			mw_lint_ignore(lint, e->argv[0], e->argv[1]);
		}
	}
	return bad;
}

/* A glob matches the path as given, without a leading "./", or its last component. */
static bool
ignored(const mw_lint *lint, const char *rule, const char *file)
{
	const char *plain = file, *base;

	if (!file)
		return false;
	while (!strncmp(plain, "./", 2))
		plain += 2;
	base = strrchr(plain, '/') ? strrchr(plain, '/') + 1 : plain;
	for (size_t i = 0; i < lint->nignores; i++) {
		const struct ignore *ig = &lint->ignores[i];

		if (strcmp(ig->rule, "*") && strcmp(ig->rule, rule))
			continue;
		if (!fnmatch(ig->glob, plain, 0) || !fnmatch(ig->glob, base, 0))
			return true;
	}
	return false;
}

static void
add_finding(struct lint_ctx *ctx, int line, int col, const char *path, const char *hint,
	    const char *fmt, va_list ap)
{
	mw_buf msg = MW_BUF_INIT;

	if (ignored(ctx->lint, rules[ctx->rule].id, ctx->file))
		return;
	mw_buf_vaddf(&msg, fmt, ap);
	mw_diags_add(ctx->out, ctx->lint->severity[ctx->rule], rules[ctx->rule].id, ctx->file,
		     line, col, path, hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
}

void
lint_report(struct lint_ctx *ctx, const char *path, const char *hint, const char *fmt, ...)
{
	int line = 0, col = 0;
	va_list ap;

	if (!path)
		path = ctx->tpath ? ctx->tpath : "";
	/* from the loaded tree when there is one: walking the text per finding
	   made a file with many findings cost the square of its size */
	if (!ctx->doc || mw_doc_locate(ctx->doc, path, &line, &col) < 0) {
		if (ctx->text)
			mw_lint_locate(&line, &col, ctx->text, ctx->len, path);
	}
	va_start(ap, fmt);
	add_finding(ctx, line, col, path, hint, fmt, ap);
	va_end(ap);
}

void
lint_report_at(struct lint_ctx *ctx, size_t offset, const char *hint, const char *fmt, ...)
{
	int line = 1, col = 1;
	va_list ap;

	for (size_t i = 0; i < offset && i < ctx->len; i++) {
		if (ctx->text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)ctx->text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	va_start(ap, fmt);
	add_finding(ctx, line, col, NULL, hint, fmt, ap);
	va_end(ap);
}

void
lint_report_elsewhere(struct lint_ctx *ctx, mw_severity sev, const char *file, int line,
		      int col, const char *hint, const char *fmt, ...)
{
	mw_severity cap = ctx->lint->severity[ctx->rule];
	mw_buf msg = MW_BUF_INIT;
	va_list ap;

	if (ignored(ctx->lint, rules[ctx->rule].id, file) ||
	    ignored(ctx->lint, rules[ctx->rule].id, ctx->file))
		return;
	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	mw_diags_add(ctx->out, sev < cap ? sev : cap, rules[ctx->rule].id, file, line, col, NULL,
		     hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
}

bool
lint_rule_enabled(const mw_lint *lint, enum lint_rule_index rule)
{
	return lint->enabled[rule];
}

char *
lint_item_path(const char *tpath, const char *array, size_t index, const char *suffix)
{
	return mw_strdupf("%s/%s/%zu%s", tpath ? tpath : "", array, index, suffix ? suffix : "");
}

static void
run_scope(struct lint_ctx *ctx, mw_lint_scope scope)
{
	for (int i = 0; i < LR__COUNT; i++) {
		if (rules[i].scope != scope || !ctx->lint->enabled[i])
			continue;
		ctx->rule = (enum lint_rule_index)i;
		checks[i](ctx);
	}
}

static bool
same_finding(const mw_diags *list, const mw_diag *d)
{
	for (size_t i = 0; i < list->n; i++)
		if (!strcmp(list->items[i].rule, d->rule) &&
		    !strcmp(list->items[i].message, d->message))
			return true;
	return false;
}

/*
 * Schema rules on a change's `after` side. Problems the table already had
 * in `before` are the table's, not the change's: repeating them in every
 * change file of the table would drown what the change introduces.
 */
static void
lint_after(struct lint_ctx *ctx)
{
	mw_diags old = MW_DIAGS_INIT, now = MW_DIAGS_INIT;
	mw_diags *out = ctx->out;

	if (!ctx->change->after)
		return;
	if (ctx->change->before) {
		ctx->out = &old;
		ctx->table = ctx->change->before;
		ctx->tpath = "/before";
		run_scope(ctx, MW_LINT_SCOPE_SCHEMA);
	}
	ctx->out = &now;
	ctx->table = ctx->change->after;
	ctx->tpath = "/after";
	run_scope(ctx, MW_LINT_SCOPE_SCHEMA);
	for (size_t i = 0; i < now.n; i++) {
		const mw_diag *d = &now.items[i];

		if (!same_finding(&old, d))
			mw_diags_add(out, d->severity, d->rule, d->file, d->line, d->column,
				     d->path, d->hint, "%s", d->message);
	}
	ctx->out = out;
	mw_diags_free(&old);
	mw_diags_free(&now);
}

void
mw_lint_others_add(mw_lint_others *others, const mw_schema *schema)
{
	others->schemas = mw_xrealloc(others->schemas, (others->n + 1) * sizeof(*others->schemas));
	others->schemas[others->n++] = schema;
}

void
mw_lint_others_release(mw_lint_others *others)
{
	free(others->schemas);
	others->schemas = NULL;
	others->n = 0;
}

void
mw_lint_change(mw_lint *lint, const mw_doc *doc, const mw_change_plan *plan,
	       const mw_lint_others *others, mw_diags *out)
{
	struct lint_ctx ctx = { .lint = lint, .others = others, .file = doc->label,
				.doc = doc, .text = doc->text, .len = doc->len, .out = out,
				.change = &doc->change, .plan = plan };

	run_scope(&ctx, MW_LINT_SCOPE_CHANGE);
	lint_after(&ctx);
	lint_names_free(ctx.names);
}

void
mw_lint_doc(mw_lint *lint, const mw_doc *doc, const mw_lint_others *others, mw_diags *out)
{
	struct lint_ctx ctx = { .lint = lint, .others = others, .file = doc->label,
				.doc = doc, .text = doc->text, .len = doc->len, .out = out };
	char path[32];

	if (doc->kind == MW_DOC_CHANGE) {
		mw_change_plan plan;

		mw_change_plan_build(&plan, doc->change.before, doc->change.after, doc->label);
		mw_lint_change(lint, doc, &plan, others, out);
		mw_change_plan_clear(&plan);
		return;
	}
	ctx.schema = &doc->schema;
	for (size_t i = 0; i < doc->schema.ntables; i++) {
		snprintf(path, sizeof(path), "/%zu", i);
		ctx.table = &doc->schema.tables[i];
		ctx.tpath = doc->kind == MW_DOC_TABLE ? "" : path;
		run_scope(&ctx, MW_LINT_SCOPE_SCHEMA);
	}
	lint_names_free(ctx.names);
}

void
mw_lint_sql(mw_lint *lint, const char *label, const char *text, size_t len, mw_diags *out)
{
	struct lint_ctx ctx = { .lint = lint, .file = label, .text = text, .len = len,
				.out = out };

	if (mw_lint_sql_is_generated(text, len))
		return;
	run_scope(&ctx, MW_LINT_SCOPE_SQL);
}

bool
mw_lint_sql_is_generated(const char *text, size_t len)
{
	static const char head[] = "-- This file is automatically generated";

	return len >= sizeof(head) - 1 && !memcmp(text, head, sizeof(head) - 1);
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

int
mw_lint_file(mw_lint *lint, const char *path, mw_diags *out)
{
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_doc *doc;

	if (has_suffix(path, ".sql")) {
		if (mw_read_file(&data, path, &err) < 0) {
			mw_diags_add(out, MW_SEV_ERROR, NULL, path, 0, 0, NULL, NULL, "%s",
				     mw_buf_cstr(&err));
			mw_buf_release(&err);
			return -1;
		}
		mw_lint_sql(lint, path, mw_buf_cstr(&data), data.len, out);
		mw_buf_release(&data);
		return 0;
	}
	if (mw_doc_load_file_flags(&doc, path, MW_LOAD_SHAPE_ONLY, out) < 0)
		return -1;
	mw_lint_doc(lint, doc, NULL, out);
	mw_doc_free(doc);
	return 0;
}
