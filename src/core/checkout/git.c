/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Git through libgit2 1.5 (see mwschema/git.h): the repository, its head,
 * status and identity, and commits. Reading history (ranges, files at a
 * revision) is git_history.c, the checks before a commit git_guard.c; these
 * three files alone include <git2.h>, and reach libgit2 through pointers
 * filled on first use (internal.h).
 *
 * Commits are built from HEAD's tree plus exactly the requested paths in a
 * private in-memory index, so whatever else the user staged or edited stays
 * where it was: neither committed nor unstaged.
 */
#include <config.h>

#include "mwschema/git.h"

#include <git2.h>

#define MW_GIT_API_DEFINE
#include "core/checkout/internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EMPTY_TREE_ID "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

int
mw_git__fail(mw_buf *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	mw_buf_addf(err, "%s%s%s", what, e ? ": " : "", e ? e->message : "");
	return code;
}

int
mw_git_open(mw_git **out, const char *dir, mw_buf *err)
{
	git_repository *repo = NULL;
	const git_error *e;
	int rc;

	*out = NULL;
	if (mw_git__load(err) < 0)
		return MW_GIT_ERROR;
	git_libgit2_init();
	/*
	 * libgit2 keeps parsed trees of up to 4 KiB only: review reads a file
	 * per change from a folder of thousands, and parsing that folder's
	 * tree again for each made it quadratic.
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)64 << 20);
	rc = git_repository_open_ext(&repo, dir, 0, NULL);
	if (rc < 0) {
		e = git_error_last();
		/* libgit2 1.5 reports foreign ownership as GIT_ENOTFOUND: tell them apart. */
		if (e && (strstr(e->message, "safe.directory") || strstr(e->message, "owned"))) {
			char *abs = realpath(dir, NULL);

			mw_buf_addf(err, "%s: the repository is owned by another user, so git "
				    "refuses it (libgit2: %s). If you trust it, run: git config "
				    "--global --add safe.directory <the repository's top directory>",
				    abs ? abs : dir, e->message);
			free(abs);
			rc = MW_GIT_EOWNER;
		} else if (rc == GIT_ENOTFOUND) {
			mw_buf_addf(err, "%s: not inside a git repository (git init, or clone "
				    "the checkout with git)", dir);
			rc = MW_GIT_ENOREPO;
		} else {
			rc = mw_git__fail(err, MW_GIT_ERROR, dir);
		}
		git_libgit2_shutdown();
		return rc;
	}
	if (git_repository_is_bare(repo)) {
		mw_buf_addf(err, "%s: the repository is bare (it has no work tree)", dir);
		git_repository_free(repo);
		git_libgit2_shutdown();
		return MW_GIT_ERROR;
	}
	*out = mw_xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	(*out)->workdir = mw_xstrdup(git_repository_workdir(repo));
	return 0;
}

int
mw_git_init(mw_git **out, const char *dir, const char *branch, mw_buf *err)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	int rc;

	*out = NULL;
	if (mw_git__load(err) < 0)
		return MW_GIT_ERROR;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = branch;
	git_libgit2_init();
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		rc = mw_git__fail(err, MW_GIT_ERROR, dir);
		git_libgit2_shutdown();
		return rc;
	}
	*out = mw_xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	(*out)->workdir = mw_xstrdup(git_repository_workdir(repo));
	return 0;
}

