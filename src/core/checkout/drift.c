/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding drift (see mwschema/drift.h). Applying the fixes is drift_apply.c.
 * A change's SQL and updater entry come from its plan (plan.h); each
 * updater file is read once per run, however many patches it must name.
 * Platforms the checkout does not generate SQL for are left alone, and a
 * file whose only difference is its "-- Source:" line is its own finding.
 */
#include <config.h>

#include "mwschema/drift.h"
#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/git.h"
#include "mwschema/plan.h"
#include "mwschema/sqlfmt.h"

#include <stdlib.h>
#include <string.h>

static const mw_report_rule drift_rules[] = {
	{ MW_RULE_GENERATED, "Generated SQL files match their JSON.",
	  "Every schema and change JSON has generated SQL files for each platform; they must be "
	  "what the generator makes of the JSON now. A missing, stale or hand-edited file "
	  "means the database and the JSON disagree. Run 'mwschema sync' to regenerate them. "
	  "A file an older generator wrote, committed with its JSON and neither changed since, "
	  "is only a warning (an error with --strict).",
	  MW_SEV_ERROR },
	{ MW_RULE_TABLES, "tables.json matches the newest change of each table.",
	  "A change's 'after' is the table as it is once the patch ran, so the schema file "
	  "must say the same; otherwise new installs and upgraded wikis end up different. "
	  "Copy the change's 'after' into the schema file.",
	  MW_SEV_ERROR },
	{ MW_RULE_UPDATER, "Every patch is registered with the updater.",
	  "A patch file that no updater entry names is never applied to existing wikis. Add "
	  "the entry to getCoreUpdateList() (core) or the LoadExtensionSchemaUpdates handler "
	  "(extensions); 'mwschema sync' does it where it safely can.",
	  MW_SEV_ERROR },
	{ MW_RULE_SOURCE, "Generated files name their JSON as MediaWiki does.",
	  "MediaWiki's generator writes the JSON's path relative to the extension's root "
	  "in the \"-- Source:\" line (normalizePath): \"sql/tables.json\", never "
	  "\"./tables.json\", an install path or \"db\\\\tables.json\". A file whose only "
	  "difference is that line is still the JSON's generated file, but MediaWiki's "
	  "AbstractSchemaTestBase compares it byte for byte and fails. Run 'mwschema sync' "
	  "to rewrite the line.",
	  MW_SEV_WARNING },
};

const mw_report_rule *
mw_drift_report_rules(size_t *n)
{
	*n = sizeof(drift_rules) / sizeof(*drift_rules);
	return drift_rules;
}

static mw_fix *
add_fix(mw_drift *d, mw_fix_kind kind, const char *doc, const char *file)
{
	mw_fix *f;

	d->fixes = mw_xgrow(d->fixes, d->nfixes, sizeof(*d->fixes));
	f = &d->fixes[d->nfixes++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->doc = mw_xstrdup(doc);
	f->file = mw_xstrdup(file);
	return f;
}

void
mw_drift_clear(mw_drift *drift)
{
	for (size_t i = 0; i < drift->nfixes; i++) {
		free(drift->fixes[i].doc);
		free(drift->fixes[i].file);
		free(drift->fixes[i].content);
		mw_updater_entry_clear(&drift->fixes[i].entry);
	}
	free(drift->fixes);
	drift->fixes = NULL;
	drift->nfixes = 0;
}

static void
want_write(mw_drift *d, const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *text)
{
	mw_fix *f = add_fix(d, MW_FIX_WRITE, doc->rel, doc->sql[dbms]);

	f->content = mw_xstrndup(mw_buf_cstr(text), text->len);
	f->len = text->len;
}

static bool
same_sql(const mw_buf *have, const mw_buf *want, unsigned flags)
{
	const char *h = mw_buf_cstr(have), *w = mw_buf_cstr(want);

	if (have->len == want->len && !memcmp(h, w, want->len))
		return true;
	return !(flags & MW_DRIFT_STRICT) && mw_sql_same_when_printed(h, have->len, w, want->len);
}

/* What the generator writes for `doc` with `label` in its Source line (not the plan's). */
static int
generate_labelled(mw_buf *out, const mw_ws_doc *doc, mw_dbms dbms, const char *label)
{
	const mw_doc *x = doc->doc;

	if (x->kind == MW_DOC_CHANGE)
		return mw_gen_change(out, x->change.before, x->change.after, dbms, label, 0);
	return mw_gen_schema(out, &x->schema, dbms, label, 0);
}

/* The file says what the JSON generates, under another spelling of its path. */
static bool
label_only(const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *have, unsigned flags)
{
	char *label = mw_workspace_sql_source(mw_buf_cstr(have), have->len);
	mw_buf old = MW_BUF_INIT;
	bool same = label && generate_labelled(&old, doc, dbms, label) == 0 && same_sql(have, &old, flags);

	mw_buf_release(&old);
	free(label);
	return same;
}

/* The first line that differs beyond the Source line (which has its own finding). */
static int
content_diff_line(const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *have, const mw_buf *want)
{
	char *label = doc->label_only[dbms] ? mw_workspace_sql_source(mw_buf_cstr(have), have->len)
					    : NULL;
	mw_buf old = MW_BUF_INIT;
	int line;

	if (label && generate_labelled(&old, doc, dbms, label) == 0)
		want = &old;
	line = mw_first_diff_line(mw_buf_cstr(have), have->len, mw_buf_cstr(want), want->len);
	mw_buf_release(&old);
	free(label);
	return line;
}

static void
report_label(mw_drift *d, const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *have,
	     const mw_buf *want, mw_diags *diags)
{
	char *label = mw_workspace_sql_source(mw_buf_cstr(have), have->len);

	mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_SOURCE, doc->sql[dbms], 2, 0, NULL,
		     "run 'mwschema sync' to write the label MediaWiki's generator writes",
		     "only the Source line differs: it says '%s' where MediaWiki writes '%s'",
		     label ? label : "", doc->rel);
	want_write(d, doc, dbms, want);
	free(label);
}

