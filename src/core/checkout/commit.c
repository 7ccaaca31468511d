/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mw_commit_run: sync, lint, check and commit one schema change (see
 * mwschema/commit.h). The change is what the work tree says is new or
 * modified among the checkout's schema and change JSON files.
 */
#include <config.h>

#include "mwschema/checkout.h"
#include "mwschema/commit.h"
#include "mwschema/drift.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/rc.h"
#include "mwschema/workspace.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct strset {
	char **v;
	size_t n;
};

static bool
set_has(const struct strset *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], x))
			return true;
	return false;
}

static void
set_add(struct strset *s, const char *x)
{
	if (!x || set_has(s, x))
		return;
	s->v = mw_xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n++] = mw_xstrdup(x);
}

static void
set_free(struct strset *s)
{
	mw_strv_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
}

bool
mw_commit_bug_valid(const char *bug)
{
	if (!bug || bug[0] != 'T' || !bug[1])
		return false;
	for (const char *p = bug + 1; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

char *
mw_commit_subject(const mw_updater_entry *e)
{
	switch (e->verb) {
	case MW_UPD_ADD_TABLE: return mw_strdupf("Add table %s", e->table);
	case MW_UPD_DROP_TABLE: return mw_strdupf("Drop table %s", e->table);
	case MW_UPD_ADD_FIELD: return mw_strdupf("Add field %s to %s", e->name, e->table);
	case MW_UPD_DROP_FIELD: return mw_strdupf("Drop field %s from %s", e->name, e->table);
	case MW_UPD_MODIFY_FIELD: return mw_strdupf("Change field %s of %s", e->name, e->table);
	case MW_UPD_ADD_INDEX: return mw_strdupf("Add index %s to %s", e->name, e->table);
	case MW_UPD_DROP_INDEX: return mw_strdupf("Drop index %s from %s", e->name, e->table);
	case MW_UPD_RENAME_INDEX:
		return mw_strdupf("Rename index %s of %s to %s", e->name, e->table, e->new_name);
	case MW_UPD_MODIFY_PK: return mw_strdupf("Change the primary key of %s", e->table);
	case MW_UPD_MODIFY_TABLE: break;
	}
	return mw_strdupf("Change table %s", e->table);
}

static bool
has_footer(const char *msg, const char *key)
{
	size_t kl = strlen(key);

	for (const char *p = msg; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, kl))
			return true;
	return false;
}

int
mw_commit_message(mw_buf *out, const char *message, const char *subject, const char *body,
		  const char *bug, mw_buf *err)
{
	mw_buf msg = MW_BUF_INIT;
	size_t sl;

	if (bug && !mw_commit_bug_valid(bug)) {
		mw_buf_addf(err, "'%s' is not a Phabricator task id (expected T and digits, "
			    "e.g. T123456)", bug);
		return -1;
	}
	if (message)
		mw_buf_adds(&msg, message);
	else
		mw_buf_addf(&msg, "%s\n\n%s", subject, body ? body : "");
	while (msg.len && isspace((unsigned char)msg.data[msg.len - 1]))
		mw_buf_truncate(&msg, msg.len - 1);
	sl = strcspn(mw_buf_cstr(&msg), "\n");
	if (!sl || sl > MW_COMMIT_SUBJECT_MAX) {
		if (sl)
			mw_buf_addf(err, "the subject line has %zu characters; Gerrit wants at "
				    "most %d", sl, MW_COMMIT_SUBJECT_MAX);
		else
			mw_buf_adds(err, "the commit message has no subject line");
		mw_buf_release(&msg);
		return -1;
	}
	mw_buf_adds(out, mw_buf_cstr(&msg));
	if (bug && !has_footer(mw_buf_cstr(&msg), "Bug: ")) {
		/* Footers form the last paragraph, after the body. */
		mw_buf_addf(out, "%sBug: %s", has_footer(mw_buf_cstr(&msg), "Change-Id: ") ?
			    "\n" : "\n\n", bug);
	}
	mw_buf_addc(out, '\n');
	mw_buf_release(&msg);
	return 0;
}

struct job {
	const mw_commit_opts *opts;
	mw_checkout *co;
	mw_workspace *ws;		/* co->ws */
	mw_git *git;
	char *prefix;		/* the root relative to the work tree: "" or "extensions/X/" */
	struct strset docs;	/* changed JSON, root-relative */
	struct strset files;	/* every file of the change, root-relative */
};

static char *
root_prefix(const mw_workspace *ws, const mw_git *git)
{
	char *wd = realpath(mw_git_workdir(git), NULL);
	size_t l = wd ? strlen(wd) : 0;
	char *p;

	if (wd && !strncmp(ws->root, wd, l) && ws->root[l] == '/')
		p = mw_strdupf("%s/", ws->root + l + 1);
	else
		p = mw_xstrdup("");
	free(wd);
	return p;
}

/* Root-relative paths of everything git sees as new, modified or deleted. */
static int
changed_paths(struct strset *out, struct job *j, mw_buf *err)
{
	mw_git_entry *st;
	size_t n, pl = strlen(j->prefix);

	if (mw_git_status(&st, &n, j->git, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strncmp(st[i].path, j->prefix, pl))
			set_add(out, st[i].path + pl);
	mw_git_status_free(st, n);
	return 0;
}

static void
add_doc_files(struct job *j, const mw_ws_doc *d)
{
	set_add(&j->files, d->rel);
	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (d->state[i] != MW_WS_SQL_FOREIGN)
			set_add(&j->files, d->sql[i]);
}

/* Each changed document's files; a change's are what writing it touches (checkout.h). */
static void
collect_files(struct job *j)
{
	for (size_t k = 0; k < j->docs.n; k++) {
		const mw_ws_doc *d = mw_workspace_doc(j->ws, j->docs.v[k]);

		if (!d)
			continue;
		if (d->doc && d->doc->kind == MW_DOC_CHANGE)
			mw_checkout_change_files(&j->files.v, &j->files.n, j->co, d->rel,
						 &d->doc->change, NULL);
		else
			add_doc_files(j, d);
	}
}

static size_t
count_in(const mw_diags *d, size_t from, const struct strset *files, mw_diags *keep)
{
	size_t n = 0;

	for (size_t i = from; i < d->n; i++) {
		const mw_diag *x = &d->items[i];

		if (x->severity < MW_SEV_WARNING || !x->file || !set_has(files, x->file))
			continue;
		n += x->severity == MW_SEV_ERROR;
		if (keep)
			mw_diags_add(keep, x->severity, x->rule, x->file, x->line, x->column,
				     x->path, x->hint, "%s", x->message);
	}
	return n;
}

/* Lint findings of `rel` as HEAD has it (none when it is new or does not load). */
static void
lint_at_head(struct job *j, mw_lint *lint, const char *rel, const mw_lint_others *others,
	     mw_diags *out)
{
	char *path = mw_strdupf("%s%s", j->prefix, rel);
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_diags ignore = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	if (mw_git_blob_read(&text, j->git, "HEAD", path, &err) == 0 &&
	    mw_doc_load_buffer_flags(&doc, mw_buf_cstr(&text), text.len, rel, MW_LOAD_SHAPE_ONLY,
				     &ignore) == 0)
		mw_lint_doc(lint, doc, others, out);
	mw_doc_free(doc);
	mw_diags_free(&ignore);
	mw_buf_release(&text);
	mw_buf_release(&err);
	free(path);
}

/*
 * The findings the change brings: a schema file is compared with itself at
 * HEAD, so an old finding elsewhere in the file does not block the commit
 * (a change file compares its own before and after).
 */
static void
lint_new(struct job *j, mw_lint *lint, const mw_ws_doc *d, const mw_lint_others *others,
	 mw_diags *diags)
{
	mw_diags now = MW_DIAGS_INIT, before = MW_DIAGS_INIT;

	mw_lint_doc(lint, d->doc, others, &now);
	if (d->doc->kind != MW_DOC_CHANGE) {
		lint_at_head(j, lint, d->rel, others, &before);
		mw_lint_drop_known(&now, &before);
	}
	for (size_t i = 0; i < now.n; i++) {
		const mw_diag *x = &now.items[i];

		mw_diags_add(diags, x->severity, x->rule, x->file, x->line, x->column, x->path,
			     x->hint, "%s", x->message);
	}
	mw_diags_free(&now);
	mw_diags_free(&before);
}

/* Lint errors in the change's JSON (load errors included). */
static size_t
lint_errors(struct job *j, mw_diags *diags)
{
	mw_lint *lint = mw_lint_new();
	mw_rc *rc = mw_rc_new();
	mw_lint_others others = MW_LINT_OTHERS_INIT;
	size_t errors = 0;

	/* The same rule settings as `mwschema lint` in this checkout. */
	if (mw_rc_load_default(rc, j->ws->root, diags) == 0)
		mw_lint_configure(lint, rc, diags);

	for (size_t i = 0; i < j->ws->ndocs; i++)
		if (j->ws->docs[i].doc && j->ws->docs[i].doc->kind != MW_DOC_CHANGE)
			mw_lint_others_add(&others, &j->ws->docs[i].doc->schema);
	for (size_t k = 0; k < j->docs.n; k++) {
		const mw_ws_doc *d = mw_workspace_doc(j->ws, j->docs.v[k]);

		if (d && d->doc)
			lint_new(j, lint, d, &others, diags);
	}
	mw_lint_others_release(&others);
	mw_lint_free(lint);
	mw_rc_free(rc);
	for (size_t i = 0; i < diags->n; i++)
		if (diags->items[i].severity == MW_SEV_ERROR &&
		    diags->items[i].file && set_has(&j->docs, diags->items[i].file))
			errors++;
	return errors;
}

/* sync for the change's documents, then what drift remains in its files. */
static int
sync_change(struct job *j, mw_commit_result *res, mw_diags *diags, size_t *remaining)
{
	mw_drift drift;
	mw_sync_result sync;
	mw_diags tmp = MW_DIAGS_INIT;
	int rc;

	mw_drift_check(&drift, j->ws, 0, j->docs.v, j->docs.n, &tmp);
	rc = mw_drift_apply(&sync, j->ws, &drift, j->docs.v, j->docs.n, diags);
	mw_drift_clear(&drift);
	res->done = sync.done;
	res->ndone = sync.ndone;
	sync.done = NULL;
	sync.ndone = 0;
	mw_sync_result_clear(&sync);
	mw_diags_free(&tmp);
	if (rc < 0)
		return -1;
	/* Read the checkout again: the sync changed it. */
	mw_checkout_free(j->co);
	j->co = NULL;
	j->ws = NULL;
	if (mw_checkout_open(&j->co, j->opts->dir, &tmp) < 0) {
		mw_diags_free(&tmp);
		return -1;
	}
	j->ws = j->co->ws;
	collect_files(j);
	mw_diags_clear(&tmp);
	/* What is left to fix in the documents among the change's files. */
	mw_drift_check(&drift, j->ws, 0, j->files.v, j->files.n, &tmp);
	mw_drift_clear(&drift);
	*remaining = count_in(&tmp, 0, &j->files, diags);
	mw_diags_free(&tmp);
	return 0;
}

/* Gerrit shows bodies as written: wrap at 72 columns (words are never split). */
static char *
wrap(char *text)
{
	size_t col = 0, last_space = 0;

	for (size_t i = 0; text[i]; i++, col++) {
		if (text[i] == ' ')
			last_space = i;
		if (col >= MW_COMMIT_SUBJECT_MAX && last_space) {
			text[last_space] = '\n';
			col = i - last_space;
			last_space = 0;
		}
	}
	return text;
}

static char *
default_subject(struct job *j, char **body)
{
	for (size_t k = 0; k < j->docs.n; k++) {
		const mw_ws_doc *d = mw_workspace_doc(j->ws, j->docs.v[k]);
		mw_updater_entry e;
		char *s;

		if (!d || !d->doc || d->doc->kind != MW_DOC_CHANGE ||
		    mw_updater_entry_from_change(&e, &d->doc->change, "") < 0)
			continue;
		s = mw_commit_subject(&e);
		mw_updater_entry_clear(&e);
		*body = wrap(mw_strdupf("Abstract schema change %s, with the SQL generated "
					"for each platform and the updater entries.", d->rel));
		return s;
	}
	*body = mw_xstrdup("Abstract schema files and the SQL generated from them.");
	return mw_xstrdup("Update the database schema");
}

static int
make_commit(struct job *j, mw_commit_result *res, mw_buf *err)
{
	struct strset now = { NULL, 0 };
	char **paths = NULL, *body = NULL;
	mw_buf msg = MW_BUF_INIT;
	int rc = -1;

	res->subject = default_subject(j, &body);
	if (mw_commit_message(&msg, j->opts->message, res->subject, body, j->opts->bug, err) < 0 ||
	    changed_paths(&now, j, err) < 0)
		goto out;
	for (size_t i = 0; i < j->files.n; i++) {
		if (!set_has(&now, j->files.v[i]))
			continue;
		paths = mw_xrealloc(paths, (res->nfiles + 1) * sizeof(*paths));
		paths[res->nfiles++] = mw_strdupf("%s%s", j->prefix, j->files.v[i]);
	}
	res->files = paths;
	free(res->subject);
	res->subject = mw_xstrndup(mw_buf_cstr(&msg), strcspn(mw_buf_cstr(&msg), "\n"));
	rc = mw_git_commit(res->oid, j->git, paths, res->nfiles, mw_buf_cstr(&msg),
			   j->opts->branch, err);
out:
	set_free(&now);
	free(body);
	mw_buf_release(&msg);
	return rc;
}

static int
prepare(struct job *j, mw_diags *diags, mw_buf *err)
{
	struct strset changed = { NULL, 0 };
	char *ident = NULL;
	int rc;

	if (mw_checkout_open(&j->co, j->opts->dir, diags) < 0) {
		mw_buf_adds(err, "not inside a MediaWiki checkout");
		return -1;
	}
	j->ws = j->co->ws;
	/* before sync writes anything: git would refuse the commit in these states */
	if ((rc = mw_git_open(&j->git, j->ws->root, err)) < 0 ||
	    (rc = mw_git_check_ready(j->git, err)) < 0 ||
	    (rc = mw_git_identity(&ident, j->git, err)) < 0)
		return rc;
	free(ident);
	j->prefix = root_prefix(j->ws, j->git);
	if (changed_paths(&changed, j, err) < 0)
		return -1;
	for (size_t i = 0; i < j->ws->ndocs; i++)
		if (set_has(&changed, j->ws->docs[i].rel))
			set_add(&j->docs, j->ws->docs[i].rel);
	set_free(&changed);
	if (!j->docs.n) {
		mw_buf_adds(err, "nothing to commit: no schema or change JSON file is new or "
			    "modified in the work tree");
		return -1;
	}
	return 0;
}

int
mw_commit_run(mw_commit_result *res, const mw_commit_opts *opts, mw_diags *diags, mw_buf *err)
{
	struct job j = { opts, NULL, NULL, NULL, NULL, { NULL, 0 }, { NULL, 0 } };
	mw_buf check = MW_BUF_INIT;
	size_t drift = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	/* Refuse a malformed message before anything is written. */
	if (mw_commit_message(&check, opts->message, "-", NULL, opts->bug, err) < 0)
		return -1;
	mw_buf_release(&check);
	if ((rc = prepare(&j, diags, err)) < 0)
		goto out;
	if (lint_errors(&j, diags) && !opts->force) {
		rc = MW_COMMIT_REFUSED;
		goto out;
	}
	if (sync_change(&j, res, diags, &drift) < 0) {
		mw_buf_adds(err, "the sync step failed; nothing was committed");
		rc = -1;
		goto out;
	}
	if (drift && !opts->force) {
		rc = MW_COMMIT_REFUSED;
		goto out;
	}
	rc = make_commit(&j, res, err);
	res->branch = mw_xstrdup(opts->branch);
	if (rc == 0 && !opts->branch) {
		mw_git_head h;

		if (mw_git_head_read(&h, j.git, err) == 0)
			res->branch = mw_xstrdup(h.branch);
		mw_git_head_clear(&h);
	}
out:
	set_free(&j.docs);
	set_free(&j.files);
	free(j.prefix);
	mw_git_free(j.git);
	mw_checkout_free(j.co);
	return rc;
}

void
mw_commit_result_clear(mw_commit_result *res)
{
	mw_strv_free(res->files, res->nfiles);
	mw_strv_free(res->done, res->ndone);
	free(res->subject);
	free(res->branch);
	memset(res, 0, sizeof(*res));
}
