/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding drift (see mwschema/drift.h). Applying the fixes is drift_apply.c.
 * A change's SQL and updater entry come from its plan (plan.h); each
 * updater file is read once per run, however many patches it must name.
 */
#include <config.h>

#include "mwschema/drift.h"
#include "core/checkout/internal.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/plan.h"
#include "mwschema/sqlfmt.h"

#include <stdlib.h>
#include <string.h>

static const mw_report_rule drift_rules[] = {
	{ MW_RULE_GENERATED, "Generated SQL files match their JSON.",
	  "Every schema and change JSON has generated SQL files for each platform; they must be "
	  "what the generator makes of the JSON now. A missing, stale or hand-edited file "
	  "means the database and the JSON disagree. Run 'mwschema sync' to regenerate them.",
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

	d->fixes = mw_xrealloc(d->fixes, (d->nfixes + 1) * sizeof(*d->fixes));
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

/* Compares an existing generated file with what the generator makes now. */
static void
compare_file(mw_drift *d, const mw_workspace *ws, const mw_ws_doc *doc, mw_dbms dbms,
	     const mw_buf *want, unsigned flags, mw_diags *diags)
{
	char *abs = mw_workspace_path(ws, doc->sql[dbms]);
	mw_buf have = MW_BUF_INIT, err = MW_BUF_INIT;
	const char *h;

	if (mw_read_file(&have, abs, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms], 0, 0, NULL,
			     NULL, "%s", mw_buf_cstr(&err));
		goto out;
	}
	h = mw_buf_cstr(&have);
	if (have.len == want->len && !memcmp(h, mw_buf_cstr(want), want->len))
		goto out;
	if (!(flags & MW_DRIFT_STRICT) &&
	    mw_sql_same_when_printed(h, have.len, mw_buf_cstr(want), want->len))
		goto out;
	mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms],
		     mw_first_diff_line(h, have.len, mw_buf_cstr(want), want->len), 0, NULL,
		     "run 'mwschema sync' to regenerate it (hand edits belong in the JSON)",
		     "differs from what %s generates for %s (stale or edited by hand)",
		     doc->rel, mw_dbms_title(dbms));
	want_write(d, doc, dbms, want);
out:
	mw_buf_release(&have);
	mw_buf_release(&err);
	free(abs);
}

static void
report_missing(mw_drift *d, const mw_ws_doc *doc, mw_dbms dbms, const mw_buf *want,
	       mw_diags *diags)
{
	mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_GENERATED, doc->sql[dbms], 0, 0, NULL,
		     "run 'mwschema sync' to write it",
		     "missing: %s generates SQL for %s", doc->rel, mw_dbms_title(dbms));
	want_write(d, doc, dbms, want);
}

/*
 * One JSON document. Schemas need a file per platform. Changes follow
 * MediaWiki's structure test: at least one platform's file, and every
 * existing one current (a platform may be missing for good reasons).
 * Returns the platforms that have, or will have, patch SQL, as bits.
 */
/* The SQL the generator makes of a document now, per platform: 0 or MW_GEN_NOCHANGE. */
static void
generate(mw_buf want[MW_DBMS__COUNT], int rc[MW_DBMS__COUNT], const mw_ws_doc *doc,
	 const mw_change_plan *plan)
{
	for (int i = 0; i < MW_DBMS__COUNT; i++) {
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
			report_missing(d, doc, (mw_dbms)i, &want[i], diags);
		else if (rc[i] == 0 && !have && doc->state[i] == MW_WS_SQL_MISSING)
			report_missing(d, doc, (mw_dbms)i, &want[i], diags);
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

		if (s->source && !s->paired && !mw_workspace_doc(ws, s->source))
			mw_diags_add(diags, MW_SEV_WARNING, MW_RULE_GENERATED, s->rel, 2, 0, NULL,
				     "restore the JSON, or delete the generated file",
				     "generated from %s, which does not exist", s->source);
	}
}

/* The updater files as read once per run; a file that cannot be read is NULL. */
struct updaters {
	const mw_workspace *ws;
	bool read[MW_DBMS__COUNT];
	mw_buf *text[MW_DBMS__COUNT];	/* shared between platforms naming one file */
};

