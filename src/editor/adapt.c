/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's calls into the core (see adapt.h): each function forwards to
 * a public core header and reshapes the result for the UI.
 */
#include <config.h>

#include "editor/adapt.h"
#include "mwschema/commit.h"
#include "mwschema/drift.h"
#include "mwschema/edit.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/rc.h"
#include "mwschema/updater.h"
#include "mwschema/verify.h"
#include "mwschema/workspace.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Workspace
 */

static int
first_diag(mw_buf *err, const mw_diags *diags, const char *fallback)
{
	for (size_t i = 0; i < diags->n; i++) {
		if (diags->items[i].severity == MW_SEV_ERROR) {
			mw_diag_format(err, &diags->items[i]);
			return -1;
		}
	}
	mw_buf_adds(err, fallback);
	return -1;
}

static char *
read_branch(const char *root)
{
	mw_git *git;
	mw_git_head head;
	mw_buf err = MW_BUF_INIT;
	char *branch = NULL;

	if (mw_git_open(&git, root, &err) == 0) {
		if (mw_git_head_read(&head, git, &err) == 0) {
			branch = mw_xstrdup(head.detached ? "(detached)" : head.branch);
			mw_git_head_clear(&head);
		}
		mw_git_free(git);
	}
	mw_buf_release(&err);
	return branch;
}

void
adapt_ws_refresh_branch(struct adapt_ws *ws)
{
	free(ws->branch);
	ws->branch = read_branch(ws->root);
}

/* The schema file: <first schema dir>/tables.json, else the first schema document. */
static const mw_ws_doc *
find_schema(const mw_workspace *w)
{
	const mw_ws_doc *first = NULL;

	for (size_t i = 0; i < w->ndocs; i++) {
		const mw_ws_doc *d = &w->docs[i];
		char *base;
		bool named;

		if (!d->doc || d->doc->kind != MW_DOC_SCHEMA)
			continue;
		base = mw_path_basename(d->rel);
		named = !strcmp(base, "tables.json");
		free(base);
		if (named)
			return d;
		if (!first)
			first = d;
	}
	return first;
}

/* Where change files live: next to the existing ones, else <dir>/abstractSchemaChanges. */
static char *
find_change_dir(const mw_workspace *w, const char *schema_rel)
{
	char *dir;

	for (size_t i = 0; i < w->ndocs; i++)
		if (w->docs[i].doc && w->docs[i].doc->kind == MW_DOC_CHANGE)
			return mw_path_dirname(w->docs[i].rel);
	dir = mw_path_dirname(schema_rel);
	if (!strcmp(dir, ".")) {
		free(dir);
		return mw_xstrdup("abstractSchemaChanges");
	}
	char *joined = mw_path_join(dir, "abstractSchemaChanges");

	free(dir);
	return joined;
}

static void
configure_lint(struct adapt_ws *ws)
{
	ws->lint = mw_lint_new();
	ws->rc = mw_rc_new();
	/* Problems are kept: the editor reports them once it is on screen. */
	mw_rc_load_default(ws->rc, ws->root, &ws->rc_problems);
	mw_lint_configure(ws->lint, ws->rc, &ws->rc_problems);
}

int
adapt_ws_open(struct adapt_ws **out, const char *dir, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	const mw_ws_doc *schema;
	struct adapt_ws *ws = mw_xcalloc(1, sizeof(*ws));

	*out = NULL;
	if (mw_workspace_open(&ws->ws, dir, &diags) < 0) {
		first_diag(err, &diags, "not inside a MediaWiki checkout");
		goto fail;
	}
	schema = find_schema(ws->ws);
	if (!schema) {
		mw_buf_addf(err, "%s: no schema file (tables.json) that loads", ws->ws->root);
		goto fail;
	}
	ws->root = mw_xstrdup(ws->ws->root);
	ws->name = mw_path_basename(ws->root);
	ws->schema_rel = mw_xstrdup(schema->rel);
	ws->schema_path = mw_workspace_path(ws->ws, schema->rel);
	ws->change_dir = find_change_dir(ws->ws, schema->rel);
	ws->branch = read_branch(ws->root);
	configure_lint(ws);
	mw_diags_free(&diags);
	*out = ws;
	return 0;
fail:
	mw_diags_free(&diags);
	adapt_ws_free(ws);
	return -1;
}

