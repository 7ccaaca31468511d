/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A MediaWiki checkout: core or an extension, found from any directory
 * inside it, with its schema and change JSON files, the generated SQL paired
 * with each (spec §1: the name rule, overruled by the "-- Source:" header),
 * and the updater files that register patches with the installer (spec §10).
 *
 * Where the files live is learnt from what the checkout itself declares,
 * first match wins per directory:
 *   1. .mwschemarc at the root (see mwschemarc(5)):
 *        set schema-dir = repo/sql/abstract       (may be repeated)
 *        set sql-dir = repo/sql/%(platform)       (for the schema-dir above)
 *        set change-dir = repo/sql/abstractSchemaChanges
 *        set change-sql-dir = repo/sql/%(platform)/archives
 *        set platforms = mysql sqlite
 *        set updater = path/to/Handler.php[::method]
 *   2. MediaWiki's CI test: a subclass of AbstractSchemaTestBase names the
 *      schema and change directories and the SQL directory per platform;
 *   3. the LoadExtensionSchemaUpdates handlers of extension.json,
 *      extension-*.json or skin.json: the SQL files they register (paths
 *      built with __DIR__, $dbType, helper methods), the JSON those files
 *      name in their "-- Source:" line, and the platforms they run for;
 *   4. conventional folders (sql, db_patches, schema, schemas, db).
 * MySQL's files sit in the schema directory itself when it has no mysql/
 * folder, as MediaWiki's generator does.
 *
 * Paths in the model are relative to the checkout's root, which is also how
 * MediaWiki's normalizePath() spells them in the "-- Source:" header.
 */
#ifndef MWSCHEMA_WORKSPACE_H
#define MWSCHEMA_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
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
	MW_WS_SQL_NONE,		/* the checkout generates nothing for this platform */
} mw_ws_sql_state;

typedef struct mw_ws_sql {
	char *rel;		/* e.g. "sql/mysql/patch-x.sql" */
	mw_dbms dbms;
	char *source;		/* the "-- Source:" label as written; NULL when hand-written */
	char *owner;		/* the JSON that label names (rel of a document); NULL if none */
	bool paired;		/* claimed by a document */
} mw_ws_sql;

/* A directory of JSON files and where their generated SQL goes. */
typedef struct mw_ws_dir {
	char *json;				/* "sql", "repo/sql/abstract" */
	char *sql[MW_DBMS__COUNT];		/* "sql/mysql", "sql"; NULL: not for that platform */
	char *origin;				/* what declared it, for people */
	int updater;				/* index in updaters, -1 for none */
} mw_ws_dir;

/* A file the installer is told to run, as an updater handler names it. */
typedef struct mw_ws_reg {
	char *path;		/* root-relative; '*' where the handler computes a part */
	unsigned dbms;		/* bit per mw_dbms */
	char *verb;		/* "addField", ...; NULL when unknown */
	char *table;
	char *name;		/* field or index */
} mw_ws_reg;

/* A LoadExtensionSchemaUpdates handler (or core's updater of one platform). */
typedef struct mw_ws_updater {
	char *file;		/* relative */
	char *method;		/* where entries go */
	mw_ws_reg *regs;	/* what it registers (extensions only) */
	size_t nregs;
	unsigned platforms;	/* the platforms it registers anything for; 0 = unknown */
} mw_ws_updater;

typedef struct mw_ws_doc {
	char *rel;				/* the JSON file, also its Source label */
	mw_doc *doc;				/* NULL when it did not load */
	char *sql[MW_DBMS__COUNT];		/* the generated file, existing or to be;
						   NULL: the platform is not generated */
	mw_ws_sql_state state[MW_DBMS__COUNT];
	int dir;				/* index in dirs */
	bool label_only[MW_DBMS__COUNT];	/* GENERATED, but its Source label is not rel */
} mw_ws_doc;

