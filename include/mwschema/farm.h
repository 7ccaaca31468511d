/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Wiki farms: the schema of a whole wiki (a core checkout plus extension
 * checkouts), the SQL that creates it or upgrades a database made at an
 * older revision, and the audit of live databases against it.
 *
 * A farm schema is read with the same discovery as `check` (one workspace
 * per directory), either from the work trees or from each checkout's git
 * repository at a revision. Every SQL text comes from the generators
 * (mwschema/gen.h) with MediaWiki's placeholders filled: what `provision`
 * and `upgrade` print, and what `audit --fix` prints for a drifting table,
 * are the CREATE and ALTER statements MediaWiki's own scripts would write
 * for the same before/after pair.
 *
 * An audit reads each live table from the catalog (mwschema/engine.h),
 * turns it back into a table of the abstract model, and diffs it with the
 * schema's table on that platform (mwschema/diff.h): the findings and the
 * fix are two views of that one diff.
 */
#ifndef MWSCHEMA_FARM_H
#define MWSCHEMA_FARM_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/engine.h"
#include "mwschema/model.h"
#include "mwschema/report.h"

/*
 * The schema of a wiki
 */

/*
 * One schema file of a component: its tables are farm tables [first, first +
 * ntables). A table another file already defines the same way (CheckUser
 * keeps single-table files beside its tables.json) is counted in `nsame`.
 */
typedef struct mw_farm_file {
	char *rel;		/* relative to the component's root */
	size_t first;
	size_t ntables;
	size_t nsame;
} mw_farm_file;

typedef struct mw_farm_source {
	char *name;		/* "MediaWiki", or the extension's name */
	bool core;
	char *root;		/* absolute */
	char *revision;		/* "REL1_43 @ 0123456789ab", "0123456789ab (modified)";
				   NULL outside git */
	mw_farm_file *files;
	size_t nfiles;
} mw_farm_source;

typedef struct mw_farm_schema {
	mw_farm_source *sources;	/* in the order the directories were given */
	size_t nsources;
	mw_schema schema;		/* every table, owned, in source then file order */
	const char *rev;		/* the revision read (NULL = the work trees) */
} mw_farm_schema;

/*
 * Reads the schema files of the checkouts containing `dirs`: from the work
 * trees (rev NULL), or as they are at `rev` in each checkout's git
 * repository (the work tree's schema folders, listed at that revision).
 * Problems (a directory that is no checkout, a file that does not load, a
 * table two files define differently, a revision a repository lacks) go to `diags`
 * as errors; returns 0, or -1 when any error was found.
 */
int mw_farm_schema_load(mw_farm_schema *out, char *const *dirs, size_t ndirs, const char *rev,
			mw_diags *diags);
void mw_farm_schema_clear(mw_farm_schema *s);
/* The component that defines table `i` of out->schema. */
const mw_farm_source *mw_farm_table_source(const mw_farm_schema *s, size_t i,
					   const mw_farm_file **file);

/* Placeholders and platform of every SQL text below. */
typedef struct mw_farm_sql_opts {
	mw_dbms dbms;
	const char *prefix;		/* table prefix; NULL = none (never on PostgreSQL) */
	const char *table_options;	/* NULL = MW_GEN_DEFAULT_TABLE_OPTIONS */
} mw_farm_sql_opts;

/*
 * provision: one apply-ready script creating every table, with one header
 * naming each component, its revision and its schema files. Appends to out.
 */
void mw_farm_provision(mw_buf *out, const mw_farm_schema *s, const mw_farm_sql_opts *o);

/*
 * upgrade: the DDL from the schema at `from` to the schema `to`. Per table
 * that both have and that differs, the generated change; tables only `to`
 * has are created; tables only `from` has are listed with a data-loss
 * warning, and dropped only with `drop`.
 */
typedef struct mw_farm_upgrade {
	size_t nchanged, ncreated, nunchanged;
	char **dropped;			/* tables `to` no longer has */
	size_t ndropped;
} mw_farm_upgrade;

void mw_farm_upgrade_sql(mw_buf *out, mw_farm_upgrade *res, const mw_farm_schema *from,
			 const mw_farm_schema *to, const mw_farm_sql_opts *o, bool drop);