void
adapt_ws_free(struct adapt_ws *ws)
{
	if (!ws)
		return;
	mw_workspace_free(ws->ws);
	mw_lint_free(ws->lint);
	mw_rc_free(ws->rc);
	mw_diags_free(&ws->rc_problems);
	free(ws->root);
	free(ws->name);
	free(ws->schema_path);
	free(ws->schema_rel);
	free(ws->change_dir);
	free(ws->branch);
	free(ws);
}

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
		char *base = mw_path_join(dir, rel[i]), *schema = mw_path_join(base, "sql/tables.json");
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
adapt_demo_copy_to(const char *dir, mw_buf *err)
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
adapt_demo_copy(char **out, mw_buf *err)
{
	const char *tmp = getenv("TMPDIR");
	char *tmpl = mw_strdupf("%s/mwschema-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(tmpl)) {
		mw_buf_addf(err, "%s: cannot create a temporary directory", tmpl);
		free(tmpl);
		return -1;
	}
	if (adapt_demo_copy_to(tmpl, err)) {
		rmdir(tmpl);
		free(tmpl);
		return -1;
	}
	*out = tmpl;
	return 0;
}

char *
adapt_change_rel(const struct adapt_ws *ws, const char *name)
{
	char *file = mw_strdupf("%s.json", name), *rel = mw_path_join(ws->change_dir, file);

	free(file);
	return rel;
}

void
adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *name,
	       const bool has_sql[MW_DBMS__COUNT])
{
	char *rel = adapt_change_rel(ws, name);

	mw_buf_addf(out, "%s\n", rel);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		char *sql = mw_workspace_sql_name(rel, MW_DOC_CHANGE, (mw_dbms)d);

		if (has_sql[d])
			mw_buf_addf(out, "%s\n", sql);
		free(sql);
	}
	mw_buf_addf(out, "%s\n", ws->schema_rel);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		char *sql = mw_workspace_sql_name(ws->schema_rel, MW_DOC_SCHEMA, (mw_dbms)d);

		mw_buf_addf(out, "%s\n", sql);
		free(sql);
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (ws->ws->updater[d] && (!d || strcmp(ws->ws->updater[d], ws->ws->updater[0])))
			mw_buf_addf(out, "%s\n", ws->ws->updater[d]);
	free(rel);
}

static int
entry_for(mw_updater_entry *e, const char *name, const mw_table *before, const mw_table *after)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };
	char *patch = mw_strdupf("%s.sql", name);
	int rc = mw_updater_entry_from_change(e, &change, patch);

	free(patch);
	return rc;
}

void
adapt_updater_entries(mw_buf *out, const struct adapt_ws *ws, const char *name,
		      const mw_table *before, const mw_table *after)
{
	mw_updater_entry e;

	if (entry_for(&e, name, before, after))
		return;
	if (ws->ws->kind == MW_WS_CORE)
		mw_updater_render_core(out, &e);
	else
		mw_updater_render_extension(out, &e);
	mw_buf_addc(out, '\n');
	mw_updater_entry_clear(&e);
}

char *
adapt_change_name(const mw_table *before, const mw_table *after)
{
	const mw_table *t = after ? after : before;
	mw_updater_entry e;
	char *name;

	if (!t)
		return mw_xstrdup("patch-new");
	if (entry_for(&e, "x", before, after))
		return mw_strdupf("patch-%s", t->name);
	switch (e.verb) {
	case MW_UPD_DROP_FIELD:
	case MW_UPD_DROP_INDEX:
		name = mw_strdupf("patch-%s-drop-%s", t->name, e.name);
		break;
	case MW_UPD_RENAME_INDEX:
		name = mw_strdupf("patch-%s-%s", t->name, e.new_name);
		break;
	case MW_UPD_MODIFY_PK:
		name = mw_strdupf("patch-%s-pk", t->name);
		break;
	default:
		name = e.name ? mw_strdupf("patch-%s-%s", t->name, e.name)
			      : mw_strdupf("patch-%s", t->name);
	}
	mw_updater_entry_clear(&e);
	return name;
}

char *
adapt_commit_subject(const char *name, const mw_table *before, const mw_table *after)
{
	mw_updater_entry e;
	char *subject;

	if (entry_for(&e, name, before, after))
		return mw_strdupf("Schema change %s", name);
	subject = mw_commit_subject(&e);
	mw_updater_entry_clear(&e);
	return subject;
}

