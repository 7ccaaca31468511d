/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding and reading a MediaWiki checkout (see mwschema/workspace.h): the
 * root, the JSON and SQL files of the directories discovery found
 * (workspace_discover.c), and which SQL file each JSON owns.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/updater.h"

#include <dirent.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE_MARK "-- Source: "

const char *
mw_workspace_kind_name(mw_ws_kind kind)
{
	return kind == MW_WS_CORE ? "core" : "extension";
}

char *
mw_workspace_path(const mw_workspace *ws, const char *rel)
{
	return mw_path_join(ws->root, rel);
}

bool
mw_ws__exists_in(const char *dir, const char *rel)
{
	char *p = mw_path_join(dir, rel);
	bool ok = mw_file_exists(p);

	free(p);
	return ok;
}

bool
mw_ws__is_dir_in(const char *dir, const char *rel)
{
	char *p = mw_path_join(dir, rel);
	bool ok = mw_is_dir(p);

	free(p);
	return ok;
}

bool
mw_ws__entry_is_dir(const struct dirent *e, const char *full)
{
	/* readdir's type spares a stat per entry in big test trees (Wikibase, CheckUser) */
	if (e->d_type == DT_DIR)
		return true;
	return (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) && mw_is_dir(full);
}

/* extension.json, extension-repo.json, skin.json: an extension's (or skin's) root. */
static bool
has_manifest(const char *dir)
{
	char **names;
	size_t n;
	bool found = mw_ws__exists_in(dir, "extension.json") || mw_ws__exists_in(dir, "skin.json");

	if (found)
		return true;
	n = mw_ws__list_files(&names, dir, ".json");
	for (size_t i = 0; i < n && !found; i++)
		found = !strncmp(names[i], "extension-", 10);
	mw_strv_free(names, n);
	return found;
}

/*
 * A repository bundling several extensions (each folder with its own
 * extension.json, none at the top): the repository's root is the checkout,
 * not whatever lies above it.
 */
static bool
is_bundle(const char *dir)
{
	DIR *d = mw_ws__exists_in(dir, ".git") ? opendir(dir) : NULL;
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d))) {
		char *sub = e->d_name[0] == '.' ? NULL : mw_path_join(dir, e->d_name);

		found = sub && mw_ws__entry_is_dir(e, sub) && has_manifest(sub);
		free(sub);
	}
	if (d)
		closedir(d);
	return found;
}

/* Walks up from `dir` to the first directory that looks like a checkout root. */
static char *
find_root(mw_ws_kind *kind, const char *dir)
{
	char *cur = realpath(dir, NULL), *up;

	while (cur) {
		if (has_manifest(cur)) {
			*kind = MW_WS_EXTENSION;
			return cur;
		}
		if (mw_ws__exists_in(cur, "sql/tables.json")) {
			*kind = MW_WS_CORE;
			return cur;
		}
		if (mw_ws__exists_in(cur, ".mwschemarc")) {
			*kind = mw_ws__is_dir_in(cur, "includes/installer") ? MW_WS_CORE : MW_WS_EXTENSION;
			return cur;
		}
		if (is_bundle(cur)) {
			*kind = MW_WS_EXTENSION;
			return cur;
		}
		if (!strcmp(cur, "/"))
			break;
		up = mw_path_dirname(cur);
		free(cur);
		cur = up;
	}
	free(cur);
	return NULL;
}

char *
mw_workspace_find_root(const char *dir, mw_ws_kind *kind)
{
	mw_ws_kind k;

	return find_root(kind ? kind : &k, dir);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
mw_ws__list_files(char ***out, const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, sl = strlen(suffix);
	char **v = NULL;

	while (d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, suffix))
			continue;
		v = mw_xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = mw_xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), compare_strings);
	*out = v;
	return n;
}

char *
mw_workspace_sql_source(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len), *end;

	if (strncmp(text, MW_WS_GENERATED_MARK, strlen(MW_WS_GENERATED_MARK)) || !nl ||
	    strncmp(nl + 1, SOURCE_MARK, strlen(SOURCE_MARK)))
		return NULL;
	nl += 1 + strlen(SOURCE_MARK);
	end = memchr(nl, '\n', len - (size_t)(nl - text));
	return mw_xstrndup(nl, end ? (size_t)(end - nl) : len - (size_t)(nl - text));
}

