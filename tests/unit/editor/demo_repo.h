/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the editor's Check tests share: a scratch git copy of the demo with a
 * private HOME and state directory, shell helpers, and the session calls a
 * user's keys make. Static on purpose: each test program includes it once.
 */
#ifndef MWSCHEMA_TESTS_EDITOR_DEMO_REPO_H
#define MWSCHEMA_TESTS_EDITOR_DEMO_REPO_H

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor/session.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "tests/scratch.h"

static char repo[256];

/* The output of a shell command (caller frees). */
static inline char *
sh_out(const char *fmt, ...)
{
	char cmd[2048], chunk[4096];
	mw_buf out = MW_BUF_INIT;
	va_list ap;
	FILE *p;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		mw_buf_add(&out, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	return mw_buf_detach(&out);
}

/* `git status --porcelain` of the copy: "" when the work tree is as committed. */
static inline char *
git_status(void)
{
	return sh_out("git -C '%s' status --porcelain", repo);
}

static inline void
assert_clean(void)
{
	char *st = git_status();

	ck_assert_msg(!*st, "work tree not as committed:\n%s", st);
	free(st);
}

static inline bool
file_has(const char *rel, const char *needle)
{
	char *path = mw_path_join(repo, rel);
	mw_buf text = MW_BUF_INIT;
	bool yes = mw_read_file(&text, path, NULL) == 0 && strstr(mw_buf_cstr(&text), needle);

	mw_buf_release(&text);
	free(path);
	return yes;
}

static inline long
table_named(const struct session *s, const char *name)
{
	for (long i = 0; i < (long)session_ntables(s); i++)
		if (!strcmp(session_table(s, i)->name, name))
			return i;
	ck_abort_msg("no table %s", name);
	return -1;
}

static inline struct session *
open_session(void)
{
	struct session *s;
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(session_open(&s, repo, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return s;
}

static inline void
write_ok(struct session *s)
{
	mw_buf err = MW_BUF_INIT, written = MW_BUF_INIT;

	ck_assert_msg(session_write(s, &written, &err) == 0, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	mw_buf_release(&written);
}

/* A git copy of the demo, with a private HOME and state directory. The copy
 * is made writable: under distcheck the source tree is read-only. */
static inline void
setup(void)
{
	const char *src = getenv("top_srcdir");
	char *home, *state;

	scratch_mkdtemp(repo, sizeof(repo), "mwsession");
	home = mw_path_join(repo, ".home");
	state = mw_path_join(repo, ".home/state");
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	sh("cp -R '%s/demo/sql' '%s/demo/includes' '%s/' && chmod -R u+w '%s' && mkdir -p '%s' && "
	   "git init -q -b main '%s' && git -C '%s' config user.name T && "
	   "git -C '%s' config user.email t@example.org && echo .home/ > '%s/.gitignore' && "
	   "git -C '%s' add -A && git -C '%s' commit -qm demo",
	   src ? src : ".", src ? src : ".", repo, repo, home, repo, repo, repo, repo, repo, repo);
	free(state);
	free(home);
}

static inline void
teardown(void)
{
	sh("rm -rf '%s'", repo);
}

static inline mw_table *
table_from_json(const char *json)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	mw_table *t;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "new.json", &diags), 0);
	ck_assert_int_eq(doc->kind, MW_DOC_TABLE);
	t = mw_table_dup(&doc->schema.tables[0]);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return t;
}

/* Table i with one more column named `name` (a copy of the first one). */
static inline mw_table *
with_column(struct session *s, long i, const char *name)
{
	mw_buf err = MW_BUF_INIT;
	const mw_table *t = session_edit_target(s, i, &err);
	mw_table *after;
	mw_column *c;

	ck_assert_msg(t != NULL, "%s", mw_buf_cstr(&err));
	after = mw_table_dup(t);
	after->columns = mw_xrealloc(after->columns, (after->ncolumns + 1) * sizeof(*after->columns));
	c = &after->columns[after->ncolumns++];
	mw_column_copy(c, &t->columns[0]);
	free(c->name);
	c->name = mw_xstrdup(name);
	mw_buf_release(&err);
	return after;
}

/* Adds an unsigned int column `name` to table `i`, as the add-column form does. */
static inline void
add_column(struct session *s, long i, const char *name)
{
	session_edit_apply(s, i, with_column(s, i, name));
}

#endif /* MWSCHEMA_TESTS_EDITOR_DEMO_REPO_H */