/* Saves the change document at `rel`. */
static int
save_change(const struct adapt_ws *ws, const char *rel, const mw_table *before,
	    const mw_table *after, mw_buf *err)
{
	char *path = mw_workspace_path(ws->ws, rel), *dir = mw_path_dirname(path);
	char *comment = adapt_commit_subject("x", before, after);
	mw_doc doc;
	int rc;

	memset(&doc, 0, sizeof(doc));
	doc.kind = MW_DOC_CHANGE;
	doc.label = (char *)rel;
	doc.change.comment = comment;
	doc.change.before = (mw_table *)before;
	doc.change.after = (mw_table *)after;
	/* the name comes from the table: the file must still land in the checkout */
	rc = mw_path_confine(ws->ws->root, path, NULL, err) < 0 ||
	     mw_mkdirs_confined(ws->ws->root, dir, err) < 0 ? -1 : mw_doc_save(&doc, path, err);
	free(comment);
	free(path);
	free(dir);
	return rc;
}

/* Saves the schema with `after` in place of table `index` (or appended). */
static int
save_schema(const struct adapt_ws *ws, mw_doc *doc, size_t index, const mw_table *after,
	    mw_buf *err)
{
	mw_schema *s = &doc->schema;
	mw_table saved;
	int rc;

	if (mw_path_confine(ws->ws->root, ws->schema_path, NULL, err) < 0)
		return -1;
	/* Shallow swap: the document lends its slot for the save and gets it back. */
	if (index >= s->ntables) {
		s->tables = mw_xrealloc(s->tables, (s->ntables + 1) * sizeof(*s->tables));
		index = s->ntables++;
		memset(&s->tables[index], 0, sizeof(saved));
	}
	saved = s->tables[index];
	s->tables[index] = *after;
	rc = mw_doc_save(doc, ws->schema_path, err);
	s->tables[index] = saved;
	if (!saved.name)
		s->ntables--;
	return rc;
}

static void
add_lines(mw_buf *out, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s\n", v[i]);
}

/* Regenerates what follows from the change and the schema (drift.h's sync). */
static int
sync_files(struct adapt_ws *ws, const char *change_rel, mw_buf *written, mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_workspace *fresh;
	mw_drift drift = { NULL, 0 };
	mw_sync_result res;
	char *docs[2] = { (char *)change_rel, ws->schema_rel };
	int rc = -1;

	memset(&res, 0, sizeof(res));
	if (mw_workspace_open(&fresh, ws->root, &diags) < 0)
		return first_diag(err, &diags, "cannot read the checkout again");
	mw_diags_clear(&diags);
	mw_drift_check(&drift, fresh, 0, &diags);
	mw_diags_clear(&diags);
	if (mw_drift_apply(&res, fresh, &drift, docs, 2, &diags) < 0)
		first_diag(err, &diags, "sync failed");
	else {
		add_lines(written, res.changed, res.nchanged);
		rc = 0;
	}
	mw_sync_result_clear(&res);
	mw_drift_clear(&drift);
	mw_workspace_free(fresh);
	mw_diags_free(&diags);
	return rc;
}

int
adapt_ws_write(struct adapt_ws *ws, mw_doc *schema_doc, size_t index, const char *name,
	       const mw_table *before, const mw_table *after, mw_buf *written, mw_buf *err)
{
	char *rel = adapt_change_rel(ws, name);
	int rc = save_change(ws, rel, before, after, err);

	if (!rc) {
		mw_buf_addf(written, "%s\n", rel);
		rc = save_schema(ws, schema_doc, index, after, err);
	}
	if (!rc) {
		mw_buf_addf(written, "%s\n", ws->schema_rel);
		rc = sync_files(ws, rel, written, err);
	}
	free(rel);
	return rc;
}

int
adapt_ws_commit(struct adapt_ws *ws, const char *message, const char *bug, const char *branch,
		bool force, mw_diags *diags, mw_buf *err)
{
	mw_commit_opts opts = { ws->root, message, bug && *bug ? bug : NULL,
				branch && *branch ? branch : NULL, force };
	mw_commit_result res;
	int rc;

	memset(&res, 0, sizeof(res));
	rc = mw_commit_run(&res, &opts, diags, err);
	mw_commit_result_clear(&res);
	adapt_ws_refresh_branch(ws);
	return rc == MW_COMMIT_REFUSED ? 1 : rc < 0 ? -1 : 0;
}

/*
 * Edits: edit.h works on a schema; the table under change is a schema of one.
 */

static int
take_after(mw_table **out, mw_edit *e, int rc)
{
	*out = NULL;
	if (rc < 0)
		return -1;
	*out = e->after;
	e->after = NULL;
	mw_edit_clear(e);
	return 0;
}

