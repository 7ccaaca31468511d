/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The git repository around a checkout: the only module that knows libgit2.
 *
 * Paths given to and returned by these functions are relative to the work
 * tree. Failures return a negative MW_GIT_E* code with a sentence in `err`
 * that says what to do.
 */
#ifndef MWSCHEMA_GIT_H
#define MWSCHEMA_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

enum {
	MW_GIT_ERROR = -1,	/* anything else; see err */
	MW_GIT_ENOREPO = -2,	/* no repository at or above the directory */
	MW_GIT_EOWNER = -3,	/* repository owned by someone else (safe.directory) */
	MW_GIT_ENOIDENT = -4,	/* no user.name / user.email */
	MW_GIT_EBRANCH = -5,	/* the requested branch cannot be used */
};

typedef struct mw_git mw_git;	/* an open repository */

typedef struct mw_git_head {
	char *branch;		/* "main"; NULL when detached */
	bool unborn;		/* no commit yet on that branch */
	bool detached;
	char oid[41];		/* HEAD commit, "" when unborn */
} mw_git_head;

/* Work tree status of one path, as bits. */
enum mw_git_status {
	MW_GIT_CHANGED = 1u << 0,	/* work tree differs from the index */
	MW_GIT_STAGED = 1u << 1,	/* index differs from HEAD */
	MW_GIT_UNTRACKED = 1u << 2,
	MW_GIT_DELETED = 1u << 3,	/* gone from the work tree */
};

typedef struct mw_git_entry {
	char *path;
	unsigned status;	/* MW_GIT_* bits */
} mw_git_entry;

/*
 * Opens the repository containing `dir` (searching upwards). A repository
 * owned by another user is reported as MW_GIT_EOWNER with the
 * `git config --global --add safe.directory` command to run; it is never
 * mistaken for "no repository".
 */
int mw_git_open(mw_git **out, const char *dir, mw_buf *err);
void mw_git_free(mw_git *git);
/* Absolute work tree path, with a trailing '/'. */
const char *mw_git_workdir(const mw_git *git);

int mw_git_head_read(mw_git_head *out, mw_git *git, mw_buf *err);
void mw_git_head_clear(mw_git_head *head);

/* Every path that is modified, staged, deleted or untracked (ignored ones left out). */
int mw_git_status(mw_git_entry **out, size_t *n, mw_git *git, mw_buf *err);
void mw_git_status_free(mw_git_entry *entries, size_t n);

/* "Name <email>" from the git configuration, or MW_GIT_ENOIDENT. Caller frees. */
int mw_git_identity(char **out, mw_git *git, mw_buf *err);

/*
 * Gerrit's Change-Id ("I" + 40 hex) for a commit message, computed like
 * Gerrit's commit-msg hook: SHA-1 of the git blob made of the committer
 * ident line ("Name <email> <time> <tz>"), the parent commit (the empty tree
 * id without one) and the message.
 */
void mw_git_change_id(char out[42], const char *committer_ident, const char *parent_hex,
		      const char *message);

/*
 * Commits exactly `paths` (as they are in the work tree; deleted files are
 * removed) on top of HEAD, leaving every other path of the index and the
 * work tree as it was. With `branch`, the commit goes to that branch: it is
 * created from HEAD when missing and HEAD then points to it (as
 * `git checkout -b`, without touching any file); an existing branch is only
 * accepted when HEAD is already on it. Without `branch` a detached HEAD is
 * refused. The index entries of `paths` are updated to match the commit.
 * `out_oid` receives the new commit id. The message is cleaned as git does
 * (trailing spaces, blank-line runs); when it has no Change-Id footer, one is
 * added to its footer block, computed from the same identity, time and parent
 * as the commit (mw_git_change_id).
 */
int mw_git_commit(char out_oid[41], mw_git *git, char *const *paths, size_t npaths,
		  const char *message, const char *branch, mw_buf *err);

#endif /* MWSCHEMA_GIT_H */
