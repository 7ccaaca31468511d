/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mw_review_open: which schema changes a revision (or a file) holds, and the
 * plumbing around them (see mwschema/review.h). The checks of one item are
 * review_item.c, the before/after table review_rows.c, the renderings
 * review_format.c.
 */
#include <config.h>

#include "core/review/internal.h"
#include "mwschema/fs.h"
#include "mwschema/rc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

int
mw_review__read(mw_buf *out, const struct review_src *src, const char *rel, mw_buf *err)
{
	char *path;
	int rc;

	if (!src->git) {
		path = mw_path_join(src->root, rel);
		rc = !mw_file_exists(path) ? 1 : mw_read_file_confined(src->root, rel, out, err);
		free(path);
		return rc;
	}
	path = mw_strdupf("%s%s", src->prefix, rel);
	rc = mw_git_blob_read(out, src->git, src->rev, path, err);
	free(path);
	if (rc == MW_GIT_ENOENT) {
		mw_buf_reset(err);
		return 1;
	}
	return rc;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t l = strlen(s), sl = strlen(suffix);

	return l > sl && !strcmp(s + l - sl, suffix);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The work tree's names in `dir` (a missing directory has none). */
static size_t
list_worktree(char ***out, const struct review_src *src, const char *dir)
{
	char *abs = mw_path_join(src->root, dir);
	DIR *d = opendir(abs);
	struct dirent *e;
	size_t n = 0;

	*out = NULL;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		*out = mw_xrealloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = mw_xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(*out, n, sizeof(**out), compare_strings);
	free(abs);
	return n;
}

size_t
mw_review__list(char ***names, const struct review_src *src, const char *dir,
		const char *suffix)
{
	char *path, **all = NULL;
	size_t n = 0, kept = 0;
	mw_buf err = MW_BUF_INIT;

	if (src->git) {
		path = mw_strdupf("%s%s", src->prefix, dir);
		if (mw_git_tree_list(&all, &n, src->git, src->rev, path, &err) < 0)
			n = 0;
		free(path);
	} else {
		n = list_worktree(&all, src, dir);
	}
	for (size_t i = 0; i < n; i++) {
		if (has_suffix(all[i], suffix))
			all[kept++] = all[i];
		else
			free(all[i]);
	}
	mw_buf_release(&err);
	*names = all;
	return kept;
}

bool
mw_review__label_names(const mw_workspace *ws, const char *label, const char *rel,
			const char *near)
{
	int score = label ? mw_workspace_label_score(label, rel) : 0;
	const mw_ws_doc *best;

	if (score == 3 || !score)
		return score == 3;
	best = mw_workspace_label_doc(ws, label, near);
	return !best || !strcmp(best->rel, rel) || mw_workspace_label_score(label, best->rel) < score;
}

/*
 * Collecting the items
 */

/* A schema or change JSON of one of the checkout's JSON folders. */
static bool
is_schema_json(const mw_workspace *ws, const char *rel)
{
	char *dir;
	bool hit;

	if (!has_suffix(rel, ".json"))
		return false;
	dir = mw_path_dirname(rel);
	hit = mw_workspace_json_dir(ws, strcmp(dir, ".") ? dir : "") != NULL;
	free(dir);
	return hit;
}

static mw_review_item *
find_item(mw_review *r, const char *rel)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (!strcmp(r->items[i].path, rel))
			return &r->items[i];
	return NULL;
}

static void
add_item(mw_review *r, const char *rel, mw_review_touch touch)
{
	mw_review_item *it = find_item(r, rel);

	if (it) {
		if (touch != MW_REVIEW_SQL_ONLY)
			it->touch = touch;
		return;
	}
	r->items = mw_xgrow(r->items, r->nitems, sizeof(*r->items));
	it = &r->items[r->nitems++];
	memset(it, 0, sizeof(*it));
	it->path = mw_xstrdup(rel);
	it->touch = touch;
}