int
mw_git_config_set_local(mw_git *git, const char *key, const char *value, mw_buf *err)
{
	git_config *cfg = NULL, *local = NULL;
	int rc = 0;

	if (git_repository_config(&cfg, git->repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, key, value) < 0)
		rc = mw_git__fail(err, MW_GIT_ERROR, key);
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

void
mw_git_free(mw_git *git)
{
	if (!git)
		return;
	git_repository_free(git->repo);
	free(git->workdir);
	free(git);
	git_libgit2_shutdown();
}

const char *
mw_git_workdir(const mw_git *git)
{
	return git->workdir;
}

/* The branch HEAD names even when it has no commit yet ("refs/heads/x" → "x"). */
static char *
head_branch_name(git_repository *repo)
{
	git_reference *ref = NULL;
	const char *target;
	char *name = NULL;

	if (git_reference_lookup(&ref, repo, "HEAD") < 0)
		return NULL;
	target = git_reference_symbolic_target(ref);
	if (target && !strncmp(target, "refs/heads/", 11))
		name = mw_xstrdup(target + 11);
	git_reference_free(ref);
	return name;
}

int
mw_git_head_read(mw_git_head *out, mw_git *git, mw_buf *err)
{
	git_oid oid;

	memset(out, 0, sizeof(*out));
	out->detached = git_repository_head_detached(git->repo) == 1;
	out->unborn = git_repository_head_unborn(git->repo) == 1;
	if (!out->detached)
		out->branch = head_branch_name(git->repo);
	if (!out->unborn) {
		if (git_reference_name_to_id(&oid, git->repo, "HEAD") < 0)
			return mw_git__fail(err, MW_GIT_ERROR, "cannot resolve HEAD");
		git_oid_tostr(out->oid, sizeof(out->oid), &oid);
	}
	return 0;
}

void
mw_git_head_clear(mw_git_head *head)
{
	free(head->branch);
	memset(head, 0, sizeof(*head));
}

static unsigned
status_bits(unsigned s)
{
	unsigned bits = 0;

	if (s & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_DELETED |
		 GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE))
		bits |= MW_GIT_STAGED;
	if (s & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_RENAMED))
		bits |= MW_GIT_CHANGED;
	if (s & GIT_STATUS_WT_DELETED)
		bits |= MW_GIT_CHANGED | MW_GIT_DELETED;
	if (s & GIT_STATUS_WT_NEW)
		bits |= MW_GIT_UNTRACKED;
	return bits;
}

int
mw_git_status(mw_git_entry **out, size_t *n, mw_git *git, mw_buf *err)
{
	git_status_options opts;
	git_status_list *list = NULL;
	size_t count;

	*out = NULL;
	*n = 0;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_status_list_new(&list, git->repo, &opts) < 0)
		return mw_git__fail(err, MW_GIT_ERROR, "cannot read the work tree status");
	count = git_status_list_entrycount(list);
	*out = mw_xcalloc(count ? count : 1, sizeof(**out));
	for (size_t i = 0; i < count; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir :
					  e->head_to_index;

		if (!d || !status_bits(e->status))
			continue;
		(*out)[*n].path = mw_xstrdup(d->new_file.path ? d->new_file.path :
					     d->old_file.path);
		(*out)[(*n)++].status = status_bits(e->status);
	}
	git_status_list_free(list);
	return 0;
}

void
mw_git_status_free(mw_git_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(entries[i].path);
	free(entries);
}

static int
signature(git_signature **out, mw_git *git, mw_buf *err)
{
	if (git_signature_default(out, git->repo) == 0)
		return 0;
	mw_buf_adds(err, "no git identity is configured (user.name and user.email); set it "
		    "with: git config --global user.name \"Your Name\" && "
		    "git config --global user.email you@example.org");
	return MW_GIT_ENOIDENT;
}

int
mw_git_identity(char **out, mw_git *git, mw_buf *err)
{
	git_signature *sig = NULL;
	int rc = signature(&sig, git, err);

	*out = rc ? NULL : mw_strdupf("%s <%s>", sig->name, sig->email);
	git_signature_free(sig);
	return rc;
}

void
mw_git_change_id(char out[42], const char *committer_ident, const char *parent_hex,
		 const char *message)
{
	char *input = mw_strdupf("%s\n%s\n%s", committer_ident,
				 parent_hex && *parent_hex ? parent_hex : EMPTY_TREE_ID, message);
	git_oid oid;

	if (mw_git__load(NULL) < 0) {
		/* Not reached in practice: a commit has opened the repository already. */
		memset(out, 0, 42);
		free(input);
		return;
	}
	git_libgit2_init();
	git_odb_hash(&oid, input, strlen(input), GIT_OBJECT_BLOB);
	git_libgit2_shutdown();
	out[0] = 'I';
	git_oid_tostr(out + 1, 41, &oid);
	free(input);
}

