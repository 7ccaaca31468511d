/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQL generation, byte-exact with MediaWiki's generateSchemaSql.php and
 * generateSchemaChangeSql.php: one generator per platform behind one
 * interface, the pretty-printer and MediaWiki's clean-up, and the header.
 */
#ifndef MWSCHEMA_GEN_H
#define MWSCHEMA_GEN_H

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/model.h"

/* Returned by mw_gen_change when the platform sees no difference. */
#define MW_GEN_NOCHANGE 1

enum mw_gen_flags {
	MW_GEN_NO_HEADER = 1u << 0,	/* leave out the four header lines */
	MW_GEN_ROLLBACK = 1u << 1,	/* header says the file is a rollback */
};

/*
 * The complete file for a schema (CREATE statements of every table, in
 * order), ending in exactly one newline. `source_label` is the text after
 * "-- Source: ". Returns 0.
 */
int mw_gen_schema(mw_buf *out, const mw_schema *schema, mw_dbms dbms,
		  const char *source_label, unsigned flags);

/*
 * The complete file for a change from `before` to `after` (either may be
 * NULL: create / drop). Returns 0, or MW_GEN_NOCHANGE (out untouched) when
 * the platform sees no difference, as MediaWiki's "No schema changes
 * detected!".
 */
int mw_gen_change(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms,
		  const char *source_label, unsigned flags);

#endif /* MWSCHEMA_GEN_H */