static bool
exists_at(const struct review_src *src, const char *rel)
{
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc = mw_review__read(&text, src, rel, &err);

	mw_buf_release(&text);
	mw_buf_release(&err);
	return rc == 0;
}

/* The document of the work tree the label names, if the revision has it. */
static char *
owner_by_label(const struct review_ctx *ctx, const char *label, const char *rel)
{
	const mw_ws_doc *doc = mw_workspace_label_doc(ctx->ws, label, rel);
	char *clean;

	if (doc && exists_at(&ctx->src, doc->rel))
		return mw_xstrdup(doc->rel);
	clean = mw_workspace_label_clean(label);
	if (*clean && exists_at(&ctx->src, clean))
		return clean;
	free(clean);
	return NULL;
}

/*
 * The JSON a changed SQL file follows from: the one its header names, else
 * the name rule backwards (spec §1) in every JSON folder whose SQL goes to
 * the file's folder: "x.sql" from "x.json", "tables-generated.sql" from
 * "tables.json".
 */
static char *
sql_owner(const struct review_ctx *ctx, const char *rel, mw_dbms dbms)
{
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	char *label = NULL, *base = mw_path_basename(rel), *dir = mw_path_dirname(rel), *cand = NULL;
	size_t bl = strlen(base) - 4;

	if (mw_review__read(&text, &ctx->src, rel, &err) == 0)
		label = mw_workspace_sql_source(mw_buf_cstr(&text), text.len);
	mw_buf_release(&text);
	mw_buf_release(&err);
	if (label && (cand = owner_by_label(ctx, label, rel)))
		goto out;
	if (bl > 10 && !strcmp(base + bl - 10, "-generated"))
		bl -= 10;
	base[bl] = '\0';
	for (size_t i = 0; i < ctx->ws->ndirs && !cand; i++) {
		const mw_ws_dir *e = &ctx->ws->dirs[i];

		if (!e->sql[dbms] || strcmp(e->sql[dbms], dir))
			continue;
		cand = mw_strdupf("%s%s%s.json", e->json, *e->json ? "/" : "", base);
		if (!exists_at(&ctx->src, cand)) {
			free(cand);
			cand = NULL;
		}
	}
out:
	free(label);
	free(base);
	free(dir);
	return cand;
}

static void
collect(mw_review *r, struct review_ctx *ctx, const mw_git_range *range)
{
	size_t pl = strlen(ctx->src.prefix);

	for (size_t i = 0; i < range->nfiles; i++) {
		const mw_git_file *f = &range->files[i];
		const char *rel = f->path + pl;
		char *owner;
		mw_dbms dbms;

		if (strncmp(f->path, ctx->src.prefix, pl))
			continue;
		r->nfiles++;
		if (f->status == 'D')
			continue;
		if (is_schema_json(ctx->ws, rel)) {
			add_item(r, rel, f->status == 'A' ? MW_REVIEW_ADDED : MW_REVIEW_MODIFIED);
		} else if (has_suffix(rel, ".sql") && mw_workspace_sql_dir(ctx->ws, rel, &dbms) &&
			   (owner = sql_owner(ctx, rel, dbms))) {
			add_item(r, owner, MW_REVIEW_SQL_ONLY);
			free(owner);
		}
	}
}

/* Schema documents at the revision: lint's table context and the schema-state check. */
static void
load_schemas(struct review_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ws->nschema_dirs; i++) {
		char **names;
		size_t n = mw_review__list(&names, &ctx->src, ctx->ws->schema_dirs[i], ".json");

		for (size_t k = 0; k < n; k++) {
			char *rel = mw_path_join(ctx->ws->schema_dirs[i], names[k]);
			mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
			mw_diags ignore = MW_DIAGS_INIT;
			mw_doc *doc = NULL;

			if (mw_review__read(&text, &ctx->src, rel, &err) == 0 &&
			    mw_doc_load_buffer(&doc, mw_buf_cstr(&text), text.len, rel, &ignore) == 0 &&
			    doc->kind != MW_DOC_CHANGE) {
				ctx->schemas = mw_xrealloc(ctx->schemas, (ctx->nschemas + 1) *
							   sizeof(*ctx->schemas));
				ctx->schemas[ctx->nschemas++] = doc;
				mw_lint_others_add(&ctx->others, &doc->schema);
			} else {
				mw_doc_free(doc);
			}
			mw_diags_free(&ignore);
			mw_buf_release(&text);
			mw_buf_release(&err);
			free(rel);
		}
		mw_strv_free(names, n);
	}
}

