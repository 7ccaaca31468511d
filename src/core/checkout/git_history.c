/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading history through libgit2 (see mwschema/git.h): the commits and
 * files of a revision range, and files as a revision has them, one by one
 * or a whole directory at once.
 */
#include <config.h>

#include "mwschema/git.h"
#include "mwschema/fs.h"

#include <git2.h>

#include "core/checkout/internal.h"

#include <stdlib.h>
#include <string.h>

static int
resolve_commit(git_commit **out, mw_git *git, const char *rev, mw_buf *err)
{
	git_object *obj = NULL;

	*out = NULL;
	if (git_revparse_single(&obj, git->repo, rev) < 0 ||
	    git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT) < 0) {
		const git_error *e = git_error_last();

		mw_buf_addf(err, "unknown revision '%s': not a commit, branch or A..B range in "
			    "%s%s%s", rev, git->workdir, e ? " (libgit2: " : "", e ? e->message : "");
		if (e)
			mw_buf_addc(err, ')');
		git_object_free(obj);
		return MW_GIT_EREV;
	}
	git_object_free(obj);
	return 0;
}

static void
add_commit_info(mw_git_range *r, const git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	const char *msg = git_commit_message(c);
	mw_git_commit_info *ci;

	r->commits = mw_xgrow(r->commits, r->ncommits, sizeof(*r->commits));
	ci = &r->commits[r->ncommits++];
	git_oid_tostr(ci->oid, sizeof(ci->oid), git_commit_id(c));
	ci->subject = mw_xstrndup(msg ? msg : "", msg ? strcspn(msg, "\n") : 0);
	ci->author = mw_strdupf("%s <%s>", a ? a->name : "?", a ? a->email : "?");
}

/* The commits reachable from tip and not from base (NULL: all), newest first. */
static int
walk_commits(mw_git_range *r, mw_git *git, const git_oid *tip, const git_oid *hide,
	     mw_buf *err)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int rc = 0;

	if (git_revwalk_new(&walk, git->repo) < 0 || git_revwalk_push(walk, tip) < 0 ||
	    (hide && git_revwalk_hide(walk, hide) < 0)) {
		git_revwalk_free(walk);
		return mw_git__fail(err, MW_GIT_ERROR, "cannot walk the history");
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (!rc && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;

		if (git_commit_lookup(&c, git->repo, &oid) < 0)
			rc = mw_git__fail(err, MW_GIT_ERROR, "cannot read a commit of the range");
		else
			add_commit_info(r, c);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return rc;
}

static char
delta_status(git_delta_t s)
{
	switch (s) {
	case GIT_DELTA_ADDED: return 'A';
	case GIT_DELTA_DELETED: return 'D';
	case GIT_DELTA_TYPECHANGE: return 'T';
	default: return 'M';
	}
}

/* The files that differ between base (NULL: the empty tree) and tip. */
static int
diff_files(mw_git_range *r, mw_git *git, git_commit *base, git_commit *tip, mw_buf *err)
{
	git_tree *bt = NULL, *tt = NULL;
	git_diff *diff = NULL;
	int rc = 0;

	if ((base && git_commit_tree(&bt, base) < 0) || git_commit_tree(&tt, tip) < 0 ||
	    git_diff_tree_to_tree(&diff, git->repo, bt, tt, NULL) < 0) {
		rc = mw_git__fail(err, MW_GIT_ERROR, "cannot compare the trees");
		goto out;
	}
	r->nfiles = git_diff_num_deltas(diff);
	r->files = mw_xcalloc(r->nfiles ? r->nfiles : 1, sizeof(*r->files));
	/* libgit2 lists deltas sorted by path already. */
	for (size_t i = 0; i < r->nfiles; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		r->files[i].path = mw_xstrdup(d->new_file.path ? d->new_file.path :
					      d->old_file.path);
		r->files[i].status = delta_status(d->status);
	}
out:
	git_diff_free(diff);
	git_tree_free(bt);
	git_tree_free(tt);
	return rc;
}

/* The branch a topic branch forked from: its upstream, else main, else master. */
static git_commit *
branch_base(mw_git *git, const char *branch)
{
	static const char *const defaults[] = { "main", "master" };
	git_reference *ref = NULL, *up = NULL;
	git_commit *c = NULL;

	if (git_branch_lookup(&ref, git->repo, branch, GIT_BRANCH_LOCAL) < 0)
		return NULL;
	if (git_branch_upstream(&up, ref) == 0)
		git_reference_peel((git_object **)&c, up, GIT_OBJECT_COMMIT);
	for (size_t i = 0; !c && i < 2; i++) {
		git_reference *d = NULL;

		if (strcmp(branch, defaults[i]) &&
		    git_branch_lookup(&d, git->repo, defaults[i], GIT_BRANCH_LOCAL) == 0)
			git_reference_peel((git_object **)&c, d, GIT_OBJECT_COMMIT);
		git_reference_free(d);
	}
	git_reference_free(up);
	git_reference_free(ref);
	return c;
}

/* *base = merge base of a and b, NULL when they share no history. */
static int
merge_base(git_commit **base, mw_git *git, const git_commit *a, const git_commit *b,
	   mw_buf *err)
{
	git_oid oid;
	int rc = git_merge_base(&oid, git->repo, git_commit_id(a), git_commit_id(b));

	*base = NULL;
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_commit_lookup(base, git->repo, &oid) < 0)
		return mw_git__fail(err, MW_GIT_ERROR, "cannot find the merge base");
	return 0;
}

