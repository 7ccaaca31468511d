/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The schema of a wiki: the schema files of a core checkout and extension
 * checkouts, found as `check` finds them, read from the work trees or from
 * git at a revision (see mwschema/farm.h).
 */
#include <config.h>

#include "mwschema/farm.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/json.h"
#include "mwschema/workspace.h"

#include <stdlib.h>
#include <string.h>

/* Copies the tables of a loaded schema document into the farm as one file. */
static void
add_file(mw_farm_schema *s, mw_farm_source *src, const char *rel, const mw_schema *tables)
{
	mw_farm_file *f;

	src->files = mw_xrealloc(src->files, (src->nfiles + 1) * sizeof(*src->files));
	f = &src->files[src->nfiles++];
	memset(f, 0, sizeof(*f));
	f->rel = mw_xstrdup(rel);
	f->first = s->schema.ntables;
	s->schema.tables = mw_xrealloc(s->schema.tables, (s->schema.ntables + tables->ntables + 1) *
				       sizeof(*s->schema.tables));
	for (size_t i = 0; i < tables->ntables; i++) {
		const mw_table *t = &tables->tables[i], *had = mw_schema_table(&s->schema, t->name);

		/* the same table twice is one table; two different ones are an error (below) */
		if (had && mw_table_equal(had, t)) {
			f->nsame++;
			continue;
		}
		mw_table_copy(&s->schema.tables[s->schema.ntables++], t);
		f->ntables++;
	}
}

static mw_farm_source *
add_source(mw_farm_schema *s, const mw_workspace *ws)
{
	mw_farm_source *src;
	const char *slash = strrchr(ws->root, '/');

	s->sources = mw_xrealloc(s->sources, (s->nsources + 1) * sizeof(*s->sources));
	src = &s->sources[s->nsources++];
	memset(src, 0, sizeof(*src));
	src->name = mw_xstrdup(ws->name ? ws->name : slash ? slash + 1 : ws->root);
	src->core = ws->kind == MW_WS_CORE;
	src->root = mw_xstrdup(ws->root);
	return src;
}

/* The work tree's schema documents (tables, not changes). */
static void
read_work_tree(mw_farm_schema *s, mw_farm_source *src, const mw_workspace *ws)
{
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;

		if (doc && doc->kind != MW_DOC_CHANGE)
			add_file(s, src, ws->docs[i].rel, &doc->schema);
	}
}

/* The checkout's root relative to the repository's work tree ("" or "dir/"). */
static char *
repo_prefix(const mw_git *git, const char *root)
{
	const char *wd = mw_git_workdir(git);
	size_t l = strlen(wd);

	if (!strncmp(root, wd, l))
		return mw_strdupf("%s%s", root + l, root[l] ? "/" : "");
	if (l && !strncmp(root, wd, l - 1) && !root[l - 1])
		return mw_xstrdup("");
	return NULL;
}

/* One JSON file at the revision: loaded, and kept when it is a schema. */
static void
read_blob(mw_farm_schema *s, mw_farm_source *src, mw_git *git, const char *path,
	  const char *rel, mw_diags *diags)
{
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_doc *doc = NULL;

	if (mw_git_blob_read(&text, git, s->rev, path, &err) < 0)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, rel, 0, 0, NULL, NULL, "%s", mw_buf_cstr(&err));
	else if (mw_doc_load_buffer(&doc, mw_buf_cstr(&text), text.len, rel, diags) == 0 &&
		 doc->kind != MW_DOC_CHANGE)
		add_file(s, src, rel, &doc->schema);
	mw_doc_free(doc);
	mw_buf_release(&text);
	mw_buf_release(&err);
}

/* The JSON files directly in `dir` of every schema folder, at s->rev. */
static void
read_revision(mw_farm_schema *s, mw_farm_source *src, const mw_workspace *ws, mw_git *git,
	      const char *prefix, mw_diags *diags)
{
	size_t before = s->schema.ntables;

	for (size_t d = 0; d < ws->nschema_dirs; d++) {
		char *dir = mw_strdupf("%s%s", prefix, ws->schema_dirs[d]), **names;
		size_t n;
		mw_buf err = MW_BUF_INIT;

		mw_git_tree_list(&names, &n, git, s->rev, dir, &err);
		for (size_t i = 0; i < n; i++) {
			size_t l = strlen(names[i]);
			char *rel, *path;

			if (l <= 5 || strcmp(names[i] + l - 5, ".json"))
				continue;
			rel = mw_path_join(ws->schema_dirs[d], names[i]);
			path = mw_strdupf("%s%s", prefix, rel);
			read_blob(s, src, git, path, rel, diags);
			free(path);
			free(rel);
		}
		mw_strv_free(names, n);
		mw_buf_release(&err);
		free(dir);
	}
	if (s->schema.ntables == before)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, src->root, 0, 0, NULL,
			     "the schema folders are taken from the work tree; check out a revision "
			     "with the same layout, or pass the directory as it was then",
			     "no schema file at %s in the folders the work tree has", s->rev);
}

