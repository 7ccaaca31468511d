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
#include <stdint.h>
#include <string.h>

#include "mwschema/buf.h"
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
	uint32_t tag;		/* jkey_tag(name): lookups compare it before the text */
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

/* The arena: a list of chunks, allocation bumps a pointer in the newest. */
struct jarena {
	struct jchunk *head;
	char *cur, *end;	/* free space of the newest chunk */
	size_t next_cap;	/* capacity of the next chunk */
};

struct jarena *jarena_new(void);
void jarena_free(struct jarena *a);
void *jarena_alloc(struct jarena *a, size_t size);	/* cleared */
void *jarena_take_slow(struct jarena *a, size_t size);

/* size bytes, not cleared, aligned for pointers (nodes need no more). */
static inline void *
jarena_take(struct jarena *a, size_t size)
{
	void *p = a->cur;

	size = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	if ((size_t)(a->end - a->cur) < size)
		return jarena_take_slow(a, size);
	a->cur += size;
	return p;
}

/* Makes the first chunk at least `bytes` (before the first allocation). */
void jarena_reserve(struct jarena *a, size_t bytes);
char *jarena_strndup(struct jarena *a, const char *s, size_t n);

/*
 * Parses `text` (len bytes) into a tree allocated in `arena`. On a syntax
 * error returns NULL after adding one diagnostic to `diags`.
 */
jnode *jtree_parse(struct jarena *arena, const char *text, size_t len, const char *label,
		   mw_diags *diags);

/* Length and first, second and last byte of a key: equal keys have equal tags. */
static inline uint32_t
jkey_tag_n(const char *name, size_t len)
{
	if (!len)
		return 0;
	return (uint32_t)(len & 0xff) << 24 | (uint32_t)(unsigned char)name[0] << 16 |
	       (uint32_t)(unsigned char)name[len > 1] << 8 | (unsigned char)name[len - 1];
}

static inline uint32_t
jkey_tag(const char *name)
{
	return jkey_tag_n(name, strlen(name));
}

/* Member lookup; NULL when absent (the last one wins on duplicates). */
jnode *jtree_get(const jnode *obj, const char *key);
long jtree_key_pos(const jnode *obj, const char *key);
/* Deep equality of JSON values; numbers compare by value. */
bool jtree_equal(const jnode *a, const jnode *b);
/* "a string", "the number 5", ... for messages. */
const char *jtree_kind_name(jkind k);

/*
 * The scanner's byte-level helpers: the runs it walks a machine word at a
 * time (plain string bytes, indentation), inline as they run for every
 * string and line, and the UTF-8 and hex helpers of json_bytes.c.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define JSCAN_WORDS 1
#else
#define JSCAN_WORDS 0
#endif

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
size_t jscan_utf8_len(const unsigned char *s, size_t n);
void jscan_add_utf8(mw_buf *b, unsigned long cp);
int jscan_hexval(char c);	/* -1 for no hex digit */

/* The end of the run of tabs (or of spaces) that indents a line, 8 bytes at a time. */
static inline size_t
jscan_indent_end(const char *s, size_t pos, size_t len)
{
	uint64_t w, x, fill;

	if (pos >= len || (s[pos] != '\t' && s[pos] != ' '))
		return pos;
	fill = 0x0101010101010101ULL * (unsigned char)s[pos];
#if JSCAN_WORDS
	for (; pos + 8 <= len; pos += 8) {
		memcpy(&w, s + pos, 8);
		if ((x = w ^ fill))
			return pos + (size_t)__builtin_ctzll(x) / 8;
	}
#else
	(void)w;
	(void)x;
#endif
	while (pos < len && s[pos] == (char)(fill & 0xff))
		pos++;
	return pos;
}

/*
 * The bits 0x80 of the bytes of w that are below 0x20, '"', '\\' or not
 * ASCII (the "has a zero byte" trick). A borrow can only set bits above a
 * byte that is truly flagged, so the lowest bit set is always exact.
 */
static inline uint64_t
word_care_mask(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
		w) & high;
}

/* The end of the run of plain string bytes (printable ASCII but '"' and '\\') at pos. */
static inline size_t
jscan_plain_run(const char *s, size_t pos, size_t len)
{
#if JSCAN_WORDS
	uint64_t w, mask;

	for (; pos + 8 <= len; pos += 8) {
		memcpy(&w, s + pos, 8);
		if ((mask = word_care_mask(w)))
			return pos + (size_t)__builtin_ctzll(mask) / 8;
	}
#endif
	while (pos < len) {
		unsigned char c = (unsigned char)s[pos];

		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
		pos++;
	}
	return pos;
}

/*
 * Private to the JSON module: loader state and the shape-check helpers
 * shared by json_load.c and json_check.c, and the document layout the
 * writer reads back.
 */

/* The loaded snapshot: the positioned tree of the original text. */
struct mw_doc_layout {
	struct jarena *arena;
	jnode *root;
	/* mw_doc_locate's last answer: findings come in file order, so the next
	   column is counted on from it, not from the start of a long line */
	size_t memo_at, memo_line_start;
	int memo_col;
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
