/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to src/core/verify*.c: the sample-row generator.
 */
#ifndef MWSCHEMA_VERIFY_PRIV_H
#define MWSCHEMA_VERIFY_PRIV_H

#include "mwschema/verify.h"

struct sample_ctx {
	const mw_engine *engine;
	const mw_table *before;		/* the table the rows go into */
	const mw_table *after;		/* its unique keys limit the rows too (may be NULL) */
	const mw_shape *shape;		/* `before` as the engine created it */
};

/* Appends one literal for column `c`, row `row` (0-based), in `dbms`'s syntax. */
void mw_verify_sample_value(mw_buf *out, const mw_column *c, mw_dbms dbms, size_t row);
/* Appends INSERT statements for the sample rows; returns how many. */
size_t mw_verify_sample_inserts(mw_buf *sql, const struct sample_ctx *ctx);

/*
 * The guard (verify_guard.c). 0 when every quoted value of `t` reads back
 * as one string on `dbms`, else -1 with the column and the reason in why;
 * the same for the command line's prefix and table options; and the
 * statements of generated `sql` as `dbms` reads them, refused (-1, message)
 * unless there are exactly `expected` of them (0: any number).
 */
int mw_verify__table_safe(const mw_table *t, mw_dbms dbms, mw_buf *why);
int mw_verify__opts_safe(const mw_verify_opts *o, mw_buf *why);
int mw_verify__split_as_generated(char ***out, const char *sql, mw_dbms dbms, size_t expected,
				  mw_buf *err);

#endif /* MWSCHEMA_VERIFY_PRIV_H */
