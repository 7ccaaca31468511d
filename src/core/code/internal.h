/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the code module: the PHP tokenizer (code_lex.c), the index's
 * storage (code_index.c), the walk over a file's tokens that fills it
 * (code_php.c) and the directory scan that keeps it current (code_scan.c).
 */
#ifndef MWSCHEMA_CODE_INTERNAL_H
#define MWSCHEMA_CODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mwschema/code.h"
#include "mwschema/strmap.h"

/* Where a name is used: the contexts that make it a table or an index. */
enum {
	CTX_TABLE = 1u << 0,	/* the table argument of a query, or after FROM/JOIN/... */
	CTX_INDEX = 1u << 1,	/* an index hint */
	CTX_SKIP = 1u << 2,	/* the updater's bookkeeping: not a use */
};

/* One use of one identifier. */
struct code_posting {
	uint32_t file;		/* index into mw_code.files */
	uint32_t line;
	uint32_t column;
	uint32_t call;		/* 1 + index into mw_code.calls; 0 = outside any call */
	uint8_t form;		/* mw_code_form */
	uint8_t ctx;		/* CTX_TABLE | CTX_INDEX */
};

/* All uses of one identifier, in the order they were indexed. */
struct code_ident {
	struct code_posting *v;
	uint32_t n, cap;
};

struct code_file {
	char *path;		/* relative to the root */
	char *label;		/* prefix + path */
	bool live;		/* false once replaced or removed */
	bool in_tests;
	long long size, mtime_ns;	/* as scanned, for refresh */
	size_t npostings;
};

struct code_watch;		/* code_scan.c: inotify state */

struct mw_code {
	char *prefix;
	char *root;			/* set by mw_code_scan_dir */
	struct code_file *files;
	size_t nfiles, cap;
	size_t nlive;			/* files indexed now */
	mw_strmap by_path;		/* path -> 1 + index of its live file */
	mw_strmap idents;		/* identifier -> struct code_ident */
	mw_strmap call_ids;		/* call name -> 1 + index into calls */
	mw_strmap call_kinds;		/* the calls that mean something (code_php.c) */
	char **calls;
	size_t ncalls;
	struct code_pool *pool;		/* the bytes of the identifiers and call names */
	size_t live_postings, dead_postings;
	struct code_watch *watch;
};

/* Adds a use of word[0..len) in `file`; the posting's file field is set here. */
void code_add_use(mw_code *code, uint32_t file, const char *word, size_t len,
		  struct code_posting p);
/* The id (for code_posting.call) of a call name. */
uint32_t code_call_id(mw_code *code, const char *name, size_t len);
/* Fills the map of the calls that mean something (code_php.c). */
void code_init_calls(mw_strmap *kinds);
/* Indexes the uses in one PHP file (code_php.c). */
void code_index_php(mw_code *code, uint32_t file, const char *text, size_t len);
/* The live file at `path`, or NULL. */
struct code_file *code_live_file(const mw_code *code, const char *path);
void code_watch_free(struct code_watch *w);

/*
 * The PHP tokenizer (code_lex.c): it knows just enough of the language to
 * tell code from strings, comments and inline HTML.
 *
 * It yields names, variables, brackets, commas, "=>", "->"/"::" and the
 * literal chunks of strings. A single-quoted string or a nowdoc is one
 * chunk; a double-quoted string, a heredoc or a backtick string is split at
 * its interpolations, whose code ("{$db->tableName( 'page' )}") comes out
 * as tokens between its chunks, and whose simple form ("$row->rev_id")
 * as a variable, "->" and a name. Comments and whitespace are skipped.
 * It never fails: text that is not PHP just yields odd tokens.
 */
enum php_tok_kind {
	PT_END,
	PT_NAME,	/* an identifier or keyword */
	PT_VAR,		/* $name: [start, end) is the name, without the $ */
	PT_STR,		/* a literal chunk of a string: [start, end) are its raw bytes */
	PT_OPEN,	/* ( [ { */
	PT_CLOSE,	/* ) ] } */
	PT_COMMA,
	PT_ARROW,	/* => */
	PT_MEMBER,	/* -> ?-> :: */
	PT_SEMI,	/* ; */
	PT_OTHER,	/* operators, numbers, anything else */
};

struct php_tok {
	enum php_tok_kind kind;
	size_t start, end;
	int line;		/* the line of `start` (1-based) */
	size_t line_start;	/* the offset at which that line begins */
	char bracket;		/* PT_OPEN / PT_CLOSE: '(', '[', '{', ')', ']', '}' */
	bool whole;		/* PT_STR: the chunk is the whole string (no interpolation) */
	bool escapes;		/* PT_STR: backslash escapes apply (double quotes, heredoc) */
	size_t string;		/* PT_STR: offset of the string's opening: one per string */
};

enum php_mode {
	PM_HTML,	/* outside <?php ... ?> */
	PM_CODE,
	PM_DQ,		/* inside "..." */
	PM_HEREDOC,
	PM_BACKTICK,
};

#define PHP_LEX_DEPTH 32

struct php_frame {
	enum php_mode mode;
	int braces;		/* PM_CODE inside a string: open '{' to close first */
	size_t label, label_len;	/* PM_HEREDOC: the closing label */
	size_t string;		/* string modes: offset of the opening */
	size_t body;		/* string modes: where the literal text starts */
	bool split;		/* string modes: interpolated already (no chunk is whole) */
	int member;		/* after "$var" in a string: 1 "->" may follow, 2 then its name */
};

struct code_lex {
	const char *s;
	size_t len, pos;
	int line;
	size_t line_start;
	struct php_frame stack[PHP_LEX_DEPTH];
	int depth;		/* index of the current frame */
};

void code_lex_init(struct code_lex *lx, const char *text, size_t len);
/* The next token in *t; false (and PT_END) at the end of the text. */
bool code_lex_next(struct code_lex *lx, struct php_tok *t);

#endif /* MWSCHEMA_CODE_INTERNAL_H */
