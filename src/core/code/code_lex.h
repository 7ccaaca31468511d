/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the code module: a PHP tokenizer that knows just enough of
 * the language to tell code from strings, comments and inline HTML.
 *
 * It yields names, variables, brackets, commas, "=>", "->"/"::" and the
 * literal chunks of strings. A single-quoted string or a nowdoc is one
 * chunk; a double-quoted string, a heredoc or a backtick string is split at
 * its interpolations, whose code ("{$db->tableName( 'page' )}") comes out
 * as tokens between its chunks, and whose simple form ("$row->rev_id")
 * as a variable, "->" and a name. Comments and whitespace are skipped.
 * It never fails: text that is not PHP just yields odd tokens.
 */
#ifndef MWSCHEMA_CODE_LEX_H
#define MWSCHEMA_CODE_LEX_H

#include <stdbool.h>
#include <stddef.h>

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

#endif /* MWSCHEMA_CODE_LEX_H */
