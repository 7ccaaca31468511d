/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the drift files.
 */
#ifndef MWSCHEMA_DRIFT_INTERNAL_H
#define MWSCHEMA_DRIFT_INTERNAL_H

#include "mwschema/drift.h"

/* tables-json-in-sync: every schema table against the newest change to it. */
void mw_drift__check_tables(const mw_workspace *ws, mw_diags *diags);

#endif /* MWSCHEMA_DRIFT_INTERNAL_H */
