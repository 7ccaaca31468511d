/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session, without curses: the workspace, the schema as loaded,
 * the change in progress (one table, before vs after), unbounded undo/redo
 * as snapshots, and everything the previews show, recomputed after each
 * edit. The views only read this; edits go through session_edit_*.
 *
 * The checkout is the truth. The session knows what the files on disk hold
 * (the change written, file stamps), so that `w` makes the disk look like
 * the editor (writing an undone change removes its files), a file changed
 * behind its back is never overwritten without a question, and a change
 * written but not committed is found again after a restart.
 */
#ifndef MWSCHEMA_EDITOR_SESSION_H
#define MWSCHEMA_EDITOR_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "mwschema/plan.h"
#include "editor/adapt.h"
#include "editor/stamp.h"

struct recovery;

struct snapshot {
	mw_table *after;	/* NULL = no change in progress */
	long table;		/* index of the changed table; ntables = a new table */
};

struct snapstack {
	struct snapshot *v;
	size_t n, cap;
};

struct session {
	struct adapt_ws *ws;
	/*
	 * The schema before the change: tables.json as read, except that the
	 * table of an amended change is that change's `before`.
	 */
	mw_doc *doc;
	long cur;			/* table on screen; ntables = the new table */

	/* The change in progress. */
	long change_table;		/* index as in snapshot.table, -1 = none */
	mw_table *after;		/* NULL = no change */
	struct snapstack undo, redo;
	char *change_name;		/* proposed or typed */
	bool name_custom;		/* typed by the user, or a file's: keep it */
	bool name_words;		/* proposed from several edits (words.h) */
	mw_buf undo_words;		/* what the last undo/redo undid or redid */
	char *amends;			/* the change file amended (relative), NULL = new */
	mw_doc *change_doc;		/* that file as loaded (comment, layout) */
	bool dirty;			/* the editor differs from the files on disk */
	bool written;			/* the disk holds a change not committed */

	/* What the files on disk hold. */
	char *disk_name;		/* the change written there, NULL = none */
	mw_table *disk_after;		/* its table as the schema file has it */
	struct stamps stamps;		/* each file as last read or written */

	/* Derived, refreshed by session_update(). */
	mw_buf json_before, json_after, diff;
	mw_change_plan plan;		/* the change's analysis: diffs, SQL, updater
					   entry (meaningful while session_has_change) */
	mw_diags findings;
	mw_buf files;			/* one path per line */
	mw_buf updater;			/* one entry per line */
	unsigned gen;			/* bumped by every session_update */

	/* A form's edit shown before it is accepted (session_preview). */
	bool previewing;
	mw_table *preview_saved;	/* the change as it was before the form */
	long preview_saved_table;

	/* Recovery (session_recovery.c). */
	struct recovery *rec;		/* this editor's slot, NULL when none could be made */
	char **orphans;			/* slots crashed editors left, oldest first */
	size_t norphans, next_orphan;	/* the one offered next */
	bool autosave_due;		/* edits not in the recovery file yet */
	mw_buf autosave_error;		/* why saving the recovery failed; empty = fine */

	/* What verify and commit last did, for the tutorial's checks. */
	unsigned verify_gen;		/* gen the last verify ran on; 0 = none */
	bool verify_ok;
	unsigned commits;		/* commits made in this session */
	char *last_bug;			/* Bug id of the last commit ("" = none) */
	char last_commit[41];		/* its hash, "" = none */
};

/* Where loading failed: the file and position a loader error names. */
struct session_where {
	char *path;			/* absolute; NULL when no file is at fault */
	long line, column;
};

int session_open(struct session **out, const char *dir, mw_buf *err);
/* The same; `where` (cleared by the caller) gets the file at fault, if any. */
int session_open_at(struct session **out, const char *dir, struct session_where *where,
		    mw_buf *err);
void session_where_clear(struct session_where *w);
void session_free(struct session *s);

size_t session_ntables(const struct session *s);	/* incl. a new table */
/* The table shown at `i`: the edited copy for the changed table. */
const mw_table *session_table(const struct session *s, long i);
/* The loaded version of the changed table; NULL for a new table. */
const mw_table *session_before(const struct session *s);
bool session_has_change(const struct session *s);
/* True when `i` is the table under change. */
bool session_is_changed(const struct session *s, long i);
/* The name the title shows: the change edited, or the one an undone write left on disk. */
const char *session_title_name(const struct session *s);

/*
 * Editing: session_edit_target gives table `i` as it is now, or NULL with a
 * message when another table already has a change in progress (a change is
 * one table). session_edit_apply makes `after` (owned from then on) the new
 * state of table `i`, pushing the old one on the undo stack.
 */
