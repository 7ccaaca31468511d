/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where a checkout keeps its JSON and SQL (see mwschema/workspace.h): read
 * from what it declares, in order: .mwschemarc, MediaWiki's CI test
 * (AbstractSchemaTestBase), the LoadExtensionSchemaUpdates handlers of its
 * manifests, then conventional folders. Each source adds directory entries;
 * an entry already declared by an earlier source is kept. The handlers are
 * workspace_hooks.c.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/rc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

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

void
mw_ws__looked(mw_workspace *ws, const char *fmt, const char *arg)
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

/*
 * Folders and updaters come from files of the checkout (manifests, handlers,
 * tests, links on disk): one that resolves outside it is refused and named,
 * so that no JSON or PHP from elsewhere is read as the checkout's.
 */
bool
mw_ws__inside(struct mw_ws_disc *d, const char *rel, const char *origin)
{
	mw_buf err = MW_BUF_INIT;
	bool ok = *rel != '/' && mw_path_confine(d->ws->root, rel, NULL, &err) == 0;

	if (!ok && d->diags)
		mw_diags_add(d->diags, MW_SEV_WARNING, NULL, rel, 0, 0, NULL,
			     "mwschema reads and writes schema files and updaters only "
			     "inside the checkout",
			     "leads outside the checkout (from %s): ignored", origin);
	mw_buf_release(&err);
	return ok;
}

/* Adds an entry for `json` unless one exists; returns its index, -1 when refused. */
int
mw_ws__add_dir(struct mw_ws_disc *disc, const char *json, char *const sql[MW_DBMS__COUNT],
	       unsigned mask, const char *origin)
{
	mw_workspace *ws = disc->ws;
	int at = find_dir(ws, json);
	mw_ws_dir *e;

	if (at >= 0)
		return at;
	/* SQL folders are checked where they are written (drift_apply.c names the file) */
	if (!mw_ws__inside(disc, json, origin))
		return -1;
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

void
mw_ws__free_dirs(char *v[MW_DBMS__COUNT])
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		free(v[d]);
		v[d] = NULL;
	}
}

