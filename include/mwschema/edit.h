/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Validated edits of one table, for the editor (and anything else that
 * changes a table on a user's request).
 *
 * Each mw_edit_<op>() checks the request against the table and, when it is
 * valid, gives the edited copy; the input table is never touched, so the
 * caller keeps it for undo. A refusal is one error diagnostic whose JSON
 * pointer, relative to the table, names the part of the request that is
 * wrong ("/columns/3/name", "/indexes/1/columns/0", "/pk/1"), so that a
 * form can show the message beside the field it concerns.
 *
 *	mw_table *after;
 *
 *	if (mw_edit_add_column(&after, t, &col, -1, &diags) < 0)
 *		show(diags.items[0].path, diags.items[0].message);
 *
 * All functions return 0 with *out the edited copy (caller frees), or -1
 * with *out NULL and one error appended to `diags`.
 */
#ifndef MWSCHEMA_EDIT_H
#define MWSCHEMA_EDIT_H

#include <stddef.h>

#include "mwschema/diag.h"
#include "mwschema/model.h"

/* Columns. pos = insertion position, -1 = at the end. */
int mw_edit_add_column(mw_table **out, const mw_table *t, const mw_column *col, long pos,
		       mw_diags *diags);
/* Refused while an index or the primary key uses the column. */
int mw_edit_drop_column(mw_table **out, const mw_table *t, const char *column, mw_diags *diags);
/* Also renames the column in the table's indexes and primary key. */
int mw_edit_rename_column(mw_table **out, const mw_table *t, const char *column,
			  const char *new_name, mw_diags *diags);
/* Replaces the definition; a different col->name renames as above. */
int mw_edit_modify_column(mw_table **out, const mw_table *t, const char *column,
			  const mw_column *col, mw_diags *diags);

/* Indexes: added at the end; a modified index keeps its place. */
int mw_edit_add_index(mw_table **out, const mw_table *t, const mw_index *ix, mw_diags *diags);
int mw_edit_modify_index(mw_table **out, const mw_table *t, const char *index,
			 const mw_index *ix, mw_diags *diags);
int mw_edit_drop_index(mw_table **out, const mw_table *t, const char *index, mw_diags *diags);
int mw_edit_rename_index(mw_table **out, const mw_table *t, const char *index,
			 const char *new_name, mw_diags *diags);
/* n == 0 removes the primary key (written as "pk": []). */
int mw_edit_set_pk(mw_table **out, const mw_table *t, char *const *columns, size_t n,
		   mw_diags *diags);

/*
 * A new table `t` on its own (names, at least one column, index and key
 * columns that exist) whose name schema `s` does not use yet. 0, or -1 with
 * one error (paths relative to `t`).
 */
int mw_edit_check_new_table(const mw_schema *s, const mw_table *t, mw_diags *diags);

#endif /* MWSCHEMA_EDIT_H */
