/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Discovery from the LoadExtensionSchemaUpdates handlers (see
 * mwschema/workspace.h): the manifests name the handlers, php_eval follows
 * each to the SQL files it registers, and those files (their Source lines,
 * else their folders) tell where the JSON is and where its SQL goes.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/diag.h"
#include "mwschema/fs.h"
#include "mwschema/manifest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_HOOK_METHOD "onLoadExtensionSchemaUpdates"

/* An updater a manifest names or a search finds; refused outside the checkout. */
static int
add_updater(struct mw_ws_disc *d, const char *file, const char *method, const char *origin)
{
	mw_workspace *ws = d->ws;
	mw_ws_updater *u;

	if (!mw_ws__inside(d, file, origin))
		return -1;
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
		} else if (mw_ws__entry_is_dir(e, abs)) {
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

/*
 * The loader's "ABS:LINE:COL: message\n    hint: ..." as a warning on the
 * manifest's relative name, at its line and column, without the schema hint.
 */
static void
manifest_unreadable(struct mw_ws_disc *d, const char *file, const char *abs, const char *err)
{
	size_t l = strlen(abs);
	int line = 0, col = 0, used = 0;
	char *msg;

	if (!strncmp(err, abs, l) && err[l] == ':') {
		err += l + 1;
		if (sscanf(err, "%d:%d: %n", &line, &col, &used) == 2 && used)
			err += used;
		else if (*err == ' ')
			err++;
	}
	msg = mw_xstrndup(err, strcspn(err, "\n"));
	mw_diags_add(d->diags, MW_SEV_WARNING, NULL, file, line, col, NULL,
		     "MediaWiki reads it with json_decode(); its hooks name the updaters",
		     "cannot read the manifest: %s", msg);
	free(msg);
}

static void
from_manifest(struct mw_ws_disc *d, const char *file)
{
	char *abs = mw_path_join(d->ws->root, file);
	mw_buf err = MW_BUF_INIT;
	mw_manifest m;

	mw_ws__looked(d->ws, "%s", file);
	if (mw_manifest_load(&m, abs, &err) < 0) {
		/* MediaWiki would not load it either: say so, or its handlers go unchecked */
		if (d->diags)
			manifest_unreadable(d, file, abs, mw_buf_cstr(&err));
	} else {
		if (!d->ws->name && m.name) {
			/* shown in summaries and the editor's title: made safe once */
			mw_buf name = MW_BUF_INIT;

			mw_diag_escape(&name, m.name);
			d->ws->name = mw_buf_detach(&name);
		}
		for (size_t i = 0; i < m.nhooks; i++) {
			char *php = mw_manifest_class_file(&m, m.hook_classes[i]);

			if (php && mw_ws__exists_in(d->ws->root, php))
				add_updater(d, php, m.hook_methods[i], file);
			free(php);
		}
		mw_manifest_clear(&m);
	}
	mw_buf_release(&err);
	free(abs);
}

/* `set updater = FILE[::METHOD]` comes first: entries go there. */
static void
rc_updater(struct mw_ws_disc *d)
{
	char *file = mw_xstrdup(d->rc_updater), *sep = strstr(file, "::");

	if (sep)
		*sep = '\0';
	if (mw_ws__exists_in(d->ws->root, file))
		add_updater(d, file, sep ? sep + 2 : SCHEMA_HOOK_METHOD, ".mwschemarc");
	free(file);
}

static void
find_handlers(struct mw_ws_disc *d)
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
		add_updater(d, found, SCHEMA_HOOK_METHOD, "the search for " SCHEMA_HOOK_METHOD);
		free(found);
	}
	for (size_t i = 0; i < d->ws->nupdaters; i++) {
		mw_ws__looked(d->ws, "%s (LoadExtensionSchemaUpdates)", d->ws->updaters[i].file);
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
note_labelled(struct mw_ws_disc *d, struct accs *a, const mw_ws_reg *r, int u)
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
covered(const struct accs *a, const char *sql_dir)
{
	for (size_t i = 0; i < a->n; i++)
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			if (a->v[i].sql[d] && !strcmp(a->v[i].sql[d], sql_dir))
				return true;
	return false;
}

/*
 * The one folder under `base` holding JSON files, other than platform and
 * change folders (Wikibase's sql/abstract); `base` is freed. NULL if none
 * or several.
 */
static char *
json_subdir(const char *root, char *base)
{
	char *abs = mw_path_join(root, base), *found = NULL;
	DIR *dir = opendir(abs);
	struct dirent *e;
	mw_dbms d;
	int hits = 0;

	while (dir && (e = readdir(dir))) {
		char *sub = mw_path_join(base, e->d_name), *full = mw_path_join(root, sub), **names;
		size_t n = 0;

		if (e->d_name[0] != '.' && !mw_dbms_from_name(e->d_name, &d) &&
		    strcmp(e->d_name, "abstractSchemaChanges") && mw_ws__entry_is_dir(e, full))
			n = mw_ws__list_files(&names, full, ".json");
		if (n) {
			mw_strv_free(names, n);
			hits++;
			free(found);
			found = mw_xstrdup(sub);
		}
		free(full);
		free(sub);
	}
	if (dir)
		closedir(dir);
	free(abs);
	free(base);
	if (hits != 1) {
		free(found);
		return NULL;
	}
	return found;
}

/*
 * A file not generated yet (or hand-written): its JSON would be beside the
 * platform folder, if JSON files are there and no generated file already
 * tied that SQL folder to a JSON folder.
 */
static void
note_unlabelled(struct mw_ws_disc *d, struct accs *a, const mw_ws_reg *r, int u)
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
	if (n)
		mw_strv_free(names, n);
	else if (*base)
		base = json_subdir(d->ws->root, base);
	if (base && *base)
		acc_note(acc_for(a, base, u), sdir, r->dbms);
	free(abs);
	free(base);
	free(sdir);
}

static void
add_accs(struct mw_ws_disc *d, struct accs *a)
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
			at = mw_ws__add_dir(d, x->json, x->sql, d->platforms ? d->platforms : u->platforms,
				     origin);
			if (at >= 0 && d->ws->dirs[at].updater < 0)
				d->ws->dirs[at].updater = x->updater;
		}
		free(origin);
		free(x->json);
		mw_ws__free_dirs(x->sql);
	}
	free(a->v);
}

void
mw_ws__from_handlers(struct mw_ws_disc *d)
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

