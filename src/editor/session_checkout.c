/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session and the checkout's history: which changes are written but
 * not committed (found again after a restart, like lazygit shows the work
 * tree), which have shipped (committed, in a release branch, registered in
 * an updater: those are edited as new changes), and opening a change file
 * to amend it or to start a new change on its table.
 */
#include <config.h>

#include "editor/session_int.h"
#include "mwschema/checkout.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/updater.h"
#include "mwschema/workspace.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The checkout root relative to the git work tree: "" or "extensions/X/". */
static char *
git_prefix(const struct session *s, mw_git *git)
{
	char *wd = realpath(mw_git_workdir(git), NULL);
	size_t l = wd ? strlen(wd) : 0;
	char *p;

	if (wd && !strncmp(s->ws->root, wd, l) && s->ws->root[l] == '/')
		p = mw_strdupf("%s/", s->ws->root + l + 1);
	else
		p = mw_xstrdup("");
	free(wd);
	return p;
}

static bool
is_schema_file(const struct session *s, const char *rel)
{
	const mw_workspace *w = s->ws->co->ws;

	if (mw_workspace_doc(w, rel))
		return true;
	for (size_t i = 0; i < w->nsqls; i++)
		if (!strcmp(w->sqls[i].rel, rel))
			return true;
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (w->updater[d] && !strcmp(w->updater[d], rel))
			return true;
	return false;
}

static void
add_pending(struct session_pending *p, const struct session *s, const char *rel,
	    unsigned status)
{
	const mw_ws_doc *d = mw_workspace_doc(s->ws->co->ws, rel);

	if (!is_schema_file(s, rel))
		return;
	p->nfiles++;
	if (d && d->doc && d->doc->kind == MW_DOC_CHANGE && !(status & MW_GIT_DELETED)) {
		p->changes = mw_xrealloc(p->changes, (p->nchanges + 1) * sizeof(*p->changes));
		p->changes[p->nchanges++] = mw_xstrdup(rel);
	}
}

int
session_pending(struct session *s, struct session_pending *out, mw_buf *err)
{
	mw_git_entry *st;
	mw_git *git;
	size_t n, pl;
	char *prefix;

	memset(out, 0, sizeof(*out));
	if (mw_git_open(&git, s->ws->root, err) < 0)
		return -1;
	prefix = git_prefix(s, git);
	pl = strlen(prefix);
	if (mw_git_status(&st, &n, git, err) < 0) {
		free(prefix);
		mw_git_free(git);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!strncmp(st[i].path, prefix, pl))
			add_pending(out, s, st[i].path + pl, st[i].status);
	mw_git_status_free(st, n);
	free(prefix);
	mw_git_free(git);
	return 0;
}

void
session_pending_clear(struct session_pending *p)
{
	mw_strv_free(p->changes, p->nchanges);
	memset(p, 0, sizeof(*p));
}

/*
 * Shipped changes
 */

static bool
at_rev(mw_git *git, const char *rev, const char *path)
{
	mw_buf text = MW_BUF_INIT, ignore = MW_BUF_INIT;
	bool ok = mw_git_blob_read(&text, git, rev, path, &ignore) == 0;

	mw_buf_release(&text);
	mw_buf_release(&ignore);
	return ok;
}

/* The first release branch (local or remote-tracking) that has the file. */
static char *
release_branch_with(mw_git *git, const char *path)
{
	static const char *const globs[] = { "refs/heads/REL*", "refs/remotes/*/REL*" };
	char *found = NULL;

	for (size_t g = 0; g < 2 && !found; g++) {
		mw_buf ignore = MW_BUF_INIT;
		char **refs;
		size_t n;
		int rc = mw_git_refs_list(&refs, &n, git, globs[g], &ignore);

		mw_buf_release(&ignore);
		if (rc < 0)
			continue;
		for (size_t i = 0; i < n && !found; i++)
			if (at_rev(git, refs[i], path))
				found = mw_xstrdup(refs[i] + (g ? strlen("refs/remotes/")
								: strlen("refs/heads/")));
		mw_strv_free(refs, n);
	}
	return found;
}