typedef struct mw_workspace {
	mw_ws_kind kind;
	char *root;				/* absolute, no trailing '/' */
	char *name;				/* extension name (escaped), "MediaWiki" for core */
	char **schema_dirs;			/* every dirs[].json, for compatibility */
	size_t nschema_dirs;
	mw_ws_dir *dirs;			/* where JSON and SQL live */
	size_t ndirs;
	mw_ws_updater *updaters;		/* extension handlers, or core's per platform */
	size_t nupdaters;
	char *updater[MW_DBMS__COUNT];		/* relative; NULL = none found */
	char *updater_method;			/* the function entries go into */
	mw_ws_doc *docs;			/* sorted by rel */
	size_t ndocs;
	mw_ws_sql *sqls;			/* every .sql in the dirs' SQL directories */
	size_t nsqls;
	char **looked;				/* what discovery read, for "no schema found" */
	size_t nlooked;
	struct mw_ws_index *index;		/* lookups by name (private) */
	char *release;				/* core: the release in development
						   ("1.45", includes/Defines.php); NULL
						   when unknown */
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

/* The directory entry of a document (NULL if none), and its updater (NULL if none). */
const mw_ws_dir *mw_workspace_doc_dir(const mw_workspace *ws, const mw_ws_doc *doc);
const mw_ws_updater *mw_workspace_doc_updater(const mw_workspace *ws, const mw_ws_doc *doc,
					      mw_dbms dbms);
/* The updater of the JSON at `rel` (which need not exist yet), or NULL. */
const mw_ws_updater *mw_workspace_json_updater(const mw_workspace *ws, const char *rel,
					       mw_dbms dbms);
/*
 * What updater `u` registers, read from its PHP text `php` and indexed once:
 * mw_workspace_registry_has says whether it registers `sql_rel`, by the
 * file's name in the text, as a path its calls build (helper methods
 * included), or as the same verb on the same table and field ("addField",
 * table, name) under another file: a second entry would run the change
 * twice. `u` may be NULL (names only); the registry borrows u's entries.
 */
typedef struct mw_ws_registry mw_ws_registry;
mw_ws_registry *mw_workspace_registry_new(const mw_ws_updater *u, const char *php, size_t len);
bool mw_workspace_registry_has(const mw_ws_registry *r, const char *sql_rel, const char *verb,
			       const char *table, const char *name);
void mw_workspace_registry_free(mw_ws_registry *r);

/*
 * The registries of one run, one per updater, each built on first use:
 * check and review ask about every change of a checkout or a commit.
 * `read` fills `out` with the file at root-relative `rel` and returns 0 (the
 * work tree, or a git revision); an unreadable file gives NULL.
 */
typedef int (*mw_ws_read_fn)(mw_buf *out, const char *rel, void *arg);
typedef struct mw_ws_registries {
	const mw_ws_updater **who;
	mw_ws_registry **reg;
	size_t n;
} mw_ws_registries;

#define MW_WS_REGISTRIES_INIT { NULL, NULL, 0 }

const mw_ws_registry *mw_workspace_registries_get(mw_ws_registries *c, const mw_ws_updater *u,
						  mw_ws_read_fn read, void *arg);
void mw_workspace_registries_clear(mw_ws_registries *c);
/* The entry whose JSON directory is `dir` (relative), or NULL. */
const mw_ws_dir *mw_workspace_json_dir(const mw_workspace *ws, const char *dir);
/* The entry whose SQL directory of some platform holds `sql_rel` (*dbms set), or NULL. */
const mw_ws_dir *mw_workspace_sql_dir(const mw_workspace *ws, const char *sql_rel,
				      mw_dbms *dbms);
/*
 * The layout's name for the SQL of JSON `rel` (in `dir`, which may be NULL:
 * the conventional one is used) for `dbms`; NULL when the platform is not
 * generated there. Caller frees.
 */
char *mw_workspace_sql_path(const mw_workspace *ws, const char *rel, mw_doc_kind kind,
			    mw_dbms dbms);

/*
 * Source labels. MediaWiki writes the JSON's path relative to the
 * extension's root (normalizePath), but older files say "./sql/tables.json",
 * "tables.json" (relative to sql/), "extensions/X/sql/tables.json", an
 * absolute install path or "db\tables.json". mw_workspace_label_clean gives
 * the label with '\' as '/', "./" and ".." resolved and anything up to
 * "extensions/<Name>/" dropped. mw_workspace_label_score says how well it
 * names root-relative `rel`: 3 exactly, 2 as a tail of rel ("tables.json"),
 * 1 rel is a tail of it (an install path), 0 not at all.
 */
char *mw_workspace_label_clean(const char *label);
int mw_workspace_label_score(const char *label, const char *rel);
/* The document whose path the label names best (`near`: a path to prefer close to), or NULL. */
const mw_ws_doc *mw_workspace_label_doc(const mw_workspace *ws, const char *label,
					const char *near);

/* True when the checkout holds no schema or change JSON at all. */
bool mw_workspace_empty(const mw_workspace *ws);
/* "looked for: A, B, C" for the message saying that nothing was found. */
void mw_workspace_describe_search(mw_buf *out, const mw_workspace *ws);
/* One line per directory entry and updater: what discovery found, and why. */
void mw_workspace_describe(mw_buf *out, const mw_workspace *ws);

/*
 * The name rule: where the generated SQL of JSON `rel` goes for `dbms`
 * ("sql/abstractSchemaChanges/patch-x.json" -> "sql/mysql/patch-x.sql",
 * "schema/tables.json" -> "schema/mysql/tables-generated.sql"). Caller frees.
 */
char *mw_workspace_sql_name(const char *rel, mw_doc_kind kind, mw_dbms dbms);

/* The "-- Source:" label of generated SQL text, NULL when it has no generated header. */
char *mw_workspace_sql_source(const char *text, size_t len);

#endif /* MWSCHEMA_WORKSPACE_H */
