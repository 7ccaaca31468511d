/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reviewing schema changes: what a commit, a range, a branch or one change
 * file of the work tree does to the database, with everything a reviewer
 * checks: the before/after of the table, the SQL per platform and its
 * rollback, whether the committed SQL is what the JSON generates, lint
 * findings, an SQLite round trip, and the updater entries.
 *
 * A review is computed once (mw_review_open) and is then a read-only list of
 * items, one per schema change (or schema file) it touches, that a front end
 * pages through by index: the CLI prints them all, the UI shows one at a
 * time (`]` / `[` move to the next / previous index). Every status a front
 * end shows is computed here, including whether it is a problem, so front
 * ends only render. Files are read at the reviewed revision (from git, never
 * from the work tree), except in file mode, which reads the work tree.
 *
 * Paths are relative to the checkout's root, as in mwschema/workspace.h.
 * The checkout's layout (schema directories, updater files) is the work
 * tree's.
 */
#ifndef MWSCHEMA_REVIEW_H
#define MWSCHEMA_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/dbms.h"
#include "mwschema/diag.h"
#include "mwschema/diff.h"
#include "mwschema/json.h"
#include "mwschema/plan.h"
#include "mwschema/verify.h"

typedef enum mw_review_kind {
	MW_REVIEW_CHANGE,	/* a schema-change JSON ({before, after}) */
	MW_REVIEW_SCHEMA,	/* a schema file (tables.json) or a single-table file */
} mw_review_kind;

/* How the reviewed revision touches the item's JSON. */
typedef enum mw_review_touch {
	MW_REVIEW_ADDED,
	MW_REVIEW_MODIFIED,
	MW_REVIEW_SQL_ONLY,	/* the JSON is unchanged, only its SQL files changed */
	MW_REVIEW_FILE,		/* file mode: the work tree's file */
} mw_review_touch;

/* The committed SQL file of one platform against what the JSON generates. */
typedef enum mw_review_sync {
	MW_REVIEW_SYNC_EQUAL,		/* byte-for-byte what the JSON generates */
	MW_REVIEW_SYNC_LAYOUT,		/* differs in whitespace only: in sync as CI sees it */
	MW_REVIEW_SYNC_DIFFERS,		/* stale or edited by hand (first_line says where) */
	MW_REVIEW_SYNC_MISSING,		/* the JSON generates SQL, no file is there */
	MW_REVIEW_SYNC_HANDWRITTEN,	/* a file without the generated header (or naming
					   another source) where the generated one belongs */
	MW_REVIEW_SYNC_NONE,		/* the platform sees no change and has no file: fine */
	MW_REVIEW_SYNC_EXTRA,		/* the platform sees no change, yet a generated file exists */
	MW_REVIEW_SYNC_UNKNOWN,		/* the JSON did not load: nothing to compare */
	MW_REVIEW_SYNC_LABEL,		/* generated, but its "-- Source:" line is not
					   MediaWiki's spelling of the JSON's path */
	MW_REVIEW_SYNC_NOT_HERE,	/* the checkout generates nothing for this platform */
} mw_review_sync;

/* Is the patch registered with the updater for this platform? */
typedef enum mw_review_updater {
	MW_REVIEW_UPD_PRESENT,		/* the updater file names the patch */
	MW_REVIEW_UPD_MISSING,
	MW_REVIEW_UPD_NO_PATCH,		/* no SQL for this platform: nothing to register */
	MW_REVIEW_UPD_NO_FILE,		/* no updater file in this checkout (not checked) */
	MW_REVIEW_UPD_NA,		/* schema files are not registered */
} mw_review_updater;

/* What one platform makes of the item. */
typedef struct mw_review_sql {
	char *path;		/* the committed file (found by its header or the name rule) */
	char *generated;	/* what the JSON generates; NULL when nothing (or not loaded) */
	char *rollback;		/* changes: the rollback file (mw_gen_rollback); else NULL */
	mw_review_sync sync;
	int first_line;		/* DIFFERS: the first line that differs (1-based) */
	char *committed_line;	/* DIFFERS: that line in the committed file ("" past its end) */
	char *generated_line;	/* DIFFERS: that line in the generated SQL */
	mw_review_updater updater;
	char *updater_file;	/* the file looked in, NULL when none */
	char *updater_hint;	/* MISSING: the entry to add, ready to paste */
	bool problem;		/* sync or updater status that needs the author */
} mw_review_sql;

/* Where the item's table stands in the schema file at the same revision. */
typedef enum mw_review_schema_state {
	MW_REVIEW_SCHEMA_NA,		/* schema items, or the change did not load */
	MW_REVIEW_SCHEMA_IN_SYNC,	/* the schema table equals `after` (comments aside) */
	MW_REVIEW_SCHEMA_BEHIND,	/* it still equals `before`: `after` was not copied in */
	MW_REVIEW_SCHEMA_OTHER,		/* equals neither (a later change, or an edit) */
	MW_REVIEW_SCHEMA_ABSENT,	/* a created table that no schema file lists */
	MW_REVIEW_SCHEMA_LEFT,		/* a dropped table still in the schema file */
} mw_review_schema_state;

/* One line of the before/after table: a column, an index or the primary key. */
typedef struct mw_review_row {
	char mark;		/* ' ' same, '+' added, '-' dropped, '~' changed */
	const char *what;	/* "table", "column", "index", "primary key" (static) */
	char *name;
	char *before;		/* the abstract declaration, NULL when absent */
	char *after;
} mw_review_row;

