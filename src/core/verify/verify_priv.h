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

#endif /* MWSCHEMA_VERIFY_PRIV_H */
