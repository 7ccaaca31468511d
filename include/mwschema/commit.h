/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Committing a schema change the way MediaWiki reviews them: the change's
 * JSON, its generated SQL, the schema file and its generated SQL, and the
 * updater entries, synced first, linted, checked for drift, and committed
 * alone (whatever else the user changed or staged stays as it was) with a
 * Gerrit-style message.
 */
#ifndef MWSCHEMA_COMMIT_H
#define MWSCHEMA_COMMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"
#include "mwschema/updater.h"

/* Returned by mw_commit_run when lint errors or drift stop the commit. */
#define MW_COMMIT_REFUSED 1
/* Returned by mw_commit_run when no schema or change file is new or modified. */
#define MW_COMMIT_NOTHING 2

#define MW_COMMIT_SUBJECT_MAX 72

typedef struct mw_commit_opts {
	const char *dir;	/* any directory inside the checkout */
	const char *message;	/* whole message (subject, blank line, body); NULL = generated */
	const char *bug;	/* "T123456" or NULL */
	const char *branch;	/* topic branch, created from HEAD when missing; NULL = current */
	bool force;		/* commit despite lint errors and drift */
} mw_commit_opts;

typedef struct mw_commit_result {
	char oid[41];		/* the new commit, "" when none was made */
	char *branch;		/* the branch it went to */
	char **files;		/* committed paths, relative to the work tree */
	size_t nfiles;
	char **done;		/* what the sync step changed, one sentence each */
	size_t ndone;
	char *subject;
} mw_commit_result;

/*
 * Runs the whole commit. Returns 0 on success; MW_COMMIT_REFUSED when lint
 * errors or drift in the change's files stop it (they are in `diags`);
 * MW_COMMIT_NOTHING with a sentence in `err` when there is no change;
 * negative (an MW_GIT_E* code or -1) with a sentence in `err` for repository,
 * identity, branch, message or file problems.
 */
int mw_commit_run(mw_commit_result *res, const mw_commit_opts *opts, mw_diags *diags,
		  mw_buf *err);
void mw_commit_result_clear(mw_commit_result *res);

/* True for a Phabricator task id: "T" and digits. */
bool mw_commit_bug_valid(const char *bug);

/* A subject for the entry, e.g. "Add field af_actor to abuse_filter" (caller frees). */
char *mw_commit_subject(const mw_updater_entry *e);

/*
 * The Gerrit-style message: `message` (or `subject` + a generated body when
 * NULL), then a "Bug:" footer unless it has one. Fails (-1, err) when the
 * subject is longer than MW_COMMIT_SUBJECT_MAX or the bug id is malformed.
 * The Change-Id footer is added by mw_git_commit.
 */
int mw_commit_message(mw_buf *out, const char *message, const char *subject, const char *body,
		      const char *bug, mw_buf *err);

#endif /* MWSCHEMA_COMMIT_H */