/* "A..B" / "A...B" split in two revisions (empty sides are HEAD); false if no dots. */
static bool
split_range(char **a, char **b, const char *spec)
{
	const char *dots = strstr(spec, "..");
	size_t skip;

	if (!dots)
		return false;
	skip = dots[2] == '.' ? 3 : 2;
	*a = dots == spec ? mw_xstrdup("HEAD") : mw_xstrndup(spec, (size_t)(dots - spec));
	*b = mw_xstrdup(dots[skip] ? dots + skip : "HEAD");
	return true;
}

/* Fills base/tip/commits for the three kinds of spec; the caller diffs. */
static int
resolve_range(git_commit **base, git_commit **tip, bool *whole, mw_git *git, const char *spec,
	      mw_buf *err)
{
	git_commit *from = NULL, *fork = NULL;
	char *a = NULL, *b = NULL;
	int rc;

	*whole = false;
	if (split_range(&a, &b, spec)) {
		rc = resolve_commit(&from, git, a, err);
		if (!rc)
			rc = resolve_commit(tip, git, b, err);
		if (!rc)
			rc = merge_base(base, git, from, *tip, err);
		*whole = true;
		git_commit_free(from);
		free(a);
		free(b);
		return rc;
	}
	if ((rc = resolve_commit(tip, git, spec, err)) < 0)
		return rc;
	fork = branch_base(git, spec);
	if (fork && (rc = merge_base(base, git, fork, *tip, err)) == 0 && *base &&
	    !git_oid_equal(git_commit_id(*base), git_commit_id(*tip))) {
		*whole = true;
	} else if (!rc) {
		git_commit_free(*base);
		*base = NULL;
		if (git_commit_parentcount(*tip) > 0 && git_commit_parent(base, *tip, 0) < 0)
			rc = mw_git__fail(err, MW_GIT_ERROR, "cannot read the parent commit");
	}
	git_commit_free(fork);
	return rc;
}

