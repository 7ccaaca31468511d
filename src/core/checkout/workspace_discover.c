/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where a checkout keeps its JSON and SQL (see mwschema/workspace.h): read
 * from what it declares, in order: .mwschemarc, MediaWiki's CI test
 * (AbstractSchemaTestBase), the LoadExtensionSchemaUpdates handlers of its
 * manifests, then conventional folders. Each source adds directory entries;
 * an entry already declared by an earlier source is kept.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/manifest.h"
#include "mwschema/rc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_HOOK_METHOD "onLoadExtensionSchemaUpdates"
#define MAX_TEST_DEPTH 6

/* Folders extensions keep their schema in (spec §1), in the order tried. */
static const char *const conventional[] = { "sql", "db_patches", "schema", "schemas", "db" };

static const char *const core_updaters[MW_DBMS__COUNT] = {
	[MW_DBMS_MYSQL] = "includes/installer/MysqlUpdater.php",
	[MW_DBMS_POSTGRES] = "includes/installer/PostgresUpdater.php",
	[MW_DBMS_SQLITE] = "includes/installer/SqliteUpdater.php",
};

/* What .mwschemarc says about one schema directory. */
struct rc_group {
	char *schema, *sql, *change, *change_sql;
	int line;
};

struct disc {
	mw_workspace *ws;
	mw_diags *diags;
	unsigned platforms;	/* `set platforms`; 0 = not restricted */
	char *rc_updater;	/* `set updater` */
	unsigned hook_platforms;	/* what the handlers register for; 0 = unknown */
};

static void
looked(mw_workspace *ws, const char *fmt, const char *arg)
{
	ws->looked = mw_xrealloc(ws->looked, (ws->nlooked + 1) * sizeof(char *));
	ws->looked[ws->nlooked++] = mw_strdupf(fmt, arg);
}

static int
find_dir(const mw_workspace *ws, const char *json)
{
	for (size_t i = 0; i < ws->ndirs; i++)
		if (!strcmp(ws->dirs[i].json, json))
			return (int)i;
	return -1;
}

/* Adds an entry for `json` unless one exists; returns its index. */
static int
add_dir(mw_workspace *ws, const char *json, char *const sql[MW_DBMS__COUNT], unsigned mask,
	const char *origin)
{
	int at = find_dir(ws, json);
	mw_ws_dir *e;

	if (at >= 0)
		return at;
	ws->dirs = mw_xrealloc(ws->dirs, (ws->ndirs + 1) * sizeof(*ws->dirs));
	e = &ws->dirs[ws->ndirs];
	memset(e, 0, sizeof(*e));
	e->json = mw_xstrdup(json);
	e->origin = mw_xstrdup(origin);
	e->updater = -1;
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (!mask || mask & (1u << d))
			e->sql[d] = mw_xstrdup(sql[d]);
	return (int)ws->ndirs++;
}

/* Any .sql directly in `dir` with MediaWiki's generated header. */
static bool
has_generated_sql(const char *root, const char *dir)
{
	char *abs = mw_path_join(root, dir), **names;
	size_t n = mw_ws__list_files(&names, abs, ".sql");
	bool found = false;

	for (size_t i = 0; i < n && !found; i++) {
		char *rel = mw_path_join(dir, names[i]), *label = mw_ws__file_source(root, rel);

		found = label != NULL;
		free(label);
		free(rel);
	}
	mw_strv_free(names, n);
	free(abs);
	return found;
}

/*
 * <base>/<platform>; MySQL's files sit in <base> itself when there is no
 * mysql/ folder but generated files are there (MediaWiki's generator does so).
 */
static void
platform_dirs(char *out[MW_DBMS__COUNT], const char *root, const char *base)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		out[d] = mw_path_join(base, mw_dbms_name((mw_dbms)d));
	if (!mw_ws__is_dir_in(root, out[MW_DBMS_MYSQL]) && has_generated_sql(root, base)) {
		free(out[MW_DBMS_MYSQL]);
		out[MW_DBMS_MYSQL] = mw_xstrdup(base);
	}
}

static void
free_dirs(char *v[MW_DBMS__COUNT])
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		free(v[d]);
		v[d] = NULL;
	}
}