/* `rel` (of the checkout) relative to the repository's work tree, or NULL when outside. */
static char *
repo_path(const mw_workspace *ws, mw_git *git, const char *rel)
{
	const char *wd = mw_git_workdir(git), *root = ws->root;
	size_t n = strlen(wd);

	if (n && wd[n - 1] == '/')
		n--;
	if (strncmp(root, wd, n) || (root[n] && root[n] != '/'))
		return NULL;
	root += n + (root[n] == '/');
	return *root ? mw_path_join(root, rel) : mw_xstrdup(rel);
}

/* The work tree's file is the one HEAD has. */
static bool
committed(mw_git *git, const char *path, const mw_buf *have)
{
	mw_buf head = MW_BUF_INIT, err = MW_BUF_INIT;
	bool same = mw_git_blob_read(&head, git, "HEAD", path, &err) == 0 &&
		    head.len == have->len && !memcmp(mw_buf_cstr(&head), mw_buf_cstr(have), have->len);

	mw_buf_release(&head);
	mw_buf_release(&err);
	return same;
}

/*
 * An older MediaWiki generator wrote the file (Doctrine's output changed
 * since): it and its JSON are as HEAD has them, and the newest commit
 * touching either touched both, so nothing has edited one without the
 * other. A hand edit or a JSON edit since is drift as ever.
 */
static bool
older_generator(const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *have)
{
	mw_git *git = NULL;
	mw_buf json = MW_BUF_INIT, err = MW_BUF_INIT;
	char *abs = mw_workspace_path(ws, doc->rel), *paths[2] = { NULL, NULL };
	bool older = false;

	if (mw_git_open(&git, ws->root, &err) == 0 && mw_read_file(&json, abs, &err) == 0 &&
	    (paths[0] = repo_path(ws, git, doc->rel)) && (paths[1] = repo_path(ws, git, doc->sql[dbms])) &&
	    committed(git, paths[0], &json) && committed(git, paths[1], have))
		older = mw_git_last_change(git, (const char *const *)paths, 2, 20000, &err) == 3;
	free(paths[0]);
	free(paths[1]);
	free(abs);
	mw_buf_release(&json);
	mw_buf_release(&err);
	mw_git_free(git);
	return older;
}

