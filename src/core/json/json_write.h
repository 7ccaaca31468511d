/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the JSON module: model -> tree (json_build.c) for the writer
 * (json_write.c).
 */
#ifndef MWSCHEMA_JSON_WRITE_H
#define MWSCHEMA_JSON_WRITE_H

#include "json_load.h"

/* The document / one table as JSON trees allocated in `a` (no positions). */
jnode *jw_build_doc(struct jarena *a, const mw_doc *doc);
jnode *jw_build_table(struct jarena *a, const mw_table *t);

#endif /* MWSCHEMA_JSON_WRITE_H */
