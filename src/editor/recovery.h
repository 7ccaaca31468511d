/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Recovery files: each running editor keeps its unsaved change in a file of
 * its own, so that a crash, a kill or a closed terminal loses nothing.
 *
 *   $XDG_STATE_HOME/mwschema/recovery/<hash of the checkout path>/
 *       checkout           the checkout's path, for people
 *       <id>.lock          held (flock) while editor <id> runs; its pid inside
 *       <id>.meta          the change's name and what it amends
 *       <id>.json          the change, as a change document
 *       discarded/         recovery files the user said "no" to, kept
 *
 * Names are short whatever the checkout's path (NAME_MAX), files are 0600
 * and directories 0700. The content to save is staged after every edit; it
 * is written when typing pauses, and a fatal signal writes the staged copy
 * with async-signal-safe calls only (open, write, fsync, rename).
 */
#ifndef MWSCHEMA_EDITOR_RECOVERY_H
#define MWSCHEMA_EDITOR_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "mwschema/buf.h"

struct recovery;

/* Another editor's recovery slot on the same checkout. */
struct recovery_other {
	char *id;
	bool live;		/* its editor is running (its lock is held) */
	long pid;		/* from the lock file, 0 when unknown */
	bool has_change;	/* a .json is there */
	time_t mtime;		/* of the .json */
};

/*
 * Opens a new slot for this editor on checkout `root` (absolute) under
 * `state_dir` ($XDG_STATE_HOME/mwschema) and locks it. 0, or -1 with a
 * sentence in err (the editor then runs without one, and says so).
 */
int recovery_open(struct recovery **out, const char *state_dir, const char *root, mw_buf *err);
/* Unlocks and removes this editor's slot (its files go unless `keep`). */
void recovery_close(struct recovery *r, bool keep);
/* The directory of this checkout's slots. */
const char *recovery_dir(const struct recovery *r);

/* The other slots, live ones included, oldest change first. */
size_t recovery_others(struct recovery *r, struct recovery_other **out);
void recovery_others_free(struct recovery_other *v, size_t n);

/*
 * Takes another editor's abandoned slot: locks it (false when its editor
 * turns out to be running) and reads its files.
 */
bool recovery_claim(struct recovery *r, const char *id, mw_buf *json, mw_buf *meta,
		    mw_buf *err);
/* The claimed slot stays as it is, for next time ("not now"). */
void recovery_unclaim(struct recovery *r);
/* The claimed slot's files are removed (its change now lives in ours). */
void recovery_claim_done(struct recovery *r);
/* The claimed slot's change moves to discarded/ (named after `label`); *backup gets its path. */
int recovery_claim_discard(struct recovery *r, const char *label, char **backup, mw_buf *err);

/* Keeps `json` (a change named `name`) in discarded/; *backup gets its path. */
int recovery_backup(struct recovery *r, const char *name, const char *json, size_t len,
		    char **backup, mw_buf *err);

/*
 * Stages what the next flush writes: `meta` and `json`, or nothing (json
 * NULL: the slot's files are removed). Called after every edit; cheap.
 */
void recovery_stage(struct recovery *r, const char *meta, size_t mlen, const char *json,
		    size_t jlen);
/* Writes the staged content now. 0, or -1 with the reason in err. */
int recovery_flush(struct recovery *r, mw_buf *err);

/*
 * Fatal signals (TERM, HUP, INT, QUIT, SEGV, BUS, FPE, ILL, ABRT): the
 * staged content of `r` is written, then `restore` runs (async-signal-safe,
 * e.g. the terminal's), then the signal takes its default course. NULL
 * removes the handlers.
 */
void recovery_catch_signals(struct recovery *r, void (*restore)(void));

#endif /* MWSCHEMA_EDITOR_RECOVERY_H */