int
mw_git_range_read(mw_git_range *out, mw_git *git, const char *spec, mw_buf *err)
{
	git_commit *base = NULL, *tip = NULL;
	bool whole;
	int rc;

	memset(out, 0, sizeof(*out));
	out->spec = mw_xstrdup(spec && *spec ? spec : "HEAD");
	rc = resolve_range(&base, &tip, &whole, git, out->spec, err);
	if (rc < 0)
		goto out;
	git_oid_tostr(out->tip, sizeof(out->tip), git_commit_id(tip));
	if (base)
		git_oid_tostr(out->base, sizeof(out->base), git_commit_id(base));
	if (whole)
		rc = walk_commits(out, git, git_commit_id(tip), base ? git_commit_id(base) : NULL,
				  err);
	else
		add_commit_info(out, tip);
	if (!rc)
		rc = diff_files(out, git, base, tip, err);
out:
	git_commit_free(base);
	git_commit_free(tip);
	if (rc < 0)
		mw_git_range_clear(out);
	return rc;
}

void
mw_git_range_clear(mw_git_range *range)
{
	for (size_t i = 0; i < range->ncommits; i++) {
		free(range->commits[i].subject);
		free(range->commits[i].author);
	}
	for (size_t i = 0; i < range->nfiles; i++)
		free(range->files[i].path);
	free(range->commits);
	free(range->files);
	free(range->spec);
	memset(range, 0, sizeof(*range));
}

/* The tree of `rev`, or an error. */
static int
rev_tree(git_tree **out, mw_git *git, const char *rev, mw_buf *err)
{
	git_commit *c = NULL;
	int rc = resolve_commit(&c, git, rev, err);

	if (!rc && git_commit_tree(out, c) < 0)
		rc = mw_git__fail(err, MW_GIT_ERROR, rev);
	git_commit_free(c);
	return rc;
}

int
mw_git_blob_read(mw_buf *out, mw_git *git, const char *rev, const char *path, mw_buf *err)
{
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;
	int rc = rev_tree(&tree, git, rev, err);

	if (rc < 0)
		return rc;
	if (git_tree_entry_bypath(&te, tree, path) < 0 ||
	    git_tree_entry_type(te) != GIT_OBJECT_BLOB) {
		mw_buf_addf(err, "%s: no such file at %.12s", path, rev);
		rc = MW_GIT_ENOENT;
	} else if (git_repository_odb(&odb, git->repo) < 0 ||
		   git_odb_read_header(&size, &type, odb, git_tree_entry_id(te)) < 0) {
		rc = mw_git__fail(err, MW_GIT_ERROR, path);
	} else if (size > MW_MAX_FILE_SIZE) {
		/* the header alone: a huge blob is never loaded */
		mw_buf_addf(err, "%s: file is too large at %.12s (%zu bytes, the limit is %u MiB)",
			    path, rev, size, MW_MAX_FILE_SIZE >> 20);
		rc = MW_GIT_ERROR;
	} else if (git_blob_lookup(&blob, git->repo, git_tree_entry_id(te)) < 0) {
		rc = mw_git__fail(err, MW_GIT_ERROR, path);
	} else {
		mw_buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
		/* Keep the NUL-termination promise even for an empty file. */
		mw_buf_grow(out, 1);
	}
	git_blob_free(blob);
	git_odb_free(odb);
	git_tree_entry_free(te);
	git_tree_free(tree);
	return rc;
}

int
mw_git_resolve(char out_oid[41], mw_git *git, const char *rev, mw_buf *err)
{
	git_commit *c = NULL;
	int rc = resolve_commit(&c, git, rev, err);

	if (!rc)
		git_oid_tostr(out_oid, 41, git_commit_id(c));
	git_commit_free(c);
	return rc;
}

/* The blob id of `path` in commit c (all zeros when c has no such file). */
static void
path_oid(git_oid *out, git_commit *c, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;

	memset(out, 0, sizeof(*out));
	if (git_commit_tree(&tree, c) == 0 && git_tree_entry_bypath(&te, tree, path) == 0)
		*out = *git_tree_entry_id(te);
	git_tree_entry_free(te);
	git_tree_free(tree);
}

/* Bit i when paths[i] differs between `here` and the commit's parent (`there`, updated). */
static unsigned
changed_paths(git_oid *here, git_oid *there, git_commit *parent, const char *const *paths,
	      size_t n)
{
	unsigned changed = 0;

	for (size_t i = 0; i < n; i++) {
		if (parent)
			path_oid(&there[i], parent, paths[i]);
		else
			memset(&there[i], 0, sizeof(there[i]));
		if (!git_oid_equal(&here[i], &there[i]))
			changed |= 1u << i;
		here[i] = there[i];
	}
	return changed;
}