/* A schema directory and the abstractSchemaChanges folder in it, with the same SQL folders. */
static void
add_schema_dir(mw_workspace *ws, const char *dir, char *const sql[MW_DBMS__COUNT],
	       unsigned mask, const char *origin)
{
	char *changes = mw_path_join(dir, "abstractSchemaChanges");

	add_dir(ws, dir, sql, mask, origin);
	add_dir(ws, changes, sql, mask, origin);
	free(changes);
}

/*
 * 1. .mwschemarc
 */

/* "repo/sql/%(platform)" for each platform; a folder without the variable holds platform folders. */
static void
expand_template(char *out[MW_DBMS__COUNT], const mw_workspace *ws, const char *tmpl)
{
	const char *var = strstr(tmpl, "%(platform)");

	if (!var) {
		platform_dirs(out, ws->root, tmpl);
		return;
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		out[d] = mw_strdupf("%.*s%s%s", (int)(var - tmpl), tmpl, mw_dbms_name((mw_dbms)d),
				    var + strlen("%(platform)"));
}

static void
add_rc_group(struct disc *d, const struct rc_group *g)
{
	char *sql[MW_DBMS__COUNT], *csql[MW_DBMS__COUNT], *change;

	expand_template(sql, d->ws, g->sql ? g->sql : g->schema);
	if (g->change_sql)
		expand_template(csql, d->ws, g->change_sql);
	change = g->change ? mw_xstrdup(g->change) : mw_path_join(g->schema, "abstractSchemaChanges");
	add_dir(d->ws, g->schema, sql, d->platforms, ".mwschemarc");
	add_dir(d->ws, change, g->change_sql ? csql : sql, d->platforms, ".mwschemarc");
	free_dirs(sql);
	if (g->change_sql)
		free_dirs(csql);
	free(change);
}

static unsigned
parse_platforms(const char *value)
{
	char *copy = mw_xstrdup(value), *save = NULL;
	unsigned mask = 0;
	mw_dbms d;

	for (char *w = strtok_r(copy, " ,\t", &save); w; w = strtok_r(NULL, " ,\t", &save))
		if (mw_dbms_from_name(w, &d))
			mask |= 1u << d;
	free(copy);
	return mask;
}

/* The `set` lines in order: sql-dir, change-dir and change-sql-dir belong to the schema-dir above. */
static void
from_rc(struct disc *d)
{
	char *path = mw_path_join(d->ws->root, ".mwschemarc");
	struct rc_group g = { NULL, NULL, NULL, NULL, 0 };
	mw_rc *rc = mw_rc_new();

	looked(d->ws, "%s", ".mwschemarc");
	if (!mw_file_exists(path) || mw_rc_load_file(rc, path, d->diags) < 0)
		goto out;
	if (mw_rc_get(rc, "platforms"))
		d->platforms = parse_platforms(mw_rc_get(rc, "platforms"));
	if (mw_rc_get_entry(rc, "updater") &&
	    mw_rc_path_ok(mw_rc_get_entry(rc, "updater"), d->ws->root, d->diags))
		d->rc_updater = mw_xstrdup(mw_rc_get(rc, "updater"));
	for (size_t i = 0; i < mw_rc_count(rc); i++) {
		const mw_rc_entry *e = mw_rc_entry_at(rc, i);
		const char *key = e->argc >= 2 && e->cmd == MW_RC_SET ? e->argv[0] : "";
		bool is_path = !strcmp(key, "schema-dir") || !strcmp(key, "sql-dir") ||
			    !strcmp(key, "change-dir") || !strcmp(key, "change-sql-dir");

		/* a refused schema-dir takes its sql-dir... lines with it */
		if (is_path && !mw_rc_path_ok(e, d->ws->root, d->diags)) {
			if (!strcmp(key, "schema-dir") && g.schema)
				add_rc_group(d, &g);
			if (!strcmp(key, "schema-dir")) {
				free(g.schema), free(g.sql), free(g.change), free(g.change_sql);
				memset(&g, 0, sizeof(g));
			}
			continue;
		}
		if (!strcmp(key, "schema-dir")) {
			if (g.schema)
				add_rc_group(d, &g);
			free(g.schema), free(g.sql), free(g.change), free(g.change_sql);
			memset(&g, 0, sizeof(g));
			g.schema = mw_xstrdup(e->argv[1]);
		} else if (g.schema && !strcmp(key, "sql-dir")) {
			free(g.sql), g.sql = mw_xstrdup(e->argv[1]);
		} else if (g.schema && !strcmp(key, "change-dir")) {
			free(g.change), g.change = mw_xstrdup(e->argv[1]);
		} else if (g.schema && !strcmp(key, "change-sql-dir")) {
			free(g.change_sql), g.change_sql = mw_xstrdup(e->argv[1]);
		}
	}
	if (g.schema)
		add_rc_group(d, &g);
	free(g.schema), free(g.sql), free(g.change), free(g.change_sql);
out:
	mw_rc_free(rc);
	free(path);
}

/*
 * 2. MediaWiki's CI test: class XSchemaTest extends AbstractSchemaTestBase
 */

static void
from_test_class(struct disc *d, const char *rel, const mw_buf *text)
{
	char *schemas = NULL, *changes = NULL, *sql[MW_DBMS__COUNT] = { NULL },
	     *csql[MW_DBMS__COUNT] = { NULL };
	const char *src = mw_buf_cstr(text);
	char *origin = mw_strdupf("%s (AbstractSchemaTestBase)", rel);

	/* A test whose folders do not exist tests nothing (Wikibase's client test): ignored. */
	if (php_method_path(&schemas, src, text->len, rel, "getSchemasDirectory") &&
	    php_method_paths(sql, src, text->len, rel, "getSchemaSQLDirs") &&
	    mw_ws__is_dir_in(d->ws->root, schemas)) {
		add_dir(d->ws, schemas, sql, 0, origin);
		if (!php_method_paths(csql, src, text->len, rel, "getSchemaChangesSQLDirs"))
			for (int k = 0; k < MW_DBMS__COUNT; k++)
				csql[k] = mw_xstrdup(sql[k]);
		if (php_method_path(&changes, src, text->len, rel, "getSchemaChangesDirectory") &&
		    mw_ws__is_dir_in(d->ws->root, changes))
			add_dir(d->ws, changes, csql, 0, origin);
		free_dirs(csql);
	}
	free_dirs(sql);
	free(schemas);
	free(changes);
	free(origin);
}

static bool
is_schema_test_name(const char *name)
{
	size_t l = strlen(name);

	return l > 8 && !strcmp(name + l - 8, "Test.php") && strstr(name, "Schema");
}

static void
find_test_classes(struct disc *d, const char *rel, int depth)
{
	char *abs = mw_path_join(d->ws->root, rel);
	DIR *dir = opendir(abs);
	struct dirent *e;

	while (dir && (e = readdir(dir))) {
		char *sub = mw_path_join(rel, e->d_name), *full = mw_path_join(abs, e->d_name);
		mw_buf text = MW_BUF_INIT;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules") ||
		    !strcmp(e->d_name, "vendor")) {
			/* not the extension's own tests */
		} else if (depth > 0 && mw_is_dir(full)) {
			find_test_classes(d, sub, depth - 1);
		} else if (is_schema_test_name(e->d_name) && mw_read_file(&text, full, NULL) == 0 &&
			   strstr(mw_buf_cstr(&text), "AbstractSchemaTestBase")) {
			from_test_class(d, sub, &text);
		}
		mw_buf_release(&text);
		free(full);
		free(sub);
	}
	if (dir)
		closedir(dir);
	free(abs);
}