/* Changes first, then schema files; each group in path order. */
static int
compare_items(const void *a, const void *b)
{
	const mw_review_item *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind == MW_REVIEW_CHANGE ? -1 : 1;
	return strcmp(x->path, y->path);
}

static char *
root_prefix(const char *root, const mw_git *git)
{
	char *wd = realpath(mw_git_workdir(git), NULL);
	size_t l = wd ? strlen(wd) : 0;
	char *p;

	if (wd && !strncmp(root, wd, l) && root[l] == '/')
		p = mw_strdupf("%s/", root + l + 1);
	else
		p = mw_xstrdup("");
	free(wd);
	return p;
}

static void
set_title(mw_review *r, const mw_git_range *range)
{
	if (range->ncommits == 1)
		r->title = mw_strdupf("%.12s %s", range->commits[0].oid, range->commits[0].subject);
	else
		r->title = mw_strdupf("%s (%zu commits)", range->spec, range->ncommits);
	r->commits = mw_xcalloc(range->ncommits ? range->ncommits : 1, sizeof(*r->commits));
	for (size_t i = 0; i < range->ncommits; i++) {
		memcpy(r->commits[i].oid, range->commits[i].oid, sizeof(r->commits[i].oid));
		r->commits[i].subject = mw_xstrdup(range->commits[i].subject);
		r->commits[i].author = mw_xstrdup(range->commits[i].author);
	}
	r->ncommits = range->ncommits;
	memcpy(r->tip, range->tip, sizeof(r->tip));
	memcpy(r->base, range->base, sizeof(r->base));
}

/* Revision mode: the items are what the range changes. */
static int
open_revision(mw_review *r, struct review_ctx *ctx, const char *rev, mw_buf *err)
{
	mw_git_range range;
	int rc;

	if ((rc = mw_git_open(&ctx->src.git, ctx->ws->root, err)) < 0)
		return rc;
	ctx->src.prefix = root_prefix(ctx->ws->root, ctx->src.git);
	if ((rc = mw_git_range_read(&range, ctx->src.git, rev, err)) < 0)
		return rc;
	set_title(r, &range);
	ctx->src.rev = r->tip;
	ctx->src.base = r->base;
	collect(r, ctx, &range);
	mw_git_range_clear(&range);
	return 0;
}

/* File mode: one JSON of the work tree. */
static int
open_file(mw_review *r, struct review_ctx *ctx, const char *file, mw_buf *err)
{
	char *abs = realpath(file, NULL);
	size_t l = strlen(ctx->ws->root);

	ctx->src.prefix = mw_xstrdup("");
	if (!abs || strncmp(abs, ctx->ws->root, l) || abs[l] != '/') {
		mw_buf_addf(err, "%s: %s", file, abs ? "not inside the checkout at " :
			    "no such file");
		if (abs)
			mw_buf_adds(err, ctx->ws->root);
		free(abs);
		return -1;
	}
	add_item(r, abs + l + 1, MW_REVIEW_FILE);
	r->title = mw_xstrdup(abs + l + 1);
	r->nfiles = 1;
	free(abs);
	return 0;
}

