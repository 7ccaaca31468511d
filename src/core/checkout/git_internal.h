/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to git.c and git_walk.c, the two files of the git module that
 * use libgit2: the repository handle and the helpers they share.
 */
#ifndef MWSCHEMA_GIT_INTERNAL_H
#define MWSCHEMA_GIT_INTERNAL_H

#include <git2.h>

#include "mwschema/git.h"

struct mw_git {
	git_repository *repo;
	char *workdir;
};

/* The tree of commit `rev` (any revision), or a negative MW_GIT_E* code with err. */
int mw_git__rev_tree(git_tree **out, mw_git *git, const char *rev, mw_buf *err);
/* Appends libgit2's last message to `what` in err and returns `code`. */
int mw_git__fail(mw_buf *err, int code, const char *what);

#endif /* MWSCHEMA_GIT_INTERNAL_H */