#define ONE(t) { (mw_table *)(t), 1 }

int
adapt_add_column(mw_table **out, const mw_table *t, const mw_column *c, mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_add_column(&e, &one, t->name, c, -1, err));
}

int
adapt_modify_column(mw_table **out, const mw_table *t, const char *column, const mw_column *c,
		    mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_modify_column(&e, &one, t->name, column, c, err));
}

int
adapt_drop_column(mw_table **out, const mw_table *t, const char *column, mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_drop_column(&e, &one, t->name, column, err));
}

int
adapt_add_index(mw_table **out, const mw_table *t, const mw_index *ix, mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_add_index(&e, &one, t->name, ix, err));
}

int
adapt_drop_index(mw_table **out, const mw_table *t, const char *index, mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_drop_index(&e, &one, t->name, index, err));
}

int
adapt_rename_index(mw_table **out, const mw_table *t, const char *index, const char *name,
		   mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_rename_index(&e, &one, t->name, index, name, err));
}

/* edit.h has no "modify index": drop it, then add the new definition in its place. */
int
adapt_modify_index(mw_table **out, const mw_table *t, const char *index, const mw_index *ix,
		   mw_buf *err)
{
	mw_table *dropped, *added;
	long pos = mw_table_index(t, index) ? mw_table_index(t, index) - t->indexes : -1;

	if (adapt_drop_index(&dropped, t, index, err))
		return -1;
	if (adapt_add_index(&added, dropped, ix, err)) {
		mw_table_free(dropped);
		return -1;
	}
	mw_table_free(dropped);
	/* Keep the index where it was: the JSON diff stays one hunk. */
	if (pos >= 0 && (size_t)pos + 1 < added->nindexes) {
		mw_index moved = added->indexes[added->nindexes - 1];

		memmove(&added->indexes[pos + 1], &added->indexes[pos],
			(added->nindexes - 1 - (size_t)pos) * sizeof(moved));
		added->indexes[pos] = moved;
	}
	*out = added;
	return 0;
}

int
adapt_set_pk(mw_table **out, const mw_table *t, char *const *cols, size_t n, mw_buf *err)
{
	mw_schema one = ONE(t);
	mw_edit e;

	return take_after(out, &e, mw_edit_set_pk(&e, &one, t->name, cols, n, err));
}

int
adapt_check_new_table(const mw_schema *s, const mw_table *t, mw_buf *err)
{
	mw_edit e;

	if (mw_edit_add_table(&e, s, t, -1, err) < 0)
		return -1;
	mw_edit_clear(&e);
	return 0;
}

const char *
adapt_message_field(const char *message)
{
	if (strstr(message, "type"))
		return "type";
	if (strstr(message, "length"))
		return "length";
	if (strstr(message, "default"))
		return "default";
	if (strstr(message, "primary key") || strstr(message, "names unknown column") ||
	    strstr(message, "twice") || strstr(message, "at least one column"))
		return "columns";
	return "name";
}

/*
 * Previews
 */

void
adapt_table_json(mw_buf *out, const mw_table *t)
{
	mw_json_write_table(out, t, 0);
	if (out->len && out->data[out->len - 1] != '\n')
		mw_buf_addc(out, '\n');
}

void
adapt_change_json(mw_buf *out, const char *comment, const mw_table *before, const mw_table *after)
{
	mw_doc doc;

	memset(&doc, 0, sizeof(doc));
	doc.kind = MW_DOC_CHANGE;
	doc.label = (char *)"recovery";
	doc.change.comment = (char *)comment;
	doc.change.before = (mw_table *)before;
	doc.change.after = (mw_table *)after;
	mw_doc_serialize(out, &doc);
}

/*
 * Text diff for the Diff tab (presentation only: the schema diff is diff.h's).
 */

struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

static void
split_lines(struct lines *l, const char *s)
{
	size_t cap = 64;

	l->p = mw_xmalloc(cap * sizeof(*l->p));
	l->len = mw_xmalloc(cap * sizeof(*l->len));
	l->n = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (l->n == cap) {
			cap *= 2;
			l->p = mw_xrealloc(l->p, cap * sizeof(*l->p));
			l->len = mw_xrealloc(l->len, cap * sizeof(*l->len));
		}
		l->p[l->n] = s;
		l->len[l->n++] = n;
		s += n + (s[n] == '\n');
	}
}

