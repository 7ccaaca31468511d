/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Placeholder generators until the real ones land: header only.
 */
#include <config.h>

#include "mwschema/gen.h"

int
mw_gen_schema(mw_buf *out, const mw_schema *schema, mw_dbms dbms, const char *source_label,
	      unsigned flags)
{
	(void)schema;
	(void)dbms;
	(void)flags;
	mw_buf_addf(out, "-- Source: %s\n", source_label);
	return 0;
}

int
mw_gen_change(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms,
	      const char *source_label, unsigned flags)
{
	(void)before;
	(void)after;
	(void)dbms;
	(void)flags;
	mw_buf_addf(out, "-- Source: %s\n", source_label);
	return 0;
}
