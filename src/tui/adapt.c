/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stand-ins for core APIs that have not landed yet (see adapt.h). Each
 * section names the header that replaces it.
 */
#include <config.h>

#include "tui/adapt.h"
#include "mwschema/fs.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Workspace: replaced by workspace.h (detection, paths, updater) and git.h.
 */

static const char *const schema_candidates[] = {
	"sql/tables.json", "db_patches/tables.json", "schema/tables.json", "tables.json",
};

static char *
read_branch(const char *root)
{
	char *git = mw_path_join(root, ".git"), *head_path, *branch = NULL;
	mw_buf head = MW_BUF_INIT, err = MW_BUF_INIT;

	if (!mw_is_dir(git) && !mw_read_file(&head, git, &err) &&
	    !strncmp(mw_buf_cstr(&head), "gitdir: ", 8)) {
		/* A linked worktree: .git is a file naming the real git dir. */
		free(git);
		git = mw_xstrndup(head.data + 8, strcspn(head.data + 8, "\n"));
	}
	mw_buf_reset(&head);
	head_path = mw_path_join(git, "HEAD");
	if (!mw_read_file(&head, head_path, &err)) {
		const char *h = mw_buf_cstr(&head);

		if (!strncmp(h, "ref: refs/heads/", 16))
			branch = mw_xstrndup(h + 16, strcspn(h + 16, "\n"));
		else
			branch = mw_xstrdup("(detached)");
	}
	free(head_path);
	free(git);
	mw_buf_release(&head);
	mw_buf_release(&err);
	return branch;
}

static int
find_schema(struct adapt_ws *ws, const char *start)
{
	char *dir = mw_xstrdup(start);

	for (;;) {
		for (size_t i = 0; i < sizeof(schema_candidates) / sizeof(*schema_candidates); i++) {
			char *p = mw_path_join(dir, schema_candidates[i]);

			if (mw_file_exists(p)) {
				ws->root = dir;
				ws->schema_path = p;
				ws->schema_rel = mw_xstrdup(schema_candidates[i]);
				ws->sql_dir = mw_path_dirname(schema_candidates[i]);
				return 0;
			}
			free(p);
		}
		if (!strcmp(dir, "/"))
			break;
		char *up = mw_path_dirname(dir);

		free(dir);
		dir = up;
	}
	free(dir);
	return -1;
}

int
adapt_ws_open(struct adapt_ws **out, const char *dir, mw_buf *err)
{
	char real[PATH_MAX];
	struct adapt_ws *ws;

	*out = NULL;
	if (!realpath(dir, real)) {
		mw_buf_addf(err, "%s: no such directory", dir);
		return -1;
	}
	ws = mw_xcalloc(1, sizeof(*ws));
	if (find_schema(ws, real)) {
		mw_buf_addf(err, "%s: no tables.json found here or above (looked for sql/, "
			    "db_patches/, schema/)", dir);
		free(ws);
		return -1;
	}
	if (!strcmp(ws->sql_dir, "."))
		ws->sql_dir[0] = 0;
	ws->name = mw_path_basename(ws->root);
	ws->branch = read_branch(ws->root);
	*out = ws;
	return 0;
}

void
adapt_ws_refresh_branch(struct adapt_ws *ws)
{
	free(ws->branch);
	ws->branch = read_branch(ws->root);
}

void
adapt_ws_free(struct adapt_ws *ws)
{
	if (!ws)
		return;
	free(ws->root);
	free(ws->name);
	free(ws->schema_path);
	free(ws->schema_rel);
	free(ws->sql_dir);
	free(ws->branch);
	free(ws);
}

static int
copy_tree(const char *from, const char *to, mw_buf *err)
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
		char *src, *dst;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		src = mw_path_join(from, de->d_name);
		dst = mw_path_join(to, de->d_name);
		if (mw_is_dir(src)) {
			rc = copy_tree(src, dst, err);
		} else {
			mw_buf data = MW_BUF_INIT;

			rc = mw_read_file(&data, src, err);
			if (!rc)
				rc = mw_write_file_atomic(dst, data.data ? data.data : "", data.len, err);
			mw_buf_release(&data);
		}
		free(src);
		free(dst);
	}
	closedir(d);
	return rc;
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
		return NULL;
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
	return NULL;
}

