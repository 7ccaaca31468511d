/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the session's files share and the views do not need.
 */
#ifndef MWSCHEMA_EDITOR_SESSION_INT_H
#define MWSCHEMA_EDITOR_SESSION_INT_H

#include "editor/session.h"

/* dirty and written, from the change in progress against the disk. */
void session_refresh_dirty(struct session *s);
/* Stages this editor's recovery content (after every edit; cheap). */
void session_stage_recovery(struct session *s);
/* `proposed` (owned), or a variant no other change file of the checkout has. */
char *session_unique_name(const struct session *s, char *proposed);
/* Stamps every file a write of the change can touch, as it is on disk now. */
void session_record_stamps(struct session *s);
/* Loads the schema file; on failure `where` (may be NULL) gets the position. */
int session_load_schema(mw_doc **out, const struct session *s, struct session_where *where,
			mw_buf *err);
/* Forgets the change in progress, its undo history and what the disk holds. */
void session_forget_change(struct session *s);
/* The first error of `diags` into err (and where); -1. */
int session_first_error(mw_buf *err, const mw_diags *diags, struct session_where *where,
			const char *root, const char *fallback);
/* Makes `c` the change in progress from a clean slate (no undo below it). */
int session_start_change(struct session *s, const mw_change *c, const char *name, mw_buf *err);
/* The recovery slot and the orphans at open; the slots at free. */
void session_recovery_open(struct session *s);
void session_recovery_free(struct session *s);

#endif /* MWSCHEMA_EDITOR_SESSION_INT_H */
