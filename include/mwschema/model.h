/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table model: what tables.json and schema-change files describe.
 *
 * Plain value records (no hidden state) so that diff, generators and lint
 * can read them directly. Arrays are owned by their parent; every string is
 * a malloc'd copy. A table's `name` is never NULL once loaded.
 *
 * Fields named *_present record which keys the JSON file actually spelt out,
 * so the writer can re-serialise an edited object in the author's style;
 * semantic code must use the value fields, which already hold the defaults
 * of the abstract-schema spec (notnull = true, length absent = 0 + !has_length).
 */
#ifndef MWSCHEMA_MODEL_H
#define MWSCHEMA_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The longest table, column or index name MediaWiki's schemas may use:
 * PostgreSQL's limit (MySQL allows 64, PostgreSQL silently truncates).
 */
#define MW_NAME_MAX 63

/* Abstract column types, the validator's enum, in its alphabetical order. */
typedef enum mw_type {
	MW_T_BIGINT,
	MW_T_BINARY,
	MW_T_BLOB,
	MW_T_BOOLEAN,
	MW_T_DATETIMETZ,
	MW_T_DECIMAL,
	MW_T_FLOAT,
	MW_T_INTEGER,
	MW_T_MWENUM,
	MW_T_MWTIMESTAMP,
	MW_T_MWTINYINT,
	MW_T_SMALLINT,
	MW_T_STRING,
	MW_T_TEXT,
	MW_T__COUNT
} mw_type;

const char *mw_type_name(mw_type t);
bool mw_type_from_name(const char *name, mw_type *out);
bool mw_type_is_integer(mw_type t);	/* integer, bigint, smallint, mwtinyint */

/* A JSON scalar as MediaWiki's PHP code would see it. */
typedef enum mw_value_kind {
	MW_V_NONE,	/* key absent */
	MW_V_NULL,	/* JSON null (same meaning as absent for defaults) */
	MW_V_BOOL,
	MW_V_INT,
	MW_V_REAL,
	MW_V_STRING,
} mw_value_kind;

typedef struct mw_value {
	mw_value_kind kind;
	char *text;	/* INT/REAL: the number as PHP prints it ("0", "1.5");
			   BOOL: "1" or ""; STRING: the string; else NULL */
	char *raw;	/* the JSON literal as written (NULL when built in memory) */
} mw_value;

/* Column option keys, as bits of mw_column.opt_present. */
enum mw_opt {
	MW_OPT_NOTNULL = 1u << 0,
	MW_OPT_DEFAULT = 1u << 1,
	MW_OPT_LENGTH = 1u << 2,
	MW_OPT_FIXED = 1u << 3,
	MW_OPT_UNSIGNED = 1u << 4,
	MW_OPT_AUTOINCREMENT = 1u << 5,
	MW_OPT_PRECISION = 1u << 6,
	MW_OPT_SCALE = 1u << 7,
	/* keys of PlatformOptions / CustomSchemaOptions */
	MW_OPT_ALLOW_INFINITE = 1u << 8,
	MW_OPT_VERSION = 1u << 9,
	MW_OPT_DOUBLE_PRECISION = 1u << 10,
	MW_OPT_ENUM_VALUES = 1u << 11,
};

typedef struct mw_column {
	char *name;
	char *comment;		/* NULL when absent */
	mw_type type;
	bool notnull;		/* default true */
	mw_value deflt;		/* kind NONE/NULL = no default */
	bool has_length;
	long long length;
	bool fixed;
	bool is_unsigned;
	bool autoincrement;
	int precision;		/* decimal; 10 when absent */
	int scale;		/* decimal; 0 when absent */
	bool allow_infinite;	/* PlatformOptions.allowInfinite */
	bool version;		/* PlatformOptions.version (datetimetz) */
	bool double_precision;	/* PlatformOptions.doublePrecision */
	char **enum_values;	/* PlatformOptions.enum_values */
	size_t n_enum_values;
	unsigned opt_present;	/* MW_OPT_* keys spelt out in the file */
	unsigned opt_in_custom;	/* platform keys found in CustomSchemaOptions */
	unsigned opt_in_both;	/* platform keys spelt in both bags: the value fields hold
				   CustomSchemaOptions' (DBAL's Column::toArray() lets it win) */
	bool version_platform;	/* with MW_OPT_VERSION in opt_in_both: PlatformOptions'
				   version, which CREATE TABLE reads alone */
	unsigned bags_present;	/* MW_BAG_* objects spelt out (possibly as {}) */
} mw_column;