static int
prepare(struct review_ctx *ctx, const mw_review_opts *opts, mw_buf *err)
{
	const char *dir = opts->dir ? opts->dir : ".";
	char *fdir = opts->file ? mw_path_dirname(opts->file) : NULL;
	mw_diags diags = MW_DIAGS_INIT;
	mw_rc *rc = mw_rc_new();
	int ret = 0;

	if (mw_workspace_open(&ctx->ws, opts->file && !opts->dir ? fdir : dir, &diags) < 0) {
		mw_buf_addf(err, "%s: not inside a MediaWiki checkout (no sql/tables.json, "
			    "extension.json or .mwschemarc here or above)",
			    opts->file && !opts->dir ? fdir : dir);
		ret = -1;
	} else {
		ctx->src.root = ctx->ws->root;
		ctx->lint = mw_lint_new();
		/* The same rule settings as `mwschema lint` in this checkout. */
		mw_diags_clear(&diags);
		if (mw_rc_load_default(rc, ctx->ws->root, &diags) == 0)
			mw_lint_configure(ctx->lint, rc, &diags);
	}
	mw_rc_free(rc);
	mw_diags_free(&diags);
	free(fdir);
	return ret;
}

static void
ctx_clear(struct review_ctx *ctx)
{
	mw_lint_others_release(&ctx->others);
	for (size_t i = 0; i < ctx->nschemas; i++)
		mw_doc_free(ctx->schemas[i]);
	free(ctx->schemas);
	mw_lint_free(ctx->lint);
	mw_code_free(ctx->code);
	mw_workspace_registries_clear(&ctx->updaters);
	mw_engine_close(ctx->sqlite);
	mw_git_free(ctx->src.git);
	free(ctx->src.prefix);
	mw_workspace_free(ctx->ws);
}

static int
check_items(mw_review *r, struct review_ctx *ctx, const mw_review_opts *opts, mw_buf *err)
{
	mw_buf ignore = MW_BUF_INIT;
	int rc = 0;

	load_schemas(ctx);
	/* Without SQLite the review still stands; the items say the round trip did not run. */
	if (!opts->no_roundtrip && r->nitems &&
	    mw_engine_open(&ctx->sqlite, MW_DBMS_SQLITE, NULL, &ignore) < 0)
		ctx->sqlite = NULL;
	mw_buf_release(&ignore);
	for (size_t i = 0; i < r->nitems && !rc; i++) {
		rc = mw_review__check_item(&r->items[i], ctx, err);
		r->problems |= r->items[i].problems;
	}
	if (r->nitems > 1)
		qsort(r->items, r->nitems, sizeof(*r->items), compare_items);
	return rc;
}

int
mw_review_open(mw_review **out, const mw_review_opts *opts, mw_buf *err)
{
	struct review_ctx ctx;
	mw_review *r;
	int rc;

	*out = NULL;
	memset(&ctx, 0, sizeof(ctx));
	if ((rc = prepare(&ctx, opts, err)) < 0)
		goto out;
	r = mw_xcalloc(1, sizeof(*r));
	r->root = mw_xstrdup(ctx.ws->root);
	rc = opts->file ? open_file(r, &ctx, opts->file, err) :
	     open_revision(r, &ctx, opts->rev, err);
	if (!rc)
		rc = check_items(r, &ctx, opts, err);
	if (rc < 0)
		mw_review_free(r);
	else
		*out = r;
out:
	ctx_clear(&ctx);
	return rc;
}

void
mw_review_free(mw_review *review)
{
	if (!review)
		return;
	for (size_t i = 0; i < review->nitems; i++)
		mw_review__item_clear(&review->items[i]);
	for (size_t i = 0; i < review->ncommits; i++) {
		free(review->commits[i].subject);
		free(review->commits[i].author);
	}
	free(review->items);
	free(review->commits);
	free(review->title);
	free(review->root);
	free(review);
}

bool
mw_review_ok(const mw_review *review)
{
	return review->problems == 0;
}

const mw_review_item *
mw_review_item_at(const mw_review *review, size_t index)
{
	return index < review->nitems ? &review->items[index] : NULL;
}

size_t
mw_review_step(const mw_review *review, size_t index, long delta)
{
	long to;

	if (!review->nitems)
		return 0;
	to = (long)index + delta;
	if (to < 0)
		to = 0;
	if ((size_t)to >= review->nitems)
		to = (long)review->nitems - 1;
	return (size_t)to;
}
