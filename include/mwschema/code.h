/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checkout's PHP, indexed by the names it uses: where a column, a
 * table or an index of the schema is still named in the code, so that a
 * change dropping or renaming one can point at every use (lint's
 * code-still-uses rule).
 *
 * The index is built once per checkout (every .php file below the root;
 * hidden directories, vendor/ and node_modules/ skipped, and so are files
 * over MW_MAX_FILE_SIZE, anything but regular files, and symbolic links
 * that lead out of the checkout) by a PHP
 * tokenizer that knows strings, comments, heredoc and nowdoc, and is then
 * kept up to date file by file. It records the identifiers that appear
 *   - as a whole string literal ('rev_actor'), or as an array key
 *     ('rev_actor' => 1), with the call whose arguments hold it
 *     (->select(), ->where(), $db->update(), ...);
 *   - as a word inside a longer string (raw SQL, 'rev_actor = 5');
 *   - as a property read off a row ($row->rev_actor).
 * Comments are no uses, and neither is the updater's bookkeeping (calls
 * such as dropExtensionField() or fieldExists(), and updater entries like
 * [ 'dropField', 'revision', 'rev_text_id', ... ]): they are how a schema
 * change is rolled out, not code that needs the column. Only whole
 * identifiers match: 'wid_name_old' is no use of wid_name.
 *
 * A column is used wherever its name appears. A table is used where its
 * name is the table argument of a query (->from(), ->join(), ->table(),
 * ->update(), $db->select( 'page', ... ), tableName(), 'tables' =>) or
 * follows FROM, JOIN, INTO, UPDATE or TABLE in SQL. An index is used in
 * ->useIndex() / ->ignoreIndex(), as the value of a 'USE INDEX' /
 * 'FORCE INDEX' / 'IGNORE INDEX' option, or after INDEX or KEY in SQL.
 */
#ifndef MWSCHEMA_CODE_H
#define MWSCHEMA_CODE_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

typedef struct mw_code mw_code;

/* What kind of schema name is looked for. */
typedef enum mw_code_what {
	MW_CODE_COLUMN,
	MW_CODE_TABLE,
	MW_CODE_INDEX,
} mw_code_what;

/* How the name appears at a use. */
typedef enum mw_code_form {
	MW_CODE_LITERAL,	/* a whole string literal: 'rev_actor' */
	MW_CODE_KEY,		/* an array key: 'rev_actor' => ... */
	MW_CODE_SQL,		/* a word of a longer string: "rev_actor = 1", raw SQL */
	MW_CODE_PROPERTY,	/* a row's field: $row->rev_actor */
} mw_code_form;

typedef struct mw_code_use {
	const char *file;	/* as labelled when indexed (see mw_code_new) */
	int line, column;	/* 1-based; columns count characters */
	mw_code_form form;
	const char *call;	/* the innermost call holding it ("where"), or NULL */
	bool in_tests;		/* the file lies in a tests/ directory */
} mw_code_use;

/*
 * A new, empty index. File labels are `prefix` + the path given to
 * mw_code_put (or found by mw_code_scan_dir, relative to the root):
 * "" for root-relative labels, "../" or "/abs/root/" to print them from
 * elsewhere.
 */
mw_code *mw_code_new(const char *prefix);
void mw_code_free(mw_code *code);

/* Indexes one file's text under `path` (relative to the root), replacing what it had. */
void mw_code_put(mw_code *code, const char *path, const char *text, size_t len);
/* Forgets one file; false when it was not indexed. */
bool mw_code_remove(mw_code *code, const char *path);

/*
 * Indexes every .php file below `root` and remembers the root, the size
 * and the modification time of each file for mw_code_refresh. 0, or -1
 * with a sentence in err when root cannot be read (unreadable files below
 * it are skipped).
 */
int mw_code_scan_dir(mw_code *code, const char *root, mw_buf *err);
/*
 * Brings an index made by mw_code_scan_dir up to date with the files on
 * disk: re-reads the files that changed, adds new ones, forgets deleted
 * ones. Where the kernel can report changes (inotify) this costs nothing
 * until a file changes; elsewhere each call compares every file's size and
 * time. Returns the number of files re-read or forgotten.
 */
size_t mw_code_refresh(mw_code *code);

/*
 * The uses of `name` as a `what`, in file then position order, in *out
 * (caller frees the array; its strings belong to the index and live until
 * the next change to it). Returns the count.
 */
size_t mw_code_uses(const mw_code *code, const char *name, mw_code_what what,
		    mw_code_use **out);

/*
 * Whether a path (relative to the root) is one the index reads: a .php file
 * outside hidden directories, vendor/ and node_modules/. For callers that
 * feed mw_code_put themselves (e.g. from a git tree).
 */
bool mw_code_indexes(const char *path);

/* Files and distinct identifiers indexed, and postings stored (for benchmarks). */
size_t mw_code_nfiles(const mw_code *code);
size_t mw_code_nnames(const mw_code *code);
size_t mw_code_npostings(const mw_code *code);

/* "literal", "key", "sql", "property" */
const char *mw_code_form_name(mw_code_form form);

#endif /* MWSCHEMA_CODE_H */