/* "Name <email> 1700000000 +0100", as `git var GIT_COMMITTER_IDENT` prints it. */
static char *
ident_line(const git_signature *sig)
{
	int off = sig->when.offset, a = off < 0 ? -off : off;

	return mw_strdupf("%s <%s> %lld %c%02d%02d", sig->name, sig->email,
			  (long long)sig->when.time, off < 0 ? '-' : '+', a / 60, a % 60);
}

static bool
is_trailer_line(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && (line[i] == '-' || (line[i] >= 'A' && line[i] <= 'Z') ||
			 (line[i] >= 'a' && line[i] <= 'z') || (line[i] >= '0' && line[i] <= '9')))
		i++;
	return i > 0 && i + 1 < n && line[i] == ':' && line[i + 1] == ' ';
}

/* True when the last paragraph of `msg` (cleaned, ends in '\n') is all "Key: value" lines. */
static bool
ends_with_trailers(const char *msg, size_t len)
{
	size_t end = len, start;

	if (end < 2)
		return false;
	end--;	/* the final newline */
	for (;;) {
		start = end;
		while (start > 0 && msg[start - 1] != '\n')
			start--;
		if (start == end)
			return false;
		if (!is_trailer_line(msg + start, end - start))
			return false;
		if (start < 2 || msg[start - 2] == '\n')
			return start >= 2;	/* a paragraph of its own, not the subject */
		end = start - 1;
	}
}

/* The cleaned message with a Change-Id footer if it has none. */
static int
build_message(mw_buf *out, const char *message, const git_signature *sig, const char *parent,
	      mw_buf *err)
{
	git_buf clean = GIT_BUF_INIT;
	char cid[42], *ident;

	if (git_message_prettify(&clean, message, 0, 0) < 0 || !clean.size)
		return mw_git__fail(err, MW_GIT_ERROR, "the commit message is empty");
	mw_buf_add(out, clean.ptr, clean.size);
	if (!strstr(clean.ptr, "\nChange-Id: ")) {
		ident = ident_line(sig);
		mw_git_change_id(cid, ident, parent, clean.ptr);
		if (!ends_with_trailers(clean.ptr, clean.size))
			mw_buf_addc(out, '\n');
		mw_buf_addf(out, "Change-Id: %s\n", cid);
		free(ident);
	}
	git_buf_dispose(&clean);
	return 0;
}

