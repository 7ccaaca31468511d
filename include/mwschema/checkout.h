/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A schema change in a checkout: which file is "the schema", where change
 * files live, which files writing a change touches, and writing it. One
 * answer for the editor, the tutorial and the CLI's commit.
 *
 *	mw_checkout *co;
 *	char *rel;
 *
 *	mw_checkout_open(&co, ".", &diags);
 *	rel = mw_checkout_change_rel(co, "patch-page-page_touched");
 *	mw_checkout_write_change(co, schema_doc, index, rel, before, after, &written, &diags);
 *
 * Writing saves the change's JSON and the schema with the new table, then
 * regenerates what follows from those two documents (their SQL, the updater
 * entries) as `mwschema sync` would; co->ws is then the checkout as written.
 */
#ifndef MWSCHEMA_CHECKOUT_H
#define MWSCHEMA_CHECKOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/model.h"
#include "mwschema/updater.h"
#include "mwschema/workspace.h"

typedef struct mw_checkout {
	mw_workspace *ws;	/* the checkout as last read (owned) */
	char *schema_rel;	/* the schema file ("sql/tables.json"); NULL when none loads */
	char *schema_path;	/* the same, absolute; NULL likewise */
	char *change_dir;	/* where new change files go ("sql/abstractSchemaChanges") */
} mw_checkout;

/*
 * Reads the checkout containing `dir` (mw_workspace_open; its load problems
 * go to `diags`). The schema is the first schema document named tables.json,
 * else the first schema document; change files go beside the existing ones,
 * else into abstractSchemaChanges next to the schema. 0, or -1 when `dir` is
 * not inside a checkout.
 */
int mw_checkout_open(mw_checkout **out, const char *dir, mw_diags *diags);
void mw_checkout_free(mw_checkout *co);

/* "<change_dir>/NAME.json", the change file of a change named `name` (caller frees). */
char *mw_checkout_change_rel(const mw_checkout *co, const char *name);

/*
 * Adds to the list (*files, *nfiles; each path once, in this order) every
 * file writing change `change_rel` touches: the change's JSON; its generated
 * SQL on each platform where has_sql says so (NULL: every platform), never a
 * hand-written file in its place; the schema document holding the table (the
 * checkout's schema for a new one) and its generated SQL; the updater files.
 * Paths are relative to the root; the caller frees them and the array.
 */
void mw_checkout_change_files(char ***files, size_t *nfiles, const mw_checkout *co,
			      const char *change_rel, const mw_change *change,
			      const bool has_sql[MW_DBMS__COUNT]);

/* The entry in the checkout's style: a core row, or an extension's call to paste. */
void mw_checkout_render_entry(mw_buf *out, const mw_workspace *ws, const mw_updater_entry *e);

/*
 * Writes the change from `before` to `after` as `change_rel`, `schema_doc`
 * (the checkout's schema, as loaded) with table `index` replaced by `after`
 * (appended when index is past its tables; the document itself is left as
 * it was), then syncs the SQL and updater entries of both documents. The
 * files written go to `written`, one per line. 0, or -1 with an error in
 * `diags`; warnings (an updater entry to paste by hand) come either way.
 */
int mw_checkout_write_change(mw_checkout *co, mw_doc *schema_doc, size_t index,
			     const char *change_rel, const mw_table *before, const mw_table *after,
			     mw_buf *written, mw_diags *diags);

/*
 * The same, for amending change file `change_rel` as loaded in `like`: its
 * comment and layout are kept, only the tables change (like NULL: as
 * mw_checkout_write_change).
 */
int mw_checkout_amend_change(mw_checkout *co, mw_doc *schema_doc, size_t index,
			     const char *change_rel, const mw_doc *like, const mw_table *before,
			     const mw_table *after, mw_buf *written, mw_diags *diags);

/*
 * Saves `schema_doc` as the checkout's schema and regenerates what follows
 * from it (its SQL): a change undone, before mw_checkout_remove_change.
 */
int mw_checkout_write_schema(mw_checkout *co, const mw_doc *schema_doc, mw_buf *written,
			     mw_diags *diags);

/*
 * Takes change `change_rel` out of the checkout again: its updater entries
 * (mw_updater_remove: whole lines, with a release block it empties), its
 * generated SQL (only files whose "-- Source:" names it) and its JSON. The
 * files changed or removed go to `written`. 0, or -1 with an error in
 * `diags` (an entry that shares its lines with other code is not touched).
 */
int mw_checkout_remove_change(mw_checkout *co, const char *change_rel, mw_buf *written,
			      mw_diags *diags);

#endif /* MWSCHEMA_CHECKOUT_H */