/* A schema directory and the abstractSchemaChanges folder in it, with the same SQL folders. */
static void
add_schema_dir(struct mw_ws_disc *d, const char *dir, char *const sql[MW_DBMS__COUNT],
	       unsigned mask, const char *origin)
{
	char *changes = mw_path_join(dir, "abstractSchemaChanges");

	if (mw_ws__add_dir(d, dir, sql, mask, origin) >= 0)
		mw_ws__add_dir(d, changes, sql, mask, origin);
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
add_rc_group(struct mw_ws_disc *d, const struct rc_group *g)
{
	char *sql[MW_DBMS__COUNT], *csql[MW_DBMS__COUNT], *change;

	expand_template(sql, d->ws, g->sql ? g->sql : g->schema);
	if (g->change_sql)
		expand_template(csql, d->ws, g->change_sql);
	change = g->change ? mw_xstrdup(g->change) : mw_path_join(g->schema, "abstractSchemaChanges");
	mw_ws__add_dir(d, g->schema, sql, d->platforms, ".mwschemarc");
	mw_ws__add_dir(d, change, g->change_sql ? csql : sql, d->platforms, ".mwschemarc");
	mw_ws__free_dirs(sql);
	if (g->change_sql)
		mw_ws__free_dirs(csql);
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
from_rc(struct mw_ws_disc *d)
{
	char *path = mw_path_join(d->ws->root, ".mwschemarc");
	struct rc_group g = { NULL, NULL, NULL, NULL, 0 };
	mw_rc *rc = mw_rc_new();

	mw_ws__looked(d->ws, "%s", ".mwschemarc");
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
from_test_class(struct mw_ws_disc *d, const char *rel, const mw_buf *text)
{
	char *schemas = NULL, *changes = NULL, *sql[MW_DBMS__COUNT] = { NULL },
	     *csql[MW_DBMS__COUNT] = { NULL };
	const char *src = mw_buf_cstr(text);
	char *origin = mw_strdupf("%s (AbstractSchemaTestBase)", rel);

	/* A test whose folders do not exist tests nothing (Wikibase's client test): ignored. */
	if (php_method_path(&schemas, src, text->len, rel, "getSchemasDirectory") &&
	    php_method_paths(sql, src, text->len, rel, "getSchemaSQLDirs") &&
	    mw_ws__is_dir_in(d->ws->root, schemas)) {
		mw_ws__add_dir(d, schemas, sql, 0, origin);
		if (!php_method_paths(csql, src, text->len, rel, "getSchemaChangesSQLDirs"))
			for (int k = 0; k < MW_DBMS__COUNT; k++)
				csql[k] = mw_xstrdup(sql[k]);
		if (php_method_path(&changes, src, text->len, rel, "getSchemaChangesDirectory") &&
		    mw_ws__is_dir_in(d->ws->root, changes))
			mw_ws__add_dir(d, changes, csql, 0, origin);
		mw_ws__free_dirs(csql);
	}
	mw_ws__free_dirs(sql);
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
find_test_classes(struct mw_ws_disc *d, const char *rel, int depth)
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
		} else if (depth > 0 && mw_ws__entry_is_dir(e, full)) {
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
from_ci_tests(struct mw_ws_disc *d)
{
	DIR *dir = opendir(d->ws->root);
	struct dirent *e;

	mw_ws__looked(d->ws, "%s", "tests/**/*Schema*Test.php (AbstractSchemaTestBase)");
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

bool
mw_ws__holds_json(const char *root, const char *dir)
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

/*
 * 4. Conventional folders, and the change folders beside schema folders
 */

static void
from_conventions(struct mw_ws_disc *d)
{
	unsigned mask = d->platforms ? d->platforms : d->hook_platforms;
	char *sql[MW_DBMS__COUNT];

	mw_ws__looked(d->ws, "%s", "sql/, db_patches/, schema/, schemas/, db/");
	for (size_t i = 0; i < sizeof(conventional) / sizeof(*conventional); i++) {
		if (find_dir(d->ws, conventional[i]) >= 0 || !mw_ws__holds_json(d->ws->root, conventional[i]))
			continue;
		platform_dirs(sql, d->ws->root, conventional[i]);
		add_schema_dir(d, conventional[i], sql, mask, "a conventional folder");
		mw_ws__free_dirs(sql);
	}
	for (size_t i = 0, n = d->ws->ndirs; i < n; i++) {
		char *changes = mw_path_join(d->ws->dirs[i].json, "abstractSchemaChanges"), *origin;
		int at;

		if (mw_ws__is_dir_in(d->ws->root, changes) && find_dir(d->ws, changes) < 0) {
			/* copies: adding may move the entries */
			for (int k = 0; k < MW_DBMS__COUNT; k++)
				sql[k] = mw_xstrdup(d->ws->dirs[i].sql[k]);
			origin = mw_strdupf("beside %s", d->ws->dirs[i].json);
			if ((at = mw_ws__add_dir(d, changes, sql, 0, origin)) >= 0)
				d->ws->dirs[at].updater = d->ws->dirs[i].updater;
			mw_ws__free_dirs(sql);
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
assign_updaters(struct mw_ws_disc *d)
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
discover_core(struct mw_ws_disc *dc)
{
	mw_workspace *ws = dc->ws;
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
	add_schema_dir(dc, "sql", sql, 0, "MediaWiki core");
	mw_ws__free_dirs(sql);
}

void
mw_ws__discover(mw_workspace *ws, mw_diags *diags)
{
	struct mw_ws_disc d = { ws, diags, 0, NULL, 0 };

	from_rc(&d);
	if (ws->kind == MW_WS_CORE) {
		discover_core(&d);
	} else {
		from_ci_tests(&d);
		mw_ws__from_handlers(&d);
		from_conventions(&d);
		assign_updaters(&d);
		if (!ws->name)
			ws->name = mw_path_basename(ws->root);
	}
	free(d.rc_updater);
}
