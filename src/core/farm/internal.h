/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to src/core/farm/: the physical spellings behind the audit, shared
 * by the inversion of live tables and by the findings' wording.
 */
#ifndef MWSCHEMA_FARM_INTERNAL_H
#define MWSCHEMA_FARM_INTERNAL_H

#include "mwschema/farm.h"

/* The type a CREATE of `c` gives, as the catalog spells it (mw_farm_phys_type's form). */
char *mw_farm_rendered_type(const mw_column *c, mw_dbms dbms, const char *charset);
/*
 * Sets c's type fields (type, length, fixed, unsigned, precision, scale,
 * platform options) to an abstract type that renders as `phys_type`; false
 * when there is none.
 */
bool mw_farm_abstract_type(mw_column *c, const char *phys_type, mw_dbms dbms);
/* Gives `c` a type whose declaration on `dbms` differs from `like`'s. */
void mw_farm_surrogate_type(mw_column *c, const mw_column *like, mw_dbms dbms,
			    const char *charset);
/* Whether two catalog indexes are the same (names aside); `where` loosely on PostgreSQL. */
bool mw_farm_index_same(const mw_shape_index *a, const mw_shape_index *b, mw_dbms dbms);
/* Whether two catalog defaults are the same (whitespace runs as one space). */
bool mw_farm_default_same(const char *a, const char *b);
/* Whether two physical columns are the same (names aside). */
bool mw_farm_column_same(const mw_shape_column *a, const mw_shape_column *b);

/*
 * A MySQL table option of `t`: its own table_options first, then `global`
 * ($wgDBTableOptions). `key` is "ENGINE" or "CHARSET"; the value is lower
 * case and only [a-z0-9_]; NULL when neither names it.
 */
char *mw_farm_table_option(const mw_table *t, const char *global, const char *key);
/* Character sets as names: equal, or "utf8" against either of utf8mb3 and utf8mb4. */
bool mw_farm_charset_same(const char *a, const char *b);

/* Text from files inside an SQL "--" comment: control characters become '?'. */
void mw_farm_add_comment(mw_buf *out, const char *s);

#endif /* MWSCHEMA_FARM_INTERNAL_H */
