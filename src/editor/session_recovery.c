/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session's recovery (see recovery.h for the files): what is staged
 * after each edit, the autosave when typing pauses, and restoring what an
 * editor that did not quit properly left behind.
 *
 * The .meta file holds "key=value" lines: name, custom (typed by the user),
 * amends (the change file edited) and written (the change the disk held).
 */
#include <config.h>

#include "editor/merge.h"
#include "editor/recovery.h"
#include "editor/session_int.h"
#include "mwschema/checkout.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
meta_text(const struct session *s, mw_buf *out)
{
	mw_buf_addf(out, "name=%s\ncustom=%d\n", s->change_name, s->name_custom);
	if (s->amends)
		mw_buf_addf(out, "amends=%s\n", s->amends);
	if (s->disk_name)
		mw_buf_addf(out, "written=%s\n", s->disk_name);
	mw_buf_addf(out, "checkout=%s\n", s->ws->root);
}

/* A change document made of the previews' JSON (already computed: cheap). */
static void
change_text(const struct session *s, mw_buf *out)
{
	mw_buf_addf(out, "{\n\t\"comment\": \"mwschema recovery\",\n\t\"before\": %s,\n\t\"after\": %s}\n",
		    s->json_before.len ? mw_buf_cstr(&s->json_before) : "{}",
		    mw_buf_cstr(&s->json_after));
}

void
session_stage_recovery(struct session *s)
{
	mw_buf meta = MW_BUF_INIT, json = MW_BUF_INIT;

	if (!s->rec)
		return;
	if (!s->dirty || !session_has_change(s)) {
		recovery_stage(s->rec, NULL, 0, NULL, 0);
		return;
	}
	meta_text(s, &meta);
	change_text(s, &json);
	recovery_stage(s->rec, meta.data, meta.len, json.data, json.len);
	mw_buf_release(&meta);
	mw_buf_release(&json);
}

void
session_autosave(struct session *s)
{
	mw_buf err = MW_BUF_INIT;

	s->autosave_due = false;
	if (!s->rec)
		return;		/* autosave_error says why since the start */
	mw_buf_reset(&s->autosave_error);
	if (recovery_flush(s->rec, &err))
		mw_buf_addf(&s->autosave_error, "autosave failed, edits not safe from a crash "
			    "(w writes them): %s", mw_buf_cstr(&err));
	mw_buf_release(&err);
}

void
session_discard_recovery(struct session *s)
{
	if (!s->rec)
		return;
	recovery_stage(s->rec, NULL, 0, NULL, 0);
	session_autosave(s);
}

size_t
session_recovery_rescan(struct session *s)
{
	struct recovery_other *others;
	size_t n;

	mw_strv_free(s->orphans, s->norphans);
	s->orphans = NULL;
	s->norphans = s->next_orphan = 0;
	if (!s->rec)
		return 0;
	n = recovery_others(s->rec, &others);
	for (size_t i = 0; i < n; i++) {
		if (others[i].live || !others[i].has_change)
			continue;
		s->orphans = mw_xrealloc(s->orphans, (s->norphans + 1) * sizeof(char *));
		s->orphans[s->norphans++] = mw_xstrdup(others[i].id);
	}
	recovery_others_free(others, n);
	return s->norphans;
}

void
session_recovery_open(struct session *s)
{
	char *state = session_state_dir();
	mw_buf err = MW_BUF_INIT;

	if (recovery_open(&s->rec, state, s->ws->root, &err)) {
		mw_buf_addf(&s->autosave_error, "no recovery file can be kept: %s",
			    mw_buf_cstr(&err));
		s->rec = NULL;
	}
	session_recovery_rescan(s);
	mw_buf_release(&err);
	free(state);
}

void
session_recovery_free(struct session *s)
{
	/* Unsaved edits stay for the next start; anything else goes. */
	recovery_close(s->rec, s->dirty && session_has_change(s));
	s->rec = NULL;
	mw_strv_free(s->orphans, s->norphans);
	s->orphans = NULL;
	s->norphans = s->next_orphan = 0;
}

size_t
session_live_editors(struct session *s, long *first_pid)
{
	struct recovery_other *others;
	size_t n, live = 0;

	*first_pid = 0;
	if (!s->rec)
		return 0;
	n = recovery_others(s->rec, &others);
	for (size_t i = 0; i < n; i++) {
		if (!others[i].live)
			continue;
		if (!live++)
			*first_pid = others[i].pid;
	}
	recovery_others_free(others, n);
	return live;
}

bool
session_recovery_exists(const struct session *s)
{
	return s->rec && s->next_orphan < s->norphans;
}

/* The value of `key` in the meta lines, or NULL (caller frees). */
static char *
meta_get(const char *meta, const char *key)
{
	size_t kl = strlen(key);

	for (const char *p = meta; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != 0)) {
		if (!strncmp(p, key, kl) && p[kl] == '=')
			return mw_xstrndup(p + kl + 1, strcspn(p + kl + 1, "\n"));
	}
	return NULL;
}

