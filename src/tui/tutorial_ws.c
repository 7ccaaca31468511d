/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tutorial's private workspace and its progress file, both under
 * $XDG_STATE_HOME/mwschema/tutorial: a copy of the demo made into a git
 * repository of its own (one initial commit), so that writing and
 * committing in the tutorial are real and touch nothing of the user's.
 */
#include <config.h>

#include "tui/tutorial_int.h"
#include "editor/demo.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRESS_DONE "done"
#define COPY_NAME "demo"	/* the copy's directory, shown in the title bar */

char *
tut_state_dir(void)
{
	char *base = session_state_dir(), *dir = mw_path_join(base, "tutorial");

	free(base);
	return dir;
}

static char *
progress_path(const char *state_dir)
{
	return mw_path_join(state_dir, "progress");
}

size_t
tut_progress_load(const char *state_dir)
{
	char *path = progress_path(state_dir);
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	size_t step = 0;

	if (!mw_read_file(&text, path, &err)) {
		const char *id = mw_buf_cstr(&text);
		size_t n = strcspn(id, "\n");

		for (size_t i = 0; i < tut_nsteps; i++)
			if (strlen(tut_steps[i].id) == n && !strncmp(tut_steps[i].id, id, n))
				step = i;
		if (n == strlen(PROGRESS_DONE) && !strncmp(id, PROGRESS_DONE, n))
			step = tut_nsteps;
	}
	free(path);
	mw_buf_release(&text);
	mw_buf_release(&err);
	return step;
}

int
tut_progress_save(const char *state_dir, size_t step, mw_buf *err)
{
	char *path = progress_path(state_dir);
	char *line = mw_strdupf("%s\n", step < tut_nsteps ? tut_steps[step].id : PROGRESS_DONE);
	int rc = mw_write_file_atomic(path, line, strlen(line), err);

	free(line);
	free(path);
	return rc;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
remove_tree(const char *dir, mw_buf *err)
{
	if (!mw_file_exists(dir))
		return 0;
	if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS)) {
		mw_buf_addf(err, "%s: cannot remove the old tutorial copy", dir);
		return -1;
	}
	return 0;
}

static int
make_copy(const char *ws, mw_buf *err)
{
	if (remove_tree(ws, err) || demo_copy_to(ws, err))
		return -1;
	return 0;
}

int
tutorial_prepare(char **dir, bool restart, mw_buf *err)
{
	char *state = tut_state_dir(), *ws = mw_path_join(state, COPY_NAME);
	char *head = mw_path_join(ws, ".git/refs/heads/main");
	char *progress = progress_path(state);
	int rc = 0;

	*dir = NULL;
	/* A copy without its first commit was interrupted: make it again. */
	if (restart || !mw_file_exists(head)) {
		remove(progress);
		rc = make_copy(ws, err);
	}
	if (!rc)
		*dir = ws;
	else
		free(ws);
	free(head);
	free(progress);
	free(state);
	return rc;
}

/* vim: set ts=8 sw=8 noexpandtab: */
