/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Applying drift fixes: `sync` (see mwschema/drift.h).
 *
 * Three phases so that a failure leaves nothing half-done: compute every new
 * file in memory, check that every target may be written, then write them
 * one by one (each atomically), restoring the earlier ones if a later write
 * fails.
 */
#include <config.h>

#include "mwschema/drift.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pending {
	char *file;		/* relative */
	char *abs;
	mw_buf text;		/* the new contents */
	mw_buf old;		/* the contents before, for rollback */
	bool existed;
	char *what;		/* sentence for the log */
};

struct plan {
	struct pending *v;
	size_t n;
};

static struct pending *
plan_file(struct plan *p, const mw_workspace *ws, const char *file)
{
	struct pending *f;

	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].file, file))
			return &p->v[i];
	p->v = mw_xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
	f = &p->v[p->n++];
	memset(f, 0, sizeof(*f));
	f->file = mw_xstrdup(file);
	f->abs = mw_workspace_path(ws, file);
	f->existed = mw_read_file(&f->old, f->abs, NULL) == 0;
	if (f->existed)
		mw_buf_add(&f->text, mw_buf_cstr(&f->old), f->old.len);
	return f;
}

static void
plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].file);
		free(p->v[i].abs);
		free(p->v[i].what);
		mw_buf_release(&p->v[i].text);
		mw_buf_release(&p->v[i].old);
	}
	free(p->v);
}

static void
append_what(struct pending *f, const char *sentence)
{
	char *s = f->what ? mw_strdupf("%s; %s", f->what, sentence) : mw_xstrdup(sentence);

	free(f->what);
	f->what = s;
}

static bool
selected(const mw_fix *fix, char *const *docs, size_t ndocs)
{
	if (!ndocs)
		return true;
	for (size_t i = 0; i < ndocs; i++)
		if (!strcmp(docs[i], fix->doc))
			return true;
	return false;
}

static void
plan_updater(struct plan *p, const mw_workspace *ws, const mw_fix *fix, mw_diags *diags)
{
	struct pending *f = plan_file(p, ws, fix->file);
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT, entry = MW_BUF_INIT;
	int rc;

	rc = ws->kind == MW_WS_CORE ?
	     mw_updater_insert_core_release(&out, mw_buf_cstr(&f->text), f->text.len, &fix->entry,
					    ws->release, &err) :
	     mw_updater_insert_extension(&out, mw_buf_cstr(&f->text), f->text.len,
					 ws->updater_method, &fix->entry, &err);
	if (rc < 0) {
		if (ws->kind == MW_WS_CORE)
			mw_updater_render_core(&entry, &fix->entry);
		else
			mw_updater_render_extension(&entry, &fix->entry);
		mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_UPDATER, fix->file, 0, 0, NULL,
			     mw_buf_cstr(&entry), "no safe place to add the entry for %s: %s; "
			     "add it by hand", fix->entry.patch, mw_buf_cstr(&err));
	} else if (rc == 0) {
		char *s = mw_strdupf("added %s for %s", mw_updater_verb_name(fix->entry.verb),
				     fix->entry.patch);

		mw_buf_reset(&f->text);
		mw_buf_add(&f->text, mw_buf_cstr(&out), out.len);
		append_what(f, s);
		free(s);
	}
	mw_buf_release(&out);
	mw_buf_release(&err);
	mw_buf_release(&entry);
}

/*
 * A file the user made read-only is theirs: respected even when we could
 * override it. A file outside the checkout (a symbolic link on the way, a
 * configured directory that leaves it) is never written.
 */
