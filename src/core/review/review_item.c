/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checks of one review item (see mwschema/review.h): load the JSON as
 * the revision has it, generate, compare with the committed SQL, look for
 * the updater entries, lint, run the SQLite round trip, and see whether the
 * schema file followed the change.
 *
 * The comparison rules are MediaWiki's CI rules, as `mwschema check` applies
 * them to the work tree: whitespace-only differences are no drift, and a
 * change needs SQL for at least one platform, not all.
 */
#include <config.h>

#include "core/review/internal.h"
#include "mwschema/checkout.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/sqlfmt.h"
#include "mwschema/updater.h"

#include <stdlib.h>
#include <string.h>

/* Line `line` (1-based) of `text`, without its newline; "" past the end. */
static char *
line_at(const char *text, int line)
{
	for (int i = 1; i < line && text; i++)
		text = strchr(text, '\n') ? strchr(text, '\n') + 1 : NULL;
	return text ? mw_xstrndup(text, strcspn(text, "\n")) : mw_xstrdup("");
}

static void
compare_sql(mw_review_sql *s, const char *have, size_t hlen)
{
	size_t wlen = strlen(s->generated);
	int line;

	if (hlen == wlen && !memcmp(have, s->generated, wlen)) {
		s->sync = MW_REVIEW_SYNC_EQUAL;
		return;
	}
	if (mw_sql_same_when_printed(have, hlen, s->generated, wlen)) {
		s->sync = MW_REVIEW_SYNC_LAYOUT;
		return;
	}
	line = mw_first_diff_line(have, hlen, s->generated, wlen);
	s->sync = MW_REVIEW_SYNC_DIFFERS;
	s->first_line = line;
	s->committed_line = line_at(have, line);
	s->generated_line = line_at(s->generated, line);
}

/* A generated file in `dir` whose header names `rel` (when the name rule was not followed). */
static char *
find_by_source(const struct review_ctx *ctx, const char *dir, const char *rel)
{
	char **names, *found = NULL;
	size_t n = mw_review__list(&names, &ctx->src, dir, ".sql");

	for (size_t i = 0; i < n && !found; i++) {
		char *path = mw_path_join(dir, names[i]), *label;
		mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;

		if (mw_review__read(&text, &ctx->src, path, &err) == 0) {
			label = mw_workspace_sql_source(mw_buf_cstr(&text), text.len);
			if (label && mw_review__label_names(ctx->ws, label, rel, path))
				found = mw_xstrdup(path);
			free(label);
		}
		mw_buf_release(&text);
		mw_buf_release(&err);
		free(path);
	}
	mw_strv_free(names, n);
	return found;
}

/*
 * Finds the committed file of one platform (its header names the JSON, as
 * in mwschema/workspace.h, in any of MediaWiki's spellings) and reads it
 * into `have`: 0 generated, 1 missing, 2 hand-written, 3 the checkout
 * generates nothing for the platform, negative on errors.
 */
static int
committed_sql(mw_buf *have, mw_review_sql *s, const struct review_ctx *ctx, const char *rel,
	      mw_doc_kind kind, mw_dbms dbms, mw_buf *err)
{
	char *label = NULL, *dir, *other;
	int rc;

	const mw_ws_doc *known = mw_workspace_doc(ctx->ws, rel);

	/* the checkout's answer for its own documents: a handler may install a file on some platforms only */
	if (known && known->state[dbms] == MW_WS_SQL_NONE)
		return 3;
	s->path = mw_workspace_sql_path(ctx->ws, rel, kind, dbms);
	if (!s->path)
		return 3;
	rc = mw_review__read(have, &ctx->src, s->path, err);
	if (rc < 0)
		return rc;
	if (rc == 0 && (label = mw_workspace_sql_source(mw_buf_cstr(have), have->len)) &&
	    mw_review__label_names(ctx->ws, label, rel, s->path)) {
		free(label);
		return 0;
	}
	free(label);
	dir = mw_path_dirname(s->path);
	other = find_by_source(ctx, dir, rel);
	free(dir);
	if (!other)
		return rc == 0 ? 2 : 1;
	free(s->path);
	s->path = other;
	mw_buf_reset(have);
	return mw_review__read(have, &ctx->src, s->path, err) < 0 ? -1 : 0;
}

