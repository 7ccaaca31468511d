/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The UI's window onto core APIs that are still being written on other
 * branches (edit.h, lint.h, workspace.h, git.h, verify.h, the JSON writer).
 * Every function here is a thin stand-in with the shape the UI needs; when
 * the real API lands, the body becomes a call into it and this header stays.
 * Nothing here may grow real core logic: where the core is missing, the
 * function says so ("not available yet") instead of guessing.
 */
#ifndef MWSCHEMA_TUI_ADAPT_H
#define MWSCHEMA_TUI_ADAPT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"
#include "mwschema/model.h"

/*
 * Workspace (workspace.h / git.h)
 */
struct adapt_ws {
	char *root;		/* checkout root (absolute) */
	char *name;		/* its base name, for the title bar */
	char *schema_path;	/* absolute path of tables.json */
	char *schema_rel;	/* the same, relative to root ("sql/tables.json") */
	char *sql_dir;		/* directory of tables.json, relative to root ("sql") */
	char *branch;		/* current branch, NULL when unknown */
};

/* Finds the checkout containing `dir`. 0, or -1 with a message in err. */
int adapt_ws_open(struct adapt_ws **out, const char *dir, mw_buf *err);
void adapt_ws_free(struct adapt_ws *ws);
/* Copies the demo workspace to a new temporary directory; *out is its path. */
int adapt_demo_copy(char **out, mw_buf *err);

/* Every path (relative to root) a change named `name` writes, one per line. */
void adapt_ws_files(mw_buf *out, const struct adapt_ws *ws, const char *name,
		    const mw_table *before, const mw_table *after);
/* Updater entries for the change, one per line, in the updater's PHP syntax. */
void adapt_updater_entries(mw_buf *out, const char *name, const mw_table *before,
			   const mw_table *after);
/*
 * Writes the change: change JSON, patch files, tables.json (`schema` is the
 * schema after the change), tables-generated.sql, updater entries. 0 or -1.
 */
int adapt_ws_write(const struct adapt_ws *ws, const char *name, const mw_schema *schema,
		   const mw_table *before, const mw_table *after, mw_buf *err);
/*
 * Commits `files` (newline-separated, relative) with `message`, on `branch`
 * (created from HEAD when it is not the current one). 0 or -1.
 */
int adapt_ws_commit(const struct adapt_ws *ws, const char *message, const char *branch,
		    const char *files, mw_buf *err);
/* Re-reads the branch name into ws->branch. */
void adapt_ws_refresh_branch(struct adapt_ws *ws);

/*
 * Edits (edit.h): validated model operations. Problems go to `errs` as
 * diagnostics whose `path` names the field ("name", "type", "length",
 * "default", "columns").
 */
int adapt_column_check(const mw_table *t, const mw_column *c, long self, mw_diags *errs);
int adapt_index_check(const mw_table *t, const mw_index *ix, long self, mw_diags *errs);
void adapt_insert_column(mw_table *t, size_t pos, const mw_column *c);
/* Replaces column `pos`; a new name is carried into indexes and the key. */
void adapt_replace_column(mw_table *t, size_t pos, const mw_column *c);
/* Drops column `pos` and its mentions in indexes (emptied indexes go too) and the key. */
void adapt_drop_column(mw_table *t, size_t pos);
void adapt_insert_index(mw_table *t, size_t pos, const mw_index *ix);
void adapt_replace_index(mw_table *t, size_t pos, const mw_index *ix);
void adapt_drop_index(mw_table *t, size_t pos);
void adapt_set_pk(mw_table *t, char *const *cols, size_t n);

/*
 * Previews (json.h writer, diff.h, lint.h)
 */
/* One table as MediaWiki writes it in tables.json (tabs), from depth 0. */
void adapt_table_json(mw_buf *out, const mw_table *t);
/* Line diff of two texts, unified format with `context` lines. */
void adapt_text_diff(mw_buf *out, const char *a, const char *b, int context);
/* patch-<table>-<field>, from the first difference between the snapshots. */
char *adapt_change_name(const mw_table *before, const mw_table *after);
/* Findings for the change; false when the lint module is not available. */
bool adapt_lint(mw_diags *out, const mw_table *before, const mw_table *after);
/* The SQLite round trip, one line per step into `out`. 0, or -1 on failure. */
int adapt_verify(mw_buf *out, const mw_table *before, const mw_table *after);

#endif /* MWSCHEMA_TUI_ADAPT_H */