int
adapt_demo_copy(char **out, mw_buf *err)
{
	char *src = demo_source();
	const char *tmp = getenv("TMPDIR");
	char *tmpl;
	int rc;

	if (!src) {
		mw_buf_adds(err, "no demo workspace found (set MWSCHEMA_DEMO_DIR)");
		return -1;
	}
	tmpl = mw_strdupf("%s/mwschema-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl)) {
		mw_buf_addf(err, "%s: cannot create a temporary directory", tmpl);
		free(tmpl);
		free(src);
		return -1;
	}
	rc = copy_tree(src, tmpl, err);
	free(src);
	if (rc) {
		free(tmpl);
		return -1;
	}
	*out = tmpl;
	return 0;
}

static char *
sql_path(const struct adapt_ws *ws, const char *sub, const char *file)
{
	if (!*ws->sql_dir)
		return sub ? mw_strdupf("%s/%s", sub, file) : mw_xstrdup(file);
	return sub ? mw_strdupf("%s/%s/%s", ws->sql_dir, sub, file)
		   : mw_strdupf("%s/%s", ws->sql_dir, file);
}

static void
add_path(mw_buf *out, char *path)
{
	mw_buf_addf(out, "%s\n", path);
	free(path);
}

void
adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *name, const mw_table *before,
	       const mw_table *after)
{
	static const char *const dbms[] = { "mysql", "postgres", "sqlite" };
	char *file = mw_strdupf("%s.json", name);

	add_path(out, sql_path(ws, "abstractSchemaChanges", file));
	free(file);
	file = mw_strdupf("%s.sql", name);
	for (int i = 0; i < 3; i++)
		add_path(out, sql_path(ws, dbms[i], file));
	free(file);
	mw_buf_addf(out, "%s\n", ws->schema_rel);
	for (int i = 0; i < 3; i++)
		add_path(out, sql_path(ws, dbms[i], "tables-generated.sql"));
}

static const mw_column *
first_added_column(const mw_table *a, const mw_table *b)
{
	for (size_t i = 0; b && i < b->ncolumns; i++)
		if (!a || !mw_table_column(a, b->columns[i].name))
			return &b->columns[i];
	return NULL;
}

static const mw_column *
first_changed_column(const mw_table *a, const mw_table *b)
{
	for (size_t i = 0; a && b && i < b->ncolumns; i++) {
		const mw_column *old = mw_table_column(a, b->columns[i].name);

		if (old && !mw_column_equal(old, &b->columns[i]))
			return &b->columns[i];
	}
	return NULL;
}

static const mw_index *
first_added_index(const mw_table *a, const mw_table *b)
{
	for (size_t i = 0; b && i < b->nindexes; i++)
		if (!a || !mw_table_index(a, b->indexes[i].name))
			return &b->indexes[i];
	return NULL;
}

static bool
pk_equal(const mw_table *a, const mw_table *b)
{
	if (a->npk != b->npk)
		return false;
	for (size_t i = 0; i < a->npk; i++)
		if (strcmp(a->pk[i], b->pk[i]))
			return false;
	return true;
}

/* The first difference as (verb, object): the naming convention and updater verb. */
static const char *
first_difference(const mw_table *before, const mw_table *after, const char **object)
{
	const mw_column *c;
	const mw_index *ix;

	*object = NULL;
	if (!before)
		return "addTable";
	if (!after)
		return "dropTable";
	if ((c = first_added_column(before, after)) && (*object = c->name))
		return "addField";
	if ((c = first_added_column(after, before)) && (*object = c->name))
		return "dropField";
	if ((c = first_changed_column(before, after)) && (*object = c->name))
		return "modifyField";
	if ((ix = first_added_index(before, after)) && (*object = ix->name))
		return "addIndex";
	if ((ix = first_added_index(after, before)) && (*object = ix->name))
		return "dropIndex";
	if (!pk_equal(before, after))
		return "modifyPrimaryKey";
	return "modifyTable";
}

char *
adapt_change_name(const mw_table *before, const mw_table *after)
{
	const mw_table *t = after ? after : before;
	const char *object;
	const char *verb = first_difference(before, after, &object);

	if (!t)
		return mw_xstrdup("patch-new");
	if (!strncmp(verb, "drop", 4) && object)
		return mw_strdupf("patch-%s-drop-%s", t->name, object);
	if (!strcmp(verb, "modifyPrimaryKey"))
		return mw_strdupf("patch-%s-pk", t->name);
	if (object)
		return mw_strdupf("patch-%s-%s", t->name, object);
	return mw_strdupf("patch-%s", t->name);
}

