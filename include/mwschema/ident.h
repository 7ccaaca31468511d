/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The names mwschema accepts from a schema file: table, column and index
 * names, and the file names of schema and change files.
 *
 * These names end up in SQL (sometimes unquoted), in PHP written into
 * updaters and in paths on disk, so they are checked once, when a document is
 * loaded (json.h), and every consumer sees only names that passed. The
 * grammar is what MediaWiki's schemas use:
 *
 *	identifier = ( letter | "_" ) { letter | digit | "_" }, 1 to MW_IDENT_MAX bytes
 *	file name  = ( letter | digit | "_" ) { letter | digit | "_" | "-" | "." },
 *	             no "..", at most MW_FILE_NAME_MAX bytes
 *
 * where a letter is an ASCII letter: look-alike letters from other scripts,
 * spaces, quotes, slashes, control characters and the like are refused.
 * The editor and lint call the same functions for names typed or found.
 */
#ifndef MWSCHEMA_IDENT_H
#define MWSCHEMA_IDENT_H

#include "mwschema/buf.h"

/*
 * MySQL and MariaDB refuse longer table, column and index names, so no
 * file can use one. (PostgreSQL cuts names after 63 characters: new names
 * keep to MW_NAME_MAX of model.h, which the editor and lint enforce.)
 */
#define MW_IDENT_MAX 64
/* The longest schema or change file name (with its extension). */
#define MW_FILE_NAME_MAX 160

/*
 * 0 when `name` is an identifier by the grammar above; -1 otherwise, with a
 * phrase saying what is wrong appended to `why` (when not NULL), e.g.
 * "has a space at character 2". The phrase never holds the name's bytes
 * beyond the printable ASCII character it points at.
 */
int mw_ident_check(const char *name, mw_buf *why);

/* The same for a file's last path component ("patch-x.json"). */
int mw_ident_check_file_name(const char *name, mw_buf *why);

/* The grammar in one line, for hints. */
#define MW_IDENT_RULE "a letter or _, then letters, digits and _ (ASCII only, at most 64)"
#define MW_FILE_NAME_RULE "letters, digits, _, - and . (ASCII only, no \"..\", not starting with - or .)"

#endif /* MWSCHEMA_IDENT_H */