void mw_farm_upgrade_clear(mw_farm_upgrade *res);

/*
 * Live tables back in the abstract model
 */

/*
 * The table a catalog shape describes on `dbms`, as a table of the model
 * whose generated declaration gives back that shape. `hint` (the schema's
 * table of that name, or NULL) settles what the catalog cannot tell apart:
 * where the live column, index or key is what the hint would create, the
 * hint's own definition is taken. A column of a type no abstract type
 * renders gets one that differs from the hint's, so that a diff still sees
 * it. `charset` is the MySQL character set tables are created with (NULL =
 * "binary", MediaWiki's default, under which VARCHAR becomes VARBINARY).
 * `name` is the table's name without prefix. Caller frees (mw_table_free).
 */
mw_table *mw_farm_live_table(const mw_shape *live, const char *name, const mw_table *hint,
			     mw_dbms dbms, const char *charset);

/*
 * What a fresh CREATE of column `c` on `dbms` reads back from the catalog,
 * in mw_shape_column's normalised spelling (integer display widths dropped
 * on MySQL); `in_pk`: the column is in the primary key (hence NOT NULL).
 * Free the fields with mw_farm_phys_clear.
 */
void mw_farm_phys_column(mw_shape_column *out, const mw_column *c, bool in_pk, mw_dbms dbms,
			 const char *charset);
void mw_farm_phys_clear(mw_shape_column *c);
/*
 * The index a CREATE of `ix` (an index of table `t`) gives, as the catalog
 * reads it back: on MySQL a prefix as long as the column is no prefix.
 * Free with mw_farm_phys_index_clear.
 */
void mw_farm_phys_index(mw_shape_index *out, const mw_index *ix, const mw_table *t, mw_dbms dbms,
			const char *charset);
void mw_farm_phys_index_clear(mw_shape_index *ix);
/* A catalog type spelt the same way as mw_farm_phys_column's (caller frees). */
char *mw_farm_phys_type(const char *catalog_type, mw_dbms dbms);

/*
 * The audit of one database
 */

typedef struct mw_audit_opts {
	mw_farm_sql_opts sql;		/* platform, prefix, table options */
	bool strict;			/* tables outside the schema count as drift */
	bool fix;			/* build the DDL */
} mw_audit_opts;

typedef struct mw_audit_db {
	char *name;			/* the database (SQLite: the file as given) */
	int status;			/* 0 as the schema, 1 drift, -1 not read (see error) */
	char *error;
	mw_diags findings;		/* file = name, path = "table" or "table/object" */
	char **drifted;			/* schema tables that differ or are missing */
	size_t ndrifted;
	char **outside;			/* live tables (with the prefix) the schema lacks */
	size_t noutside;
	size_t nother;			/* tables without the prefix (other wikis), not read */
	size_t ntables;			/* schema tables compared */
	mw_buf fix;			/* opts.fix: apply-ready DDL, "" when in step */
	double seconds;			/* wall time of this database's audit */
} mw_audit_db;

/*
 * Compares every table of the database `e` is attached to with `s`. Fills
 * *out (name is copied) and returns its status.
 */
int mw_audit_database(mw_audit_db *out, mw_engine *e, const char *name, const mw_farm_schema *s,
		      const mw_audit_opts *o);
void mw_audit_db_clear(mw_audit_db *db);

/* The rules audit findings carry (for SARIF), and how many. */
const mw_report_rule *mw_audit_rules(size_t *n);

/*
 * Many databases: `jobs` connections (at least 1) audit `databases` in
 * parallel, each connection attached with `dsn` and moved from database to
 * database (SQLite: every entry is a file). `progress`, when not NULL, is
 * called after each database under a lock, with how many are done. Results
 * land in results[i] for databases[i]. Returns 0, or -1 when not even one
 * connection could be made (message in err).
 */
typedef void (*mw_audit_progress)(void *arg, size_t done, size_t total, const mw_audit_db *db);

int mw_audit_run(mw_audit_db *results, const char *dsn, char *const *databases, size_t n,
		 const mw_farm_schema *s, const mw_audit_opts *o, unsigned jobs,
		 mw_audit_progress progress, void *arg, mw_buf *err);

#endif /* MWSCHEMA_FARM_H */