/* tests/ of the root and of its first-level folders (Wikibase's repo/tests, client/tests). */
static void
from_ci_tests(struct disc *d)
{
	DIR *dir = opendir(d->ws->root);
	struct dirent *e;

	looked(d->ws, "%s", "tests/**/*Schema*Test.php (AbstractSchemaTestBase)");
	find_test_classes(d, "tests", MAX_TEST_DEPTH);
	while (dir && (e = readdir(dir))) {
		char *sub;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "tests") ||
		    !strcmp(e->d_name, "vendor") || !strcmp(e->d_name, "node_modules"))
			continue;
		sub = mw_path_join(e->d_name, "tests");
		if (mw_ws__is_dir_in(d->ws->root, sub))
			find_test_classes(d, sub, MAX_TEST_DEPTH);
		free(sub);
	}
	if (dir)
		closedir(dir);
}

/*
 * 3. The LoadExtensionSchemaUpdates handlers of the manifests
 */

static int
add_updater(mw_workspace *ws, const char *file, const char *method)
{
	mw_ws_updater *u;

	for (size_t i = 0; i < ws->nupdaters; i++)
		if (!strcmp(ws->updaters[i].file, file) && !strcmp(ws->updaters[i].method, method))
			return (int)i;
	ws->updaters = mw_xrealloc(ws->updaters, (ws->nupdaters + 1) * sizeof(*ws->updaters));
	u = &ws->updaters[ws->nupdaters];
	memset(u, 0, sizeof(*u));
	u->file = mw_xstrdup(file);
	u->method = mw_xstrdup(method);
	return (int)ws->nupdaters++;
}

