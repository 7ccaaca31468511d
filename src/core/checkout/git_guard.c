/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What must hold before mwschema commits, as git itself sees it: no merge,
 * rebase, cherry-pick or revert in progress, no other process holding the
 * index lock (see mwschema/git.h); and taking that lock.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "core/checkout/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* git's own words (builtin/commit.c) for the operation under way, or NULL. */
static const char *
state_name(int state, const char **undo)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE:
		*undo = "git commit to conclude it, or git merge --abort";
		return "a merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		*undo = "git revert --continue, or git revert --abort";
		return "a revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		*undo = "git cherry-pick --continue, or git cherry-pick --abort";
		return "a cherry-pick";
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		*undo = "git rebase --continue, or git rebase --abort";
		return "a rebase";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		*undo = "git am --continue, or git am --abort";
		return "an am session";
	default:
		return NULL;
	}
}

static char *
index_lock_path(const mw_git *git)
{
	return mw_path_join(git_repository_path(git->repo), "index.lock");
}

static void
lock_exists(mw_buf *err, const char *lock)
{
	mw_buf_addf(err, "Unable to create '%s': File exists. Another git process seems to be "
		    "running in this repository; if none is, a git process crashed earlier: "
		    "remove the file and try again. Nothing was changed.", lock);
}

int
mw_git_check_ready(mw_git *git, mw_buf *err)
{
	const char *undo = NULL, *what = state_name(git_repository_state(git->repo), &undo);
	char *lock;
	int rc = 0;

	if (what) {
		mw_buf_addf(err, "cannot do a partial commit during %s (finish it first: %s); "
			    "nothing was changed", what, undo);
		return MW_GIT_ESTATE;
	}
	lock = index_lock_path(git);
	if (access(lock, F_OK) == 0) {
		lock_exists(err, lock);
		rc = MW_GIT_ELOCKED;
	}
	free(lock);
	return rc;
}

int
mw_git__lock_index(mw_git *git, mw_buf *err)
{
	char *lock = index_lock_path(git);
	int fd = open(lock, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);

	if (fd < 0 && errno == EEXIST)
		lock_exists(err, lock);
	else if (fd < 0)
		mw_buf_addf(err, "Unable to create '%s': %s", lock, strerror(errno));
	free(lock);
	return fd;
}

void
mw_git__unlock_index(mw_git *git, int fd)
{
	char *lock = index_lock_path(git);

	if (fd >= 0) {
		close(fd);
		unlink(lock);
	}
	free(lock);
}
