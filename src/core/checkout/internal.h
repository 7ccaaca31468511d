/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the checkout folder: what the drift files share, what the
 * updater files share, and what the two git files share.
 */
#ifndef MWSCHEMA_CHECKOUT_INTERNAL_H
#define MWSCHEMA_CHECKOUT_INTERNAL_H

#include "mwschema/buf.h"
#include "mwschema/drift.h"
#include "mwschema/updater.h"

/*
 * Shared between the drift files.
 */

/*
 * tables-json-in-sync: every schema table against the newest change to it,
 * for the documents `docs` (ndocs 0: all of them).
 */
void mw_drift__check_tables(const mw_workspace *ws, char *const *docs, size_t ndocs,
			    mw_diags *diags);

/*
 * Shared between updater.c (entries) and updater_php.c (insertion).
 */

/* The extension convenience method of a verb, NULL when there is none. */
const char *mw_updater__ext_method(mw_updater_verb verb);
/* Arguments after the verb as PHP expressions (caller frees with mw_strv_free). */
size_t mw_updater__args(char ***out, const mw_updater_entry *e, const char *path, bool raw);
void mw_updater__join(mw_buf *out, char *const *v, size_t n, const char *sep);

/*
 * Shared between git.c and git_history.c, the only files that include
 * libgit2's <git2.h> (its git_repository is this struct git_repository).
 */

struct git_repository;

struct mw_git {
	struct git_repository *repo;
	char *workdir;
};

/* Appends libgit2's last message to `what` in err and returns `code`. */
int mw_git__fail(mw_buf *err, int code, const char *what);

#endif /* MWSCHEMA_CHECKOUT_INTERNAL_H */