/* The handler's registrations, with the evaluator's placeholders spelt '*'. */
static void
eval_updater(mw_workspace *ws, mw_ws_updater *u)
{
	char *abs = mw_path_join(ws->root, u->file);
	mw_buf text = MW_BUF_INIT;
	php_hook h;

	if (mw_read_file(&text, abs, NULL) == 0) {
		php_hook_eval(&h, mw_buf_cstr(&text), text.len, u->file, u->method);
		u->regs = mw_xcalloc(h.nregs + 1, sizeof(*u->regs));
		for (size_t i = 0; i < h.nregs; i++) {
			mw_ws_reg *r = &u->regs[u->nregs++];

			r->path = h.regs[i].path;
			for (char *p = r->path; *p; p++)
				if (*p == PHP_ANY || *p == PHP_PLATFORM)
					*p = '*';
			r->dbms = h.regs[i].dbms;
			r->verb = h.regs[i].verb;
			r->table = h.regs[i].table;
			r->name = h.regs[i].name;
			memset(&h.regs[i], 0, sizeof(h.regs[i]));
		}
		u->platforms = h.platforms;
		php_hook_clear(&h);
	}
	mw_buf_release(&text);
	free(abs);
}

/* A PHP file under `rel` (relative to the root) containing `needle`; depth-limited. */
static char *
grep_php(const char *root, const char *rel, const char *needle, int depth)
{
	char *dir = rel ? mw_path_join(root, rel) : mw_xstrdup(root), *found = NULL;
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && !found && (e = readdir(d))) {
		char *sub = rel ? mw_path_join(rel, e->d_name) : mw_xstrdup(e->d_name);
		char *abs = mw_path_join(root, sub);
		size_t l = strlen(e->d_name);
		mw_buf text = MW_BUF_INIT;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "vendor") ||
		    !strcmp(e->d_name, "node_modules") || !strcmp(e->d_name, "tests")) {
			/* not ours to search */
		} else if (mw_is_dir(abs)) {
			if (depth > 0)
				found = grep_php(root, sub, needle, depth - 1);
		} else if (l > 4 && !strcmp(e->d_name + l - 4, ".php") &&
			   mw_read_file(&text, abs, NULL) == 0 && strstr(mw_buf_cstr(&text), needle)) {
			found = mw_xstrdup(sub);
		}
		mw_buf_release(&text);
		free(abs);
		free(sub);
	}
	if (d)
		closedir(d);
	free(dir);
	return found;
}

static bool
is_manifest_name(const char *name)
{
	size_t l = strlen(name);

	return !strcmp(name, "extension.json") || !strcmp(name, "skin.json") ||
	       (!strncmp(name, "extension-", 10) && l > 15 && !strcmp(name + l - 5, ".json"));
}

static void
from_manifest(struct disc *d, const char *file)
{
	char *abs = mw_path_join(d->ws->root, file);
	mw_manifest m;

	looked(d->ws, "%s", file);
	if (mw_manifest_load(&m, abs, NULL) == 0) {
		if (!d->ws->name)
			d->ws->name = mw_xstrdup(m.name);
		for (size_t i = 0; i < m.nhooks; i++) {
			char *php = mw_manifest_class_file(&m, m.hook_classes[i]);

			if (php && mw_ws__exists_in(d->ws->root, php))
				add_updater(d->ws, php, m.hook_methods[i]);
			free(php);
		}
		mw_manifest_clear(&m);
	}
	free(abs);
}

