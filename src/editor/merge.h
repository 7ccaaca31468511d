/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Three-way merge of one table, for "merge your edit on top" when the
 * schema changed on disk behind the editor: the edits between `base` and
 * `mine` are replayed onto `theirs`, element by element (columns and
 * indexes by name, then the primary key, comment and options). An element
 * both sides changed differently is a conflict, named in the message;
 * nothing is guessed.
 */
#ifndef MWSCHEMA_EDITOR_MERGE_H
#define MWSCHEMA_EDITOR_MERGE_H

#include "mwschema/buf.h"
#include "mwschema/model.h"

/*
 * *out gets the merged table (NULL when the merge drops it); any of the
 * three may be NULL (no such table). 0, or -1 with the conflict in err.
 */
int table_merge3(mw_table **out, const mw_table *base, const mw_table *mine,
		 const mw_table *theirs, mw_buf *err);
/*
 * The same, where `mine` wins what both changed: for rebasing a change's
 * `before`, whose differences from `base` are the change itself (their
 * edits to those parts go to the `after`).
 */
int table_rebase3(mw_table **out, const mw_table *base, const mw_table *mine,
		  const mw_table *theirs);

#endif /* MWSCHEMA_EDITOR_MERGE_H */