/* Compares an existing generated file with what the generator makes now. */
static void
compare_file(mw_drift *d, const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms,
	     const mw_buf *want, unsigned flags, mw_diags *diags)
{
	char *abs = mw_workspace_path(ws, doc->sql[dbms]);
	mw_buf have = MW_BUF_INIT, err = MW_BUF_INIT;

	if (mw_read_file_confined(ws->root, doc->sql[dbms], &have, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms], 0, 0, NULL,
			     NULL, "%s", mw_buf_cstr(&err));
		goto out;
	}
	if (same_sql(&have, want, flags))
		goto out;
	if (doc->label_only[dbms] && label_only(doc, dbms, &have, flags)) {
		report_label(d, doc, dbms, &have, want, diags);
		goto out;
	}
	if (!(flags & MW_DRIFT_STRICT) && older_generator(ws, doc, dbms, &have)) {
		mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_GENERATED, doc->sql[dbms],
			     content_diff_line(doc, dbms, &have, want), 0, NULL,
			     "'mwschema sync' writes what the generator writes now",
			     "written by an older generator: it differs from what %s generates "
			     "for %s, but was last committed with it and neither changed since",
			     doc->rel, mw_dbms_title(dbms));
		want_write(d, doc, dbms, want);
		goto out;
	}
	mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms],
		     content_diff_line(doc, dbms, &have, want), 0, NULL,
		     "run 'mwschema sync' to regenerate it (hand edits belong in the JSON)",
		     "differs from what %s generates for %s (stale or edited by hand)",
		     doc->rel, mw_dbms_title(dbms));
	want_write(d, doc, dbms, want);
out:
	mw_buf_release(&have);
	mw_buf_release(&err);
	free(abs);
}

/*
 * A generated file in the folder that already says what `want` says (under
 * another name, with a Source line naming something else): writing the
 * expected file would make a second copy. Returns it, or NULL.
 */
static const mw_ws_sql *
existing_copy(const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *want)
{
	char *dir = mw_path_dirname(doc->sql[dbms]);
	const mw_ws_sql *hit = NULL;

	for (size_t i = 0; i < ws->nsqls && !hit; i++) {
		const mw_ws_sql *s = &ws->sqls[i];
		char *sdir = mw_path_dirname(s->rel), *abs;
		mw_buf have = MW_BUF_INIT;

		if (s->dbms == dbms && s->source && !s->paired && !strcmp(sdir, dir)) {
			abs = mw_workspace_path(ws, s->rel);
			if (mw_read_file_confined(ws->root, abs, &have, NULL) == 0 &&
			    (same_sql(&have, want, 0) || label_only(doc, dbms, &have, 0)))
				hit = s;
			free(abs);
		}
		mw_buf_release(&have);
		free(sdir);
	}
	free(dir);
	return hit;
}

static void
report_missing(mw_drift *d, const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms,
	       const mw_buf *want, mw_diags *diags)
{
	const mw_ws_sql *copy = existing_copy(ws, doc, dbms, want);

	if (copy) {
		mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_SOURCE, copy->rel, 2, 0, NULL,
			     "rename it to the name MediaWiki expects and fix its Source line, or "
			     "leave both as they are",
			     "already holds what %s generates for %s, but its Source line says "
			     "'%s': %s is not written again", doc->rel, mw_dbms_title(dbms),
			     copy->source, doc->sql[dbms]);
		return;
	}
	mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms], 0, 0, NULL,
		     "run 'mwschema sync' to write it",
		     "missing: %s generates SQL for %s", doc->rel, mw_dbms_title(dbms));
	want_write(d, doc, dbms, want);
}

/* The SQL file of `doc` for `dbms` as the updater should name it (a copy found under another name). */
static const char *
registered_name(const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms)
{
	mw_buf want = MW_BUF_INIT;
	const mw_ws_sql *copy = NULL;

	if (doc->state[dbms] == MW_WS_SQL_MISSING && generate_labelled(&want, doc, dbms, doc->rel) == 0)
		copy = existing_copy(ws, doc, dbms, &want);
	mw_buf_release(&want);
	return copy ? copy->rel : doc->sql[dbms];
}

/* The SQL the generator makes of a document now, per platform: 0 or MW_GEN_NOCHANGE. */
static void
generate(mw_buf want[MW_DBMS__COUNT], int rc[MW_DBMS__COUNT], const mw_ws_doc *doc,
	 const mw_change_plan *plan)
{
	for (int i = 0; i < MW_DBMS__COUNT; i++) {
		if (doc->state[i] == MW_WS_SQL_NONE) {
			rc[i] = MW_GEN_NOCHANGE;	/* not generated in this checkout */
			continue;
		}
		if (!plan) {
			rc[i] = mw_gen_schema(&want[i], &doc->doc->schema, (mw_dbms)i, doc->rel, 0);
			continue;
		}
		rc[i] = plan->nochange[i] ? MW_GEN_NOCHANGE : 0;
		mw_buf_add(&want[i], plan->sql[i].data, plan->sql[i].len);
	}
}

