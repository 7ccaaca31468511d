/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQL pretty-printer (doctrine/sql-formatter 1.5 format(), spec §7),
 * MediaWiki's clean-up of its output (spec §8.2), and the identifier-quoting
 * word lists of each platform (spec §4.2).
 */
#ifndef MWSCHEMA_SQLFMT_H
#define MWSCHEMA_SQLFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"

/* Appends the pretty-printed form of `sql` (len bytes) to `out`. */
void mw_sqlfmt_format(mw_buf *out, const char *sql, size_t len);

/*
 * Appends MediaWiki's clean-up of printer output `text` for `dbms` to `out`,
 * including the final newline rule (spec §8.2 steps 1-8).
 */
void mw_sqlfmt_cleanup(mw_buf *out, const char *text, size_t len, mw_dbms dbms);

/*
 * MediaWiki CI's test of a committed generated file against a fresh one
 * (spec §12): equal once both texts went through the pretty-printer, so the
 * layout left by older generator versions is not a difference.
 */
bool mw_sql_same_when_printed(const char *a, size_t alen, const char *b, size_t blen);

/* True when `word` must be quoted as an identifier on `dbms` (case-insensitive). */
bool mw_sql_is_reserved(mw_dbms dbms, const char *word);

#endif /* MWSCHEMA_SQLFMT_H */