char *
mw_ws__file_source(const char *root, const char *rel)
{
	char *abs = mw_path_join(root, rel), *label = NULL;
	mw_buf text = MW_BUF_INIT;

	if (mw_read_file(&text, abs, NULL) == 0)
		label = mw_workspace_sql_source(mw_buf_cstr(&text), text.len);
	mw_buf_release(&text);
	free(abs);
	return label;
}

static bool
scanned(const mw_workspace *ws, const char *dir, mw_dbms dbms)
{
	size_t l = strlen(dir);

	for (size_t i = 0; i < ws->nsqls; i++)
		if (ws->sqls[i].dbms == dbms && !strncmp(ws->sqls[i].rel, dir, l) &&
		    ws->sqls[i].rel[l] == '/' && !strchr(ws->sqls[i].rel + l + 1, '/'))
			return true;
	return false;
}

/* Every .sql of one platform's SQL folder, with its Source label. */
static void
scan_sql(mw_workspace *ws, const char *dir, mw_dbms dbms)
{
	char *abs = mw_path_join(ws->root, dir), **names;
	size_t n;

	if (scanned(ws, dir, dbms)) {
		free(abs);
		return;
	}
	n = mw_ws__list_files(&names, abs, ".sql");
	for (size_t i = 0; i < n; i++) {
		mw_ws_sql *s;

		ws->sqls = mw_xgrow(ws->sqls, ws->nsqls, sizeof(*ws->sqls));
		s = &ws->sqls[ws->nsqls++];
		memset(s, 0, sizeof(*s));
		s->rel = mw_path_join(dir, names[i]);
		s->dbms = dbms;
		s->source = mw_ws__file_source(ws->root, s->rel);
	}
	mw_strv_free(names, n);
	free(abs);
}

static void
load_doc(mw_workspace *ws, const char *rel, int dir, mw_diags *diags)
{
	char *abs = mw_workspace_path(ws, rel);
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	mw_ws_doc *doc;

	ws->docs = mw_xgrow(ws->docs, ws->ndocs, sizeof(*ws->docs));
	doc = &ws->docs[ws->ndocs++];
	memset(doc, 0, sizeof(*doc));
	doc->rel = mw_xstrdup(rel);
	doc->dir = dir;
	if (mw_read_file(&text, abs, &err) < 0)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, rel, 0, 0, NULL, NULL, "%s",
			     mw_buf_cstr(&err));
	else if (mw_doc_load_buffer(&doc->doc, text.data ? text.data : "", text.len, rel, diags) < 0)
		doc->doc = NULL;
	mw_buf_release(&text);
	mw_buf_release(&err);
	free(abs);
}

static void
scan_json(mw_workspace *ws, int dir, mw_diags *diags)
{
	const char *rel_dir = ws->dirs[dir].json;
	char *abs = mw_path_join(ws->root, rel_dir), **names;
	size_t n = mw_ws__list_files(&names, abs, ".json");

	for (size_t i = 0; i < n; i++) {
		char *rel = mw_path_join(rel_dir, names[i]);

		if (!mw_workspace_doc(ws, rel))
			load_doc(ws, rel, dir, diags);
		free(rel);
	}
	mw_strv_free(names, n);
	free(abs);
}

/* MediaWiki's name rule (SchemaMaintenance::getSqlPathWithFileName): tables*.json -> *-generated.sql. */
static char *
sql_file_name(const char *rel, mw_doc_kind kind)
{
	char *name = mw_path_basename(rel), *out;
	size_t l = strlen(name);

	if (l > 5 && !strcmp(name + l - 5, ".json"))
		name[l - 5] = '\0';
	out = mw_strdupf("%s%s.sql", name, kind != MW_DOC_CHANGE && !strncmp(name, "tables", 6) ?
			 "-generated" : "");
	free(name);
	return out;
}

char *
mw_workspace_sql_name(const char *rel, mw_doc_kind kind, mw_dbms dbms)
{
	char *base = mw_path_dirname(rel), *name = sql_file_name(rel, kind), *up, *out;

	up = mw_path_basename(base);
	if (!strcmp(up, "abstractSchemaChanges")) {
		free(up);
		up = base;
		base = mw_path_dirname(up);
	}
	free(up);
	out = mw_strdupf("%s/%s/%s", base, mw_dbms_name(dbms), name);
	free(base);
	free(name);
	return out;
}

const mw_ws_dir *
mw_workspace_json_dir(const mw_workspace *ws, const char *dir)
{
	for (size_t i = 0; i < ws->ndirs; i++)
		if (!strcmp(ws->dirs[i].json, dir))
			return &ws->dirs[i];
	return NULL;
}

