/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's calls into the core (see adapt.h): each function forwards to
 * a public core header and reshapes the result for the UI.
 */
#include <config.h>

#include "editor/adapt.h"
#include "mwschema/checkout.h"
#include "mwschema/code.h"
#include "mwschema/commit.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/rc.h"
#include "mwschema/verify.h"

#include <stdlib.h>
#include <string.h>

/*
 * The checkout (checkout.h), its configuration and its branch
 */

static int
first_error(mw_buf *err, const mw_diags *diags, const char *fallback)
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
	struct adapt_ws *ws = mw_xcalloc(1, sizeof(*ws));

	*out = NULL;
	if (mw_checkout_open(&ws->co, dir, &diags) < 0) {
		first_error(err, &diags, "not inside a MediaWiki checkout");
		goto fail;
	}
	if (!ws->co->schema_rel) {
		mw_buf_addf(err, "%s: no schema file (tables.json) that loads", ws->co->ws->root);
		goto fail;
	}
	ws->root = mw_xstrdup(ws->co->ws->root);
	ws->name = mw_path_basename(ws->root);
	ws->schema_rel = mw_xstrdup(ws->co->schema_rel);
	ws->schema_path = mw_xstrdup(ws->co->schema_path);
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
	mw_checkout_free(ws->co);
	mw_lint_free(ws->lint);
	mw_code_free(ws->code);
	mw_rc_free(ws->rc);
	mw_diags_free(&ws->rc_problems);
	free(ws->root);
	free(ws->name);
	free(ws->schema_path);
	free(ws->schema_rel);
	free(ws->branch);
	free(ws);
}

char *
adapt_change_rel(const struct adapt_ws *ws, const char *name)
{
	return mw_checkout_change_rel(ws->co, name);
}

void
adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *change_rel,
	       const mw_change_plan *plan)
{
	mw_change change = { NULL, (mw_table *)plan->before, (mw_table *)plan->after };
	bool has_sql[MW_DBMS__COUNT];
	char **files = NULL;
	size_t n = 0;

	for (int d = 0; d < MW_DBMS__COUNT; d++)
		has_sql[d] = !plan->nochange[d];
	mw_checkout_change_files(&files, &n, ws->co, change_rel, &change, has_sql);
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s\n", files[i]);
	mw_strv_free(files, n);
}

void
adapt_updater_entries(mw_buf *out, const struct adapt_ws *ws, const mw_change_plan *plan)
{
	if (!plan->has_entry)
		return;
	mw_checkout_render_entry(out, ws->co->ws, &plan->entry);
	mw_buf_addc(out, '\n');
}

char *
adapt_commit_subject(const char *name, const mw_table *before, const mw_table *after)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };
	mw_updater_entry e;
	char *subject;

	if (mw_updater_entry_from_change(&e, &change, "") < 0)
		return mw_strdupf("Schema change %s", name);
	subject = mw_commit_subject(&e);
	mw_updater_entry_clear(&e);
	return subject;
}

int
adapt_ws_write(struct adapt_ws *ws, mw_doc *schema_doc, size_t index, const char *change_rel,
	       const mw_doc *like, const mw_table *before, const mw_table *after, mw_buf *written,
	       mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = mw_checkout_amend_change(ws->co, schema_doc, index, change_rel, like, before,
					  after, written, &diags);

	if (rc)
		first_error(err, &diags, "the change could not be written");
	mw_diags_free(&diags);
	return rc;
}

int
adapt_ws_write_schema(struct adapt_ws *ws, const mw_doc *schema_doc, mw_buf *written,
		      mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = mw_checkout_write_schema(ws->co, schema_doc, written, &diags);

	if (rc)
		first_error(err, &diags, "the schema could not be written");
	mw_diags_free(&diags);
	return rc;
}

int
adapt_ws_remove_change(struct adapt_ws *ws, const char *change_rel, mw_buf *written,
		       mw_buf *err)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = mw_checkout_remove_change(ws->co, change_rel, written, &diags);

	if (rc)
		first_error(err, &diags, "the change could not be removed");
	mw_diags_free(&diags);
	return rc;
}

int
adapt_ws_commit(struct adapt_ws *ws, char oid[41], const char *message, const char *bug,
		const char *branch,
		bool force, mw_diags *diags, mw_buf *err)
{
	mw_commit_opts opts = { ws->root, message, bug && *bug ? bug : NULL,
				branch && *branch ? branch : NULL, force };
	mw_commit_result res;
	int rc;

	memset(&res, 0, sizeof(res));
	rc = mw_commit_run(&res, &opts, diags, err);
	memcpy(oid, res.oid, sizeof(res.oid));
	mw_commit_result_clear(&res);
	adapt_ws_refresh_branch(ws);
	return rc == MW_COMMIT_REFUSED ? 1 : rc < 0 || rc == MW_COMMIT_NOTHING ? -1 : 0;
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
 * Lint and verify
 */

/*
 * The checkout's PHP for code-still-uses: indexed the first time a change
 * needs it, then brought up to date with the files on disk before each use
 * (inotify makes that free until a file changes).
 */
static const mw_code *
checkout_code(struct adapt_ws *ws)
{
	mw_buf err = MW_BUF_INIT;

	if (!ws->code) {
		ws->code = mw_code_new("");
		mw_code_scan_dir(ws->code, ws->root, &err);
		mw_buf_release(&err);
	} else {
		mw_code_refresh(ws->code);
	}
	return ws->code;
}

void
adapt_lint(mw_diags *out, struct adapt_ws *ws, const mw_schema *schema,
	   const mw_change_plan *plan)
{
	const mw_schema *schemas[] = { schema };
	mw_lint_others others = { schemas, schema ? 1 : 0, NULL };
	mw_doc doc;

	memset(&doc, 0, sizeof(doc));
	doc.kind = MW_DOC_CHANGE;
	doc.label = plan->label;
	doc.change.before = (mw_table *)plan->before;
	doc.change.after = (mw_table *)plan->after;
	if (mw_lint_needs_code(ws->lint, &doc, plan))
		others.code = checkout_code(ws);
	mw_lint_change(ws->lint, &doc, plan, &others, out);
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
