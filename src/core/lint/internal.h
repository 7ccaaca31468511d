/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the lint module: THE rule table, as one X-macro, and the
 * context every check function receives.
 *
 * R(enum suffix, id, default severity, scope, check function, summary, explanation)
 * The id is part of the interface (configuration, SARIF, suppressions): never
 * rename one. The explanation says why the rule exists and how to fix a finding.
 */
#ifndef MWSCHEMA_LINT_RULES_H
#define MWSCHEMA_LINT_RULES_H

#include "mwschema/lint.h"

#define MW_LINT_RULES(R) \
	R(PK_REQUIRED, "pk-required", ERROR, SCHEMA, check_pk_required, \
	  "Every table needs a primary key.", \
	  "MediaWiki's database policy requires a primary key on every table. Without one, " \
	  "row-based replication has to scan the whole table for each changed row, online schema " \
	  "change tools (gh-ost, pt-online-schema-change) refuse the table, and there is no cheap " \
	  "way to address a single row. Add a \"pk\" listing the column(s) that identify a row; if " \
	  "no natural key exists, add an unsigned autoincrement id column and use it. Tables from " \
	  "before the policy have none (core's querycache, querycachetwo, user_newtalk): keep " \
	  "them in a lint baseline (--write-baseline) rather than lowering the rule.") \
	R(PK_UNSIGNED, "pk-unsigned", ERROR, SCHEMA, check_pk_unsigned, \
	  "Surrogate keys (autoincrement ids and key columns storing them) must be unsigned.", \
	  "The policy says ids are unsigned: they never go negative, and a signed column " \
	  "wastes half of its range, so the table runs out of ids twice as early. Columns in " \
	  "other tables that store these ids must match, which is only easy if every id is " \
	  "unsigned. Set \"unsigned\": true in the column's options. The rule is about ids, " \
	  "not every integer in a key: a namespace number in a composite key is signed by " \
	  "design (core's protected_titles.pt_namespace; namespaces -1 and -2 exist), as are " \
	  "type codes (ipblocks_restrictions.ir_type) and 64-bit hashes stored in a bigint " \
	  "(Cognate's cgpa_site). A key column storing an unsigned id must be unsigned too " \
	  "(Newsletter's nl_issues.nli_newsletter_id for nl_newsletters.nl_id); one storing a " \
	  "signed id keeps that id's type (SecurePoll's securepoll_msgs.msg_entity), and the " \
	  "finding is on the signed id itself (securepoll_entity.en_id; in core " \
	  "content_models.model_id and slot_roles.role_id).") \
	R(REF_UNSIGNED, "ref-unsigned", WARNING, SCHEMA, check_ref_unsigned, \
	  "A column referring to another table's integer key must have the key's exact type.", \
	  "A column that stores another table's id (named like that table's primary-key column, " \
	  "or <prefix>_<table> / <prefix>_<table>_id) must be able to hold every id the key can " \
	  "take, and joins are fastest when both sides have the same type. A signed or narrower " \
	  "column silently overflows once ids grow; a wider one wastes space and hides mistakes. " \
	  "Give the column the same integer type and \"unsigned\": true, like the key it refers to. " \
	  "A column storing a signed key stays signed like it (SecurePoll's vote_entity for " \
	  "securepoll_entity.en_id): the key is pk-unsigned's finding. Key columns report their " \
	  "signedness through pk-unsigned only.") \
	R(AUTOINCREMENT_NOT_PK, "autoincrement-not-pk", ERROR, SCHEMA, check_autoincrement_not_pk, \
	  "Autoincrement is only allowed on a column that is the whole primary key.", \
	  "MySQL requires an AUTO_INCREMENT column to be indexed and allows only one per table; " \
	  "SQLite only supports it as INTEGER PRIMARY KEY, so an autoincrement column that is not " \
	  "the sole primary key produces SQL that fails or means something else on some DBMS. " \
	  "Make the column the table's only \"pk\" column, or drop \"autoincrement\".") \
	R(NO_ENUM, "no-enum", WARNING, SCHEMA, check_no_enum, \
	  "Avoid mwenum columns.", \
	  "ENUM columns are not portable (PostgreSQL and SQLite store them as TEXT unless a " \
	  "separate type is created) and changing the list of values is a schema change that " \
	  "may copy the whole table. DBA review asks to avoid them. Store a small integer or a " \
	  "short binary string instead, or normalise the values into their own table. Existing " \
	  "enums (core's categorylinks.cl_type) stay until a migration changes them: keep them " \
	  "in a lint baseline.") \
	R(PREFER_BINARY, "prefer-binary", WARNING, SCHEMA, check_prefer_binary, \
	  "Use binary (VARBINARY) rather than string (VARCHAR).", \
	  "MediaWiki stores text as bytes: it works with UTF-8 itself and does not rely on the " \
	  "database's character sets and collations, which differ between installations and can " \
	  "truncate or compare strings unexpectedly. A VARCHAR column brings those back. Use " \
	  "\"type\": \"binary\" with the same length.") \
	R(TIMESTAMP_TYPE, "timestamp-type", WARNING, SCHEMA, check_timestamp_type, \
	  "Timestamp columns should be mwtimestamp; expiry columns need allowInfinite.", \
	  "MediaWiki's timestamps are 14-digit strings (YYYYMMDDHHMMSS) handled by the " \
	  "mwtimestamp type, which becomes BINARY(14) on MySQL and TIMESTAMPTZ on PostgreSQL. " \
	  "A column named like a timestamp (*_timestamp, *_touched, *_expiry, ...) with another " \
	  "type breaks that convention and the code that formats timestamps for each DBMS. An " \
	  "expiry may be \"infinity\", which needs PlatformOptions.allowInfinite. Change the " \
	  "type to mwtimestamp (and add allowInfinite for expiries).") \
	R(BOOLEAN_TYPE, "boolean-type", WARNING, SCHEMA, check_boolean_type, \
	  "Use mwtinyint instead of boolean.", \
	  "The boolean type becomes TINYINT(1) on MySQL but BOOLEAN on PostgreSQL, where " \
	  "MediaWiki's code that writes 0 and 1 fails. MediaWiki's flags are mwtinyint (a small " \
	  "integer on every DBMS). Use \"type\": \"mwtinyint\" with \"unsigned\": true and a " \
	  "default of 0.") \
	R(DEFAULT_VALID, "default-valid", ERROR, SCHEMA, check_default_valid, \
	  "Defaults must be valid for the column's type on every DBMS.", \
	  "Strict SQL modes reject a default that does not fit its column: text on a number " \
	  "column, a number out of range, a string longer than the column, a zero or malformed " \
	  "date, or NULL on a NOT NULL column. MySQL also ignores defaults on BLOB and TEXT " \
	  "columns, so the DBMS would disagree. Fix the value, widen the column, or drop the " \
	  "default (and for BLOB/TEXT let the code always write the column).") \
	R(INDEX_COLUMNS_EXIST, "index-columns-exist", ERROR, SCHEMA, check_index_columns_exist, \
	  "Indexes and the primary key may only name columns of the table.", \
	  "An index or primary key that names a missing column cannot be created: the generated " \
	  "SQL fails on every DBMS. This usually follows a rename or drop of the column. Update " \
	  "the index's \"columns\" (or the \"pk\") to the current column names, or drop the index.") \
	R(NAME_UNIQUE, "name-unique", ERROR, SCHEMA, check_name_unique, \
	  "Table and column names must be unique.", \
	  "Two tables with one name in a schema file, or two columns with one name in a table, " \
	  "cannot both exist in a database: the generated CREATE TABLE fails, and which one the " \
	  "tools and the installer mean is ambiguous. Rename or remove one of them.") \
	R(INDEX_NAME_UNIQUE, "index-name-unique", ERROR, SCHEMA, check_index_name_unique, \
	  "Index names must be unique across the whole schema.", \
	  "MySQL scopes index names to their table, but PostgreSQL and SQLite keep one namespace " \
	  "for all indexes (and, on PostgreSQL, tables) of a database, so a reused name breaks " \
	  "installation there even though MySQL accepts it. Name indexes after their table's " \
	  "column prefix (e.g. rev_actor_timestamp) to keep them unique.") \
	R(INDEX_PREFIX_NEEDED, "index-prefix-needed", ERROR, SCHEMA, check_index_prefix_needed, \
	  "Indexed blob/text columns need a prefix length.", \
	  "MySQL cannot index a BLOB or TEXT column whole: CREATE INDEX fails without a prefix " \
	  "length. Add \"options\": {\"lengths\": [...]} to the index with a length for that " \
	  "column's position (null for the other columns), or index a binary column instead.") \
	R(DUPLICATE_INDEX, "duplicate-index", WARNING, SCHEMA, check_duplicate_index, \
	  "An index that is a left prefix of another index or of the primary key is redundant.", \
	  "Every index must be updated on each write and takes space; an index whose columns are " \
	  "the leading columns of another index (or of the primary key) gives the optimizer " \
	  "nothing the longer one does not. Drop it, unless it is unique and the longer one is " \
	  "not (then the uniqueness is the point).") \
	R(IDENTIFIER_LENGTH, "identifier-length", ERROR, SCHEMA, check_identifier_length, \
	  "Names may not exceed 63 characters.", \
	  "MySQL limits table, column and index names to 64 characters and PostgreSQL to 63 " \
	  "(longer names are silently truncated there, which can make two names collide). Use a " \
	  "shorter name.") \
	R(RESERVED_WORD, "reserved-word", WARNING, SCHEMA, check_reserved_word, \
	  "Table and column names should not be reserved words.", \
	  "A name that is reserved in MySQL, PostgreSQL or SQLite must be quoted in every query " \
	  "on that DBMS; the generator quotes it, but hand-written queries, maintenance scripts " \
	  "and tools usually do not. Pick a name that is not a keyword (MediaWiki's column " \
	  "prefixes avoid the problem: rev_user rather than user). Core's own user table predates " \
	  "this and is quoted throughout core; new names should not follow it.") \
	R(PLAIN_VALUES, "plain-values", WARNING, SCHEMA, check_plain_values, \
	  "Enum values, defaults and comments hold plain characters.", \
	  "Names are checked when a file is loaded; values may hold more, but some characters " \
	  "are traps. MediaWiki writes enum values into CREATE TABLE and CREATE TYPE without " \
	  "escaping them, so a quote or a backslash breaks the statement (or changes what it " \
	  "does). Control characters, line breaks and invisible characters that reorder text " \
	  "(bidirectional controls, zero-width spaces) make a value or a comment read " \
	  "differently in a terminal, a diff or a code review than it is. Use plain text.") \
	R(PATCH_NAME, "patch-name", WARNING, CHANGE, check_patch_name, \
	  "Change files are named after the table or field they change.", \
	  "MediaWiki names schema patches after what they do so that reviewers, updaters and DBAs " \
	  "find them: patch-<table>-<field> adds or changes a field, patch-drop-<table>-<field> " \
	  "drops one, patch-<table>-pk changes the primary key and patch-<table> creates a " \
	  "table. The generated .sql files and the updater entry take the same name. Naming the " \
	  "field alone is as clear and accepted (AbuseFilter's patch-add-af_actor, CentralAuth's " \
	  "patch-drop-gu_salt), as is the table alone for a new one (OATHAuth's " \
	  "patch-add-oathauth_user_handles). Rename the file (and its SQL) as suggested.") \
	R(NOT_NULL_NO_DEFAULT, "not-null-no-default", WARNING, CHANGE, check_not_null_no_default, \
	  "A NOT NULL column added to an existing table needs a default.", \
	  "Adding a NOT NULL column without a default fails (or fills in an implicit value) on " \
	  "tables that already have rows, and old code that does not know the column yet cannot " \
	  "insert rows anymore, so the change is not backwards compatible. Give the column a " \
	  "default, or add it as nullable and tighten it in a later change.") \
	R(DESTRUCTIVE, "destructive", WARNING, CHANGE, check_destructive, \
	  "The change drops a table, column or index, or narrows a type.", \
	  "Dropping data cannot be undone by a rollback of the code. MediaWiki's schema changes " \
	  "must be optional for the code that runs during the deployment, so a drop only comes " \
	  "after the code stopped using the column (one release later), and a narrowed type can " \
	  "fail on or truncate existing values. Make sure nothing reads the data anymore and " \
	  "describe the rollback path in the commit message.") \
	R(TYPE_CHANGE, "type-change", WARNING, CHANGE, check_type_change, \
	  "Changing a column's type rewrites the table.", \
	  "A type change makes MySQL copy the whole table (blocking writes on large tables " \
	  "without an online schema change tool) and SQLite rebuild it; PostgreSQL may rewrite " \
	  "it too. On big wikis this needs scheduling by the DBAs. Confirm the change is needed " \
	  "and plan it as a production schema change.") \
	R(PK_CHANGE, "pk-change", WARNING, CHANGE, check_pk_change, \
	  "The primary key changes.", \
	  "A new primary key rebuilds the table on every DBMS and fails if existing rows are not " \
	  "unique under the new key; code that relies on the old key (upserts, replication " \
	  "tools) must be ready for it. Deduplicate the data first and schedule the change with " \
	  "the DBAs.") \
	R(CODE_STILL_USES, "code-still-uses", ERROR, CHANGE, check_code_still_uses, \
	  "The change drops or renames a column, index or table that the code still uses.", \
	  "MediaWiki's schema changes must be optional for the code: during a deployment old and " \
	  "new code run against the same database, and the schema change is applied while the " \
	  "code of the previous release is live. Code that still selects, sets or filters on a " \
	  "dropped column (or queries a dropped table, or hints a dropped index) fails the " \
	  "moment the change is applied, so each such use is an error; a rename breaks it just " \
	  "the same, and the safe path is to add the new name, write both, switch the reads, and " \
	  "drop the old name in a later change (a warning with that hint). Uses are found in the " \
	  "checkout's PHP: query builders (->select(), ->where(), ->from(), ->join(), " \
	  "->useIndex(), ...), $db->select() style calls, array keys, string literals, raw SQL " \
	  "and $row->field reads; comments and the updater's own entries (dropExtensionField(), " \
	  "fieldExists(), [ 'dropField', ... ]) are not uses. Uses in tests/ are reported as " \
	  "information. Remove the uses first, or keep the name until the code no longer needs it.") \
	R(RENAME_AMBIGUOUS, "rename-ambiguous", WARNING, CHANGE, check_rename_ambiguous, \
	  "A drop plus an add that the generator turns into a rename (or the reverse).", \
	  "The abstract change has no rename operation: the generator guesses one when a dropped " \
	  "and an added column (or index) have the same definition, and emits DROP plus ADD when " \
	  "they differ. Either guess can be wrong: a rename keeps data the author meant to drop, " \
	  "a drop plus add loses data the author meant to keep. Confirm the intent; to rename " \
	  "safely, keep the definition identical and change nothing else in the same patch.") \
	R(TABLE_RENAME, "table-rename", WARNING, CHANGE, check_table_rename, \
	  "before and after name different tables: the generator creates one and drops the other.", \
	  "The generator has no table rename: when the name differs it emits CREATE TABLE for " \
	  "the new name and DROP TABLE for the old one, so every row is lost. Rename the table " \
	  "in a hand-written patch (with the updater's renameTable) or keep the old name.") \
	R(NO_SQL, "no-sql", INFO, CHANGE, check_no_sql, \
	  "The change produces no SQL on some DBMS.", \
	  "Some changes are invisible on a DBMS (PostgreSQL maps binary, blob and text to TEXT, so " \
	  "a length change does nothing there); MediaWiki then writes no patch file for it and " \
	  "the updater entry must not reference one. If no DBMS produces SQL at all, the change " \
	  "is empty and MediaWiki's tests reject it. Check that this is what you expect.") \
	R(UNSAFE_STATEMENT, "unsafe-statement", WARNING, SQL, check_unsafe_statement, \
	  "Statements that are unsafe under statement-based replication.", \
	  "With statement-based replication replicas re-run each statement, so it must give the " \
	  "same result everywhere: UPDATE or DELETE with LIMIT but no ORDER BY may pick other " \
	  "rows, INSERT ... SELECT depends on row order and locks the source, and functions such " \
	  "as SYSDATE(), UUID() or USER() differ per server. Add an ORDER BY on a unique key, " \
	  "split INSERT ... SELECT into batches done by a maintenance script, and pass values " \
	  "computed once instead of calling such functions.")

