/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editing session, without curses: the workspace, the schema as loaded,
 * the change in progress (one table, before vs after), unbounded undo/redo
 * as snapshots, and everything the previews show, recomputed after each
 * edit. The views only read this; edits go through session_edit_*.
 */
#ifndef MWSCHEMA_TUI_SESSION_H
#define MWSCHEMA_TUI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "mwschema/plan.h"
#include "editor/adapt.h"

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
	mw_doc *doc;			/* tables.json as loaded */
	long cur;			/* table on screen; ntables = the new table */

	/* The change in progress. */
	long change_table;		/* index as in snapshot.table, -1 = none */
	mw_table *after;		/* NULL = no change */
	struct snapstack undo, redo;
	char *change_name;		/* proposed or typed */
	bool name_custom;		/* typed by the user: keep it */
	bool dirty;			/* edits not written yet */
	bool written;			/* written since the last commit */

	/* Derived, refreshed by session_update(). */
	mw_buf json_before, json_after, diff;
	mw_change_plan plan;		/* the change's analysis: diffs, SQL, updater
					   entry (meaningful while session_has_change) */
	mw_diags findings;
	mw_buf files;			/* one path per line */
	mw_buf updater;			/* one entry per line */
	char *recovery_path;		/* autosave file */
	unsigned gen;			/* bumped by every session_update */
	bool autosave_due;		/* edits not in the recovery file yet */

	/* What verify and commit last did, for the tutorial's checks. */
	unsigned verify_gen;		/* gen the last verify ran on; 0 = none */
	bool verify_ok;
	unsigned commits;		/* commits made in this session */
	char *last_bug;			/* Bug id of the last commit ("" = none) */
};

int session_open(struct session **out, const char *dir, mw_buf *err);
void session_free(struct session *s);

size_t session_ntables(const struct session *s);	/* incl. a new table */
/* The table shown at `i`: the edited copy for the changed table. */
const mw_table *session_table(const struct session *s, long i);
/* The loaded version of the changed table; NULL for a new table. */
const mw_table *session_before(const struct session *s);
bool session_has_change(const struct session *s);
/* True when `i` is the table under change. */
bool session_is_changed(const struct session *s, long i);

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

/* Recomputes JSON, diff, SQL, findings, files. */
void session_update(struct session *s);

/* Writes the change; `written` gets the files, one per line. 0 or -1. */
int session_write(struct session *s, mw_buf *written, mw_buf *err);
/*
 * Commits the written change, then starts afresh from the files on disk.
 * 0; 1 when refused (lint errors or drift, in diags); -1 with err.
 */
int session_commit(struct session *s, const char *message, const char *bug, const char *branch,
		   bool force, mw_diags *diags, mw_buf *err);
/* The change file's path relative to the root (caller frees). */
char *session_change_rel(const struct session *s);
/* Loads PATCH.json as the change in progress. */
int session_open_change(struct session *s, const char *path, mw_buf *err);

/*
 * Autosave and recovery. Edits only mark the autosave as due: the file is
 * written (with fsync) when the user pauses, never inside a keystroke.
 */
void session_autosave(struct session *s);
void session_discard_recovery(struct session *s);
bool session_recovery_exists(const struct session *s);
int session_recover(struct session *s, mw_buf *err);
/* $XDG_STATE_HOME/mwschema (or ~/.local/state/mwschema), created; caller frees. */
char *session_state_dir(void);

#endif /* MWSCHEMA_TUI_SESSION_H */
