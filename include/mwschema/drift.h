/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Drift between a checkout's JSON and what should follow from it: the
 * generated SQL files, tables.json against the newest change of each table,
 * and the updater entries of every patch. `check` reports it; `sync` applies
 * the fixes check found (regenerating files, adding updater entries).
 *
 * Generated files are compared the way MediaWiki's CI does (spec §12):
 * layout-only differences left by older generator versions are not drift,
 * unless MW_DRIFT_STRICT asks for byte-exact files. A file whose only
 * difference is its "-- Source:" line (written by an older or hand-run
 * generator) is its own finding, generated-source-label, which sync fixes.
 */
#ifndef MWSCHEMA_DRIFT_H
#define MWSCHEMA_DRIFT_H

#include <stddef.h>

#include "mwschema/diag.h"
#include "mwschema/report.h"
#include "mwschema/updater.h"
#include "mwschema/workspace.h"

#define MW_RULE_GENERATED "generated-in-sync"
#define MW_RULE_TABLES "tables-json-in-sync"
#define MW_RULE_UPDATER "updater-entry-missing"
#define MW_RULE_SOURCE "generated-source-label"

enum mw_drift_flags {
	MW_DRIFT_STRICT = 1u << 0,	/* whitespace differences count too */
};

typedef enum mw_fix_kind {
	MW_FIX_WRITE,		/* (re)write a generated SQL file */
	MW_FIX_UPDATER,		/* add an updater entry */
} mw_fix_kind;

typedef struct mw_fix {
	mw_fix_kind kind;
	char *doc;		/* the JSON it follows from (relative) */
	char *file;		/* the file it changes (relative) */
	char *content;		/* WRITE: the complete new file */
	size_t len;
	mw_updater_entry entry;	/* UPDATER */
} mw_fix;

typedef struct mw_drift {
	mw_fix *fixes;
	size_t nfixes;
} mw_drift;

/*
 * Appends one diagnostic per finding to `diags` (rules above; load problems
 * were reported by mw_workspace_open) and fills `out` with what sync would
 * do. With ndocs > 0 only what follows from the documents `docs` (relative
 * paths) is checked: their generated SQL and updater entries, the schema
 * tables of the schema documents among them, and whether the tables the
 * changes among them create are in a schema file. Each updater file is read
 * once. Returns 0.
 */
int mw_drift_check(mw_drift *out, const mw_workspace *ws, unsigned flags, char *const *docs,
		   size_t ndocs, mw_diags *diags);
void mw_drift_clear(mw_drift *drift);

/* The rules, for SARIF output. */
const mw_report_rule *mw_drift_report_rules(size_t *n);

typedef struct mw_sync_result {
	char **changed;		/* files written, relative to the root */
	size_t nchanged;
	char **done;		/* one sentence per action, for people */
	size_t ndone;
} mw_sync_result;

/*
 * Applies the fixes of `drift` (only those following from `docs` when
 * ndocs > 0). Updater entries with no safe insertion point become warnings
 * whose hint is the entry to paste. All new contents are prepared first; a
 * read-only target refuses the whole sync, and a failed write restores the
 * files already written, so nothing is left half-done. Returns 0 or -1
 * (error diagnostics say why).
 */
int mw_drift_apply(mw_sync_result *res, const mw_workspace *ws, const mw_drift *drift,
		   char *const *docs, size_t ndocs, mw_diags *diags);
void mw_sync_result_clear(mw_sync_result *res);

#endif /* MWSCHEMA_DRIFT_H */