enum lint_rule_index {
#define R(e, id, sev, scope, fn, summary, text) LR_##e,
	MW_LINT_RULES(R)
#undef R
	LR__COUNT
};

/* What a check function sees; lint_report() fills in rule, severity and position. */
struct lint_ctx {
	struct mw_lint *lint;
	const mw_lint_others *others;	/* the checkout's other tables, or NULL */
	const char *file;		/* label of the file being linted */
	const mw_doc *doc;		/* the document, when linting one (positions) */
	const char *text;		/* its original text (JSON or SQL), for positions */
	size_t len;
	const mw_table *table;		/* SCHEMA rules: the table, else NULL */
	const char *tpath;		/* its JSON pointer ("/3", "", "/after") */
	const mw_schema *schema;	/* the document's own tables (may be NULL) */
	const mw_change *change;	/* CHANGE rules */
	const mw_change_plan *plan;		/* CHANGE rules: the change's analysis */
	enum lint_rule_index rule;	/* set by the runner */
	mw_diags *out;
	struct lint_names *names;	/* built on first use (lint_names.c) */
};

/* Reports a finding at `path` (a JSON pointer, NULL = the table itself). */
void lint_report(struct lint_ctx *ctx, const char *path, const char *hint, const char *fmt, ...)
	MW_PRINTF(4, 5);