int
mw_git_last_change(mw_git *git, const char *const *paths, size_t n, unsigned limit,
		   mw_buf *err)
{
	git_commit *c = NULL, *parent = NULL;
	git_oid here[16], there[16];
	unsigned changed = 0;
	int rc = n <= 16 ? resolve_commit(&c, git, "HEAD", err) : MW_GIT_ERROR;

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		path_oid(&here[i], c, paths[i]);
	while (c && !changed && limit--) {
		if (git_commit_parentcount(c) && git_commit_parent(&parent, c, 0) < 0)
			break;
		changed = changed_paths(here, there, parent, paths, n);
		git_commit_free(c);
		c = parent;
		parent = NULL;
	}
	git_commit_free(c);
	return (int)changed;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
mw_git_tree_list(char ***names, size_t *n, mw_git *git, const char *rev, const char *dir,
		 mw_buf *err)
{
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	const git_tree *at;
	int rc = rev_tree(&tree, git, rev, err);

	*names = NULL;
	*n = 0;
	if (rc < 0)
		return rc;
	at = tree;
	if (dir && *dir) {
		if (git_tree_entry_bypath(&te, tree, dir) < 0 ||
		    git_tree_entry_type(te) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&sub, git->repo, git_tree_entry_id(te)) < 0)
			goto out;	/* no such directory: no names */
		at = sub;
	}
	for (size_t i = 0; i < git_tree_entrycount(at); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(at, i);

		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		*names = mw_xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = mw_xstrdup(git_tree_entry_name(e));
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), compare_names);
out:
	git_tree_entry_free(te);
	git_tree_free(sub);
	git_tree_free(tree);
	return 0;
}

/* The names of the references matching `glob` ("refs/heads/REL*"), sorted. */
int
mw_git_refs_list(char ***names, size_t *n, mw_git *git, const char *glob, mw_buf *err)
{
	git_reference_iterator *it;
	const char *name;

	*names = NULL;
	*n = 0;
	if (git_reference_iterator_glob_new(&it, git->repo, glob) < 0)
		return mw_git__fail(err, MW_GIT_ERROR, "cannot list the references");
	while (git_reference_next_name(&name, it) == 0) {
		*names = mw_xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = mw_xstrdup(name);
	}
	git_reference_iterator_free(it);
	if (*n)
		qsort(*names, *n, sizeof(**names), compare_names);
	return 0;
}

/*
 * Every file of a directory at a revision (mw_git_tree_walk): what review
 * needs to index the checkout's code as a commit has it, straight from the
 * object database, without a work tree.
 */

struct walk {
	mw_git *git;
	git_odb *odb;
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
	git_object_t type;
	size_t size = 0;
	int rc;

	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		return name[0] == '.' ? 1 : 0;	/* hidden directories are not code */
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !has_suffix(name, w->suffix, w->suffix_len) ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
		return 0;
	/* told by the object's header: a blob too large to be code is never loaded */
	if (git_odb_read_header(&size, &type, w->odb, git_tree_entry_id(e)) == 0 &&
	    size > MW_MAX_FILE_SIZE)
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
	struct walk w = { git, NULL, suffix ? suffix : "", suffix ? strlen(suffix) : 0, fn, arg, 0,
			  MW_BUF_INIT, err };
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	int rc = rev_tree(&tree, git, rev, err);

	if (rc < 0)
		return rc;
	if (git_repository_odb(&w.odb, git->repo) < 0) {
		git_tree_free(tree);
		return mw_git__fail(err, MW_GIT_ERROR, rev);
	}
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
	git_odb_free(w.odb);
	git_tree_entry_free(te);
	git_tree_free(sub);
	git_tree_free(tree);
	return rc;
}
