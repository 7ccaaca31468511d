/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the editor says about a change, in words, from its summary diff:
 * the list of edits ("add field a, rename field b to c, drop index d"),
 * the name and commit subject of a change that does several things (the
 * core's names follow one updater verb), the undo/redo message, and the
 * commit body from its template.
 */
#ifndef MWSCHEMA_EDITOR_WORDS_H
#define MWSCHEMA_EDITOR_WORDS_H

#include <stdbool.h>

#include "mwschema/buf.h"
#include "mwschema/diff.h"
#include "mwschema/model.h"

/* "add field a, rename field b to c, drop index d"; "" for no edit. */
void words_edits(mw_buf *out, const mw_table_diff *summary);
/* The same between two states of a table (either may be NULL). */
void words_edits_between(mw_buf *out, const mw_table *older, const mw_table *newer);
/*
 * A change doing several things (kinds or objects): "patch-page-a-drop-b",
 * "Change page: add field a, drop field b". NULL when it does one thing:
 * the core's name and subject say it then.
 */
char *words_change_name(const mw_table *after, const mw_table_diff *summary);
char *words_commit_subject(const mw_table *after, const mw_table_diff *summary);
/*
 * The commit body from the template's answers: why, whether the change is
 * optional for the wikis, how it is rolled back. Empty answers are left out.
 */
void words_commit_body(mw_buf *out, const char *why, const char *optional,
		       const char *rollback);
/*
 * After a column's type changed: the options the new type does not take
 * are dropped (unsigned for non-numbers, autoincrement for non-integers; a
 * bare number as the default of a text type is quoted), and `said` gets a
 * sentence naming them. False when nothing had to change.
 */
bool words_fit_options(mw_type type, bool *is_unsigned, bool *autoincrement, mw_buf *deflt,
		       mw_buf *said);
/*
 * The name of `names` (n of them) closest to a mistyped `word`: at most two
 * edits away (one for short words), or the only one it starts; NULL when
 * none is close enough.
 */
const char *words_suggest(const char *word, const char *const *names, size_t n);
/* "primary key set to (a, b)" or "primary key cleared". */
void words_pk(mw_buf *out, const mw_table *after);

#endif /* MWSCHEMA_EDITOR_WORDS_H */
