/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between updater.c (entries) and updater_php.c (insertion).
 */
#ifndef MWSCHEMA_UPDATER_INTERNAL_H
#define MWSCHEMA_UPDATER_INTERNAL_H

#include "mwschema/updater.h"

/* The extension convenience method of a verb, NULL when there is none. */
const char *mw_updater__ext_method(mw_updater_verb verb);
/* Arguments after the verb as PHP expressions (caller frees with mw_strv_free). */
size_t mw_updater__args(char ***out, const mw_updater_entry *e, const char *path, bool raw);
void mw_updater__join(mw_buf *out, char *const *v, size_t n, const char *sep);
/* `s` escaped for the inside of a PHP string literal opened with `quote`. */
void mw_updater__php_escape(mw_buf *out, const char *s, char quote);

#endif /* MWSCHEMA_UPDATER_INTERNAL_H */
