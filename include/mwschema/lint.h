/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Policy validation: MediaWiki's database policy and schema-change
 * guidelines as named rules with stable ids.
 *
 * Three kinds of rule: schema rules look at one table snapshot (every table of
 * a schema file, the `after` side of a change), change rules compare a
 * change's `before` with its `after`, and SQL rules read hand-written .sql
 * patches (files without the generated header). Each finding carries the
 * rule id, its severity (the rule's default unless configured), the file, a
 * JSON pointer to the offending part and the line:column of that part in
 * the file, a message and a hint.
 */
#ifndef MWSCHEMA_LINT_H
#define MWSCHEMA_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/code.h"
#include "mwschema/diag.h"
#include "mwschema/json.h"
#include "mwschema/plan.h"
#include "mwschema/rc.h"
#include "mwschema/report.h"

typedef enum mw_lint_scope {
	MW_LINT_SCOPE_SCHEMA,	/* any table snapshot */
	MW_LINT_SCOPE_CHANGE,	/* before / after */
	MW_LINT_SCOPE_SQL,	/* hand-written SQL */
} mw_lint_scope;

typedef struct mw_lint_rule {
	const char *id;			/* "pk-required" */
	mw_severity severity;		/* default severity */
	mw_lint_scope scope;
	const char *summary;		/* one line */
	const char *explanation;	/* why the rule exists and how to fix it */
} mw_lint_rule;

/* The rule table, in a stable order. */
size_t mw_lint_rule_count(void);
const mw_lint_rule *mw_lint_rule_at(size_t i);
const mw_lint_rule *mw_lint_rule_find(const char *id);
const char *mw_lint_scope_name(mw_lint_scope scope);	/* "schema", "change", "sql" */
/* The rule table as SARIF wants it (static storage, `n` entries). */
const mw_report_rule *mw_lint_report_rules(size_t *n);

/* A linter: configuration plus the other tables it may consult. */
typedef struct mw_lint mw_lint;

mw_lint *mw_lint_new(void);
void mw_lint_free(mw_lint *lint);

/*
 * Applies `set lint.<rule> = off|info|warning|error` and `lint-ignore RULE
 * GLOB` from `rc`; unknown rules and values are reported (file:line) in
 * diags and skipped. Returns the number of bad lines.
 */
int mw_lint_configure(mw_lint *lint, const mw_rc *rc, mw_diags *diags);
/* Overrides one rule; 0, or -1 for an unknown id. */
int mw_lint_set_rule(mw_lint *lint, const char *id, bool enabled, mw_severity sev);
/* Findings of `rule` ("*" = all) in files matching fnmatch `glob` are dropped. */
void mw_lint_ignore(mw_lint *lint, const char *rule, const char *glob);

/*
 * The other tables of a checkout that the schema-wide rules (ref-unsigned,
 * index-name-unique) consult, e.g. tables.json when linting a change file.
 * A view for one call: the linter keeps no pointer into it, so a schema may
 * be freed or replaced between calls.
 */
typedef struct mw_lint_others {
	const mw_schema **schemas;	/* the array is owned, the schemas borrowed */
	size_t n;
	const mw_code *code;		/* the checkout's PHP (code.h) for code-still-uses,
					   or NULL: that rule is then silent */
} mw_lint_others;
#define MW_LINT_OTHERS_INIT { NULL, 0, NULL }

void mw_lint_others_add(mw_lint_others *others, const mw_schema *schema);
void mw_lint_others_release(mw_lint_others *others);

/*
 * Whether linting `doc` would look at the checkout's code: a change that
 * drops or renames a table, column or index, with code-still-uses enabled.
 * Callers index the code (mw_code_scan_dir) only then. `plan`, when the
 * caller holds the change's plan, saves diffing the change again.
 */
bool mw_lint_needs_code(const mw_lint *lint, const mw_doc *doc, const mw_change_plan *plan);

/* Lints a loaded document (findings appended to `out`); `others` may be NULL. */
void mw_lint_doc(mw_lint *lint, const mw_doc *doc, const mw_lint_others *others, mw_diags *out);
/*
 * The same for a change document whose plan (plan.h) the caller already
 * holds, so that the change is not diffed and generated again. `plan` must
 * be the plan of doc->change.
 */
void mw_lint_change(mw_lint *lint, const mw_doc *doc, const mw_change_plan *plan,
		    const mw_lint_others *others, mw_diags *out);
/* Lints SQL text; generated files (with the header) yield nothing. */
void mw_lint_sql(mw_lint *lint, const char *label, const char *text, size_t len, mw_diags *out);
/*
 * Lints one file by its kind (.sql = SQL, anything else = JSON document).
 * Load errors are appended to `out` as errors without a rule. 0, or -1 if the
 * file could not be read or loaded.
 */
int mw_lint_file(mw_lint *lint, const char *path, mw_diags *out);

/* True when `text` starts with MediaWiki's "automatically generated" header. */
bool mw_lint_sql_is_generated(const char *text, size_t len);

/*
 * Collects the files `mwschema lint DIR` looks at: abstract-schema JSON
 * (schema, table or change documents) and .sql files below `dir`, sorted,
 * skipping hidden directories. Paths are appended to *files (caller frees
 * each and the array). 0, or -1 with a message in diags.
 */
int mw_lint_collect(char ***files, size_t *nfiles, const char *dir, mw_diags *diags);

/*
 * Where JSON pointer `path` sits in the JSON text: the key of an object
 * member, the first byte of an array element. When the pointer does not
 * resolve completely, the deepest part that exists. *line and *column are
 * 1-based (columns count characters, not bytes). Returns 0 when the whole
 * path resolved, 1 for a partial match, -1 if the text is not JSON at all.
 */
int mw_lint_locate(int *line, int *column, const char *text, size_t len, const char *path);

/*
 * Known findings: what a file already had (at the parent revision, or in a
 * baseline file written earlier), so that a review, a commit or CI judges
 * only what a change introduces. Findings are matched on rule, file and
 * message, never on line numbers (they move when lines are added above).
 */

/* Removes from `now` each finding `known` also has (each known one matches once); returns how many. */
size_t mw_lint_drop_known(mw_diags *now, const mw_diags *known);

/*
 * A baseline file: "# mwschema lint baseline 1", then one "RULE<TAB>FILE<TAB>
 * MESSAGE" line per finding, sorted (\t, \n and \\ escaped). Findings
 * without a rule (load errors) are never written. 0, or -1 with a sentence
 * in err; reading appends to `out` (as warnings: the severity is not kept).
 */
int mw_lint_baseline_write(const mw_diags *findings, const char *path, mw_buf *err);
int mw_lint_baseline_read(mw_diags *out, const char *path, mw_buf *err);

#endif /* MWSCHEMA_LINT_H */
