/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The UI's one door into the core: workspace, edits, lint, updater, write,
 * commit and verify, in the shapes the editor needs (one table under
 * change, field-level messages for forms). Every function is a thin
 * wrapper over the core's public headers; no schema logic lives here.
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

struct mw_workspace;
struct mw_lint;
struct mw_rc;
struct mw_code;

/*
 * Workspace (workspace.h, git.h, rc.h, lint.h)
 */
struct adapt_ws {
	struct mw_workspace *ws;	/* the checkout as read at start */
	struct mw_lint *lint;		/* configured from the rc files */
	struct mw_rc *rc;
	mw_diags rc_problems;		/* bad lines of the rc files (file:line) */
	char *root;			/* checkout root (absolute) */
	char *name;			/* its base name, for the title bar */
	char *schema_path;		/* absolute path of the schema file */
	char *schema_rel;		/* relative to root ("sql/tables.json") */
	char *change_dir;		/* where change files go ("sql/abstractSchemaChanges") */
	char *branch;			/* current branch, NULL when unknown */
	struct mw_code *code;		/* the checkout's PHP, indexed when a change first
					   drops or renames something, then kept current */
};

/* Finds the checkout containing `dir`. 0, or -1 with a message in err. */
int adapt_ws_open(struct adapt_ws **out, const char *dir, mw_buf *err);
void adapt_ws_free(struct adapt_ws *ws);
/* Re-reads the branch name into ws->branch. */
void adapt_ws_refresh_branch(struct adapt_ws *ws);
/*
 * Copies the demo workspace to a new temporary directory, as its own git
 * repository with one commit; *out is its path.
 */
int adapt_demo_copy(char **out, mw_buf *err);
/* The same into `dir` (created when missing). 0 or -1 with err. */
int adapt_demo_copy_to(const char *dir, mw_buf *err);
/* "sql/abstractSchemaChanges/NAME.json" (caller frees). */
char *adapt_change_rel(const struct adapt_ws *ws, const char *name);

/*
 * Every path (relative) that writing the change touches, one per line:
 * the change JSON, the patch of each platform that sees a difference
 * (`has_sql`), the schema, its generated SQL, the updater files.
 */
void adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *name,
		    const bool has_sql[MW_DBMS__COUNT]);
/* The updater entry for the change, in the checkout's style (core row or extension call). */
void adapt_updater_entries(mw_buf *out, const struct adapt_ws *ws, const char *name,
			   const mw_table *before, const mw_table *after);
/* patch-<table>-<field>, from the updater verb of the change. Caller frees. */
char *adapt_change_name(const mw_table *before, const mw_table *after);
/* A commit subject for the change (commit.h). Caller frees. */
char *adapt_commit_subject(const char *name, const mw_table *before, const mw_table *after);

/*
 * Writes the change: its JSON, `schema_doc` with table `index` replaced by
 * `after` (appended when index == ntables), then syncs the generated SQL and
 * the updater entries that follow from both. The files written go to
 * `written` (one per line). 0 or -1 with a message in err.
 */
int adapt_ws_write(struct adapt_ws *ws, mw_doc *schema_doc, size_t index, const char *name,
		   const mw_table *before, const mw_table *after, mw_buf *written, mw_buf *err);
/*
 * Syncs, lints and commits the change (commit.h). `force` commits despite
 * lint errors. 0; 1 when refused (reasons in `diags`); -1 with err.
 */
int adapt_ws_commit(struct adapt_ws *ws, const char *message, const char *bug,
		    const char *branch, bool force, mw_diags *diags, mw_buf *err);

/*
 * Edits (edit.h) on one table: *out receives the table after the edit.
 * 0, or -1 with the core's sentence in err.
 */
int adapt_add_column(mw_table **out, const mw_table *t, const mw_column *c, mw_buf *err);
int adapt_modify_column(mw_table **out, const mw_table *t, const char *column,
			const mw_column *c, mw_buf *err);
int adapt_drop_column(mw_table **out, const mw_table *t, const char *column, mw_buf *err);
int adapt_add_index(mw_table **out, const mw_table *t, const mw_index *ix, mw_buf *err);
int adapt_modify_index(mw_table **out, const mw_table *t, const char *index,
		       const mw_index *ix, mw_buf *err);
int adapt_drop_index(mw_table **out, const mw_table *t, const char *index, mw_buf *err);
int adapt_rename_index(mw_table **out, const mw_table *t, const char *index, const char *name,
		       mw_buf *err);
int adapt_set_pk(mw_table **out, const mw_table *t, char *const *cols, size_t n, mw_buf *err);
/* A new table (not in the schema yet) is valid: 0 or -1 with err. */
int adapt_check_new_table(const mw_schema *s, const mw_table *t, mw_buf *err);
/* The form field a core message is about: "name", "type", "columns", ... */
const char *adapt_message_field(const char *message);

/*
 * Previews (json.h, lint.h, verify.h)
 */
/* One table as MediaWiki writes it in tables.json (tabs), from depth 0. */
void adapt_table_json(mw_buf *out, const mw_table *t);
/* A change document {comment, before, after} as written to disk. */
void adapt_change_json(mw_buf *out, const char *comment, const mw_table *before,
		       const mw_table *after);
/* Line diff of two texts, unified format with `context` lines. */
void adapt_text_diff(mw_buf *out, const char *a, const char *b, int context);
/* Findings for the change, labelled with the change file's path. */
void adapt_lint(mw_diags *out, struct adapt_ws *ws, const mw_schema *schema, const char *label,
		const mw_table *before, const mw_table *after);
/* The round trip on in-memory SQLite, one line per step. 0, or -1 on failure. */
int adapt_verify(mw_buf *out, const char *label, const mw_table *before, const mw_table *after);

#endif /* MWSCHEMA_TUI_ADAPT_H */
