/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding the files `mwschema lint DIR` checks in a checkout: every .sql
 * file and every JSON file shaped like an abstract-schema document. Other
 * JSON (composer.json, i18n messages, extension.json) is skipped by looking
 * at its shape, without loading it.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/lint.h"

#include <dirent.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct list {
	char **v;
	size_t n;
	size_t cap;
};

static void
list_add(struct list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = mw_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* A schema (array of tables), a table, or a change, judged by where its keys are. */
static bool
looks_like_schema_json(const char *path)
{
	static const char *const probes[] = { "/0/columns", "/columns", "/before", "/after" };
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	bool yes = false;
	int line, col;

	if (mw_read_file(&data, path, &err) == 0) {
		for (size_t i = 0; !yes && i < sizeof(probes) / sizeof(*probes); i++)
			yes = mw_lint_locate(&line, &col, mw_buf_cstr(&data), data.len,
					     probes[i]) == 0;
	}
	mw_buf_release(&data);
	mw_buf_release(&err);
	return yes;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A symbolic link is walked past when it is a directory (two links to "."
 * made 3^32 paths: lint never ended) or leads out of the folder linted
 * (its lines would show in the findings); links to files inside count.
 */
static bool
skip_link(const char *root, const char *path)
{
	struct stat st;
	char *real;
	bool skip;

	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode))
		return false;
	real = realpath(path, NULL);
	skip = !real || mw_is_dir(real) || mw_path_confine(root, real, NULL, NULL) < 0;
	free(real);
	return skip;
}

static int
walk(struct list *out, const char *root, const char *dir, int depth, mw_diags *diags)
{
	struct list names = { 0 };
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (depth > 32 || !(d = opendir(dir))) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, dir, 0, 0, NULL, NULL, "%s",
			     depth > 32 ? "directories nested too deeply" : strerror(errno));
		return -1;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && strcmp(de->d_name, "node_modules") &&
		    strcmp(de->d_name, "vendor"))
			list_add(&names, mw_xstrdup(de->d_name));
	closedir(d);
	qsort(names.v, names.n, sizeof(*names.v), name_cmp);
	for (size_t i = 0; i < names.n; i++) {
		char *path = mw_path_join(dir, names.v[i]);

		if (skip_link(root, path)) {
			free(path);
		} else if (mw_is_dir(path)) {
			rc |= walk(out, root, path, depth + 1, diags);
			free(path);
		} else if (has_suffix(path, ".sql") ||
			   (has_suffix(path, ".json") && looks_like_schema_json(path))) {
			list_add(out, path);
		} else {
			free(path);
		}
		free(names.v[i]);
	}
	free(names.v);
	return rc;
}

int
mw_lint_collect(char ***files, size_t *nfiles, const char *dir, mw_diags *diags)
{
	struct list l = { *files, *nfiles, *nfiles };
	int rc = walk(&l, dir, dir, 0, diags);

	*files = l.v;
	*nfiles = l.n;
	return rc;
}