/* `set updater = FILE[::METHOD]` comes first: entries go there. */
static void
rc_updater(struct disc *d)
{
	char *file = mw_xstrdup(d->rc_updater), *sep = strstr(file, "::");

	if (sep)
		*sep = '\0';
	if (mw_ws__exists_in(d->ws->root, file))
		add_updater(d->ws, file, sep ? sep + 2 : SCHEMA_HOOK_METHOD);
	free(file);
}

static void
find_handlers(struct disc *d)
{
	char **names;
	size_t n = mw_ws__list_files(&names, d->ws->root, ".json"), manifests = 0;
	char *found;

	if (d->rc_updater)
		rc_updater(d);
	for (size_t i = 0; i < n; i++)
		manifests += is_manifest_name(names[i]);
	/* extension.json before extension-*.json before skin.json */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < n; i++)
			if (is_manifest_name(names[i]) &&
			    (pass == 0 ? !strcmp(names[i], "extension.json") :
			     pass == 1 ? !strncmp(names[i], "extension-", 10) :
			     !strcmp(names[i], "skin.json")))
				from_manifest(d, names[i]);
	mw_strv_free(names, n);
	/* extension-repo.json and extension-client.json: the checkout is neither alone */
	if (!mw_ws__exists_in(d->ws->root, "extension.json") && manifests > 1) {
		free(d->ws->name);
		d->ws->name = mw_path_basename(d->ws->root);
	}
	if (!d->ws->nupdaters &&
	    (found = grep_php(d->ws->root, NULL, "function " SCHEMA_HOOK_METHOD, 4))) {
		add_updater(d->ws, found, SCHEMA_HOOK_METHOD);
		free(found);
	}
	for (size_t i = 0; i < d->ws->nupdaters; i++) {
		looked(d->ws, "%s (LoadExtensionSchemaUpdates)", d->ws->updaters[i].file);
		eval_updater(d->ws, &d->ws->updaters[i]);
		d->hook_platforms |= d->ws->updaters[i].platforms;
	}
}

/* What the registered files tell, per JSON directory. */
struct acc {
	char *json;
	char *sql[MW_DBMS__COUNT];
	int updater;
};

struct accs {
	struct acc *v;
	size_t n;
};

static struct acc *
acc_for(struct accs *a, const char *json, int updater)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].json, json))
			return &a->v[i];
	a->v = mw_xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	memset(&a->v[a->n], 0, sizeof(a->v[a->n]));
	a->v[a->n].json = mw_xstrdup(json);
	a->v[a->n].updater = updater;
	return &a->v[a->n++];
}

static void
acc_note(struct acc *a, const char *sql_dir, unsigned dbms)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (dbms & (1u << d) && !a->sql[d])
			a->sql[d] = mw_xstrdup(sql_dir);
}