/* The updater that registers the patch, as committed (as on disk without git). */
static const char *
registering_updater(const struct session *s, mw_git *git, const char *prefix, const char *patch)
{
	const mw_workspace *w = s->ws->co->ws;

	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf text = MW_BUF_INIT, ignore = MW_BUF_INIT;
		char *path;
		bool yes;

		if (!w->updater[d])
			continue;
		path = git ? mw_strdupf("%s%s", prefix, w->updater[d])
			   : mw_path_join(s->ws->root, w->updater[d]);
		yes = (git ? mw_git_blob_read(&text, git, "HEAD", path, &ignore)
			   : mw_read_file(&text, path, NULL)) == 0 &&
		      mw_updater_mentions(mw_buf_cstr(&text), text.len, patch);
		mw_buf_release(&text);
		mw_buf_release(&ignore);
		free(path);
		if (yes)
			return w->updater[d];
	}
	return NULL;
}

static char *
patch_name(const char *rel)
{
	char *base = mw_path_basename(rel), *dot = strrchr(base, '.'), *patch;

	if (dot)
		*dot = 0;
	patch = mw_strdupf("%s.sql", base);
	free(base);
	return patch;
}

char *
session_shipped(struct session *s, const char *rel)
{
	mw_buf why = MW_BUF_INIT;
	mw_git *git = NULL;
	char *prefix = NULL, *path = NULL, *branch = NULL, *patch = patch_name(rel);
	const char *updater;
	mw_buf ignore = MW_BUF_INIT;

	if (mw_git_open(&git, s->ws->root, &ignore) == 0) {
		prefix = git_prefix(s, git);
		path = mw_strdupf("%s%s", prefix, rel);
		if (at_rev(git, "HEAD", path))
			mw_buf_adds(&why, "committed in HEAD");
		branch = release_branch_with(git, path);
		if (branch)
			mw_buf_addf(&why, "%sin release branch %s", why.len ? ", " : "", branch);
	} else
		git = NULL;
	updater = registering_updater(s, git, prefix ? prefix : "", patch);
	if (updater)
		mw_buf_addf(&why, "%sregistered in %s", why.len ? ", " : "", updater);
	free(prefix);
	free(path);
	free(branch);
	free(patch);
	mw_git_free(git);
	mw_buf_release(&ignore);
	return why.len ? mw_buf_detach(&why) : NULL;
}

/*
 * Opening change files
 */

/* An existing file: as given, else relative to the checkout. Caller frees. */
static char *
resolve(const struct session *s, const char *path)
{
	char *abs = realpath(path, NULL), *joined;

	if (abs || path[0] == '/')
		return abs;
	joined = mw_path_join(s->ws->root, path);
	abs = realpath(joined, NULL);
	free(joined);
	return abs;
}

char *
session_rel_path(const struct session *s, const char *path)
{
	char *abs = resolve(s, path), *rel = NULL;
	size_t l = strlen(s->ws->root);

	if (abs && !strncmp(abs, s->ws->root, l) && abs[l] == '/')
		rel = mw_xstrdup(abs + l + 1);
	free(abs);
	return rel;
}

char *
session_unique_name(const struct session *s, char *proposed)
{
	char *name = proposed;

	for (int n = 2; n < 100; n++) {
		char *rel = adapt_change_rel(s->ws, name), *path = mw_path_join(s->ws->root, rel);
		bool ours = (s->amends && !strcmp(s->amends, rel)) ||
			    (s->disk_name && !strcmp(s->disk_name, name));
		bool free_name = ours || !mw_file_exists(path);

		free(rel);
		free(path);
		if (free_name)
			break;
		if (name != proposed)
			free(name);
		name = mw_strdupf("%s-%d", proposed, n);
	}
	if (name != proposed)
		free(proposed);
	return name;
}

static char *
name_of(const char *path)
{
	char *base = mw_path_basename(path), *dot = strrchr(base, '.');

	if (dot && !strcmp(dot, ".json"))
		*dot = 0;
	return base;
}

static int
load_change(mw_doc **doc, const char *path, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = 0;

	if (mw_doc_load_file(doc, path, &diags))
		rc = session_first_error(err, &diags, NULL, NULL, "cannot load the change");
	else if ((*doc)->kind != MW_DOC_CHANGE) {
		mw_buf_addf(err, "%s: not a schema change (before/after)", path);
		mw_doc_free(*doc);
		*doc = NULL;
		rc = -1;
	}
	mw_diags_free(&diags);
	return rc;
}