/*
 * One JSON document. Schemas need a file per platform. Changes follow
 * MediaWiki's structure test: at least one platform's file, and every
 * existing one current (a platform may be missing for good reasons).
 * Platforms the checkout does not generate for are left alone.
 * Returns the platforms that have, or will have, patch SQL, as bits.
 */
static unsigned
check_doc(mw_drift *d, const mw_workspace *ws, const mw_ws_doc *doc, const mw_change_plan *plan,
	  unsigned flags, mw_diags *diags)
{
	mw_buf want[MW_DBMS__COUNT] = { MW_BUF_INIT, MW_BUF_INIT, MW_BUF_INIT };
	int rc[MW_DBMS__COUNT];
	bool change = plan != NULL;
	unsigned have = 0, sql = 0;

	generate(want, rc, doc, plan);
	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (doc->state[i] == MW_WS_SQL_GENERATED)
			have |= 1u << i;
	for (int i = 0; i < MW_DBMS__COUNT; i++) {
		if (doc->state[i] == MW_WS_SQL_NONE)
			continue;
		if (doc->state[i] == MW_WS_SQL_FOREIGN && rc[i] == 0)
			mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_GENERATED, doc->sql[i], 1, 0,
				     NULL, "rename one of them, or give the JSON's generated file "
				     "another name", "hand-written (no generated header, or another "
				     "source) where %s's SQL for %s belongs: not touched", doc->rel,
				     mw_dbms_title((mw_dbms)i));
		else if (doc->state[i] == MW_WS_SQL_GENERATED && rc[i] == MW_GEN_NOCHANGE)
			mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[i], 0, 0,
				     NULL, "delete the file (and its updater entry)",
				     "%s generates no SQL for %s, but %s exists", doc->rel,
				     mw_dbms_title((mw_dbms)i), doc->sql[i]);
		else if (doc->state[i] == MW_WS_SQL_GENERATED)
			compare_file(d, ws, doc, (mw_dbms)i, &want[i], flags, diags);
		else if (rc[i] == 0 && !change)
			report_missing(d, ws, doc, (mw_dbms)i, &want[i], diags);
		else if (rc[i] == 0 && !have && doc->state[i] == MW_WS_SQL_MISSING)
			report_missing(d, ws, doc, (mw_dbms)i, &want[i], diags);
		if (rc[i] == 0 && (have & (1u << i) || (!have && doc->state[i] == MW_WS_SQL_MISSING)))
			sql |= 1u << i;
		mw_buf_release(&want[i]);
	}
	return sql;
}

static void
report_orphans(const mw_workspace *ws, mw_diags *diags)
{
	for (size_t i = 0; i < ws->nsqls; i++) {
		const mw_ws_sql *s = &ws->sqls[i];

		if (s->source && !s->paired && !s->owner)
			mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_GENERATED, s->rel, 2, 0, NULL,
				     "restore the JSON, or delete the generated file",
				     "generated from %s, which does not exist", s->source);
	}
}

/* The checkout and its updater files, each read and indexed once per run. */
struct updaters {
	const mw_workspace *ws;
	mw_ws_registries regs;
};

static int
read_in_tree(mw_buf *out, const char *rel, void *arg)
{
	char *abs = mw_workspace_path(arg, rel);
	int rc = mw_read_file(out, abs, NULL) < 0 ? -1 : 0;

	free(abs);
	return rc;
}

static const mw_ws_registry *
updater_registry(struct updaters *u, const mw_ws_updater *up)
{
	return mw_workspace_registries_get(&u->regs, up, read_in_tree, (void *)u->ws);
}

/* The plan's entry for the patch as the checkout names it. */
static void
entry_copy(mw_updater_entry *out, const mw_updater_entry *e, const char *patch)
{
	memset(out, 0, sizeof(*out));
	out->verb = e->verb;
	out->table = mw_xstrdup(e->table);
	out->name = mw_xstrdup(e->name);
	out->new_name = mw_xstrdup(e->new_name);
	out->columns = mw_strv_dup(e->columns, e->ncolumns);
	out->ncolumns = e->ncolumns;
	out->patch = mw_xstrdup(patch);
}