/* The component of `path` naming a platform, as an offset; -1 if none. */
static int
platform_component(const char *path, mw_dbms *which)
{
	for (const char *p = path; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		for (int d = 0; d < MW_DBMS__COUNT; d++) {
			size_t l = strlen(mw_dbms_name((mw_dbms)d));

			if (!strncmp(p, mw_dbms_name((mw_dbms)d), l) && (p[l] == '/' || !p[l])) {
				*which = (mw_dbms)d;
				return (int)(p - path);
			}
		}
	return -1;
}

/* sql/postgres from sql/mysql; sql/sqlite from a MySQL folder that names no platform ("sql"). */
static char *
analogous(const char *known, mw_dbms to)
{
	mw_dbms from;
	int at = platform_component(known, &from);

	if (at < 0)
		return mw_path_join(known, mw_dbms_name(to));
	return mw_strdupf("%.*s%s%s", at, known, mw_dbms_name(to),
			  known + at + strlen(mw_dbms_name(from)));
}

/* A registered file that exists and names its JSON: that JSON's folder and this SQL folder. */
static void
note_labelled(struct disc *d, struct accs *a, const mw_ws_reg *r, int u)
{
	char *label, *json, *jdir, *sdir;

	if (strchr(r->path, '*') || !(label = mw_ws__file_source(d->ws->root, r->path)))
		return;
	json = mw_ws__label_file(d->ws->root, label, r->path);
	if (json) {
		jdir = mw_path_dirname(json);
		sdir = mw_path_dirname(r->path);
		acc_note(acc_for(a, strcmp(jdir, ".") ? jdir : "", u), sdir, r->dbms);
		free(jdir);
		free(sdir);
	}
	free(json);
	free(label);
}

static bool
holds_json(const char *root, const char *dir)
{
	char *abs = mw_path_join(root, dir), **names;
	size_t n = mw_ws__list_files(&names, abs, ".json");
	char *changes = mw_path_join(dir, "abstractSchemaChanges");
	bool ok = n > 0 || mw_ws__is_dir_in(root, changes);

	mw_strv_free(names, n);
	free(changes);
	free(abs);
	return ok;
}

static bool
covered(const struct accs *a, const char *sql_dir)
{
	for (size_t i = 0; i < a->n; i++)
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			if (a->v[i].sql[d] && !strcmp(a->v[i].sql[d], sql_dir))
				return true;
	return false;
}

/*
 * A file not generated yet (or hand-written): its JSON would be beside the
 * platform folder, if JSON files are there and no generated file already
 * tied that SQL folder to a JSON folder.
 */
static void
note_unlabelled(struct disc *d, struct accs *a, const mw_ws_reg *r, int u)
{
	char *sdir = mw_path_dirname(r->path), *base, *abs, **names;
	mw_dbms which;
	int at = platform_component(sdir, &which);
	size_t n = 0;

	if (strchr(sdir, '*') || covered(a, sdir)) {
		free(sdir);
		return;
	}
	base = at > 0 ? mw_xstrndup(sdir, (size_t)at - 1) : at == 0 ? mw_xstrdup("") : mw_xstrdup(sdir);
	abs = mw_path_join(d->ws->root, base);
	if (*base)
		n = mw_ws__list_files(&names, abs, ".json");
	if (n) {
		acc_note(acc_for(a, base, u), sdir, r->dbms);
		mw_strv_free(names, n);
	}
	free(abs);
	free(base);
	free(sdir);
}

static void
add_accs(struct disc *d, struct accs *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct acc *x = &a->v[i];
		const mw_ws_updater *u = &d->ws->updaters[x->updater];
		char *origin = mw_strdupf("%s (LoadExtensionSchemaUpdates)", u->file);
		int known = -1, at;

		for (int k = 0; k < MW_DBMS__COUNT && known < 0; k++)
			if (x->sql[k])
				known = k;
		for (int k = 0; k < MW_DBMS__COUNT && known >= 0; k++)
			if (!x->sql[k])
				x->sql[k] = analogous(x->sql[known], (mw_dbms)k);
		if (known >= 0 && *x->json) {
			at = add_dir(d->ws, x->json, x->sql, d->platforms ? d->platforms : u->platforms,
				     origin);
			if (d->ws->dirs[at].updater < 0)
				d->ws->dirs[at].updater = x->updater;
		}
		free(origin);
		free(x->json);
		free_dirs(x->sql);
	}
	free(a->v);
}

static void
from_handlers(struct disc *d)
{
	struct accs a = { NULL, 0 };

	find_handlers(d);
	for (size_t u = 0; u < d->ws->nupdaters; u++)
		for (size_t i = 0; i < d->ws->updaters[u].nregs; i++)
			note_labelled(d, &a, &d->ws->updaters[u].regs[i], (int)u);
	for (size_t u = 0; u < d->ws->nupdaters; u++)
		for (size_t i = 0; i < d->ws->updaters[u].nregs; i++)
			note_unlabelled(d, &a, &d->ws->updaters[u].regs[i], (int)u);
	add_accs(d, &a);
}

/*
 * 4. Conventional folders, and the change folders beside schema folders
 */

