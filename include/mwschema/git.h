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
	MW_GIT_EREV = -6,	/* a revision that names no commit */
	MW_GIT_ENOENT = -7,	/* no such path at that revision */
	MW_GIT_ESTATE = -8,	/* a merge, rebase, cherry-pick or revert is in progress */
	MW_GIT_ELOCKED = -9,	/* .git/index.lock exists: another git is at work */
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
/* Creates an empty repository (and `dir`) whose HEAD points at `branch`. */
int mw_git_init(mw_git **out, const char *dir, const char *branch, mw_buf *err);
/* Sets `key` (e.g. "user.name") in the repository's own .git/config. */
int mw_git_config_set_local(mw_git *git, const char *key, const char *value, mw_buf *err);
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
 * Whether a commit may start, as git would decide it: MW_GIT_ESTATE in the
 * middle of a merge, rebase, cherry-pick, revert or am session ("cannot do
 * a partial commit during a merge"), MW_GIT_ELOCKED when .git/index.lock
 * exists (git's "Unable to create ... File exists"), else 0. Callers check
 * before writing anything; mw_git_commit checks again.
 */
int mw_git_check_ready(mw_git *git, mw_buf *err);

/*
 * Commits exactly `paths` (as they are in the work tree; deleted files are
 * removed) on top of HEAD, leaving every other path of the index and the
 * work tree as it was. With `branch`, the commit goes to that branch: it is
 * created from HEAD when missing and HEAD then points to it (as
 * `git checkout -b`, without touching any file); an existing branch is only
 * accepted when HEAD is already on it. Without `branch` a detached HEAD is
 * refused. The index entries of `paths` are updated to match the commit.
 * `out_oid` receives the new commit id. The index lock is held from the
 * start until the branch has moved, and the branch is put back if the
 * index cannot be written, so the index never contradicts the branch. The message is cleaned as git does
 * (trailing spaces, blank-line runs); when it has no Change-Id footer, one is
 * added to its footer block, computed from the same identity, time and parent
 * as the commit (mw_git_change_id).
 */
int mw_git_commit(char out_oid[41], mw_git *git, char *const *paths, size_t npaths,
		  const char *message, const char *branch, mw_buf *err);

/*
 * Reading history: what a commit, a range or a branch changes, and the files
 * as they are at a revision.
 */

/* One path changed between two trees, as `git diff --name-status` (no renames). */
typedef struct mw_git_file {
	char *path;
	char status;		/* 'A' added, 'M' modified, 'D' deleted, 'T' type change */
} mw_git_file;

typedef struct mw_git_commit_info {
	char oid[41];
	char *subject;		/* first line of the message */
	char *author;		/* "Name <email>" */
} mw_git_commit_info;

typedef struct mw_git_range {
	char *spec;		/* as given ("HEAD" when none was) */
	char base[41];		/* the tree compared against; "" = the empty tree */
	char tip[41];		/* the revision whose files are the result */
	mw_git_commit_info *commits;	/* the commits in the range, newest first */
	size_t ncommits;
	mw_git_file *files;	/* sorted by path */
	size_t nfiles;
} mw_git_range;

/*
 * Resolves `spec` (NULL = "HEAD") and lists the files it changes:
 *   - "A..B" (or "A...B"; an empty side is HEAD): the commits reachable
 *     from B and not from A, compared from the merge base of A and B to B,
 *     so what moved on A since B forked is not counted;
 *   - a local branch name: the branch against its merge base with its
 *     upstream, else with "main", else "master" (the topic-branch review);
 *     when that base is the branch itself, the tip commit alone;
 *   - anything else git can resolve to a commit ("HEAD", "HEAD~2", an id,
 *     a tag): that commit against its first parent (the empty tree for a
 *     root commit).
 * A spec that names no commit gives MW_GIT_EREV with a sentence in err.
 */
int mw_git_range_read(mw_git_range *out, mw_git *git, const char *spec, mw_buf *err);
void mw_git_range_clear(mw_git_range *range);

/*
 * Appends the content of `path` (relative to the work tree) at revision
 * `rev` (a commit id or any revision) to `out`. MW_GIT_ENOENT (err says so)
 * when the revision has no such file, MW_GIT_EREV for a bad revision, and
 * MW_GIT_ERROR for a file larger than MW_MAX_FILE_SIZE, told by the
 * object's header before anything is loaded.
 */
int mw_git_blob_read(mw_buf *out, mw_git *git, const char *rev, const char *path, mw_buf *err);

/*
 * Which of `paths` (n <= 16, relative to the work tree) the newest commit of
 * HEAD's first-parent history that changes any of them changed: bit i for
 * paths[i]. 0 when none changed within `limit` commits; negative on error.
 */
int mw_git_last_change(mw_git *git, const char *const *paths, size_t n, unsigned limit,
		       mw_buf *err);

/* The commit id `rev` names (any revision git resolves to a commit), or MW_GIT_EREV. */
int mw_git_resolve(char out_oid[41], mw_git *git, const char *rev, mw_buf *err);

/*
 * The names of the files (blobs, not subdirectories) directly in directory
 * `dir` ("" = the top) at revision `rev`, sorted. A missing directory gives
 * none (returns 0). Caller frees with mw_strv_free.
 */
int mw_git_tree_list(char ***names, size_t *n, mw_git *git, const char *rev, const char *dir,
		     mw_buf *err);

/*
 * The full names of the references matching the fnmatch pattern `glob`
 * (e.g. "refs/heads/REL1_*"), sorted. Caller frees with mw_strv_free.
 */
int mw_git_refs_list(char ***names, size_t *n, mw_git *git, const char *glob, mw_buf *err);

/*
 * Calls fn for every file below directory `dir` ("" = the top) at revision
 * `rev` whose name ends in `suffix`, in tree order, with its path (relative
 * to `dir`) and its content as the commit has it. Hidden directories,
 * symbolic links and files larger than MW_MAX_FILE_SIZE (told by the object
 * header, never loaded) are skipped. A non-zero return from fn stops the walk and is returned; a
 * missing directory has no files (0).
 */
typedef int mw_git_file_fn(const char *path, const char *data, size_t len, void *arg);
int mw_git_tree_walk(mw_git *git, const char *rev, const char *dir, const char *suffix,
		     mw_git_file_fn *fn, void *arg, mw_buf *err);

#endif /* MWSCHEMA_GIT_H */
