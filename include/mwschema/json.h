/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Abstract-schema JSON documents: loading with precise diagnostics, and
 * saving with minimal diffs, on the module's own JSON parser.
 *
 * A document is one of the three file shapes MediaWiki uses:
 *   - a schema: a JSON array of tables (tables.json);
 *   - a single table object (CheckUser's cu_useragent.json);
 *   - a change: {"comment", "before", "after"}, where {} stands for "no table".
 */
#ifndef MWSCHEMA_JSON_H
#define MWSCHEMA_JSON_H

#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"
#include "mwschema/model.h"

typedef enum mw_doc_kind {
	MW_DOC_SCHEMA,	/* array of tables */
	MW_DOC_TABLE,	/* one table object; schema.ntables == 1 */
	MW_DOC_CHANGE,	/* {before, after} */
} mw_doc_kind;

struct mw_doc_layout;	/* private: where each object sits in `text` */

typedef struct mw_doc {
	mw_doc_kind kind;
	char *label;		/* the path used in diagnostics */
	mw_schema schema;	/* SCHEMA and TABLE documents */
	mw_change change;	/* CHANGE documents */
	char *text;		/* the original bytes (NUL-terminated) */
	size_t len;
	struct mw_doc_layout *layout;
} mw_doc;

/*
 * Loads a document. On success returns 0 and *out owns a new document. On
 * failure returns -1, *out is NULL, and every problem found was appended to
 * `diags` (file, line, column, JSON path, message, hint).
 */
int mw_doc_load_file(mw_doc **out, const char *path, mw_diags *diags);
int mw_doc_load_buffer(mw_doc **out, const char *data, size_t len, const char *label,
		       mw_diags *diags);
void mw_doc_free(mw_doc *doc);

/*
 * MW_LOAD_SHAPE_ONLY skips the cross-reference checks (duplicate table,
 * column and index names; index or primary-key columns that do not exist)
 * and keeps only what MediaWiki's JSON schemas check, for tools such as lint
 * that report those problems with rules of their own.
 */
enum { MW_LOAD_SHAPE_ONLY = 1u << 0 };
/*
 * Names in the document are always checked (mwschema/ident.h), and so is the
 * last component of `label` or `path` when it ends in ".json": it becomes
 * part of generated file names. MW_LOAD_ANY_FILE_NAME skips the latter for
 * files that are not part of a checkout (the editor's recovery file).
 */
enum { MW_LOAD_ANY_FILE_NAME = 1u << 1 };
int mw_doc_load_file_flags(mw_doc **out, const char *path, unsigned flags, mw_diags *diags);
int mw_doc_load_buffer_flags(mw_doc **out, const char *data, size_t len, const char *label,
			     unsigned flags, mw_diags *diags);

/*
 * Where JSON pointer `path` sits in the loaded text, as mw_lint_locate
 * answers it (the key of an object member, the first byte of an array
 * element; the deepest part that exists when the path does not resolve),
 * but from the tree the loader kept: no walk over the text. *line and
 * *column are 1-based, columns count characters. 0 when the whole path
 * resolved, 1 for a partial match, -1 when the document has no tree.
 */
int mw_doc_locate(const mw_doc *doc, const char *path, int *line, int *column);

/*
 * Serialises the document as it is now. Parts of the model that equal what
 * was loaded keep their original bytes; edited parts are written in
 * MediaWiki's style (tabs, short objects on one line).
 */
void mw_doc_serialize(mw_buf *out, const mw_doc *doc);
/* mw_doc_serialize + atomic write. 0 or -1 with a message in err. */
int mw_doc_save(const mw_doc *doc, const char *path, mw_buf *err);

/*
 * The abstract type a misspelt or SQL type name means ("varchar": "string",
 * "strng": "string"), as the loader suggests it; NULL when none is close.
 */
const char *mw_type_suggest(const char *word);

/* One table in MediaWiki's file style, starting at indentation `depth`. */
void mw_json_write_table(mw_buf *out, const mw_table *t, int depth);

#endif /* MWSCHEMA_JSON_H */