/* HEAD's tree plus the work tree state of `paths`, in a private index. */
static int
build_tree(git_oid *tree_id, mw_git *git, git_commit *parent, char *const *paths, size_t n,
	   mw_buf *err)
{
	git_index *idx = NULL;
	git_tree *base = NULL;
	int rc = MW_GIT_ERROR;

	if (git_index_new(&idx) < 0 || (parent && (git_commit_tree(&base, parent) < 0 ||
						   git_index_read_tree(idx, base) < 0)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *abs = mw_strdupf("%s%s", git->workdir, paths[i]);
		git_index_entry e;
		struct stat st;
		int fail;

		memset(&e, 0, sizeof(e));
		e.path = paths[i];
		if (lstat(abs, &st) < 0) {
			fail = git_index_remove_bypath(idx, paths[i]);
		} else {
			e.mode = st.st_mode & S_IXUSR ? GIT_FILEMODE_BLOB_EXECUTABLE :
				 GIT_FILEMODE_BLOB;
			fail = git_blob_create_from_workdir(&e.id, git->repo, paths[i]) < 0 ||
			       git_index_add(idx, &e) < 0;
		}
		free(abs);
		if (fail) {
			mw_git__fail(err, MW_GIT_ERROR, paths[i]);
			goto out;
		}
	}
	if (git_index_write_tree_to(tree_id, idx, git->repo) < 0)
		goto out;
	rc = 0;
out:
	if (rc && !err->len)
		mw_git__fail(err, rc, "cannot build the commit's tree");
	git_tree_free(base);
	git_index_free(idx);
	return rc;
}

/* Decides which ref the commit goes to; *switch_head when HEAD must follow. */
static int
target_ref(char **refname, bool *switch_head, mw_git *git, const mw_git_head *h,
	   const char *branch, mw_buf *err)
{
	git_reference *ref = NULL;
	int valid = 0;

	*switch_head = false;
	if (!branch) {
		if (h->detached) {
			mw_buf_adds(err, "HEAD is detached: name a topic branch for the commit "
				    "(--branch=NAME)");
			return MW_GIT_EBRANCH;
		}
		*refname = mw_strdupf("refs/heads/%s", h->branch);
		return 0;
	}
	*refname = mw_strdupf("refs/heads/%s", branch);
	if (git_reference_name_is_valid(&valid, *refname) < 0 || !valid) {
		mw_buf_addf(err, "'%s' is not a valid branch name", branch);
		goto fail;
	}
	if (git_reference_lookup(&ref, git->repo, *refname) == 0) {
		git_reference_free(ref);
		if (h->detached || !h->branch || strcmp(h->branch, branch)) {
			mw_buf_addf(err, "branch '%s' already exists and is not checked out: "
				    "check it out first or choose another name", branch);
			goto fail;
		}
		return 0;
	}
	*switch_head = h->detached || !h->branch || strcmp(h->branch, branch);
	return 0;
fail:
	free(*refname);
	*refname = NULL;
	return MW_GIT_EBRANCH;
}

/* Moves the branch to the commit (checking nobody moved it meanwhile), then HEAD. */
static int
update_refs(mw_git *git, const char *refname, bool switch_head, const git_oid *commit,
	    git_commit *parent, mw_buf *err)
{
	git_reference *ref = NULL, *existing = NULL;
	int rc;

	if (git_reference_lookup(&existing, git->repo, refname) == 0 && parent)
		rc = git_reference_create_matching(&ref, git->repo, refname, commit, 1,
						   git_commit_id(parent), "mwschema commit");
	else
		rc = git_reference_create(&ref, git->repo, refname, commit, 0, "mwschema commit");
	git_reference_free(existing);
	git_reference_free(ref);
	if (rc < 0)
		return mw_git__fail(err, MW_GIT_ERROR, refname);
	if (switch_head && git_repository_set_head(git->repo, refname) < 0)
		return mw_git__fail(err, MW_GIT_ERROR, "cannot switch HEAD to the new branch");
	return 0;
}

/* The real index, in memory, agreeing with the commit for `paths` and only those. */
static int
prepare_index(git_index **out, mw_git *git, char *const *paths, size_t n, mw_buf *err)
{
	int rc = 0;

	if (git_repository_index(out, git->repo) < 0)
		return mw_git__fail(err, MW_GIT_ERROR, "cannot open the index");
	for (size_t i = 0; i < n && !rc; i++) {
		char *abs = mw_strdupf("%s%s", git->workdir, paths[i]);
		struct stat st;

		rc = lstat(abs, &st) == 0 ? git_index_add_bypath(*out, paths[i]) :
		     git_index_remove_bypath(*out, paths[i]);
		free(abs);
	}
	if (rc)
		rc = mw_git__fail(err, MW_GIT_ERROR, "cannot update the index");
	return rc;
}

/* The index could not follow the branch: put the branch (and HEAD) back. */
static void
undo_refs(mw_git *git, const char *refname, bool switch_head, const mw_git_head *h,
	  const git_oid *commit, git_commit *parent)
{
	git_reference *ref = NULL;

	if (switch_head && h->branch) {
		char *old = mw_strdupf("refs/heads/%s", h->branch);

		git_repository_set_head(git->repo, old);
		free(old);
	} else if (switch_head && parent) {
		git_repository_set_head_detached(git->repo, git_commit_id(parent));
	}
	if (!switch_head && parent)
		git_reference_create_matching(&ref, git->repo, refname, git_commit_id(parent), 1,
					      commit, "mwschema commit: undone");
	else if (git_reference_lookup(&ref, git->repo, refname) == 0)
		git_reference_delete(ref);
	git_reference_free(ref);
}

/* Creates the commit object for the tree of `paths` on top of `parent`. */
static int
make_commit_object(git_oid *commit_id, mw_git *git, git_commit *parent, const mw_git_head *h,
		   char *const *paths, size_t npaths, const char *message, mw_buf *err)
{
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;
	mw_buf msg = MW_BUF_INIT;
	int rc = signature(&sig, git, err);

	if (rc < 0)
		return rc;
	rc = MW_GIT_ERROR;
	if (build_tree(&tree_id, git, parent, paths, npaths, err) < 0)
		goto out;
	if (parent && git_oid_equal(&tree_id, git_commit_tree_id(parent))) {
		mw_buf_adds(err, "nothing to commit: the change's files are the same as in HEAD");
		goto out;
	}
	if (build_message(&msg, message, sig, h->oid, err) < 0)
		goto out;
	if (git_tree_lookup(&tree, git->repo, &tree_id) < 0 ||
	    git_commit_create_v(commit_id, git->repo, NULL, sig, sig, NULL, mw_buf_cstr(&msg),
				tree, parent ? 1 : 0, parent) < 0) {
		mw_git__fail(err, rc, "cannot create the commit");
		goto out;
	}
	rc = 0;
out:
	git_tree_free(tree);
	git_signature_free(sig);
	mw_buf_release(&msg);
	return rc;
}

/*
 * The branch moves while this process holds the index lock, as git does;
 * libgit2 takes the lock itself to write the index, so ours is dropped just
 * before, and the branch is put back should the write fail after all.
 */
static int
move_branch(mw_git *git, int *lock, const char *refname, bool switch_head,
	    const mw_git_head *h, const git_oid *commit, git_commit *parent, git_index *idx,
	    mw_buf *err)
{
	int rc = update_refs(git, refname, switch_head, commit, parent, err);

	if (rc < 0)
		return rc;
	mw_git__unlock_index(git, *lock);
	*lock = -1;
	if (git_index_write(idx) == 0)
		return 0;
	undo_refs(git, refname, switch_head, h, commit, parent);
	return mw_git__fail(err, MW_GIT_ERROR, "the index could not be written, so the commit "
			    "was undone and the branch left where it was");
}

int
mw_git_commit(char out_oid[41], mw_git *git, char *const *paths, size_t npaths,
	      const char *message, const char *branch, mw_buf *err)
{
	git_commit *parent = NULL;
	git_index *idx = NULL;
	git_oid commit_id;
	mw_git_head h;
	char *refname = NULL;
	bool switch_head;
	int rc, lock = -1;

	out_oid[0] = '\0';
	if ((rc = mw_git_check_ready(git, err)) < 0)
		return rc;
	if ((rc = mw_git_head_read(&h, git, err)) < 0)
		return rc;
	if ((rc = target_ref(&refname, &switch_head, git, &h, branch, err)) < 0)
		goto out;
	if ((lock = mw_git__lock_index(git, err)) < 0) {
		rc = MW_GIT_ELOCKED;
		goto out;
	}
	rc = MW_GIT_ERROR;
	if (!h.unborn && git_revparse_single((git_object **)&parent, git->repo, "HEAD^{commit}") < 0) {
		mw_git__fail(err, rc, "cannot read the HEAD commit");
		goto out;
	}
	if ((rc = make_commit_object(&commit_id, git, parent, &h, paths, npaths, message, err)) < 0 ||
	    (rc = prepare_index(&idx, git, paths, npaths, err)) < 0 ||
	    (rc = move_branch(git, &lock, refname, switch_head, &h, &commit_id, parent, idx,
			      err)) < 0)
		goto out;
	git_oid_tostr(out_oid, 41, &commit_id);
out:
	mw_git__unlock_index(git, lock);
	git_index_free(idx);
	git_commit_free(parent);
	mw_git_head_clear(&h);
	free(refname);
	return rc;
}