void
adapt_updater_entries(mw_buf *out, const char *name, const mw_table *before, const mw_table *after)
{
	const mw_table *t = after ? after : before;
	const char *object;
	const char *verb = first_difference(before, after, &object);

	if (!t)
		return;
	if (!strcmp(verb, "modifyPrimaryKey")) {
		mw_buf_addf(out, "[ 'modifyPrimaryKey', '%s', [ ", t->name);
		for (size_t i = 0; i < after->npk; i++)
			mw_buf_addf(out, "%s'%s'", i ? ", " : "", after->pk[i]);
		mw_buf_addf(out, " ], '%s.sql' ],\n", name);
	} else if (object)
		mw_buf_addf(out, "[ '%s', '%s', '%s', '%s.sql' ],\n", verb, t->name, object, name);
	else
		mw_buf_addf(out, "[ '%s', '%s', '%s.sql' ],\n", verb, t->name, name);
}

int
adapt_ws_write(const struct adapt_ws *ws, const char *name, const mw_schema *schema,
	       const mw_table *before, const mw_table *after, mw_buf *err)
{
	mw_buf_adds(err, "writing needs the workspace API (workspace.h), not merged yet");
	return -1;
}

int
adapt_ws_commit(const struct adapt_ws *ws, const char *message, const char *branch,
		const char *files, mw_buf *err)
{
	mw_buf_adds(err, "committing needs the git API (git.h), not merged yet");
	return -1;
}

/*
 * Edits: replaced by edit.h.
 */

static bool
is_identifier(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

int
adapt_column_check(const mw_table *t, const mw_column *c, long self, mw_diags *errs)
{
	long pos = mw_table_column_pos(t, c->name);
	size_t before = errs->n;

	if (!is_identifier(c->name))
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "name", NULL,
			     "a column name is letters, digits and '_'");
	else if (pos >= 0 && pos != self)
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "name", NULL,
			     "%s already has a column '%s'", t->name, c->name);
	if (c->has_length && c->length <= 0)
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "length", NULL,
			     "the length must be a positive number");
	if (c->autoincrement && !mw_type_is_integer(c->type))
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "autoincrement", NULL,
			     "only integer columns can autoincrement");
	return errs->n > before ? -1 : 0;
}

int
adapt_index_check(const mw_table *t, const mw_index *ix, long self, mw_diags *errs)
{
	size_t before = errs->n;
	const mw_index *other = mw_table_index(t, ix->name);

	if (!is_identifier(ix->name))
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "name", NULL,
			     "an index name is letters, digits and '_'");
	else if (other && (self < 0 || other != &t->indexes[self]))
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "name", NULL,
			     "%s already has an index '%s'", t->name, ix->name);
	if (!ix->ncolumns)
		mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "columns", NULL,
			     "an index needs at least one column");
	for (size_t i = 0; i < ix->ncolumns; i++)
		if (!mw_table_column(t, ix->columns[i]))
			mw_diags_add(errs, MW_SEV_ERROR, NULL, NULL, 0, 0, "columns", NULL,
				     "no column '%s' in %s", ix->columns[i], t->name);
	return errs->n > before ? -1 : 0;
}

void
adapt_insert_column(mw_table *t, size_t pos, const mw_column *c)
{
	if (pos > t->ncolumns)
		pos = t->ncolumns;
	t->columns = mw_xrealloc(t->columns, (t->ncolumns + 1) * sizeof(*t->columns));
	memmove(&t->columns[pos + 1], &t->columns[pos], (t->ncolumns - pos) * sizeof(*t->columns));
	mw_column_copy(&t->columns[pos], c);
	t->ncolumns++;
}

static void
rename_in(char **v, size_t n, const char *from, const char *to)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i], from)) {
			free(v[i]);
			v[i] = mw_xstrdup(to);
		}
	}
}

void
adapt_replace_column(mw_table *t, size_t pos, const mw_column *c)
{
	char *old = mw_xstrdup(t->columns[pos].name);

	if (strcmp(old, c->name)) {
		for (size_t i = 0; i < t->nindexes; i++)
			rename_in(t->indexes[i].columns, t->indexes[i].ncolumns, old, c->name);
		rename_in(t->pk, t->npk, old, c->name);
	}
	free(old);
	mw_column_clear(&t->columns[pos]);
	mw_column_copy(&t->columns[pos], c);
}