/* The two spellings of the platform-option bag, as bits of bags_present. */
enum mw_bag {
	MW_BAG_PLATFORM = 1u << 0,	/* "PlatformOptions" */
	MW_BAG_CUSTOM = 1u << 1,	/* "CustomSchemaOptions" (older) */
};

enum mw_index_flag {
	MW_IDX_FULLTEXT = 1u << 0,
	MW_IDX_SPATIAL = 1u << 1,
};

typedef struct mw_index {
	char *name;
	char *comment;		/* NULL when absent */
	char **columns;
	size_t ncolumns;
	bool unique;
	unsigned flags;		/* MW_IDX_* */
	long long *lengths;	/* options.lengths, -1 for null; NULL when absent */
	size_t nlengths;
	char *where;		/* options.where, NULL when absent */
	bool has_flags_key;	/* "flags" spelt out (possibly as []) */
	bool has_options_key;	/* "options" spelt out (possibly as {}) */
} mw_index;

typedef struct mw_table {
	char *name;
	char *comment;
	mw_column *columns;
	size_t ncolumns;
	mw_index *indexes;
	size_t nindexes;
	char **pk;		/* primary-key column names, in pk order */
	size_t npk;
	bool has_pk_key;	/* "pk" spelt out (possibly as []) */
	char **table_options;	/* MySQL only */
	size_t ntable_options;
	bool has_table_options;
} mw_table;

typedef struct mw_schema {
	mw_table *tables;
	size_t ntables;
} mw_schema;

/* A schema change; NULL before = {} (create), NULL after = {} (drop). */
typedef struct mw_change {
	char *comment;
	mw_table *before;
	mw_table *after;
} mw_change;

/*
 * Life cycle. *_clear frees the contents and zeroes the record; *_free also
 * frees the record itself. All are NULL-safe. *_copy makes a deep copy into
 * caller-provided storage.
 */
void mw_value_clear(mw_value *v);
void mw_value_copy(mw_value *dst, const mw_value *src);
void mw_column_clear(mw_column *c);
void mw_column_copy(mw_column *dst, const mw_column *src);
void mw_index_clear(mw_index *ix);
void mw_index_copy(mw_index *dst, const mw_index *src);
void mw_table_clear(mw_table *t);
void mw_table_copy(mw_table *dst, const mw_table *src);
mw_table *mw_table_dup(const mw_table *t);
void mw_table_free(mw_table *t);
void mw_schema_clear(mw_schema *s);
void mw_change_clear(mw_change *c);

/* Lookups return borrowed pointers or NULL; names compare exactly. */
mw_column *mw_table_column(const mw_table *t, const char *name);
mw_index *mw_table_index(const mw_table *t, const char *name);
mw_table *mw_schema_table(const mw_schema *s, const char *name);
long mw_table_column_pos(const mw_table *t, const char *name);	/* -1 if none */
bool mw_table_in_pk(const mw_table *t, const char *column);

/* Deep equality of the semantic content (comments included, key layout not). */
bool mw_value_equal(const mw_value *a, const mw_value *b);
bool mw_column_equal(const mw_column *a, const mw_column *b);
bool mw_index_equal(const mw_index *a, const mw_index *b);
bool mw_table_equal(const mw_table *a, const mw_table *b);

/* Array helpers for the owned arrays above. */
void mw_strv_free(char **v, size_t n);
char **mw_strv_dup(char *const *v, size_t n);
/* The same strings in the same order (a NULL string equals only NULL). */
bool mw_strv_equal(char *const *a, size_t na, char *const *b, size_t nb);

#endif /* MWSCHEMA_MODEL_H */