const mw_ws_dir *
mw_workspace_sql_dir(const mw_workspace *ws, const char *sql_rel, mw_dbms *dbms)
{
	char *dir = mw_path_dirname(sql_rel);
	const mw_ws_dir *hit = NULL;

	for (size_t i = 0; i < ws->ndirs && !hit; i++)
		for (int d = 0; d < MW_DBMS__COUNT && !hit; d++)
			if (ws->dirs[i].sql[d] && !strcmp(ws->dirs[i].sql[d], dir)) {
				hit = &ws->dirs[i];
				if (dbms)
					*dbms = (mw_dbms)d;
			}
	free(dir);
	return hit;
}

char *
mw_workspace_sql_path(const mw_workspace *ws, const char *rel, mw_doc_kind kind, mw_dbms dbms)
{
	char *dir = mw_path_dirname(rel), *name, *out;
	const mw_ws_dir *e = mw_workspace_json_dir(ws, dir);

	free(dir);
	if (!e)
		return mw_workspace_sql_name(rel, kind, dbms);
	if (!e->sql[dbms])
		return NULL;
	name = sql_file_name(rel, kind);
	out = mw_path_join(e->sql[dbms], name);
	free(name);
	return out;
}

static mw_ws_sql *
find_sql(const mw_workspace *ws, const char *rel)
{
	return mw_ws__sql_by_rel(ws, rel);
}

/* The generated file of `doc` for `dbms`: the expected name first, then its folder, then anywhere. */
static mw_ws_sql *
owned_sql(mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms, const char *expected)
{
	char *dir = mw_path_dirname(expected);
	mw_ws_sql *best = NULL;
	int rank = 0;

	for (mw_ws_sql *s = mw_ws__sqls_owned(ws, doc->rel); s; s = mw_ws__sql_next_owned(ws, s)) {
		char *sdir;
		int r;

		if (s->dbms != dbms || s->paired)
			continue;
		sdir = mw_path_dirname(s->rel);
		r = !strcmp(s->rel, expected) ? 3 : !strcmp(sdir, dir) ? 2 : 1;
		free(sdir);
		if (r > rank) {
			best = s;
			rank = r;
		}
	}
	free(dir);
	return best;
}

/*
 * The platforms whose file of a schema document the handler registers, when
 * it registers it for some: Translate installs tables-generated.sql on
 * PostgreSQL only (older per-table files elsewhere), so the other platforms
 * get none. 0 when the handler names the file for no platform.
 */
static unsigned
registered_for(const mw_workspace *ws, const mw_ws_doc *doc, char *const expected[])
{
	const mw_ws_updater *u = ws->kind == MW_WS_EXTENSION ? mw_workspace_doc_updater(ws, doc, 0)
							      : NULL;
	unsigned bits = 0;

	for (size_t i = 0; u && i < u->nregs; i++)
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			if (expected[d] && u->regs[i].dbms & (1u << d) &&
			    !fnmatch(u->regs[i].path, expected[d], FNM_PATHNAME))
				bits |= 1u << d;
	return bits;
}

/* The header names the JSON; without one, the name rule decides (spec §1). */
static void
pair_doc(mw_workspace *ws, mw_ws_doc *doc)
{
	mw_doc_kind kind = doc->doc ? doc->doc->kind : MW_DOC_SCHEMA;
	char *names[MW_DBMS__COUNT];
	unsigned only;

	for (int d = 0; d < MW_DBMS__COUNT; d++)
		names[d] = mw_workspace_sql_path(ws, doc->rel, kind, (mw_dbms)d);
	only = kind == MW_DOC_CHANGE ? 0 : registered_for(ws, doc, names);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		char *expected = names[d];
		mw_ws_sql *hit;

		if (!expected) {
			doc->state[d] = MW_WS_SQL_NONE;
			continue;
		}
		hit = owned_sql(ws, doc, (mw_dbms)d, expected);
		if (hit) {
			hit->paired = true;
			doc->sql[d] = mw_xstrdup(hit->rel);
			doc->state[d] = MW_WS_SQL_GENERATED;
			doc->label_only[d] = strcmp(hit->source, doc->rel) != 0;
			free(expected);
			continue;
		}
		if (only && !(only & (1u << d)) && !find_sql(ws, expected)) {
			doc->state[d] = MW_WS_SQL_NONE;
			free(expected);
			continue;
		}
		doc->sql[d] = expected;
		doc->state[d] = find_sql(ws, expected) ? MW_WS_SQL_FOREIGN : MW_WS_SQL_MISSING;
	}
}