/*
 * Reports in another file (a use in the checkout's code): at most `sev`
 * (the rule's configured severity caps it), no JSON pointer. lint-ignore
 * globs match that file or the linted one.
 */
void lint_report_elsewhere(struct lint_ctx *ctx, mw_severity sev, const char *file, int line,
			   int col, const char *hint, const char *fmt, ...) MW_PRINTF(7, 8);
bool lint_rule_enabled(const mw_lint *lint, enum lint_rule_index rule);
/* Reports at a byte offset of ctx->text (SQL rules). */
void lint_report_at(struct lint_ctx *ctx, size_t offset, const char *hint, const char *fmt, ...)
	MW_PRINTF(4, 5);
/* "<tpath>/<array>/<index><suffix>": a JSON pointer inside a table (caller frees). */
char *lint_item_path(const char *tpath, const char *array, size_t index, const char *suffix);

/*
 * Lookups among the tables the linter knows besides ctx->table (the
 * document's, then the others'), answered from an index built once per
 * document (lint_names.c), first match in that order:
 *   - the table column `c` refers to, by the name of its integer key or by
 *     <prefix>_<table>[_id], with that key in *key;
 *   - the table holding an index named `name`, or itself named so (*is_table);
 *   - the document's own first table named `name`.
 */
const mw_table *lint_referenced_table(struct lint_ctx *ctx, const mw_column *c,
				      const mw_column **key);
const mw_table *lint_name_owner(struct lint_ctx *ctx, const char *name, bool *is_table);
const mw_table *lint_doc_table(struct lint_ctx *ctx, const char *name);
void lint_names_free(struct lint_names *names);
/* The column of `t` that is its whole primary key, if that is an integer. */
const mw_column *lint_integer_key(const mw_table *t);

#define R(e, id, sev, scope, fn, summary, text) void fn(struct lint_ctx *ctx);
MW_LINT_RULES(R)
#undef R

#endif /* MWSCHEMA_LINT_RULES_H */