/* True when a listed file differs from HEAD (or HEAD lacks it). */
static bool
files_modified(const mw_farm_source *src, mw_git *git, const char *prefix)
{
	bool modified = false;

	for (size_t i = 0; i < src->nfiles && !modified; i++) {
		char *path = mw_strdupf("%s%s", prefix, src->files[i].rel);
		char *abs = mw_path_join(src->root, src->files[i].rel);
		mw_buf head = MW_BUF_INIT, work = MW_BUF_INIT, err = MW_BUF_INIT;

		modified = mw_git_blob_read(&head, git, "HEAD", path, &err) < 0 ||
			   mw_read_file(&work, abs, &err) < 0 || head.len != work.len ||
			   (head.len && memcmp(head.data, work.data, head.len));
		mw_buf_release(&head);
		mw_buf_release(&work);
		mw_buf_release(&err);
		free(path);
		free(abs);
	}
	return modified;
}

static void
describe_revision(mw_farm_source *src, mw_git *git, const char *prefix, const char *rev)
{
	mw_git_head head = { 0 };
	mw_buf err = MW_BUF_INIT;
	char oid[41];

	if (rev && mw_git_resolve(oid, git, rev, &err) == 0) {
		src->revision = mw_strdupf("%s @ %.12s", rev, oid);
	} else if (!rev && mw_git_head_read(&head, git, &err) == 0 && !head.unborn) {
		src->revision = mw_strdupf("%s%s%.12s%s", head.branch ? head.branch : "",
					   head.branch ? " @ " : "", head.oid,
					   files_modified(src, git, prefix) ? " (modified)" : "");
	}
	mw_git_head_clear(&head);
	mw_buf_release(&err);
}

/* One directory: its workspace, its files (work tree or revision), its revision. */
static void
load_dir(mw_farm_schema *s, const char *dir, mw_diags *diags)
{
	mw_workspace *ws = NULL;
	mw_farm_source *src;
	mw_git *git = NULL;
	mw_buf err = MW_BUF_INIT;
	char *prefix = NULL;

	if (mw_workspace_open(&ws, dir, diags) < 0)
		return;
	src = add_source(s, ws);
	if (mw_git_open(&git, ws->root, &err) == 0)
		prefix = repo_prefix(git, ws->root);
	if (s->rev && !prefix)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, ws->root, 0, 0, NULL, NULL,
			     "cannot read revision %s: %s", s->rev,
			     err.len ? mw_buf_cstr(&err) : "not inside a git work tree");
	else if (s->rev && mw_git_resolve((char[41]){ 0 }, git, s->rev, &err) < 0)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, ws->root, 0, 0, NULL, NULL, "%s",
			     mw_buf_cstr(&err));
	else if (s->rev)
		read_revision(s, src, ws, git, prefix, diags);
	else
		read_work_tree(s, src, ws);
	if (prefix)
		describe_revision(src, git, prefix, s->rev);
	free(prefix);
	mw_git_free(git);
	mw_buf_release(&err);
	mw_workspace_free(ws);
}

/* Two components must not define the same table: say where each does. */
static void
check_duplicates(const mw_farm_schema *s, mw_diags *diags)
{
	for (size_t i = 0; i < s->schema.ntables; i++) {
		for (size_t j = 0; j < i; j++) {
			const mw_farm_file *fi, *fj;
			const mw_farm_source *a, *b;

			if (strcmp(s->schema.tables[i].name, s->schema.tables[j].name))
				continue;
			a = mw_farm_table_source(s, j, &fj);
			b = mw_farm_table_source(s, i, &fi);
			mw_diags_add(diags, MW_SEV_ERROR, NULL, fi->rel, 0, 0, NULL, NULL,
				     "table %s is defined by %s (%s) and again by %s",
				     s->schema.tables[i].name, a->name, fj->rel, b->name);
			break;
		}
	}
}

int
mw_farm_schema_load(mw_farm_schema *out, char *const *dirs, size_t ndirs, const char *rev,
		    mw_diags *diags)
{
	size_t errors = mw_diags_count(diags, MW_SEV_ERROR);

	memset(out, 0, sizeof(*out));
	out->rev = rev;
	for (size_t i = 0; i < ndirs; i++)
		load_dir(out, dirs[i], diags);
	check_duplicates(out, diags);
	return mw_diags_count(diags, MW_SEV_ERROR) > errors ? -1 : 0;
}

void
mw_farm_schema_clear(mw_farm_schema *s)
{
	for (size_t i = 0; i < s->nsources; i++) {
		mw_farm_source *src = &s->sources[i];

		for (size_t f = 0; f < src->nfiles; f++)
			free(src->files[f].rel);
		free(src->files);
		free(src->name);
		free(src->root);
		free(src->revision);
	}
	free(s->sources);
	mw_schema_clear(&s->schema);
	memset(s, 0, sizeof(*s));
}

const mw_farm_source *
mw_farm_table_source(const mw_farm_schema *s, size_t i, const mw_farm_file **file)
{
	for (size_t k = 0; k < s->nsources; k++) {
		for (size_t f = 0; f < s->sources[k].nfiles; f++) {
			const mw_farm_file *ff = &s->sources[k].files[f];

			if (i >= ff->first && i < ff->first + ff->ntables) {
				if (file)
					*file = ff;
				return &s->sources[k];
			}
		}
	}
	return NULL;
}