static int
compare_docs(const void *a, const void *b)
{
	return strcmp(((const mw_ws_doc *)a)->rel, ((const mw_ws_doc *)b)->rel);
}

static void
read_files(mw_workspace *ws, mw_diags *diags)
{
	ws->schema_dirs = mw_xcalloc(ws->ndirs + 1, sizeof(char *));
	for (size_t i = 0; i < ws->ndirs; i++) {
		ws->schema_dirs[ws->nschema_dirs++] = mw_xstrdup(ws->dirs[i].json);
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			if (ws->dirs[i].sql[d])
				scan_sql(ws, ws->dirs[i].sql[d], (mw_dbms)d);
		scan_json(ws, (int)i, diags);
	}
	if (ws->ndocs > 1)
		qsort(ws->docs, ws->ndocs, sizeof(*ws->docs), compare_docs);
	mw_ws__index_files(ws);
	for (size_t i = 0; i < ws->nsqls; i++) {
		const mw_ws_doc *owner = ws->sqls[i].source ?
			mw_workspace_label_doc(ws, ws->sqls[i].source, ws->sqls[i].rel) : NULL;

		ws->sqls[i].owner = owner ? mw_xstrdup(owner->rel) : NULL;
	}
	mw_ws__index_owners(ws);
	for (size_t i = 0; i < ws->ndocs; i++)
		pair_doc(ws, &ws->docs[i]);
}

/*
 * Core's release in development, "1.45" from includes/Defines.php's
 * define( 'MW_VERSION', '1.45.0-alpha' ): new updater rows are filed under it.
 */
static char *
read_release(const char *root)
{
	char *path = mw_path_join(root, "includes/Defines.php"), *release = NULL;
	mw_buf text = MW_BUF_INIT;
	const char *p, *q;
	size_t n;

	if (mw_read_file(&text, path, NULL) == 0 && (p = strstr(mw_buf_cstr(&text), "'MW_VERSION'"))) {
		p += strlen("'MW_VERSION'");
		p += strspn(p, " \t,");
		q = *p == '\'' || *p == '"' ? p + 1 : NULL;
		n = q ? strspn(q, "0123456789") : 0;
		if (n && q[n] == '.' && strspn(q + n + 1, "0123456789"))
			release = mw_xstrndup(q, n + 1 + strspn(q + n + 1, "0123456789"));
	}
	mw_buf_release(&text);
	free(path);
	return release;
}

int
mw_workspace_open(mw_workspace **out, const char *dir, mw_diags *diags)
{
	mw_workspace *ws;
	mw_ws_kind kind = MW_WS_CORE;
	char *root = find_root(&kind, dir);

	*out = NULL;
	if (!root) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, dir, 0, 0, NULL,
			     "run it inside MediaWiki core, an extension, or a directory with a "
			     ".mwschemarc that sets schema-dir",
			     "not inside a MediaWiki checkout (no sql/tables.json, extension.json, "
			     "extension-*.json, skin.json or .mwschemarc found here or above)");
		return -1;
	}
	ws = mw_xcalloc(1, sizeof(*ws));
	ws->kind = kind;
	ws->root = root;
	mw_ws__discover(ws, diags);
	if (ws->kind == MW_WS_CORE)
		ws->release = read_release(ws->root);
	read_files(ws, diags);
	*out = ws;
	return 0;
}

static void
free_updaters(mw_workspace *ws)
{
	for (size_t i = 0; i < ws->nupdaters; i++) {
		mw_ws_updater *u = &ws->updaters[i];

		for (size_t k = 0; k < u->nregs; k++) {
			free(u->regs[k].path);
			free(u->regs[k].verb);
			free(u->regs[k].table);
			free(u->regs[k].name);
		}
		free(u->regs);
		free(u->file);
		free(u->method);
	}
	free(ws->updaters);
}