/* Bits of mw_review_item.problems and mw_review.problems. */
enum mw_review_problem {
	MW_REVIEW_P_LOAD = 1u << 0,	/* the JSON does not load */
	MW_REVIEW_P_LINT = 1u << 1,	/* lint errors */
	MW_REVIEW_P_DRIFT = 1u << 2,	/* committed SQL differs, is missing or extra */
	MW_REVIEW_P_ROUNDTRIP = 1u << 3,	/* the SQLite round trip failed */
	MW_REVIEW_P_UPDATER = 1u << 4,	/* an updater entry is missing */
	MW_REVIEW_P_SCHEMA = 1u << 5,	/* the schema file does not follow the change */
};

typedef struct mw_review_item {
	mw_review_kind kind;
	mw_review_touch touch;
	char *path;			/* the JSON, root-relative */
	char *title;			/* "add-column wd_note to widget", "schema: 12 tables" */
	char *comment;			/* the change's comment, NULL when none */
	mw_doc *doc;			/* fully loaded; NULL when it did not load */
	mw_diags load_errors;		/* why it did not load */
	mw_diags findings;		/* lint findings the revision introduces, sorted */
	size_t known_findings;		/* schema files: findings the file had before, not listed */
	mw_review_row *rows;		/* changes: the before/after table */
	size_t nrows;
	mw_change_plan *plan;		/* changes that load: their analysis (plan.h) */
	mw_review_sql sql[MW_DBMS__COUNT];
	bool roundtrip_ran;		/* changes that loaded */
	mw_verify_result roundtrip;	/* SQLite, in memory, patch then rollback */
	mw_review_schema_state schema_state;
	char *schema_file;		/* the schema file holding the table, NULL when none */
	unsigned problems;		/* MW_REVIEW_P_* bits */
} mw_review_item;

typedef struct mw_review_commit {
	char oid[41];
	char *subject;
	char *author;
} mw_review_commit;

typedef struct mw_review {
	char *title;			/* "abc1234 Add field ...", "main..topic (3 commits)",
					   or the file in file mode */
	char *root;			/* the checkout's root (absolute) */
	char tip[41];			/* the reviewed revision; "" in file mode */
	char base[41];			/* what it is compared with; "" = empty tree / file mode */
	mw_review_commit *commits;	/* newest first; none in file mode */
	size_t ncommits;
	mw_review_item *items;		/* in path order: changes first, then schema files */
	size_t nitems;
	size_t nfiles;			/* files the revision changes (all of them) */
	unsigned problems;		/* the union of the items' bits */
} mw_review;

typedef struct mw_review_opts {
	const char *dir;	/* any directory inside the checkout; NULL = "." */
	const char *rev;	/* NULL = HEAD; a commit, "A..B", or a branch (mw_git_range_read) */
	const char *file;	/* review this change file of the work tree instead (rev ignored) */
	bool no_roundtrip;	/* skip the SQLite round trip */
} mw_review_opts;

/*
 * Computes the review. Returns 0 (*out owns it; it may have no items);
 * -1 with a sentence in err when dir is not in a checkout or the file cannot
 * be read; an MW_GIT_E* code (mwschema/git.h; MW_GIT_EREV for a bad
 * revision) with a sentence in err for git failures. Problems of the
 * reviewed change are never errors: they are in the items.
 */
int mw_review_open(mw_review **out, const mw_review_opts *opts, mw_buf *err);
void mw_review_free(mw_review *review);

/* True when nothing needs the author's attention (problems == 0). */
bool mw_review_ok(const mw_review *review);
/* The item at `index`, or NULL past the end. */
const mw_review_item *mw_review_item_at(const mw_review *review, size_t index);
/*
 * The index `delta` items away from `index` (+1 for `]`, -1 for `[`),
 * clamped to the list. Returns `index` itself when there is nowhere to go.
 */
size_t mw_review_step(const mw_review *review, size_t index, long delta);

/* Stable short names for front ends and tests. */
const char *mw_review_kind_name(mw_review_kind kind);		/* "change", "schema" */
const char *mw_review_touch_name(mw_review_touch touch);	/* "added", "modified", ... */
const char *mw_review_sync_name(mw_review_sync sync);		/* "in sync", "differs", ... */
const char *mw_review_updater_name(mw_review_updater u);	/* "present", "missing", ... */
const char *mw_review_schema_state_name(mw_review_schema_state s);
/* Each set bit of `problems` as words, joined with ", " ("drift, lint errors"). */
void mw_review_problems_describe(mw_buf *out, unsigned problems);

/*
 * Renderings. Text is for terminals and pagers (one block per item; the UI
 * can show mw_review_item_text for the current item); markdown is the
 * summary to paste into Gerrit or GitHub: a heading per item, a status table
 * per platform, the findings as a list, and the SQL and rollback per
 * platform in collapsible <details> blocks. Both append to `out`.
 */
void mw_review_text(mw_buf *out, const mw_review *review);
void mw_review_item_text(mw_buf *out, const mw_review *review, const mw_review_item *item);
void mw_review_markdown(mw_buf *out, const mw_review *review);

#endif /* MWSCHEMA_REVIEW_H */