static const char *
table_of(const mw_change *c)
{
	return c->before ? c->before->name : c->after ? c->after->name : NULL;
}

/*
 * Another change in progress (or written, not committed) stands in the way:
 * -1. 1 when it is this very file (nothing to do), 0 when free.
 */
static int
busy(const struct session *s, const char *rel, mw_buf *err)
{
	char *mine = s->disk_name ? adapt_change_rel(s->ws, s->disk_name) : NULL;
	bool same = (mine && !strcmp(mine, rel)) || (s->amends && !strcmp(s->amends, rel));

	free(mine);
	if (same)
		return 1;
	if (!(session_has_change(s) || s->disk_name))
		return 0;
	mw_buf_addf(err, "the change %s is in progress: write and commit it (or undo it and "
		    "write) first", session_title_name(s));
	return -1;
}

/* Amending keeps tables.json right only for a table's newest change. */
static int
check_newest(const struct session *s, const mw_change *c, const char *rel, mw_buf *err)
{
	const mw_table *now = mw_schema_table(&s->doc->schema, table_of(c));
	bool at_after = now && c->after && mw_table_equal(now, c->after);
	bool at_before = c->before ? now && mw_table_equal(now, c->before) : !now;

	if (at_after || at_before)
		return 0;
	mw_buf_addf(err, "%s is not the newest change of table %s (the schema changed it "
		    "since): open it as a new change instead", rel, table_of(c));
	return -1;
}

static int
amend(struct session *s, mw_doc *doc, const char *rel, const char *name, mw_buf *err)
{
	int rc = busy(s, rel, err);

	if (rc)
		return rc < 0 ? -1 : 1;
	if (check_newest(s, &doc->change, rel, err) ||
	    session_start_change(s, &doc->change, name, err))
		return -1;
	free(s->disk_name);
	s->disk_name = mw_xstrdup(name);
	s->amends = mw_xstrdup(rel);
	s->change_doc = doc;
	session_record_stamps(s);
	session_update(s);
	return 0;
}

/* A change file from elsewhere: its after applied to the table as it is now. */
static int
apply_copy(struct session *s, const mw_change *c, const char *name, mw_buf *err)
{
	mw_table *t = mw_schema_table(&s->doc->schema, table_of(c));
	long idx = t ? t - s->doc->schema.tables : (long)s->doc->schema.ntables;

	if (!c->after) {
		mw_buf_adds(err, "the change drops its table: nothing to edit");
		return -1;
	}
	if (session_has_change(s) && idx != s->change_table) {
		mw_buf_adds(err, "write and commit (or undo) the change in progress first");
		return -1;
	}
	free(s->change_name);
	s->change_name = mw_xstrdup(name);
	s->name_custom = true;
	session_edit_apply(s, idx, mw_table_dup(c->after));
	s->cur = idx;
	return 0;
}

/* NEW: only its table is selected; the next edit starts a change of its own. */
static int
select_table(struct session *s, const mw_change *c, mw_buf *err)
{
	const char *name = table_of(c);

	for (long i = 0; name && i < (long)session_ntables(s); i++) {
		if (!strcmp(session_table(s, i)->name, name)) {
			s->cur = i;
			return 0;
		}
	}
	mw_buf_addf(err, "table %s is not in the schema", name ? name : "?");
	return -1;
}

int
session_open_change(struct session *s, const char *path, enum session_open_mode mode,
		    mw_buf *err)
{
	char *abs = resolve(s, path), *rel = abs ? session_rel_path(s, abs) : NULL;
	char *name = name_of(path);
	mw_doc *doc = NULL;
	int rc = -1;

	if (!abs)
		mw_buf_addf(err, "%s: no such file", path);
	else if (load_change(&doc, abs, err) == 0) {
		if (mode == SESSION_NEW)
			rc = select_table(s, &doc->change, err);
		else if (rel && (rc = amend(s, doc, rel, name, err)) == 0)
			doc = NULL;	/* kept as s->change_doc */
		else if (rel)
			rc = rc > 0 ? 0 : rc;	/* already the change in progress */
		else
			rc = apply_copy(s, &doc->change, name, err);
	}
	mw_doc_free(doc);
	free(abs);
	free(rel);
	free(name);
	return rc;
}

/* vim: set ts=8 sw=8 noexpandtab: */