/* Removes every `name` from v; returns the new count. */
static size_t
strv_remove(char **v, size_t n, const char *name)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i], name))
			free(v[i]);
		else
			v[k++] = v[i];
	}
	return k;
}

void
adapt_drop_column(mw_table *t, size_t pos)
{
	char *name = mw_xstrdup(t->columns[pos].name);

	mw_column_clear(&t->columns[pos]);
	memmove(&t->columns[pos], &t->columns[pos + 1],
		(t->ncolumns - pos - 1) * sizeof(*t->columns));
	t->ncolumns--;
	for (size_t i = t->nindexes; i-- > 0;) {
		mw_index *ix = &t->indexes[i];

		ix->ncolumns = strv_remove(ix->columns, ix->ncolumns, name);
		if (!ix->ncolumns)
			adapt_drop_index(t, i);
	}
	t->npk = strv_remove(t->pk, t->npk, name);
	free(name);
}

void
adapt_insert_index(mw_table *t, size_t pos, const mw_index *ix)
{
	if (pos > t->nindexes)
		pos = t->nindexes;
	t->indexes = mw_xrealloc(t->indexes, (t->nindexes + 1) * sizeof(*t->indexes));
	memmove(&t->indexes[pos + 1], &t->indexes[pos], (t->nindexes - pos) * sizeof(*t->indexes));
	mw_index_copy(&t->indexes[pos], ix);
	t->nindexes++;
}

void
adapt_replace_index(mw_table *t, size_t pos, const mw_index *ix)
{
	mw_index_clear(&t->indexes[pos]);
	mw_index_copy(&t->indexes[pos], ix);
}

void
adapt_drop_index(mw_table *t, size_t pos)
{
	mw_index_clear(&t->indexes[pos]);
	memmove(&t->indexes[pos], &t->indexes[pos + 1],
		(t->nindexes - pos - 1) * sizeof(*t->indexes));
	t->nindexes--;
}

void
adapt_set_pk(mw_table *t, char *const *cols, size_t n)
{
	mw_strv_free(t->pk, t->npk);
	t->pk = mw_strv_dup(cols, n);
	t->npk = n;
	t->has_pk_key = true;
}

/*
 * JSON text: replaced by mw_json_write_table (json.h) once it is implemented.
 */

static void
json_string(mw_buf *out, const char *s)
{
	mw_buf_addc(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			mw_buf_addf(out, "\\%c", ch);
		else if (ch == '\n')
			mw_buf_adds(out, "\\n");
		else if (ch < 0x20)
			mw_buf_addf(out, "\\u%04x", ch);
		else
			mw_buf_addc(out, (char)ch);
	}
	mw_buf_addc(out, '"');
}

static void
indent(mw_buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		mw_buf_addc(out, '\t');
}

static void
json_strv(mw_buf *out, char *const *v, size_t n, int depth)
{
	mw_buf_adds(out, "[");
	for (size_t i = 0; i < n; i++) {
		mw_buf_adds(out, i ? ",\n" : "\n");
		indent(out, depth + 1);
		json_string(out, v[i]);
	}
	if (n) {
		mw_buf_addc(out, '\n');
		indent(out, depth);
	}
	mw_buf_adds(out, "]");
}

static void
json_value(mw_buf *out, const mw_value *v)
{
	if (v->raw)
		mw_buf_adds(out, v->raw);
	else if (v->kind == MW_V_STRING)
		json_string(out, v->text);
	else if (v->kind == MW_V_BOOL)
		mw_buf_adds(out, v->text && *v->text ? "true" : "false");
	else if (v->kind == MW_V_INT || v->kind == MW_V_REAL)
		mw_buf_adds(out, v->text);
	else
		mw_buf_adds(out, "null");
}

static void
json_option(mw_buf *out, int *n, int depth, const char *key)
{
	mw_buf_adds(out, (*n)++ ? ",\n" : "\n");
	indent(out, depth);
	mw_buf_addf(out, "\"%s\": ", key);
}