static void
from_conventions(struct disc *d)
{
	unsigned mask = d->platforms ? d->platforms : d->hook_platforms;
	char *sql[MW_DBMS__COUNT];

	looked(d->ws, "%s", "sql/, db_patches/, schema/, schemas/, db/");
	for (size_t i = 0; i < sizeof(conventional) / sizeof(*conventional); i++) {
		if (find_dir(d->ws, conventional[i]) >= 0 || !holds_json(d->ws->root, conventional[i]))
			continue;
		platform_dirs(sql, d->ws->root, conventional[i]);
		add_schema_dir(d->ws, conventional[i], sql, mask, "a conventional folder");
		free_dirs(sql);
	}
	for (size_t i = 0, n = d->ws->ndirs; i < n; i++) {
		char *changes = mw_path_join(d->ws->dirs[i].json, "abstractSchemaChanges"), *origin;
		int at;

		if (mw_ws__is_dir_in(d->ws->root, changes) && find_dir(d->ws, changes) < 0) {
			/* copies: adding may move the entries */
			for (int k = 0; k < MW_DBMS__COUNT; k++)
				sql[k] = mw_xstrdup(d->ws->dirs[i].sql[k]);
			origin = mw_strdupf("beside %s", d->ws->dirs[i].json);
			at = add_dir(d->ws, changes, sql, 0, origin);
			d->ws->dirs[at].updater = d->ws->dirs[i].updater;
			free_dirs(sql);
			free(origin);
		}
		free(changes);
	}
}

/* Entries go to the handler that registers files in the entry's SQL folders. */
static int
updater_for(const mw_workspace *ws, const mw_ws_dir *e, int fallback)
{
	for (size_t u = 0; u < ws->nupdaters; u++)
		for (size_t i = 0; i < ws->updaters[u].nregs; i++) {
			char *dir = mw_path_dirname(ws->updaters[u].regs[i].path);
			bool hit = false;

			for (int d = 0; d < MW_DBMS__COUNT && !hit; d++)
				hit = e->sql[d] && !strcmp(e->sql[d], dir);
			free(dir);
			if (hit)
				return (int)u;
		}
	return fallback;
}

static void
assign_updaters(struct disc *d)
{
	mw_workspace *ws = d->ws;
	int main = ws->nupdaters ? 0 : -1;

	for (size_t u = 0; u < ws->nupdaters && !d->rc_updater; u++)
		if (ws->updaters[u].nregs) {
			main = (int)u;
			break;
		}
	for (size_t i = 0; i < ws->ndirs; i++)
		if (ws->dirs[i].updater < 0 || d->rc_updater)
			ws->dirs[i].updater = d->rc_updater ? main : updater_for(ws, &ws->dirs[i], main);
	if (main < 0)
		return;
	for (int k = 0; k < MW_DBMS__COUNT; k++)
		ws->updater[k] = mw_xstrdup(ws->updaters[main].file);
	ws->updater_method = mw_xstrdup(ws->updaters[main].method);
}

/* Core: its three updaters, and sql/ unless .mwschemarc said otherwise. */
static void
discover_core(mw_workspace *ws)
{
	char *sql[MW_DBMS__COUNT];

	ws->name = mw_xstrdup("MediaWiki");
	ws->updater_method = mw_xstrdup("getCoreUpdateList");
	ws->updaters = mw_xcalloc(MW_DBMS__COUNT, sizeof(*ws->updaters));
	ws->nupdaters = MW_DBMS__COUNT;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		ws->updaters[d].method = mw_xstrdup("getCoreUpdateList");
		if (!mw_ws__exists_in(ws->root, core_updaters[d]))
			continue;
		ws->updater[d] = mw_xstrdup(core_updaters[d]);
		ws->updaters[d].file = mw_xstrdup(core_updaters[d]);
		ws->updaters[d].platforms = 1u << d;
	}
	if (ws->ndirs)
		return;
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		sql[d] = mw_path_join("sql", mw_dbms_name((mw_dbms)d));
	add_schema_dir(ws, "sql", sql, 0, "MediaWiki core");
	free_dirs(sql);
}

void
mw_ws__discover(mw_workspace *ws, mw_diags *diags)
{
	struct disc d = { ws, diags, 0, NULL, 0 };

	from_rc(&d);
	if (ws->kind == MW_WS_CORE) {
		discover_core(ws);
	} else {
		from_ci_tests(&d);
		from_handlers(&d);
		from_conventions(&d);
		assign_updaters(&d);
		if (!ws->name)
			ws->name = mw_path_basename(ws->root);
	}
	free(d.rc_updater);
}
