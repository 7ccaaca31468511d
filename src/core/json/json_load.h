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

/* One step of the JSON pointer: a member key (borrowed), or an array index. */
struct jl_step {
	const char *key;	/* NULL: index */
	size_t index;
};

struct jloader {
	const char *label;
	mw_diags *diags;
	int errors;
	unsigned flags;	/* MW_LOAD_* */
	/*
	 * The JSON pointer of the value being checked, as steps: spelt out only
	 * when a problem is reported, as almost every value has none.
	 */
	struct jl_step *path;
	size_t depth, cap;
	/* scratch of jl_check_members: where each key first occurs, and if last */
	size_t *first;
	bool *last;
	size_t nscratch;
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

/* Push a step (key borrowed until popped); pop back to the depth push returned. */
size_t jl_path_push_key(struct jloader *ld, const char *key);
size_t jl_path_push_index(struct jloader *ld, size_t i);
void jl_path_pop(struct jloader *ld, size_t old);
/* Frees the path and the scratch space of the checks. */
void jl_path_release(struct jloader *ld);
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
/*
 * The same, and found[i] = the member specs[i] names (the last one of that
 * key, as PHP reads it), or NULL when absent or of a type the spec does not
 * allow: what jl_member gives, found in one pass over the object.
 * `specs` has at most JL_MAX_SPECS entries.
 */
#define JL_MAX_SPECS 16
bool jl_check_members(struct jloader *ld, const jnode *obj, const char *what,
		      const jl_keyspec *specs, const jnode **found);
const jnode *jl_member(const jnode *obj, const char *key, unsigned types);
char **jl_strv(struct jloader *ld, const jnode *arr, size_t *n, bool unique);

#endif /* MWSCHEMA_JSON_LOAD_H */