static void
json_column_options(mw_buf *out, const mw_column *c, int depth)
{
	int n = 0;

	mw_buf_adds(out, "{");
	if (c->has_length) {
		json_option(out, &n, depth + 1, "length");
		mw_buf_addf(out, "%lld", c->length);
	}
	if (c->fixed)
		json_option(out, &n, depth + 1, "fixed"), mw_buf_adds(out, "true");
	if (c->is_unsigned)
		json_option(out, &n, depth + 1, "unsigned"), mw_buf_adds(out, "true");
	if ((c->opt_present & MW_OPT_NOTNULL) || !c->notnull) {
		json_option(out, &n, depth + 1, "notnull");
		mw_buf_adds(out, c->notnull ? "true" : "false");
	}
	if (c->autoincrement)
		json_option(out, &n, depth + 1, "autoincrement"), mw_buf_adds(out, "true");
	if (c->deflt.kind != MW_V_NONE) {
		json_option(out, &n, depth + 1, "default");
		json_value(out, &c->deflt);
	}
	if (n) {
		mw_buf_addc(out, '\n');
		indent(out, depth);
	}
	mw_buf_adds(out, "}");
}

static void
json_column(mw_buf *out, const mw_column *c, int depth)
{
	indent(out, depth);
	mw_buf_adds(out, "{\n");
	indent(out, depth + 1);
	mw_buf_adds(out, "\"name\": ");
	json_string(out, c->name);
	if (c->comment) {
		mw_buf_adds(out, ",\n");
		indent(out, depth + 1);
		mw_buf_adds(out, "\"comment\": ");
		json_string(out, c->comment);
	}
	mw_buf_adds(out, ",\n");
	indent(out, depth + 1);
	mw_buf_addf(out, "\"type\": \"%s\",\n", mw_type_name(c->type));
	indent(out, depth + 1);
	mw_buf_adds(out, "\"options\": ");
	json_column_options(out, c, depth + 1);
	mw_buf_addc(out, '\n');
	indent(out, depth);
	mw_buf_adds(out, "}");
}

static void
json_index(mw_buf *out, const mw_index *ix, int depth)
{
	indent(out, depth);
	mw_buf_adds(out, "{\n");
	indent(out, depth + 1);
	mw_buf_adds(out, "\"name\": ");
	json_string(out, ix->name);
	if (ix->comment) {
		mw_buf_adds(out, ",\n");
		indent(out, depth + 1);
		mw_buf_adds(out, "\"comment\": ");
		json_string(out, ix->comment);
	}
	mw_buf_adds(out, ",\n");
	indent(out, depth + 1);
	mw_buf_adds(out, "\"columns\": ");
	json_strv(out, ix->columns, ix->ncolumns, depth + 1);
	mw_buf_adds(out, ",\n");
	indent(out, depth + 1);
	mw_buf_addf(out, "\"unique\": %s\n", ix->unique ? "true" : "false");
	indent(out, depth);
	mw_buf_adds(out, "}");
}

void
adapt_table_json(mw_buf *out, const mw_table *t)
{
	mw_buf_adds(out, "{\n\t\"name\": ");
	json_string(out, t->name);
	if (t->comment) {
		mw_buf_adds(out, ",\n\t\"comment\": ");
		json_string(out, t->comment);
	}
	mw_buf_adds(out, ",\n\t\"columns\": [\n");
	for (size_t i = 0; i < t->ncolumns; i++) {
		json_column(out, &t->columns[i], 2);
		mw_buf_adds(out, i + 1 < t->ncolumns ? ",\n" : "\n");
	}
	mw_buf_adds(out, "\t],\n\t\"indexes\": [");
	for (size_t i = 0; i < t->nindexes; i++) {
		mw_buf_adds(out, i ? ",\n" : "\n");
		json_index(out, &t->indexes[i], 2);
	}
	mw_buf_adds(out, t->nindexes ? "\n\t]" : "]");
	if (t->has_pk_key || t->npk) {
		mw_buf_adds(out, ",\n\t\"pk\": ");
		json_strv(out, t->pk, t->npk, 1);
	}
	mw_buf_adds(out, "\n}\n");
}

/*
 * Text diff for the Diff tab: replaced by diff.h's rendering if it offers one.
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
 * Lint and verify: replaced by lint.h and verify.h.
 */

bool
adapt_lint(mw_diags *out, const mw_table *before, const mw_table *after)
{
	return false;
}

int
adapt_verify(mw_buf *out, const mw_table *before, const mw_table *after)
{
	mw_buf_adds(out, "verify: the SQLite round trip needs verify.h, not merged yet\n");
	return -1;
}

/* vim: set ts=8 sw=8 noexpandtab: */
