/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The demo checkout that `mwschema --demo` and the tutorial edit: a copy of
 * the shipped demo/ as a git repository of its own (one commit), so that
 * writing and committing in it touch nothing else.
 */
#ifndef MWSCHEMA_EDITOR_DEMO_H
#define MWSCHEMA_EDITOR_DEMO_H

#include "mwschema/buf.h"

/* Copies the demo into a new temporary directory; *out is its path (caller frees). */
int demo_copy(char **out, mw_buf *err);
/* The same into `dir` (created when missing). 0 or -1 with err. */
int demo_copy_to(const char *dir, mw_buf *err);

#endif /* MWSCHEMA_EDITOR_DEMO_H */
