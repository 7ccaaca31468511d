/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Line diff of two texts, for showing a table before and after (the JSON
 * of the Diff tab). Presentation only: what a change does is diff.h's.
 */
#ifndef MWSCHEMA_EDITOR_TEXTDIFF_H
#define MWSCHEMA_EDITOR_TEXTDIFF_H

#include "mwschema/buf.h"

/* Appends the unified diff of `a` and `b` with `context` lines (nothing when equal). */
void text_diff(mw_buf *out, const char *a, const char *b, int context);

#endif /* MWSCHEMA_EDITOR_TEXTDIFF_H */
