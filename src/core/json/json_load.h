/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the JSON module: loader state and the shape-check helpers
 * shared by json_load.c and json_check.c, and the document layout the
 * writer reads back.
 */
#ifndef MWSCHEMA_JSON_LOAD_H
#define MWSCHEMA_JSON_LOAD_H

#include "json_tree.h"
#include "mwschema/json.h"

/* The loaded snapshot: the positioned tree of the original text. */
struct mw_doc_layout {
	struct jarena *arena;
	jnode *root;
};

struct jloader {
	const char *label;
	mw_diags *diags;
	int errors;
	unsigned flags;	/* MW_LOAD_* */
	mw_buf path;	/* JSON pointer of the value being checked */
};

/* Value types a key accepts (bits). */
enum {
	JL_NULL = 1u << 0,
	JL_BOOL = 1u << 1,
	JL_NUM = 1u << 2,
	JL_STR = 1u << 3,
	JL_ARR = 1u << 4,
	JL_OBJ = 1u << 5,
};

typedef struct jl_keyspec {
	const char *key;
	unsigned types;
	bool required;
} jl_keyspec;

size_t jl_path_push_key(struct jloader *ld, const char *key);
size_t jl_path_push_index(struct jloader *ld, size_t i);
void jl_path_pop(struct jloader *ld, size_t old);
void jl_error_at(struct jloader *ld, int line, int col, const char *hint, const char *fmt, ...)
	MW_PRINTF(5, 6);

const char *jl_suggest(const char *word, const char *const *cands, size_t n);
const char *jl_suggest_type(const char *word);
void jl_describe_value(mw_buf *b, const jnode *v);

/* Reports a value whose type is not in `types`; true when it is fine. */
bool jl_expect(struct jloader *ld, const jnode *v, unsigned types);
/* Duplicate, unknown, missing and mistyped keys; false if obj is no object. */
bool jl_check_object(struct jloader *ld, const jnode *obj, const char *what,
		     const jl_keyspec *specs);
const jnode *jl_member(const jnode *obj, const char *key, unsigned types);
char **jl_strv(struct jloader *ld, const jnode *arr, size_t *n, bool unique);

/* The values that leave the document unquoted (json_values.c). */
void jl_check_name(struct jloader *ld, const jnode *v, const char *what);
void jl_check_member_name(struct jloader *ld, const jnode *v, const char *what);
void jl_check_name_list(struct jloader *ld, const jnode *arr, const char *what);
void jl_check_file_name(struct jloader *ld);
void jl_check_where(struct jloader *ld, const mw_table *t, const jnode *v);
void jl_check_table_options(struct jloader *ld, const jnode *arr);
void jl_check_default(struct jloader *ld, const mw_column *c, const jnode *v);

#endif /* MWSCHEMA_JSON_LOAD_H */
