/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the drift files.
 */
#ifndef MWSCHEMA_DRIFT_INTERNAL_H
#define MWSCHEMA_DRIFT_INTERNAL_H

#include "mwschema/drift.h"

/*
 * tables-json-in-sync: every schema table against the newest change to it,
 * for the documents `docs` (ndocs 0: all of them).
 */
void mw_drift__check_tables(const mw_workspace *ws, char *const *docs, size_t ndocs,
			    mw_diags *diags);

#endif /* MWSCHEMA_DRIFT_INTERNAL_H */
