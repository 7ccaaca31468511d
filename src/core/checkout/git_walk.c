/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading every file of a directory at a revision (mw_git_tree_walk):
 * what review needs to index the checkout's code as a commit has it,
 * straight from the object database, without a work tree.
 */
#include <config.h>

#include "core/checkout/git_internal.h"

#include <stdlib.h>
#include <string.h>

struct walk {
	mw_git *git;
	const char *suffix;
	size_t suffix_len;
	mw_git_file_fn *fn;
	void *arg;
	int stop;		/* what fn returned when it asked to stop */
	mw_buf path;
	mw_buf *err;
};

static bool
has_suffix(const char *name, const char *suffix, size_t n)
{
	size_t len = strlen(name);

	return len >= n && !memcmp(name + len - n, suffix, n);
}

/* libgit2's callback: 0 to go on, 1 to skip a subtree, negative to stop. */
static int
visit(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	const char *name = git_tree_entry_name(e);
	git_blob *blob = NULL;
	int rc;

	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		return name[0] == '.' ? 1 : 0;	/* hidden directories are not code */
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !has_suffix(name, w->suffix, w->suffix_len))
		return 0;
	if (git_blob_lookup(&blob, w->git->repo, git_tree_entry_id(e)) < 0) {
		w->stop = mw_git__fail(w->err, MW_GIT_ERROR, name);
		return -1;
	}
	mw_buf_reset(&w->path);
	mw_buf_addf(&w->path, "%s%s", root, name);
	rc = w->fn(mw_buf_cstr(&w->path), git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
		   w->arg);
	git_blob_free(blob);
	if (rc) {
		w->stop = rc;
		return -1;
	}
	return 0;
}

int
mw_git_tree_walk(mw_git *git, const char *rev, const char *dir, const char *suffix,
		 mw_git_file_fn *fn, void *arg, mw_buf *err)
{
	struct walk w = { git, suffix ? suffix : "", suffix ? strlen(suffix) : 0, fn, arg, 0,
			  MW_BUF_INIT, err };
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	int rc = mw_git__rev_tree(&tree, git, rev, err);

	if (rc < 0)
		return rc;
	if (dir && *dir) {
		if (git_tree_entry_bypath(&te, tree, dir) < 0 ||
		    git_tree_entry_type(te) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&sub, git->repo, git_tree_entry_id(te)) < 0)
			goto out;	/* no such directory: no files */
	}
	if (git_tree_walk(sub ? sub : tree, GIT_TREEWALK_PRE, visit, &w) < 0 && !w.stop)
		rc = mw_git__fail(err, MW_GIT_ERROR, rev);
	else
		rc = w.stop;
out:
	mw_buf_release(&w.path);
	git_tree_entry_free(te);
	git_tree_free(sub);
	git_tree_free(tree);
	return rc;
}
