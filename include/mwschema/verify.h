/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Round-trip verification of a schema change on a real engine: does the
 * patch really turn `before` into `after`, keeping the data?
 *
 * Per engine, five steps: create `before` from its generated CREATE
 * statements, insert sample rows that respect types, defaults and unique
 * keys, apply the patch (generated, or given), compare the table read back
 * from the catalog with a fresh CREATE of `after`, and check that the sample
 * rows survived in the columns that were kept.
 */
#ifndef MWSCHEMA_VERIFY_H
#define MWSCHEMA_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/engine.h"
#include "mwschema/model.h"

typedef enum mw_verify_step {
	MW_VSTEP_CREATE,	/* create `before` */
	MW_VSTEP_ROWS,		/* insert sample rows */
	MW_VSTEP_PATCH,		/* apply the patch (and, for a round trip, the rollback) */
	MW_VSTEP_COMPARE,	/* compare with a fresh CREATE of the target table */
	MW_VSTEP_SURVIVE,	/* the sample rows survived in the kept columns */
	MW_VSTEP__COUNT
} mw_verify_step;

typedef enum mw_verify_status {
	MW_VERIFY_PASS,
	MW_VERIFY_FAIL,
	MW_VERIFY_SKIP,		/* not applicable (e.g. no `before` table), not a failure */
} mw_verify_status;

/* The default for mw_verify_opts.table_options. */
#define MW_VERIFY_TABLE_OPTIONS "ENGINE=InnoDB, DEFAULT CHARSET=binary"

typedef struct mw_verify_opts {
	const char *prefix;		/* replaces the table-prefix marker; NULL = "" */
	const char *table_options;	/* replaces the table-options marker; NULL = default */
	const char *patch_sql;		/* the patch to check; NULL = generate it */
	bool rollback;			/* apply the patch, then the generated rollback,
					   and compare with `before` */
	const char *label;		/* source label for generated headers */
} mw_verify_opts;

typedef struct mw_verify_result {
	mw_dbms dbms;
	mw_verify_status status[MW_VSTEP__COUNT];
	char *detail[MW_VSTEP__COUNT];	/* what happened, or the first difference */
	bool passed;			/* no step failed */
} mw_verify_result;

/* "create before", "insert sample rows", ... */
const char *mw_verify_step_title(mw_verify_step step);
const char *mw_verify_status_name(mw_verify_status st);	/* "ok", "FAIL", "skip" */

/*
 * Runs the five steps of `change` on `e` (which it resets with
 * mw_engine_fresh as needed). Always fills *out; returns 0 when every step
 * passed or was skipped, 1 when one failed.
 */
int mw_verify_change(mw_verify_result *out, mw_engine *e, const mw_change *change,
		     const mw_verify_opts *opts);
void mw_verify_result_clear(mw_verify_result *r);

/*
 * Compares a table read back after a patch (`got`) with a fresh CREATE
 * (`want`), column order aside. Returns the number of differences and
 * appends the first one, in words, to `first` (when not NULL).
 */
size_t mw_verify_compare_shapes(mw_buf *first, const mw_shape *got, const mw_shape *want);

/* The script with the two MediaWiki placeholders replaced. Caller frees. */
char *mw_verify_fill_placeholders(const char *sql, const char *prefix, const char *table_options);

/*
 * A whole schema: runs its generated (or opts->patch_sql, e.g. apply-ready
 * output), placeholder-filled SQL in one
 * namespace, or, when `existing` is true, takes the tables already in the
 * engine's first namespace (a SQLite file opened with mw_engine_open), and
 * compares every table with a fresh CREATE of that table alone. The report
 * gets one line per table ("ok TABLE" or "FAIL TABLE: difference").
 * Returns the number of tables that failed, or -1 when the schema could not
 * be created at all (message in report).
 */
int mw_verify_schema(mw_buf *report, mw_engine *e, const mw_schema *schema,
		     const mw_verify_opts *opts, bool existing);

#endif /* MWSCHEMA_VERIFY_H */
