/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the libgit2 files of the checkout module: git.c (the
 * repository, status, commits), git_history.c (ranges, trees) and
 * git_guard.c (what must hold before a commit, bounded reads). Nothing else
 * includes <git2.h>.
 */
#ifndef MWSCHEMA_GIT_INTERNAL_H
#define MWSCHEMA_GIT_INTERNAL_H

#include "mwschema/git.h"

#include <git2.h>

struct mw_git {
	git_repository *repo;
	char *workdir;
};

/* Appends libgit2's last message to "what" in err and returns `code`. */
int mw_git__fail(mw_buf *err, int code, const char *what);
/* The tree of revision `rev`, or MW_GIT_EREV with a sentence. */
int mw_git__rev_tree(git_tree **out, mw_git *git, const char *rev, mw_buf *err);

/*
 * Takes .git/index.lock as git does (created exclusively), so that nothing
 * else changes the index while a commit moves the branch. Returns the lock's
 * descriptor, or -1 with git's "Unable to create ... File exists" in err.
 */
int mw_git__lock_index(mw_git *git, mw_buf *err);
/* Releases it (the lock file is removed: the index itself was not written). */
void mw_git__unlock_index(mw_git *git, int fd);

#endif /* MWSCHEMA_GIT_INTERNAL_H */