/* The updater of the document's folder registers the patch, or a fix and a finding. */
static void
check_entry(mw_drift *d, struct updaters *u, const mw_ws_doc *doc, const mw_change_plan *plan,
	    mw_dbms dbms, bool partial, mw_diags *diags)
{
	const mw_workspace *ws = u->ws;
	const mw_ws_updater *up = mw_workspace_doc_updater(ws, doc, dbms);
	const mw_ws_registry *reg = up ? updater_registry(u, up) : NULL;
	const char *sql = registered_name(ws, doc, dbms);
	char *patch = mw_path_basename(sql);
	mw_buf hint = MW_BUF_INIT;
	mw_updater_entry e;

	entry_copy(&e, &plan->entry, patch);
	if (reg && !mw_workspace_registry_has(reg, sql, mw_updater_verb_name(e.verb), e.table,
					      e.name)) {
		if (ws->kind == MW_WS_CORE)
			mw_updater_render_core(&hint, &e);
		else
			mw_updater_render_extension(&hint, &e);
		mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_UPDATER, up->file, 0, 0, NULL,
			     mw_buf_cstr(&hint), "%s is not registered in %s%s%s%s", patch, up->file,
			     ws->kind == MW_WS_CORE ? " for " : "",
			     ws->kind == MW_WS_CORE ? mw_dbms_title(dbms) : "",
			     partial ? " (the patch exists for some platforms only: add the "
			     "entry by hand inside a $dbType condition)" : "");
		if (!partial) {
			add_fix(d, MW_FIX_UPDATER, doc->rel, up->file)->entry = e;
			memset(&e, 0, sizeof(e));
		}
	}
	mw_updater_entry_clear(&e);
	mw_buf_release(&hint);
	free(patch);
}

/*
 * An extension handler usually builds the path from $dbType, so a patch that
 * exists for some of the platforms the checkout generates for needs a
 * condition around its entry: that is the author's call, reported with the
 * entry to paste.
 */
static void
check_entries(mw_drift *d, struct updaters *u, const mw_ws_doc *doc,
	      const mw_change_plan *plan, unsigned sql, mw_diags *diags)
{
	const mw_workspace *ws = u->ws;
	unsigned all = 0;
	int first = -1;

	for (int i = 0; i < MW_DBMS__COUNT; i++) {
		if (doc->state[i] != MW_WS_SQL_NONE)
			all |= 1u << i;
		if (sql & (1u << i) && mw_workspace_doc_updater(ws, doc, (mw_dbms)i) && first < 0)
			first = i;
	}
	if (first < 0 || !plan->has_entry)
		return;
	if (ws->kind == MW_WS_CORE) {
		for (int i = 0; i < MW_DBMS__COUNT; i++)
			if (sql & (1u << i) && mw_workspace_doc_updater(ws, doc, (mw_dbms)i))
				check_entry(d, u, doc, plan, (mw_dbms)i, false, diags);
		return;
	}
	check_entry(d, u, doc, plan, (mw_dbms)first, sql != all, diags);
}

static bool
listed(const char *rel, char *const *docs, size_t ndocs)
{
	for (size_t i = 0; i < ndocs; i++)
		if (!strcmp(docs[i], rel))
			return true;
	return !ndocs;
}

static void
check_one(mw_drift *out, struct updaters *u, const mw_ws_doc *doc, unsigned flags,
	  mw_diags *diags)
{
	mw_change_plan plan;
	unsigned sql;

	if (doc->doc->kind != MW_DOC_CHANGE) {
		check_doc(out, u->ws, doc, NULL, flags, diags);
		return;
	}
	mw_change_plan_build(&plan, doc->doc->change.before, doc->doc->change.after, doc->rel);
	sql = check_doc(out, u->ws, doc, &plan, flags, diags);
	check_entries(out, u, doc, &plan, sql, diags);
	mw_change_plan_clear(&plan);
}

int
mw_drift_check(mw_drift *out, const mw_workspace *ws, unsigned flags, char *const *docs,
	       size_t ndocs, mw_diags *diags)
{
	struct updaters u = { ws, MW_WS_REGISTRIES_INIT };

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < ws->ndocs; i++)
		if (ws->docs[i].doc && listed(ws->docs[i].rel, docs, ndocs))
			check_one(out, &u, &ws->docs[i], flags, diags);
	mw_workspace_registries_clear(&u.regs);
	if (!ndocs)
		report_orphans(ws, diags);
	mw_drift__check_tables(ws, docs, ndocs, diags);
	return 0;
}