static bool
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->p[i], b->p[j], a->len[i]);
}

/* One diff line: ' ', '-' or '+' then the text. */
static void
emit(mw_buf *out, char tag, const struct lines *l, size_t i)
{
	mw_buf_addc(out, tag);
	mw_buf_add(out, l->p[i], l->len[i]);
	mw_buf_addc(out, '\n');
}

/* LCS table over the middle part that differs (prefix and suffix trimmed). */
static void
diff_middle(mw_buf *out, const struct lines *a, size_t a0, size_t a1, const struct lines *b,
	    size_t b0, size_t b1)
{
	size_t n = a1 - a0, m = b1 - b0, i = 0, j = 0;
	unsigned *t = mw_xcalloc((n + 1) * (m + 1), sizeof(*t));

#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t x = n; x-- > 0;)
		for (size_t y = m; y-- > 0;)
			T(x, y) = line_eq(a, a0 + x, b, b0 + y) ? T(x + 1, y + 1) + 1
				  : (T(x + 1, y) > T(x, y + 1) ? T(x + 1, y) : T(x, y + 1));
	while (i < n || j < m) {
		if (i < n && j < m && line_eq(a, a0 + i, b, b0 + j))
			emit(out, ' ', a, a0 + i++), j++;
		else if (j < m && (i == n || T(i, j + 1) >= T(i + 1, j)))
			emit(out, '+', b, b0 + j++);
		else
			emit(out, '-', a, a0 + i++);
	}
#undef T
	free(t);
}

void
adapt_text_diff(mw_buf *out, const char *a_text, const char *b_text, int context)
{
	struct lines a, b;
	size_t pre = 0, suf = 0, start, end_a, end_b;

	split_lines(&a, a_text);
	split_lines(&b, b_text);
	while (pre < a.n && pre < b.n && line_eq(&a, pre, &b, pre))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre && line_eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
		suf++;
	if (pre == a.n && pre == b.n)
		goto done;
	start = pre > (size_t)context ? pre - (size_t)context : 0;
	end_a = a.n - suf;
	end_b = b.n - suf;
	mw_buf_addf(out, "@@ -%zu +%zu @@\n", start + 1, start + 1);
	for (size_t i = start; i < pre; i++)
		emit(out, ' ', &a, i);
	diff_middle(out, &a, pre, end_a, &b, pre, end_b);
	for (size_t i = end_a; i < a.n && i < end_a + (size_t)context; i++)
		emit(out, ' ', &a, i);
done:
	free(a.p);
	free(a.len);
	free(b.p);
	free(b.len);
}

/*
 * Lint and verify
 */

void
adapt_lint(mw_diags *out, struct adapt_ws *ws, const mw_schema *schema, const char *label,
	   const mw_table *before, const mw_table *after)
{
	const mw_schema *schemas[] = { schema };
	mw_lint_others others = { schemas, schema ? 1 : 0 };
	mw_doc doc;

	memset(&doc, 0, sizeof(doc));
	doc.kind = MW_DOC_CHANGE;
	doc.label = (char *)label;
	doc.change.before = (mw_table *)before;
	doc.change.after = (mw_table *)after;
	mw_lint_doc(ws->lint, &doc, &others, out);
}

int
adapt_verify(mw_buf *out, const char *label, const mw_table *before, const mw_table *after)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };
	mw_verify_opts opts = { NULL, NULL, NULL, false, label };
	mw_verify_result res;
	mw_engine *e;
	mw_buf err = MW_BUF_INIT;
	int rc;

	if (mw_engine_open(&e, MW_DBMS_SQLITE, NULL, &err)) {
		mw_buf_addf(out, "cannot open SQLite: %s\n", mw_buf_cstr(&err));
		mw_buf_release(&err);
		return -1;
	}
	rc = mw_verify_change(&res, e, &change, &opts);
	for (int i = 0; i < MW_VSTEP__COUNT; i++)
		mw_buf_addf(out, "%-4s  %-24s %s\n", mw_verify_status_name(res.status[i]),
			    mw_verify_step_title((mw_verify_step)i),
			    res.detail[i] ? res.detail[i] : "");
	mw_buf_addf(out, "\n%s\n", res.passed ? "The patch turns before into after on SQLite "
			"and keeps the data." : "The round trip FAILED: see the steps above.");
	mw_verify_result_clear(&res);
	mw_engine_close(e);
	mw_buf_release(&err);
	return rc ? -1 : 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
