/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "-- Source:" labels (see mwschema/workspace.h). MediaWiki's generator
 * writes normalizePath()'s output: the JSON's path with the install path and
 * "extensions/<Name>/" taken off. Files made by older versions, by hand-run
 * scripts or on Windows say the same path in other words; all of them must
 * still name their JSON, or a generated file looks hand-written.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>

/* Components of a cleaned path, in place; returns how many. */
static size_t
split_path(char *s, char ***out)
{
	char **v = NULL, *save = NULL;
	size_t n = 0;

	for (char *p = strtok_r(s, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (!strcmp(p, "."))
			continue;
		if (!strcmp(p, "..") && n && strcmp(v[n - 1], "..")) {
			n--;
			continue;
		}
		v = mw_xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = p;
	}
	*out = v;
	return n;
}

char *
mw_workspace_label_clean(const char *label)
{
	char *s = mw_xstrdup(label ? label : ""), **v;
	size_t n, from = 0, l;
	mw_buf out = MW_BUF_INIT;

	for (char *p = s; *p; p++)
		if (*p == '\\')
			*p = '/';
	l = strlen(s);
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\r' || s[l - 1] == '\t'))
		s[--l] = '\0';
	n = split_path(s, &v);
	/* "C:" of a Windows path, ".." that leads out of wherever the script ran */
	while (from < n && (!strcmp(v[from], "..") || (strlen(v[from]) == 2 && v[from][1] == ':')))
		from++;
	for (size_t i = from; i + 2 < n; i++)
		if (!strcmp(v[i], "extensions") || !strcmp(v[i], "skins")) {
			from = i + 2;
			break;
		}
	for (size_t i = from; i < n; i++)
		mw_buf_addf(&out, "%s%s", i > from ? "/" : "", v[i]);
	mw_buf_grow(&out, 1);
	free(v);
	free(s);
	return mw_buf_detach(&out);
}

/* True when `tail` is `path` or ends it at a component boundary. */
static bool
is_tail(const char *path, const char *tail)
{
	size_t pl = strlen(path), tl = strlen(tail);

	return tl && tl <= pl && !strcmp(path + pl - tl, tail) && (tl == pl || path[pl - tl - 1] == '/');
}

/* How well a cleaned label names rel: 3 exactly, 2 as a tail of it, 1 as one of its tails. */
static int
score_clean(const char *clean, const char *rel)
{
	if (!*clean)
		return 0;
	if (!strcmp(clean, rel))
		return 3;
	if (is_tail(rel, clean))
		return 2;
	return is_tail(clean, rel) ? 1 : 0;
}

int
mw_workspace_label_score(const char *label, const char *rel)
{
	char *clean = mw_workspace_label_clean(label);
	int score = score_clean(clean, rel);

	free(clean);
	return score;
}

/* How many leading bytes two paths share, up to a '/'. */
static size_t
shared_dirs(const char *a, const char *b)
{
	size_t n = 0;

	for (size_t i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			n = i + 1;
	return n;
}

const mw_ws_doc *
mw_workspace_label_doc(const mw_workspace *ws, const char *label, const char *near)
{
	const mw_ws_doc *best = NULL;
	int best_score = 0;
	size_t best_near = 0;
	char *clean;
	const char *slash;

	if (!label)
		return NULL;
	clean = mw_workspace_label_clean(label);
	/*
	 * Every score above 0 means one path is a tail of the other, so both
	 * end in the same file name: only the documents of that name compete.
	 */
	slash = strrchr(clean, '/');
	for (const mw_ws_doc *doc = mw_ws__docs_named(ws, slash ? slash + 1 : clean); doc;
	     doc = mw_ws__doc_next_named(ws, doc)) {
		int s = score_clean(clean, doc->rel);
		size_t closeness = near ? shared_dirs(doc->rel, near) : 0;

		if (s > best_score || (s && s == best_score && closeness > best_near)) {
			best = doc;
			best_score = s;
			best_near = closeness;
		}
	}
	free(clean);
	return best;
}

char *
mw_ws__label_file(const char *root, const char *label, const char *sql_rel)
{
	char *clean = mw_workspace_label_clean(label), *dir = mw_path_dirname(sql_rel), *cand;

	if (*clean && mw_ws__exists_in(root, clean)) {
		free(dir);
		return clean;
	}
	/* Relative to where the script ran: a directory above the SQL file. */
	while (*clean) {
		bool top = !strcmp(dir, ".");

		cand = top ? mw_xstrdup(clean) : mw_path_join(dir, clean);
		if (mw_ws__exists_in(root, cand)) {
			free(dir);
			free(clean);
			return cand;
		}
		free(cand);
		if (top)
			break;
		cand = mw_path_dirname(dir);
		free(dir);
		dir = cand;
	}
	/* An install path outside any extensions/ folder: its tail may still be ours. */
	for (const char *p = strchr(clean, '/'); p; p = strchr(p + 1, '/'))
		if (mw_ws__exists_in(root, p + 1)) {
			cand = mw_xstrdup(p + 1);
			free(dir);
			free(clean);
			return cand;
		}
	free(dir);
	free(clean);
	return NULL;
}
