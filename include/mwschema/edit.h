/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Model operations for the UI and the CLI, validated and reversible.
 *
 * Each mw_edit_<op>() checks the request against the schema and, when it is
 * valid, fills an mw_edit record without touching the schema. The record
 * holds the affected table before and after the operation, so applying it
 * (do / redo) and reverting it (undo) are exact and symmetric. A log keeps
 * the records for undo / redo.
 *
 *	mw_edit e;
 *	if (mw_edit_rename_column(&e, &doc->schema, "actor", "actor_name", "actor_text", &err) < 0)
 *		show(err);
 *	else
 *		mw_edit_log_do(&log, &doc->schema, &e);	   (the log owns e now)
 *	...
 *	mw_edit_log_undo(&log, &doc->schema);
 *
 * All functions return 0 or -1; on -1 `err` holds one sentence saying why.
 */
#ifndef MWSCHEMA_EDIT_H
#define MWSCHEMA_EDIT_H

#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/model.h"

typedef enum mw_edit_kind {
	MW_EDIT_ADD_COLUMN,
	MW_EDIT_DROP_COLUMN,
	MW_EDIT_RENAME_COLUMN,
	MW_EDIT_MODIFY_COLUMN,
	MW_EDIT_ADD_INDEX,
	MW_EDIT_DROP_INDEX,
	MW_EDIT_RENAME_INDEX,
	MW_EDIT_SET_PK,
	MW_EDIT_ADD_TABLE,
	MW_EDIT_DROP_TABLE,
} mw_edit_kind;

typedef struct mw_edit {
	mw_edit_kind kind;
	char *summary;		/* "rename column actor.a to b", for undo menus */
	size_t pos;		/* position of the table in the schema */
	mw_table *before;	/* NULL: the table did not exist (add table) */
	mw_table *after;	/* NULL: the table is gone (drop table) */
} mw_edit;

/* Columns. pos = insertion position, -1 = at the end. */
int mw_edit_add_column(mw_edit *out, const mw_schema *s, const char *table,
		       const mw_column *col, long pos, mw_buf *err);
/* Refused while an index or the primary key uses the column. */
int mw_edit_drop_column(mw_edit *out, const mw_schema *s, const char *table,
			const char *column, mw_buf *err);
/* Also renames the column in the table's indexes and primary key. */
int mw_edit_rename_column(mw_edit *out, const mw_schema *s, const char *table,
			  const char *column, const char *new_name, mw_buf *err);
/* Replaces the definition; a different col->name renames as above. */
int mw_edit_modify_column(mw_edit *out, const mw_schema *s, const char *table,
			  const char *column, const mw_column *col, mw_buf *err);

/* Indexes. */
int mw_edit_add_index(mw_edit *out, const mw_schema *s, const char *table,
		      const mw_index *ix, mw_buf *err);
int mw_edit_drop_index(mw_edit *out, const mw_schema *s, const char *table,
		       const char *index, mw_buf *err);
int mw_edit_rename_index(mw_edit *out, const mw_schema *s, const char *table,
			 const char *index, const char *new_name, mw_buf *err);
/* n == 0 removes the primary key (written as "pk": []). */
int mw_edit_set_pk(mw_edit *out, const mw_schema *s, const char *table,
		   char *const *columns, size_t n, mw_buf *err);

/* Tables. pos = insertion position, -1 = at the end. */
int mw_edit_add_table(mw_edit *out, const mw_schema *s, const mw_table *t, long pos,
		      mw_buf *err);
int mw_edit_drop_table(mw_edit *out, const mw_schema *s, const char *table, mw_buf *err);

/* Do / redo and undo of a record; -1 if the schema no longer matches it. */
int mw_edit_apply(mw_schema *s, const mw_edit *e, mw_buf *err);
int mw_edit_revert(mw_schema *s, const mw_edit *e, mw_buf *err);
void mw_edit_clear(mw_edit *e);

/* Undo / redo history: items[0..done) are applied, items[done..n) undone. */
typedef struct mw_edit_log {
	mw_edit *items;
	size_t n, cap;
	size_t done;
} mw_edit_log;

#define MW_EDIT_LOG_INIT { NULL, 0, 0, 0 }

/* Applies e and records it (taking ownership); drops the redo tail. */
int mw_edit_log_do(mw_edit_log *log, mw_schema *s, mw_edit *e, mw_buf *err);
/* -1 with a message when there is nothing to undo / redo. */
int mw_edit_log_undo(mw_edit_log *log, mw_schema *s, mw_buf *err);
int mw_edit_log_redo(mw_edit_log *log, mw_schema *s, mw_buf *err);
void mw_edit_log_free(mw_edit_log *log);

#endif /* MWSCHEMA_EDIT_H */