static const mw_buf *
updater_text(struct updaters *u, mw_dbms dbms)
{
	const char *file = u->ws->updater[dbms];
	char *abs;

	if (u->read[dbms])
		return u->text[dbms];
	u->read[dbms] = true;
	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (i != (int)dbms && u->read[i] && u->ws->updater[i] &&
		    !strcmp(u->ws->updater[i], file))
			return u->text[dbms] = u->text[i];
	abs = mw_workspace_path(u->ws, file);
	u->text[dbms] = mw_xcalloc(1, sizeof(mw_buf));
	if (mw_read_file(u->text[dbms], abs, NULL) < 0) {
		free(u->text[dbms]);
		u->text[dbms] = NULL;
	}
	free(abs);
	return u->text[dbms];
}

static void
updaters_release(struct updaters *u)
{
	for (int i = 0; i < MW_DBMS__COUNT; i++) {
		bool shared = false;

		for (int j = i + 1; j < MW_DBMS__COUNT; j++)
			shared |= u->text[j] == u->text[i];
		if (!u->text[i] || shared)
			continue;
		mw_buf_release(u->text[i]);
		free(u->text[i]);
	}
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

/* The updater file of `dbms` registers the patch, or a fix and a finding. */
static void
check_entry(mw_drift *d, struct updaters *u, const mw_ws_doc *doc, const mw_change_plan *plan,
	    mw_dbms dbms, bool partial, mw_diags *diags)
{
	const mw_workspace *ws = u->ws;
	const char *file = ws->updater[dbms];
	const mw_buf *php = updater_text(u, dbms);
	char *patch = mw_path_basename(doc->sql[dbms]);
	mw_buf hint = MW_BUF_INIT;
	mw_updater_entry e;

	if (php && !mw_updater_mentions(mw_buf_cstr(php), php->len, patch)) {
		entry_copy(&e, &plan->entry, patch);
		if (ws->kind == MW_WS_CORE)
			mw_updater_render_core(&hint, &e);
		else
			mw_updater_render_extension(&hint, &e);
		mw_diags_add(diags, MW_SEV_ERROR, MW_RULE_UPDATER, file, 0, 0, NULL,
			     mw_buf_cstr(&hint), "%s is not registered in %s%s%s%s", patch, file,
			     ws->kind == MW_WS_CORE ? " for " : "",
			     ws->kind == MW_WS_CORE ? mw_dbms_title(dbms) : "",
			     partial ? " (the patch exists for some platforms only: add the "
			     "entry by hand inside a $dbType condition)" : "");
		if (partial)
			mw_updater_entry_clear(&e);
		else
			add_fix(d, MW_FIX_UPDATER, doc->rel, file)->entry = e;
	}
	mw_buf_release(&hint);
	free(patch);
}

/*
 * An extension handler usually builds the path from $dbType, so a patch that
 * exists for some platforms only needs a condition around its entry: that is
 * the author's call, reported with the entry to paste.
 */
static void
check_entries(mw_drift *d, struct updaters *u, const mw_ws_doc *doc,
	      const mw_change_plan *plan, unsigned sql, mw_diags *diags)
{
	const mw_workspace *ws = u->ws;
	unsigned all = (1u << MW_DBMS__COUNT) - 1;
	int first = -1;

	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (sql & (1u << i) && ws->updater[i] && first < 0)
			first = i;
	if (first < 0 || !plan->has_entry)
		return;
	if (ws->kind == MW_WS_CORE) {
		for (int i = 0; i < MW_DBMS__COUNT; i++)
			if (sql & (1u << i) && ws->updater[i])
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
	struct updaters u = { ws, { false }, { NULL } };

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < ws->ndocs; i++)
		if (ws->docs[i].doc && listed(ws->docs[i].rel, docs, ndocs))
			check_one(out, &u, &ws->docs[i], flags, diags);
	updaters_release(&u);
	if (!ndocs)
		report_orphans(ws, diags);
	mw_drift__check_tables(ws, docs, ndocs, diags);
	return 0;
}