const mw_table *session_edit_target(struct session *s, long i, mw_buf *err);
void session_edit_apply(struct session *s, long i, mw_table *after);
/* Starts the new table `t` (owned from then on) as the change. */
int session_new_table(struct session *s, mw_table *t, mw_buf *err);
bool session_undo(struct session *s);
bool session_redo(struct session *s);
void session_set_name(struct session *s, const char *name);
/*
 * Live preview of a form: session_preview shows `after` (owned from then
 * on) as the state of table `i` in every preview, without an undo step;
 * NULL shows the change as it was before the form again. The form ends it
 * with session_preview_keep (accepted: one undo step, as session_edit_apply)
 * or session_preview(s, i, NULL) (cancelled).
 */
void session_preview(struct session *s, long i, mw_table *after);
void session_preview_keep(struct session *s);

/* Recomputes JSON, diff, SQL, findings, files; stages the recovery. */
void session_update(struct session *s);

/*
 * Writing (session_disk.c). session_write makes the files on disk hold
 * what the editor shows: the change (JSON, generated SQL, schema, updater
 * entries), or, after an undo, no change (its files removed, the schema and
 * the updaters as before). `written` gets the files, one per line. 0 or -1.
 */
int session_write(struct session *s, mw_buf *written, mw_buf *err);
/*
 * The files session_write would replace that changed on disk since the
 * session read or wrote them (another editor, a shell, `git pull`), one per
 * line. Empty when writing is safe.
 */
void session_write_conflicts(struct session *s, mw_buf *out);
/*
 * Outside changes, answered: re-read the schema and replay the change on
 * top of it (0, or -1 with the conflict, or with the schema's load error
 * and its position in `where`, which may be NULL), or take the disk as it
 * is and drop the change, kept in a backup file named in *backup.
 */
int session_merge_disk(struct session *s, struct session_where *where, mw_buf *err);
int session_reload(struct session *s, char **backup, mw_buf *err);
/*
 * Commits the written change, then starts afresh from the files on disk.
 * 0; 1 when refused (lint errors or drift, in diags); -1 with err.
 */
int session_commit(struct session *s, const char *message, const char *bug, const char *branch,
		   bool force, mw_diags *diags, mw_buf *err);
/* The change file's path relative to the root (caller frees). */
char *session_change_rel(const struct session *s);

/*
 * The checkout (session_checkout.c).
 */
/* Change files git sees as new or modified, and every other file of theirs. */
struct session_pending {
	char **changes;			/* relative paths of change JSON files */
	size_t nchanges;
	size_t nfiles;			/* all schema, SQL and updater files changed */
};
int session_pending(struct session *s, struct session_pending *out, mw_buf *err);
void session_pending_clear(struct session_pending *p);
/*
 * Why the change file `rel` has shipped, as a sentence ("committed in HEAD,
 * registered in includes/installer/MysqlUpdater.php"); NULL when it has
 * not. Shipped changes are edited as new changes unless the user insists.
 */
char *session_shipped(struct session *s, const char *rel);
/* `path` relative to the checkout root, NULL when outside it (caller frees). */
char *session_rel_path(const struct session *s, const char *path);

enum session_open_mode {
	SESSION_AMEND,		/* edit the change file itself */
	SESSION_NEW,		/* start a new change on its table */
};
/*
 * Opens change file `path`. AMEND makes it the change in progress, under
 * its own name, as its before/after (for a file outside the checkout: its
 * after applied to the table as it is now, as a new change). NEW only
 * selects its table: the next edit starts a change of its own. 0 or -1.
 */
int session_open_change(struct session *s, const char *path, enum session_open_mode mode,
			mw_buf *err);

/*
 * Recovery (session_recovery.c). Edits only mark the autosave as due: the
 * file is written (with fsync) when the user pauses, never inside a
 * keystroke, and by a fatal signal (session_catch_signals).
 */
void session_autosave(struct session *s);
/* Removes this editor's recovery file (the edits are written or dropped). */
void session_discard_recovery(struct session *s);
/* Other editors of this checkout that are running now. */
size_t session_live_editors(struct session *s, long *first_pid);
/* The recovery file an editor left (crashed, killed), oldest first; false when none. */
bool session_recovery_exists(const struct session *s);
/* Looks for them again (those put off included): how many there are. */
size_t session_recovery_rescan(struct session *s);
/* What it holds, for the question ("change patch-x"). */
void session_recovery_describe(struct session *s, mw_buf *out);
/*
 * Restores it into the session: 0, or -1 with err (the file stays), also
 * when a change is in progress: one change at a time, nothing replaced.
 */
int session_recover(struct session *s, mw_buf *err);
/* "Not now": it stays for the next start. */
void session_recovery_later(struct session *s);
/* "No": it moves to a backup (*backup, caller frees), never deleted. */
int session_recovery_discard(struct session *s, char **backup, mw_buf *err);
/* Writes the recovery before a fatal signal ends the program, then calls `restore`. */
void session_catch_signals(struct session *s, void (*restore)(void));
/* $XDG_STATE_HOME/mwschema (or ~/.local/state/mwschema), created; caller frees. */
char *session_state_dir(void);

#endif /* MWSCHEMA_EDITOR_SESSION_H */