void
session_recovery_describe(struct session *s, mw_buf *out)
{
	mw_buf json = MW_BUF_INIT, meta = MW_BUF_INIT, err = MW_BUF_INIT;
	char *name;

	if (!session_recovery_exists(s))
		return;
	if (!recovery_claim(s->rec, s->orphans[s->next_orphan], &json, &meta, &err)) {
		mw_buf_addf(out, "unreadable: %s", mw_buf_cstr(&err));
	} else {
		name = meta_get(mw_buf_cstr(&meta), "name");
		mw_buf_addf(out, "change %s", name ? name : "(unnamed)");
		free(name);
	}
	mw_buf_release(&json);
	mw_buf_release(&meta);
	mw_buf_release(&err);
}

/*
 * The change the recovery was amending (or had written): back to it first,
 * unless it shipped since (committed by another editor, say): then the
 * recovered edit becomes a new change on top.
 */
static void
reopen_written(struct session *s, const char *meta)
{
	char *amends = meta_get(meta, "amends"), *written = meta_get(meta, "written");
	char *rel = amends ? amends : written ? adapt_change_rel(s->ws, written) : NULL;
	char *path = rel ? mw_path_join(s->ws->root, rel) : NULL;
	char *shipped = path && mw_file_exists(path) ? session_shipped(s, rel) : NULL;
	mw_buf ignore = MW_BUF_INIT;

	if (path && mw_file_exists(path) && !shipped && !session_has_change(s))
		session_open_change(s, path, SESSION_AMEND, &ignore);
	free(shipped);
	free(path);
	if (rel != amends)
		free(rel);
	free(amends);
	free(written);
	mw_buf_release(&ignore);
}

/*
 * The recovered `after`, on top of the table as it is now: the edits made
 * between its `before` and `after` are replayed (the schema may have moved).
 */
static mw_table *
recovered_after(struct session *s, const mw_change *c, long idx)
{
	const mw_table *now = session_table(s, idx);
	mw_table *merged = NULL;
	mw_buf err = MW_BUF_INIT;

	if (table_merge3(&merged, c->before, c->after, now, &err) || !merged)
		merged = mw_table_dup(c->after);
	mw_buf_release(&err);
	return merged;
}

static int
restore(struct session *s, const mw_change *c, const char *meta, mw_buf *err)
{
	const char *table = c->after ? c->after->name : NULL;
	char *name = meta_get(meta, "name"), *custom = meta_get(meta, "custom");
	long idx = -1;

	reopen_written(s, meta);
	for (long i = 0; table && i < (long)session_ntables(s); i++)
		if (!strcmp(session_table(s, i)->name, table))
			idx = i;
	if (!table) {
		mw_buf_adds(err, "the recovery file holds no table");
	} else {
		if (idx < 0)
			idx = (long)s->doc->schema.ntables;
		if (name && custom && !strcmp(custom, "1")) {
			free(s->change_name);
			s->change_name = mw_xstrdup(name);
			s->name_custom = true;
		}
		session_edit_apply(s, idx, recovered_after(s, c, idx));
		s->cur = idx;
	}
	free(name);
	free(custom);
	return table ? 0 : -1;
}

int
session_recover(struct session *s, mw_buf *err)
{
	mw_buf json = MW_BUF_INIT, meta = MW_BUF_INIT;
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;
	int rc = -1;

	if (!session_recovery_exists(s))
		mw_buf_adds(err, "no recovery file");
	else if (session_has_change(s) || s->disk_name)
		mw_buf_addf(err, "the change %s is in progress: write and commit it (or undo it) "
			    "first", session_title_name(s));
	else if (!recovery_claim(s->rec, s->orphans[s->next_orphan], &json, &meta, err))
		;
	else if (mw_doc_load_buffer(&doc, json.data, json.len, "recovery", &diags))
		session_first_error(err, &diags, NULL, NULL, "the recovery file does not load");
	else if (doc->kind != MW_DOC_CHANGE)
		mw_buf_adds(err, "the recovery file is not a change document");
	else
		rc = restore(s, &doc->change, mw_buf_cstr(&meta), err);
	if (rc == 0) {
		/* Ours holds it now: only then does the old one go. */
		session_autosave(s);
		recovery_claim_done(s->rec);
		s->next_orphan++;
	} else if (s->rec)
		recovery_unclaim(s->rec);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	mw_buf_release(&json);
	mw_buf_release(&meta);
	return rc;
}

void
session_recovery_later(struct session *s)
{
	if (!session_recovery_exists(s))
		return;
	recovery_unclaim(s->rec);
	s->next_orphan++;
}

int
session_recovery_discard(struct session *s, char **backup, mw_buf *err)
{
	mw_buf json = MW_BUF_INIT, meta = MW_BUF_INIT;
	int rc = -1;

	*backup = NULL;
	if (session_recovery_exists(s) &&
	    recovery_claim(s->rec, s->orphans[s->next_orphan], &json, &meta, err)) {
		char *name = meta_get(mw_buf_cstr(&meta), "name");

		rc = recovery_claim_discard(s->rec, name, backup, err);
		free(name);
	}
	if (session_recovery_exists(s))
		s->next_orphan++;
	mw_buf_release(&json);
	mw_buf_release(&meta);
	return rc;
}

void
session_catch_signals(struct session *s, void (*restore_fn)(void))
{
	recovery_catch_signals(s ? s->rec : NULL, restore_fn);
}

/* vim: set ts=8 sw=8 noexpandtab: */
