/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQL generation, byte-exact with MediaWiki's generateSchemaSql.php and
 * generateSchemaChangeSql.php: one generator per platform behind one
 * interface, the pretty-printer and MediaWiki's clean-up, and the header.
 */
#ifndef MWSCHEMA_GEN_H
#define MWSCHEMA_GEN_H

#include <stdbool.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diff.h"
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

/*
 * The same from a diff already computed (mw_table_diff_compute; its dbms
 * is the platform), so that a caller holding the diff does not diff again.
 */
int mw_gen_change_diff(mw_buf *out, const mw_table_diff *d, const char *source_label,
		       unsigned flags);

/*
 * The raw statements (spec §5 steps 1-4: joined with ";\n\n", a final ";",
 * not pretty-printed, no header) appended to `out`. Return the number of
 * statements (0 for a change the platform does not see).
 */
size_t mw_gen_schema_raw(mw_buf *out, const mw_schema *schema, mw_dbms dbms);
size_t mw_gen_change_raw(mw_buf *out, const mw_table *before, const mw_table *after,
			 mw_dbms dbms);

/*
 * How many times this process has generated a change's SQL (forward or
 * rollback) for one platform: for benchmarks and tests.
 */
unsigned long mw_gen_change_count(void);

/*
 * Pretty-prints raw statements, applies MediaWiki's clean-up and prepends
 * the header (spec §5 steps 5-7). `is_change` selects the header's script
 * name. Appends to `out`.
 */
void mw_gen_finish(mw_buf *out, const char *raw, size_t len, mw_dbms dbms, bool is_change,
		   const char *source_label, unsigned flags);

/*
 * The rollback of a change (after -> before) as a complete file: like
 * mw_gen_change with the sides swapped and a rollback header, plus one
 * "-- WARNING: ..." line per step whose data the rollback cannot bring
 * back (the forward change dropped a column or a table). Returns 0 or
 * MW_GEN_NOCHANGE.
 */
int mw_gen_rollback(mw_buf *out, const mw_table *before, const mw_table *after, mw_dbms dbms,
		    const char *source_label, unsigned flags);

/*
 * The same from diffs already computed: `back` from after to before on the
 * platform, `forward` the change's summary (mw_table_diff_summary), which
 * names what the rollback cannot bring back.
 */
int mw_gen_rollback_diff(mw_buf *out, const mw_table_diff *back, const mw_table_diff *forward,
			 const char *source_label, unsigned flags);

/*
 * The rollback of a whole schema file: DROP TABLE of every table, last
 * table first, with a rollback header and a warning that all rows go.
 */
int mw_gen_schema_rollback(mw_buf *out, const mw_schema *schema, mw_dbms dbms,
			   const char *source_label, unsigned flags);

/*
 * The generated file's name for a JSON input (spec §1): "X-generated.sql"
 * for a schema "X.json" whose name starts with "tables", else "X.sql"
 * (change files: "patch-Y.json" -> "patch-Y.sql"); with `rollback`,
 * "X-rollback.sql". No directory part. Caller frees.
 */
char *mw_gen_output_name(const char *json_path, bool is_schema, bool rollback);

/* Default for mw_gen_apply_ready's table_options (MediaWiki's installer default). */
#define MW_GEN_DEFAULT_TABLE_OPTIONS "ENGINE=InnoDB, DEFAULT CHARSET=binary"

/*
 * Makes generated SQL runnable (spec §8.3): every table-prefix marker
 * becomes `prefix` (NULL = none) and every $wgDBTableOptions placeholder
 * becomes `table_options` (NULL = MW_GEN_DEFAULT_TABLE_OPTIONS). Appends
 * to `out`.
 */
void mw_gen_apply_ready(mw_buf *out, const char *sql, size_t len, const char *prefix,
			const char *table_options);

/*
 * Building blocks (spec §4): the type declaration, " DEFAULT ..." part and
 * whole declaration "<type>[ DEFAULT v][ NOT NULL]" of a column on `dbms`.
 * `name` is the column name as the declaration sees it (only PostgreSQL's
 * fixed mwenum type "<NAME>_ENUM" uses it). mw_gen_column_def writes
 * "<quoted name> <declaration>".
 */
void mw_gen_type_decl(mw_buf *out, const mw_column *c, mw_dbms dbms, const char *name);
void mw_gen_default_decl(mw_buf *out, const mw_column *c, mw_dbms dbms);
void mw_gen_column_decl(mw_buf *out, const mw_column *c, mw_dbms dbms, const char *name);
/*
 * The declaration as CREATE TABLE and DBAL's column comparator see it
 * (AbstractPlatform::columnToArray()): the enum type is named after the
 * quoted column name, and `version` counts only from PlatformOptions (in
 * CustomSchemaOptions it is ignored here, but ALTER's clauses, which use
 * Column::toArray(), see both bags merged).
 */
void mw_gen_create_decl(mw_buf *out, const mw_column *c, mw_dbms dbms);
/* "<quoted name> <declaration>"; `in_create` selects mw_gen_create_decl. */
void mw_gen_column_def(mw_buf *out, const mw_column *c, mw_dbms dbms, bool in_create);
/* `name`, quoted when reserved on `dbms` (backticks on MySQL, else "..."). */
void mw_gen_quote_ident(mw_buf *out, const char *name, mw_dbms dbms);
/* "'a','b'" and "<NAME>_ENUM" of an mwenum column. */
void mw_gen_enum_values(mw_buf *out, const mw_column *c);
void mw_gen_enum_type_name(mw_buf *out, const char *column_name);
/*
 * A string default as DBAL's quoteStringLiteral() writes it on `dbms`: `s`
 * in single quotes, quotes doubled; MySQL doubles backslashes as well.
 */
void mw_gen_quote_string(mw_buf *out, const char *s, mw_dbms dbms);
/* `s` in single quotes, quotes doubled, backslashes kept (PostgreSQL, SQLite). */
void mw_gen_quote_literal(mw_buf *out, const char *s);
/* PHP's is_numeric(). */
bool mw_gen_php_is_numeric(const char *s);

#endif /* MWSCHEMA_GEN_H */
