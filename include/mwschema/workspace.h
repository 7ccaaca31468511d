/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A MediaWiki checkout: core or an extension, found from any directory
 * inside it, with its schema and change JSON files, the generated SQL paired
 * with each (spec §1: the name rule, overruled by the "-- Source:" header),
 * and the updater files that register patches with the installer (spec §10).
 *
 * Unusual layouts are described in the root's .mwschemarc:
 *   set schema-dir = path/to/dir     (may be repeated)
 *   set updater = path/to/Handler.php[::method]
 * Paths in the model are relative to the checkout's root, which is also how
 * MediaWiki spells them in the "-- Source:" header.
 */
#ifndef MWSCHEMA_WORKSPACE_H
#define MWSCHEMA_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/model.h"

typedef enum mw_ws_kind {
	MW_WS_CORE,
	MW_WS_EXTENSION,
} mw_ws_kind;

/* What sits where a document's generated SQL file should be. */
typedef enum mw_ws_sql_state {
	MW_WS_SQL_MISSING,	/* nothing yet */
	MW_WS_SQL_GENERATED,	/* a generated file naming this document as its source */
	MW_WS_SQL_FOREIGN,	/* a hand-written file, or one generated from another JSON: never touched */
} mw_ws_sql_state;

typedef struct mw_ws_sql {
	char *rel;		/* e.g. "sql/mysql/patch-x.sql" */
	mw_dbms dbms;
	char *source;		/* the "-- Source:" label; NULL when hand-written */
	bool paired;		/* claimed by a document */
} mw_ws_sql;

typedef struct mw_ws_doc {
	char *rel;				/* the JSON file, also its Source label */
	mw_doc *doc;				/* NULL when it did not load */
	char *sql[MW_DBMS__COUNT];		/* the generated file, existing or to be */
	mw_ws_sql_state state[MW_DBMS__COUNT];
} mw_ws_doc;

typedef struct mw_workspace {
	mw_ws_kind kind;
	char *root;				/* absolute, no trailing '/' */
	char *name;				/* extension name, "MediaWiki" for core */
	char **schema_dirs;			/* relative: "sql", "db_patches", ... */
	size_t nschema_dirs;
	char *updater[MW_DBMS__COUNT];		/* relative; NULL = none found */
	char *updater_method;			/* the function entries go into */
	mw_ws_doc *docs;			/* sorted by rel */
	size_t ndocs;
	mw_ws_sql *sqls;			/* every .sql in <schema-dir>/<platform>/ */
	size_t nsqls;
} mw_workspace;

/*
 * Finds the checkout containing `dir` and reads it. Documents that fail to
 * load are kept (doc NULL) with their problems in `diags`. Returns 0, or -1
 * with a diagnostic when `dir` is not inside a MediaWiki checkout.
 */
int mw_workspace_open(mw_workspace **out, const char *dir, mw_diags *diags);
void mw_workspace_free(mw_workspace *ws);
/*
 * The root of the checkout containing `dir` (absolute, caller frees) and
 * its kind, without reading it; NULL when `dir` is in no checkout.
 */
char *mw_workspace_find_root(const char *dir, mw_ws_kind *kind);

const char *mw_workspace_kind_name(mw_ws_kind kind);	/* "core", "extension" */
/* root + "/" + rel (caller frees). */
char *mw_workspace_path(const mw_workspace *ws, const char *rel);
/* The document with that relative path, or NULL. */
mw_ws_doc *mw_workspace_doc(const mw_workspace *ws, const char *rel);
/* The table `name` in the schema documents (borrowed), and which document holds it. */
const mw_table *mw_workspace_table(const mw_workspace *ws, const char *name,
				   const mw_ws_doc **in);

/*
 * The name rule: where the generated SQL of JSON `rel` goes for `dbms`
 * ("sql/abstractSchemaChanges/patch-x.json" -> "sql/mysql/patch-x.sql",
 * "schema/tables.json" -> "schema/mysql/tables-generated.sql"). Caller frees.
 */
char *mw_workspace_sql_name(const char *rel, mw_doc_kind kind, mw_dbms dbms);

/* The "-- Source:" label of generated SQL text, NULL when it has no generated header. */
char *mw_workspace_sql_source(const char *text, size_t len);

#endif /* MWSCHEMA_WORKSPACE_H */
