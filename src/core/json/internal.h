/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the JSON folder: the position-keeping syntax tree (json_scan.c,
 * json_tree.c), the loader's state shared by json_load.c and json_check.c,
 * and the model-to-tree builder of the writer (json_build.c, json_write.c).
 */
#ifndef MWSCHEMA_JSON_INTERNAL_H
#define MWSCHEMA_JSON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/diag.h"
#include "mwschema/json.h"

/*
 * Private to the JSON module: a JSON syntax tree that remembers where every
 * value sits in the source text (byte span, line, column).
 *
 * The loader validates this tree and builds the model from it; the writer
 * keeps it as the "loaded snapshot" and copies the original bytes of every
 * value the model did not change. Nodes live in an arena freed at once.
 */

/* Inputs above this size are refused before parsing. */
#define MW_JSON_MAX_SIZE (16u * 1024u * 1024u)
/* Deeper nesting is refused; abstract schemas need 7 levels. */
#define MW_JSON_MAX_DEPTH 64

typedef enum jkind {
	J_NULL,
	J_FALSE,
	J_TRUE,
	J_NUMBER,
	J_STRING,
	J_ARRAY,
	J_OBJECT,
} jkind;

struct jnode;

typedef struct jkey {
	const char *name;	/* decoded, NUL-terminated */
	size_t start, end;	/* span of the key's string literal */
	int line, col;
} jkey;

typedef struct jnode {
	jkind kind;
	bool from_text;		/* false for nodes built by the writer */
	int line, col;		/* 1-based position of the first byte */
	size_t start, end;	/* [start, end) in the source text */
	const char *str;	/* STRING: decoded text; NUMBER: the literal */
	size_t n;		/* ARRAY / OBJECT: number of children */
	struct jnode **kids;	/* items, or member values */
	jkey *keys;		/* OBJECT: member keys, parallel to kids */
} jnode;

struct jarena;

struct jarena *jarena_new(void);
void jarena_free(struct jarena *a);
void *jarena_alloc(struct jarena *a, size_t size);
char *jarena_strndup(struct jarena *a, const char *s, size_t n);

/*
 * Parses `text` (len bytes) into a tree allocated in `arena`. On a syntax
 * error returns NULL after adding one diagnostic to `diags`.
 */
jnode *jtree_parse(struct jarena *arena, const char *text, size_t len, const char *label,
		   mw_diags *diags);

/* Member lookup; NULL when absent (the last one wins on duplicates). */
jnode *jtree_get(const jnode *obj, const char *key);
long jtree_key_pos(const jnode *obj, const char *key);
/* Deep equality of JSON values; numbers compare by value. */
bool jtree_equal(const jnode *a, const jnode *b);
/* "a string", "the number 5", ... for messages. */
const char *jtree_kind_name(jkind k);

/*
 * Private to the JSON module: loader state and the shape-check helpers
 * shared by json_load.c and json_check.c, and the document layout the
 * writer reads back.
 */

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

/*
 * Private to the JSON module: model -> tree (json_build.c) for the writer
 * (json_write.c).
 */

/* The document / one table as JSON trees allocated in `a` (no positions). */
jnode *jw_build_doc(struct jarena *a, const mw_doc *doc);
jnode *jw_build_table(struct jarena *a, const mw_table *t);

#endif /* MWSCHEMA_JSON_INTERNAL_H */