static int
check_writable(const mw_workspace *ws, const struct pending *f, mw_diags *diags)
{
	struct stat st;
	char *dir = mw_path_dirname(f->abs);
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	if (mw_path_confine(ws->root, f->file, NULL, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, NULL, 0, 0, NULL,
			     "sync writes only inside the checkout; fix the link or the "
			     "configuration", "%s", mw_buf_cstr(&err));
		rc = -1;
	} else if (stat(f->abs, &st) == 0 && (!(st.st_mode & 0222) || access(f->abs, W_OK) < 0)) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, f->file, 0, 0, NULL,
			     "make it writable (chmod u+w) and run again",
			     "read-only (mode %04o): nothing was changed",
			     (unsigned)(st.st_mode & 07777));
		rc = -1;
	} else if (mw_is_dir(dir) && access(dir, W_OK) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, f->file, 0, 0, NULL, NULL,
			     "its directory is not writable: nothing was changed");
		rc = -1;
	}
	mw_buf_release(&err);
	free(dir);
	return rc;
}

/* Puts back the files written before a failure. */
static void
rollback(struct plan *p, size_t written)
{
	for (size_t i = 0; i < written; i++) {
		struct pending *f = &p->v[i];

		if (f->existed)
			mw_write_file_atomic(f->abs, mw_buf_cstr(&f->old), f->old.len, NULL);
		else
			unlink(f->abs);
	}
}

static int
write_all(struct plan *p, const mw_workspace *ws, mw_sync_result *res, mw_diags *diags)
{
	mw_buf err = MW_BUF_INIT;

	for (size_t i = 0; i < p->n; i++) {
		struct pending *f = &p->v[i];
		char *dir = mw_path_dirname(f->abs);
		int rc = mw_mkdirs_confined(ws->root, dir, &err);

		free(dir);
		if (rc == 0)
			rc = mw_write_file_atomic(f->abs, mw_buf_cstr(&f->text), f->text.len, &err);
		if (rc < 0) {
			mw_diags_add(diags, MW_SEV_ERROR, NULL, f->file, 0, 0, NULL, NULL,
				     "%s; the files written before were restored", mw_buf_cstr(&err));
			rollback(p, i);
			mw_buf_release(&err);
			return -1;
		}
		res->changed = mw_xrealloc(res->changed, (res->nchanged + 1) * sizeof(char *));
		res->changed[res->nchanged++] = mw_xstrdup(f->file);
		res->done = mw_xrealloc(res->done, (res->ndone + 1) * sizeof(char *));
		res->done[res->ndone++] = mw_strdupf("%s: %s", f->file, f->what);
	}
	return 0;
}

int
mw_drift_apply(mw_sync_result *res, const mw_workspace *ws, const mw_drift *drift,
	       char *const *docs, size_t ndocs, mw_diags *diags)
{
	struct plan p = { NULL, 0 };
	size_t keep = 0;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < drift->nfixes; i++) {
		const mw_fix *fix = &drift->fixes[i];
		struct pending *f;

		if (!selected(fix, docs, ndocs))
			continue;
		if (fix->kind == MW_FIX_UPDATER) {
			plan_updater(&p, ws, fix, diags);
			continue;
		}
		f = plan_file(&p, ws, fix->file);
		append_what(f, f->existed ? "regenerated" : "written");
		mw_buf_reset(&f->text);
		mw_buf_add(&f->text, fix->content, fix->len);
	}
	/* Drop files whose text did not change (e.g. every entry needed pasting). */
	for (size_t i = 0; i < p.n; i++) {
		struct pending *f = &p.v[i];

		if (f->existed && f->text.len == f->old.len &&
		    !memcmp(mw_buf_cstr(&f->text), mw_buf_cstr(&f->old), f->old.len)) {
			free(f->file);
			free(f->abs);
			free(f->what);
			mw_buf_release(&f->text);
			mw_buf_release(&f->old);
			continue;
		}
		p.v[keep++] = *f;
	}
	p.n = keep;
	for (size_t i = 0; i < p.n; i++)
		if (check_writable(ws, &p.v[i], diags) < 0)
			rc = -1;
	if (rc == 0)
		rc = write_all(&p, ws, res, diags);
	plan_free(&p);
	return rc;
}

void
mw_sync_result_clear(mw_sync_result *res)
{
	mw_strv_free(res->changed, res->nchanged);
	mw_strv_free(res->done, res->ndone);
	memset(res, 0, sizeof(*res));
}
