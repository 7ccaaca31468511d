/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Registering a patch with MediaWiki's installer (spec §10).
 *
 * An entry is chosen from a change (which verb, which table and field), then
 * rendered either as a row of core's getCoreUpdateList() arrays or as a call
 * in an extension's LoadExtensionSchemaUpdates handler, in the style that
 * handler already uses. Insertion edits only the lines it adds: the rest of
 * the PHP file is copied byte for byte. When no place is safe, the caller
 * gets an explanation and can print the entry for the user to paste.
 */
#ifndef MWSCHEMA_UPDATER_H
#define MWSCHEMA_UPDATER_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/model.h"

typedef enum mw_updater_verb {
	MW_UPD_ADD_TABLE,
	MW_UPD_DROP_TABLE,
	MW_UPD_ADD_FIELD,
	MW_UPD_DROP_FIELD,
	MW_UPD_MODIFY_FIELD,
	MW_UPD_ADD_INDEX,
	MW_UPD_DROP_INDEX,
	MW_UPD_RENAME_INDEX,
	MW_UPD_MODIFY_PK,
	MW_UPD_MODIFY_TABLE,
} mw_updater_verb;

typedef struct mw_updater_entry {
	mw_updater_verb verb;
	char *table;
	char *name;		/* field or index; the old index for renameIndex */
	char *new_name;		/* renameIndex: the new index */
	char **columns;		/* modifyPrimaryKey: the new key */
	size_t ncolumns;
	char *patch;		/* file name only: "patch-x.sql" */
} mw_updater_entry;

/* Returned by the insert functions when the file already registers the patch. */
#define MW_UPDATER_PRESENT 1
/* Returned by mw_updater_remove when no entry names the patch. */
#define MW_UPDATER_ABSENT 1

/*
 * True when every name of `e` is an identifier and its patch a plain file
 * name (mwschema/ident.h); else false with the reason in `why`. The insert
 * functions refuse an entry that is not, whatever its origin.
 */
bool mw_updater_entry_is_safe(const mw_updater_entry *e, mw_buf *why);

/* "addField", ... (DatabaseUpdater's verb). */
const char *mw_updater_verb_name(mw_updater_verb verb);

/*
 * Chooses the verb for `change` (spec §10): new table, dropped table, primary
 * key, added / dropped / changed column, renamed / added / dropped index, in
 * that order of precedence; modifyTable when nothing more specific applies.
 * `patch` is the SQL file name. Returns 0, or -1 when the change is empty
 * (no before and no after).
 */
int mw_updater_entry_from_change(mw_updater_entry *out, const mw_change *change,
				 const char *patch);
void mw_updater_entry_clear(mw_updater_entry *e);

/* Core row: "[ 'addField', 'table', 'field', 'patch-x.sql' ]" (no comma). */
void mw_updater_render_core(mw_buf *out, const mw_updater_entry *e);

/*
 * Extension call in the default style, for the user to paste:
 * "$updater->addExtensionField( 'table', 'field', \"$dir/$dbType/patch-x.sql\" );".
 */
void mw_updater_render_extension(mw_buf *out, const mw_updater_entry *e);

/*
 * True when the code of `php` (comments do not count) already names `patch`
 * as a file: a string literal ending in it, after a quote or a '/'.
 */
bool mw_updater_mentions(const char *php, size_t len, const char *patch);

/*
 * Core: appends `php` with the entry added at the end of the newest release
 * block of getCoreUpdateList() to `out`. Returns 0, MW_UPDATER_PRESENT (out
 * gets the unchanged text), or -1 with the reason in `err` (out untouched).
 */
int mw_updater_insert_core(mw_buf *out, const char *php, size_t len, const mw_updater_entry *e,
			   mw_buf *err);

/*
 * The same, filed under the release comment "// RELEASE" ("1.45", the
 * release in development): when the array groups its rows by release and
 * the newest block belongs to an older one, a new block is opened after it
 * (blank line, comment, row), so a release that is out keeps its list.
 * RELEASE NULL behaves as mw_updater_insert_core.
 */
int mw_updater_insert_core_release(mw_buf *out, const char *php, size_t len,
				   const mw_updater_entry *e, const char *release, mw_buf *err);

/*
 * Extension: the same for a call inside method `method` (the
 * LoadExtensionSchemaUpdates handler), after the last statement that
 * registers an SQL file, copying that call's style (convenience method,
 * addExtensionUpdate array, or addExtensionUpdateOnVirtualDomain with its
 * domain; path expression; one or several lines).
 */
int mw_updater_insert_extension(mw_buf *out, const char *php, size_t len, const char *method,
				const mw_updater_entry *e, mw_buf *err);

/*
 * Appends `php` without the entry that registers `patch` to `out`: the row
 * of getCoreUpdateList() (method NULL or "getCoreUpdateList"), or the call
 * statement in method `method`, as whole lines, together with the release
 * comment of a block left empty (or the blank line that separated the call).
 * The removed lines go to `removed` when not NULL. Returns 0,
 * MW_UPDATER_ABSENT (out gets the unchanged text), or -1 with the reason in
 * `err` when the entry shares its lines with other code (out untouched).
 */
int mw_updater_remove(mw_buf *out, const char *php, size_t len, const char *method,
		      const char *patch, mw_buf *removed, mw_buf *err);

#endif /* MWSCHEMA_UPDATER_H */
