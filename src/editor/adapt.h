/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's calls into the core: the checkout, edits, lint, updater,
 * write, commit and verify, in the shapes the editor needs (one table under
 * change, text for the previews). Every function forwards to the core's
 * public headers; the rules themselves (names, files, writing) are the
 * core's.
 */
#ifndef MWSCHEMA_TUI_ADAPT_H
#define MWSCHEMA_TUI_ADAPT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "mwschema/plan.h"

struct mw_checkout;
struct mw_lint;
struct mw_rc;
struct mw_code;

/*
 * The checkout (checkout.h, git.h, rc.h, lint.h)
 */
struct adapt_ws {
	struct mw_checkout *co;		/* schema file, change directory, workspace */
	struct mw_lint *lint;		/* configured from the rc files */
	struct mw_rc *rc;
	mw_diags rc_problems;		/* bad lines of the rc files (file:line) */
	char *root;			/* checkout root (absolute) */
	char *name;			/* its base name, for the title bar */
	char *schema_path;		/* absolute path of the schema file */
	char *schema_rel;		/* relative to root ("sql/tables.json") */
	char *branch;			/* current branch, NULL when unknown */
	struct mw_code *code;		/* the checkout's PHP, indexed when a change first
					   drops or renames something, then kept current */
};

/* Finds the checkout containing `dir`. 0, or -1 with a message in err. */
int adapt_ws_open(struct adapt_ws **out, const char *dir, mw_buf *err);
void adapt_ws_free(struct adapt_ws *ws);
/* Re-reads the branch name into ws->branch. */
void adapt_ws_refresh_branch(struct adapt_ws *ws);
/* "sql/abstractSchemaChanges/NAME.json" (caller frees). */
char *adapt_change_rel(const struct adapt_ws *ws, const char *name);

/* Every path (relative) that writing the change touches, one per line (checkout.h). */
void adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *change_rel,
		    const mw_change_plan *plan);
/* The updater entry of the change, in the checkout's style, and a newline. */
void adapt_updater_entries(mw_buf *out, const struct adapt_ws *ws, const mw_change_plan *plan);
/* A commit subject for the change (commit.h). Caller frees. */
char *adapt_commit_subject(const char *name, const mw_table *before, const mw_table *after);

/*
 * Writes the change as `change_rel` with the schema's table `index` replaced
 * by `after` (appended when index == ntables), and what follows from both
 * (mw_checkout_amend_change: `like`, the change file as loaded, keeps its
 * comment and layout; NULL for a new one). The files written go to
 * `written` (one per line). 0 or -1 with a message in err.
 */
int adapt_ws_write(struct adapt_ws *ws, mw_doc *schema_doc, size_t index, const char *change_rel,
		   const mw_doc *like, const mw_table *before, const mw_table *after,
		   mw_buf *written, mw_buf *err);
/* The schema as `schema_doc` holds it, and its SQL (mw_checkout_write_schema). */
int adapt_ws_write_schema(struct adapt_ws *ws, const mw_doc *schema_doc, mw_buf *written,
			  mw_buf *err);
/* A change's files and updater entries out again (mw_checkout_remove_change). */
int adapt_ws_remove_change(struct adapt_ws *ws, const char *change_rel, mw_buf *written,
			   mw_buf *err);
/*
 * Syncs, lints and commits the change (commit.h). `force` commits despite
 * lint errors. 0; 1 when refused (reasons in `diags`); -1 with err.
 */
int adapt_ws_commit(struct adapt_ws *ws, char oid[41], const char *message, const char *bug,
		    const char *branch, bool force, mw_diags *diags, mw_buf *err);

/*
 * Previews (json.h, lint.h, verify.h)
 */
/* One table as MediaWiki writes it in tables.json (tabs), from depth 0. */
void adapt_table_json(mw_buf *out, const mw_table *t);
/* A change document {comment, before, after} as written to disk. */
void adapt_change_json(mw_buf *out, const char *comment, const mw_table *before,
		       const mw_table *after);
/* Findings for the change (its plan, labelled with the change file's path). */
void adapt_lint(mw_diags *out, struct adapt_ws *ws, const mw_schema *schema,
		const mw_change_plan *plan);
/* The round trip on in-memory SQLite, one line per step. 0, or -1 on failure. */
int adapt_verify(mw_buf *out, const char *label, const mw_table *before, const mw_table *after);

#endif /* MWSCHEMA_TUI_ADAPT_H */
