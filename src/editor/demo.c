/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The demo checkout (see demo.h): found beside the binary or installed,
 * copied into a directory of its own and made a git repository there.
 */
#include <config.h>

#include "editor/demo.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/model.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The source tree's demo/ carries its build files; a workspace copy does not. */
static bool
is_build_glue(const char *name)
{
	return !strcmp(name, "demo.am") || !strcmp(name, "regenerate.sh") || !strcmp(name, ".git");
}

/* The files copied so far, relative to the copy's root (for the first commit). */
struct copied {
	char **paths;
	size_t n;
};

static int
copy_file(const char *src, const char *dst, mw_buf *err)
{
	mw_buf data = MW_BUF_INIT;
	int rc = mw_read_file(&data, src, err);

	if (!rc)
		rc = mw_write_file_atomic(dst, data.data ? data.data : "", data.len, err);
	mw_buf_release(&data);
	return rc;
}

static int
copy_tree(const char *from, const char *to, const char *rel, struct copied *out, mw_buf *err)
{
	DIR *d = opendir(from);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		mw_buf_addf(err, "%s: cannot open directory", from);
		return -1;
	}
	if (mw_mkdirs(to, err)) {
		closedir(d);
		return -1;
	}
	while (!rc && (de = readdir(d))) {
		char *src, *dst, *sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    is_build_glue(de->d_name))
			continue;
		src = mw_path_join(from, de->d_name);
		dst = mw_path_join(to, de->d_name);
		sub = *rel ? mw_path_join(rel, de->d_name) : mw_xstrdup(de->d_name);
		if (mw_is_dir(src)) {
			rc = copy_tree(src, dst, sub, out, err);
			free(sub);
		} else {
			rc = copy_file(src, dst, err);
			out->paths = mw_xrealloc(out->paths, (out->n + 1) * sizeof(*out->paths));
			out->paths[out->n++] = sub;
		}
		free(src);
		free(dst);
	}
	closedir(d);
	return rc;
}

/*
 * The copy becomes its own repository with one commit, so that playing in it
 * (writing, committing) never touches anything else. Without a git identity
 * the commits still work: a local one is set in the copy only.
 */
static int
make_repository(const char *dir, const struct copied *files, mw_buf *err)
{
	mw_buf ignore = MW_BUF_INIT;
	char oid[41], *who = NULL;
	mw_git *git;
	int rc = mw_git_init(&git, dir, "main", err);

	if (rc)
		return -1;
	if (mw_git_identity(&who, git, &ignore) == MW_GIT_ENOIDENT) {
		rc = mw_git_config_set_local(git, "user.name", "mwschema demo", err);
		rc = rc ? rc : mw_git_config_set_local(git, "user.email", "demo@localhost", err);
	}
	if (!rc)
		rc = mw_git_commit(oid, git, files->paths, files->n,
				   "Demo workspace as shipped with mwschema\n", NULL, err);
	free(who);
	mw_buf_release(&ignore);
	mw_git_free(git);
	return rc ? -1 : 0;
}

/* The installed demo, found when the binary is not in a source tree. */
static char *
installed_demo(void)
{
	char *base = mw_path_join(MW_PKGDATADIR, "demo");
	char *schema = mw_path_join(base, "sql/tables.json");
	bool ok = mw_file_exists(schema);

	free(schema);
	if (ok)
		return base;
	free(base);
	return NULL;
}

/* The demo next to the binary (source tree) or installed; caller frees. */
static char *
demo_source(void)
{
	static const char *const rel[] = { "demo/ws", "demo", "tests/tui/fixtures/ws" };
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("MWSCHEMA_DEMO_DIR");
	char *dir;

	if (env && *env)
		return mw_xstrdup(env);
	if (n <= 0)
		return installed_demo();
	exe[n] = 0;
	dir = mw_path_dirname(exe);
	for (size_t i = 0; i < sizeof(rel) / sizeof(*rel); i++) {
		char *base = mw_path_join(dir, rel[i]);
		char *schema = mw_path_join(base, "sql/tables.json");
		bool ok = mw_file_exists(schema);

		free(schema);
		if (ok) {
			free(dir);
			return base;
		}
		free(base);
	}
	free(dir);
	return installed_demo();
}

int
demo_copy_to(const char *dir, mw_buf *err)
{
	struct copied files = { NULL, 0 };
	char *src = demo_source();
	int rc;

	if (!src) {
		mw_buf_adds(err, "no demo workspace found (set MWSCHEMA_DEMO_DIR)");
		return -1;
	}
	rc = copy_tree(src, dir, "", &files, err);
	if (!rc)
		rc = make_repository(dir, &files, err);
	mw_strv_free(files.paths, files.n);
	free(src);
	return rc;
}

int
demo_copy(char **out, mw_buf *err)
{
	const char *tmp = getenv("TMPDIR");
	char *tmpl = mw_strdupf("%s/mwschema-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(tmpl)) {
		mw_buf_addf(err, "%s: cannot create a temporary directory", tmpl);
		free(tmpl);
		return -1;
	}
	if (demo_copy_to(tmpl, err)) {
		rmdir(tmpl);
		free(tmpl);
		return -1;
	}
	*out = tmpl;
	return 0;
}