/* The committed file says what the JSON generates, under another spelling of its path. */
static bool
label_only(const mw_doc *doc, mw_dbms dbms, const char *rel, const char *have, size_t hlen)
{
	char *label = mw_workspace_sql_source(have, hlen);
	mw_buf old = MW_BUF_INIT;
	bool same = false;

	if (label && strcmp(label, rel))
		same = (doc->kind == MW_DOC_CHANGE ?
			mw_gen_change(&old, doc->change.before, doc->change.after, dbms, label, 0) :
			mw_gen_schema(&old, &doc->schema, dbms, label, 0)) == 0 &&
		       ((old.len == hlen && !memcmp(old.data, have, hlen)) ||
			mw_sql_same_when_printed(have, hlen, mw_buf_cstr(&old), old.len));
	mw_buf_release(&old);
	free(label);
	return same;
}

/* A change's SQL comes from its plan, generated once; a schema's is generated here. */
static int
generate(mw_review_sql *s, const mw_review_item *it, mw_dbms dbms)
{
	mw_buf out = MW_BUF_INIT, back = MW_BUF_INIT;
	int rc;

	if (it->plan) {
		rc = it->plan->nochange[dbms] ? MW_GEN_NOCHANGE : 0;
		if (rc == 0)
			mw_buf_add(&out, it->plan->sql[dbms].data, it->plan->sql[dbms].len);
		if (rc == 0 && mw_change_plan_rollback(&back, it->plan, dbms, 0) == 0)
			s->rollback = mw_buf_detach(&back);
	} else {
		rc = mw_gen_schema(&out, &it->doc->schema, dbms, it->path, 0);
	}
	if (rc == 0)
		s->generated = mw_buf_detach(&out);
	mw_buf_release(&out);
	mw_buf_release(&back);
	return rc;
}