void
mw_workspace_free(mw_workspace *ws)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->ndocs; i++) {
		free(ws->docs[i].rel);
		mw_doc_free(ws->docs[i].doc);
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			free(ws->docs[i].sql[d]);
	}
	for (size_t i = 0; i < ws->nsqls; i++) {
		free(ws->sqls[i].rel);
		free(ws->sqls[i].source);
		free(ws->sqls[i].owner);
	}
	for (size_t i = 0; i < ws->ndirs; i++) {
		free(ws->dirs[i].json);
		free(ws->dirs[i].origin);
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			free(ws->dirs[i].sql[d]);
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		free(ws->updater[d]);
	free_updaters(ws);
	mw_ws__index_free(ws);
	mw_strv_free(ws->schema_dirs, ws->nschema_dirs);
	mw_strv_free(ws->looked, ws->nlooked);
	free(ws->dirs);
	free(ws->docs);
	free(ws->sqls);
	free(ws->updater_method);
	free(ws->release);
	free(ws->name);
	free(ws->root);
	free(ws);
}

mw_ws_doc *
mw_workspace_doc(const mw_workspace *ws, const char *rel)
{
	if (ws->index)
		return mw_ws__doc_by_rel(ws, rel);
	/* while the files are read, before the index exists */
	for (size_t i = 0; i < ws->ndocs; i++)
		if (!strcmp(ws->docs[i].rel, rel))
			return &ws->docs[i];
	return NULL;
}

const mw_ws_dir *
mw_workspace_doc_dir(const mw_workspace *ws, const mw_ws_doc *doc)
{
	return doc->dir >= 0 && (size_t)doc->dir < ws->ndirs ? &ws->dirs[doc->dir] : NULL;
}

const mw_ws_updater *
mw_workspace_doc_updater(const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms)
{
	const mw_ws_dir *e = doc ? mw_workspace_doc_dir(ws, doc) : NULL;
	const mw_ws_updater *u;

	if (ws->kind == MW_WS_CORE)
		u = (size_t)dbms < ws->nupdaters ? &ws->updaters[dbms] : NULL;
	else if (e && e->updater >= 0)
		u = &ws->updaters[e->updater];
	else
		u = ws->nupdaters ? &ws->updaters[0] : NULL;
	return u && u->file ? u : NULL;
}

const mw_ws_updater *
mw_workspace_json_updater(const mw_workspace *ws, const char *rel, mw_dbms dbms)
{
	char *dir = mw_path_dirname(rel);
	mw_ws_doc probe = { 0 };
	const mw_ws_dir *e = mw_workspace_json_dir(ws, strcmp(dir, ".") ? dir : "");

	free(dir);
	probe.dir = e ? (int)(e - ws->dirs) : -1;
	return mw_workspace_doc_updater(ws, &probe, dbms);
}

const mw_table *
mw_workspace_table(const mw_workspace *ws, const char *name, const mw_ws_doc **in)
{
	for (size_t i = 0; i < ws->ndocs; i++) {
		const mw_doc *doc = ws->docs[i].doc;
		const mw_table *t;

		if (!doc || doc->kind == MW_DOC_CHANGE)
			continue;
		t = mw_schema_table(&doc->schema, name);
		if (t) {
			if (in)
				*in = &ws->docs[i];
			return t;
		}
	}
	return NULL;
}

bool
mw_workspace_empty(const mw_workspace *ws)
{
	return ws->ndocs == 0;
}

void
mw_workspace_describe_search(mw_buf *out, const mw_workspace *ws)
{
	mw_buf_adds(out, "looked at ");
	for (size_t i = 0; i < ws->nlooked; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", ws->looked[i]);
	if (!ws->nlooked)
		mw_buf_adds(out, "sql/");
}

void
mw_workspace_describe(mw_buf *out, const mw_workspace *ws)
{
	for (size_t i = 0; i < ws->ndirs; i++) {
		const mw_ws_dir *e = &ws->dirs[i];

		mw_buf_addf(out, "%s/ (from %s)\n", e->json, e->origin);
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			mw_buf_addf(out, "  %-8s %s%s\n", mw_dbms_name((mw_dbms)d),
				    e->sql[d] ? e->sql[d] : "(not generated)", e->sql[d] ? "/" : "");
		if (e->updater >= 0 && ws->kind != MW_WS_CORE)
			mw_buf_addf(out, "  updater  %s::%s()\n", ws->updaters[e->updater].file,
				    ws->updaters[e->updater].method);
	}
	for (size_t i = 0; ws->kind == MW_WS_CORE && i < ws->nupdaters; i++)
		if (ws->updaters[i].file)
			mw_buf_addf(out, "updater %s::%s()\n", ws->updaters[i].file,
				    ws->updaters[i].method);
}