/* Generation and drift of every platform; which platforms have (or need) a patch. */
static int
check_sql(mw_review_item *it, const struct review_ctx *ctx, unsigned *patched, mw_buf *err)
{
	mw_buf have[MW_DBMS__COUNT] = { MW_BUF_INIT, MW_BUF_INIT, MW_BUF_INIT };
	int found[MW_DBMS__COUNT], rc = 0;
	unsigned generated = 0;
	bool change = it->kind == MW_REVIEW_CHANGE;

	for (int d = 0; d < MW_DBMS__COUNT && rc >= 0; d++) {
		rc = found[d] = committed_sql(&have[d], &it->sql[d], ctx, it->path, it->doc->kind,
					      (mw_dbms)d, err);
		if (found[d] == 0)
			generated |= 1u << d;
	}
	*patched = 0;
	for (int d = 0; d < MW_DBMS__COUNT && rc >= 0; d++) {
		mw_review_sql *s = &it->sql[d];
		bool gen = found[d] != 3 && generate(s, it, (mw_dbms)d) == 0;

		if (found[d] == 3) {
			s->sync = MW_REVIEW_SYNC_NOT_HERE;
			continue;
		}
		if (gen && found[d] == 0) {
			compare_sql(s, mw_buf_cstr(&have[d]), have[d].len);
			if (s->sync == MW_REVIEW_SYNC_DIFFERS &&
			    label_only(it->doc, (mw_dbms)d, it->path, mw_buf_cstr(&have[d]),
				       have[d].len))
				s->sync = MW_REVIEW_SYNC_LABEL;
		} else if (gen && found[d] == 2)
			s->sync = MW_REVIEW_SYNC_HANDWRITTEN;
		else if (gen)
			s->sync = MW_REVIEW_SYNC_MISSING;
		else
			s->sync = found[d] == 0 ? MW_REVIEW_SYNC_EXTRA : MW_REVIEW_SYNC_NONE;
		/* A change may lack a platform's file for good reasons, not all of them (spec §12). */
		s->problem = s->sync == MW_REVIEW_SYNC_DIFFERS || s->sync == MW_REVIEW_SYNC_EXTRA ||
			     s->sync == MW_REVIEW_SYNC_HANDWRITTEN ||
			     (s->sync == MW_REVIEW_SYNC_MISSING && (!change || !generated));
		if (s->problem)
			it->problems |= MW_REVIEW_P_DRIFT;
		if (gen && (found[d] == 0 || (!generated && found[d] == 1)))
			*patched |= 1u << d;
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		mw_buf_release(&have[d]);
	return rc < 0 ? rc : 0;
}

/*
 * A missing entry this revision did not bring: it only rewrote the SQL of a
 * patch that was already there, unregistered, before it.
 */
static bool
missing_before(const mw_review_item *it, const struct review_ctx *ctx, const char *path)
{
	struct review_src at_base = ctx->src;
	mw_buf old = MW_BUF_INIT, err = MW_BUF_INIT;
	bool before;

	at_base.rev = ctx->src.base;
	before = it->touch == MW_REVIEW_SQL_ONLY && ctx->src.git && *ctx->src.base &&
		 mw_review__read(&old, &at_base, path, &err) == 0;
	mw_buf_release(&old);
	mw_buf_release(&err);
	return before;
}

static int
read_at_revision(mw_buf *out, const char *rel, void *arg)
{
	mw_buf err = MW_BUF_INIT;
	int rc = mw_review__read(out, arg, rel, &err) == 0 ? 0 : -1;

	mw_buf_release(&err);
	return rc;
}

/* Updater `u` as the revision has it (a commit of many changes asks it of each). */
static const mw_ws_registry *
revision_registry(struct review_ctx *ctx, const mw_ws_updater *u)
{
	return mw_workspace_registries_get(&ctx->updaters, u, read_at_revision, &ctx->src);
}

static void
check_updater(mw_review_item *it, struct review_ctx *ctx, mw_dbms d, bool patched)
{
	mw_review_sql *s = &it->sql[d];
	const mw_ws_updater *u = mw_workspace_json_updater(ctx->ws, it->path, d);
	const mw_ws_registry *reg;
	mw_buf hint = MW_BUF_INIT;
	const mw_updater_entry *pe = it->plan->has_entry ? &it->plan->entry : NULL;
	mw_updater_entry e;
	char *patch;

	s->updater_file = mw_xstrdup(u ? u->file : NULL);
	if (!patched) {
		s->updater = MW_REVIEW_UPD_NO_PATCH;
		return;
	}
	if (!u || !u->file || !(reg = revision_registry(ctx, u))) {
		s->updater = MW_REVIEW_UPD_NO_FILE;
		goto out;
	}
	patch = mw_path_basename(s->path);
	if (mw_workspace_registry_has(reg, s->path, pe ? mw_updater_verb_name(pe->verb) : NULL,
				      pe ? pe->table : NULL, pe ? pe->name : NULL)) {
		s->updater = MW_REVIEW_UPD_PRESENT;
	} else {
		s->updater = MW_REVIEW_UPD_MISSING;
		if (!missing_before(it, ctx, s->path)) {
			s->problem = true;
			it->problems |= MW_REVIEW_P_UPDATER;
		}
		if (pe) {
			/* The plan's entry, for the patch as the revision names it. */
			e = *pe;
			e.patch = patch;
			mw_checkout_render_entry(&hint, ctx->ws, &e);
			s->updater_hint = mw_buf_detach(&hint);
		}
	}
	free(patch);
out:
	mw_buf_release(&hint);
}

static int
index_blob(const char *path, const char *data, size_t len, void *arg)
{
	if (mw_code_indexes(path))
		mw_code_put(arg, path, data, len);
	return 0;
}

/*
 * The checkout's PHP as the reviewed revision has it: read from git (the
 * commit's tree, not the work tree), or from the work tree in file mode.
 * Once per review, and only when a change drops or renames something.
 */
static const mw_code *
revision_code(struct review_ctx *ctx)
{
	mw_buf err = MW_BUF_INIT;

	if (ctx->code_read)
		return ctx->code;
	ctx->code_read = true;
	ctx->code = mw_code_new("");
	if (ctx->src.git) {
		char *dir = mw_xstrndup(ctx->src.prefix, strlen(ctx->src.prefix) -
							 (*ctx->src.prefix ? 1 : 0));

		mw_git_tree_walk(ctx->src.git, ctx->src.rev, dir, ".php", index_blob, ctx->code,
				 &err);
		free(dir);
	} else {
		mw_code_scan_dir(ctx->code, ctx->src.root, &err);
	}
	mw_buf_release(&err);
	return ctx->code;
}

/* Lint of one version of the file (shape-only load, as `mwschema lint` does). */
static void
lint_text(mw_diags *out, const mw_review_item *it, struct review_ctx *ctx, const mw_buf *text)
{
	mw_diags ignore = MW_DIAGS_INIT;
	mw_lint_others others = ctx->others;
	mw_doc *shape = NULL;

	if (mw_doc_load_buffer_flags(&shape, mw_buf_cstr(text), text->len, it->path,
				     MW_LOAD_SHAPE_ONLY, &ignore) < 0)
		shape = NULL;
	else if (mw_lint_needs_code(ctx->lint, shape, shape->kind == MW_DOC_CHANGE ? it->plan : NULL))
		others.code = revision_code(ctx);
	if (!shape)
		;
	else if (shape->kind == MW_DOC_CHANGE && it->plan)
		mw_lint_change(ctx->lint, shape, it->plan, &others, out);
	else
		mw_lint_doc(ctx->lint, shape, &others, out);
	mw_doc_free(shape);
	mw_diags_free(&ignore);
}

/*
 * Lint judges what the revision introduces. A change does not repeat
 * findings its `before` already had (lint compares both sides); a schema
 * file's findings are compared with the same file before the revision, and
 * those it already had are counted, not listed: an old finding elsewhere in
 * the file is not this commit's. A JSON the revision did not touch (only its
 * SQL changed) brings no finding at all.
 */
static void
lint(mw_review_item *it, struct review_ctx *ctx, const mw_buf *text)
{
	struct review_src at_base = ctx->src;
	mw_buf old = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_diags before = MW_DIAGS_INIT;

	lint_text(&it->findings, it, ctx, text);
	at_base.rev = ctx->src.base;
	if (it->touch == MW_REVIEW_SQL_ONLY) {
		lint_text(&before, it, ctx, text);
		it->known_findings = mw_lint_drop_known(&it->findings, &before);
	} else if (it->kind == MW_REVIEW_SCHEMA && ctx->src.git && *ctx->src.base &&
		   mw_review__read(&old, &at_base, it->path, &err) == 0) {
		lint_text(&before, it, ctx, &old);
		it->known_findings = mw_lint_drop_known(&it->findings, &before);
	}
	mw_diags_free(&before);
	mw_buf_release(&old);
	mw_buf_release(&err);
	mw_diags_sort(&it->findings);
	if (mw_diags_count(&it->findings, MW_SEV_ERROR))
		it->problems |= MW_REVIEW_P_LINT;
}

static void
roundtrip(mw_review_item *it, const struct review_ctx *ctx)
{
	mw_verify_opts opts = { NULL, NULL, NULL, false, it->path };

	if (!ctx->sqlite)
		return;
	it->roundtrip_ran = true;
	if (mw_verify_change(&it->roundtrip, ctx->sqlite, &it->doc->change, &opts) != 0)
		it->problems |= MW_REVIEW_P_ROUNDTRIP;
}

/* Equal as the platforms see them: comments and key order are no difference. */
static bool
same_table(const mw_table *a, const mw_table *b)
{
	mw_table_diff d;
	bool eq;

	mw_table_diff_summary(&d, a, b);
	eq = mw_table_diff_is_empty(&d);
	mw_table_diff_clear(&d);
	return eq;
}

static void
check_schema_file(mw_review_item *it, const struct review_ctx *ctx)
{
	const mw_change *c = &it->doc->change;
	const char *name = c->after ? c->after->name : c->before ? c->before->name : NULL;
	const mw_table *t = NULL;

	for (size_t i = 0; name && i < ctx->nschemas && !t; i++)
		if ((t = mw_schema_table(&ctx->schemas[i]->schema, name)))
			it->schema_file = mw_xstrdup(ctx->schemas[i]->label);
	if (!name)
		it->schema_state = MW_REVIEW_SCHEMA_NA;
	else if (!c->after)
		it->schema_state = t ? MW_REVIEW_SCHEMA_LEFT : MW_REVIEW_SCHEMA_IN_SYNC;
	else if (!t)
		it->schema_state = MW_REVIEW_SCHEMA_ABSENT;
	else if (same_table(t, c->after))
		it->schema_state = MW_REVIEW_SCHEMA_IN_SYNC;
	else if (c->before && same_table(t, c->before))
		it->schema_state = MW_REVIEW_SCHEMA_BEHIND;
	else
		it->schema_state = MW_REVIEW_SCHEMA_OTHER;
	if (it->schema_state == MW_REVIEW_SCHEMA_LEFT || it->schema_state == MW_REVIEW_SCHEMA_ABSENT ||
	    it->schema_state == MW_REVIEW_SCHEMA_BEHIND)
		it->problems |= MW_REVIEW_P_SCHEMA;
}

static void
not_loaded(mw_review_item *it)
{
	it->problems |= MW_REVIEW_P_LOAD;
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		it->sql[d].sync = MW_REVIEW_SYNC_UNKNOWN;
	it->title = mw_strdupf("%s (does not load)", it->path);
}

/*
 * A file too broken to tell its shape: a change when it sits in
 * abstractSchemaChanges/ or speaks of "before" and "after", else a schema
 * file (a tables.json that does not load is no change).
 */
static bool
looks_like_change(const char *path, const mw_buf *text)
{
	const char *t = mw_buf_cstr(text);

	return strstr(path, "abstractSchemaChanges/") ||
	       (strstr(t, "\"before\"") && strstr(t, "\"after\""));
}

/* Load errors of a file that is not even shaped like a schema document. */
static void
load(mw_review_item *it, const mw_buf *text)
{
	mw_doc *shape = NULL;
	mw_diags ignore = MW_DIAGS_INIT;

	if (mw_doc_load_buffer(&it->doc, mw_buf_cstr(text), text->len, it->path,
			       &it->load_errors) < 0)
		it->doc = NULL;
	/* The kind decides the checks even when cross-references are broken. */
	if (!it->doc && mw_doc_load_buffer_flags(&shape, mw_buf_cstr(text), text->len, it->path,
						 MW_LOAD_SHAPE_ONLY, &ignore) == 0)
		it->kind = shape->kind == MW_DOC_CHANGE ? MW_REVIEW_CHANGE : MW_REVIEW_SCHEMA;
	else if (it->doc)
		it->kind = it->doc->kind == MW_DOC_CHANGE ? MW_REVIEW_CHANGE : MW_REVIEW_SCHEMA;
	else
		it->kind = looks_like_change(it->path, text) ? MW_REVIEW_CHANGE : MW_REVIEW_SCHEMA;
	mw_doc_free(shape);
	mw_diags_free(&ignore);
}

/* The rows; a schema file is compared with itself before the revision. */
static void
rows(mw_review_item *it, const struct review_ctx *ctx)
{
	struct review_src at_base = ctx->src;
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_diags ignore = MW_DIAGS_INIT;
	mw_doc *old = NULL;

	at_base.rev = ctx->src.base;
	if (it->kind == MW_REVIEW_SCHEMA && ctx->src.git && *ctx->src.base &&
	    mw_review__read(&text, &at_base, it->path, &err) == 0 &&
	    mw_doc_load_buffer(&old, mw_buf_cstr(&text), text.len, it->path, &ignore) < 0)
		old = NULL;
	mw_review__rows(it, old && old->kind != MW_DOC_CHANGE ? &old->schema : NULL);
	mw_doc_free(old);
	mw_diags_free(&ignore);
	mw_buf_release(&text);
	mw_buf_release(&err);
}

int
mw_review__check_item(mw_review_item *it, struct review_ctx *ctx, mw_buf *err)
{
	mw_buf text = MW_BUF_INIT;
	unsigned patched = 0;
	int rc = mw_review__read(&text, &ctx->src, it->path, err);

	if (rc == 1)
		mw_buf_addf(err, "%s: no such file", it->path);
	if (rc != 0)
		goto out;
	load(it, &text);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		it->sql[d].updater = MW_REVIEW_UPD_NA;
	if (it->doc && it->doc->kind == MW_DOC_CHANGE) {
		it->plan = mw_xcalloc(1, sizeof(*it->plan));
		mw_change_plan_build(it->plan, it->doc->change.before, it->doc->change.after,
				     it->path);
	}
	lint(it, ctx, &text);
	if (!it->doc) {
		not_loaded(it);
		goto out;
	}
	if ((rc = check_sql(it, ctx, &patched, err)) < 0)
		goto out;
	rows(it, ctx);
	if (it->kind != MW_REVIEW_CHANGE)
		goto out;
	it->comment = mw_xstrdup(it->doc->change.comment);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		check_updater(it, ctx, (mw_dbms)d, patched & (1u << d));
	roundtrip(it, ctx);
	check_schema_file(it, ctx);
out:
	mw_buf_release(&text);
	return rc == 1 ? -1 : rc;
}

void
mw_review__item_clear(mw_review_item *it)
{
	free(it->path);
	free(it->title);
	free(it->comment);
	free(it->schema_file);
	mw_change_plan_clear(it->plan);
	free(it->plan);
	mw_doc_free(it->doc);
	mw_diags_free(&it->load_errors);
	mw_diags_free(&it->findings);
	for (size_t i = 0; i < it->nrows; i++) {
		free(it->rows[i].name);
		free(it->rows[i].before);
		free(it->rows[i].after);
	}
	free(it->rows);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_review_sql *s = &it->sql[d];

		free(s->path);
		free(s->generated);
		free(s->rollback);
		free(s->committed_line);
		free(s->generated_line);
		free(s->updater_file);
		free(s->updater_hint);
	}
	if (it->roundtrip_ran)
		mw_verify_result_clear(&it->roundtrip);
	memset(it, 0, sizeof(*it));
}
