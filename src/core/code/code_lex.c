/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PHP tokenizer of the code module (see internal.h). A stack of modes
 * follows the text in and out of <?php ... ?>, strings, heredocs and the
 * code interpolated into them. Runs of comment and string text are skipped
 * with memchr, and the line count is kept as the position moves.
 */
#include <config.h>

#include "core/code/internal.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Byte classes, one table lookup per byte in the loops that run over everything. */
enum {
	B_NAME = 1,	/* may start a name: letters, '_', bytes of UTF-8 */
	B_DIGIT = 2,
	B_BLANK = 4,	/* space, tab, CR, FF, VT (not the newline) */
	B_STR = 8,	/* may end a run of string text: " ` \ $ { newline */
};

/* (GNU range designators: the table is data, built by the compiler.) */
static const unsigned char byte_class[256] = {
	['a' ... 'z'] = B_NAME, ['A' ... 'Z'] = B_NAME, ['_'] = B_NAME, [0x80 ... 0xff] = B_NAME,
	['0' ... '9'] = B_DIGIT,
	[' '] = B_BLANK, ['\t'] = B_BLANK, ['\r'] = B_BLANK, ['\f'] = B_BLANK, ['\v'] = B_BLANK,
	['"'] = B_STR, ['`'] = B_STR, ['\\'] = B_STR, ['$'] = B_STR, ['{'] = B_STR, ['\n'] = B_STR,
};

static bool
name_start(unsigned char c)
{
	return byte_class[c] & B_NAME;
}

static bool
name_char(unsigned char c)
{
	return byte_class[c] & (B_NAME | B_DIGIT);
}

static unsigned char
at(const struct code_lex *lx, size_t i)
{
	return i < lx->len ? (unsigned char)lx->s[i] : 0;
}

/* Moves to `to`, counting the lines passed. */
static void
move_to(struct code_lex *lx, size_t to)
{
	const char *p = lx->s + lx->pos, *end = lx->s + to, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		lx->line++;
		lx->line_start = (size_t)(nl - lx->s) + 1;
		p = nl + 1;
	}
	lx->pos = to;
}

void
code_lex_init(struct code_lex *lx, const char *text, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->s = text;
	lx->len = len;
	lx->line = 1;
	lx->stack[0].mode = PM_HTML;
}

static struct php_frame *
top(struct code_lex *lx)
{
	return &lx->stack[lx->depth];
}

/* Enters a string mode or interpolated code; too deep a nesting stays where it is. */
static struct php_frame *
push(struct code_lex *lx, enum php_mode mode)
{
	struct php_frame *f;

	if (lx->depth + 1 >= PHP_LEX_DEPTH)
		return NULL;
	f = &lx->stack[++lx->depth];
	memset(f, 0, sizeof(*f));
	f->mode = mode;
	return f;
}

static void
start_token(const struct code_lex *lx, struct php_tok *t, enum php_tok_kind kind, size_t start)
{
	/* only what every token has: the rest is set by the kinds that have it */
	t->kind = kind;
	t->start = start;
	t->line = lx->line;
	t->line_start = lx->line_start;
}

/* Outside PHP: up to the next "<?php", "<?=" or "<? ". False at the end. */
static bool
skip_html(struct code_lex *lx)
{
	const char *p = lx->s + lx->pos, *end = lx->s + lx->len;

	while ((p = memchr(p, '<', (size_t)(end - p))) && p + 1 < end) {
		size_t i = (size_t)(p - lx->s);

		if (p[1] == '?') {
			size_t skip = !strncasecmp(p, "<?php", 5) && !name_char(at(lx, i + 5)) ? 5
				      : p + 2 < end && p[2] == '=' ? 3 : 2;

			move_to(lx, i + skip);
			lx->stack[0].mode = PM_CODE;
			return true;
		}
		p++;
	}
	move_to(lx, lx->len);
	return false;
}

/* After "//" or "#": to the end of the line, or to a "?>" (which it leaves). */
static void
skip_line_comment(struct code_lex *lx)
{
	const char *p = lx->s + lx->pos, *end = lx->s + lx->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;

	if (!nl)
		nl = end;
	for (q = p; (q = memchr(q, '?', (size_t)(nl - q))) && !(q + 1 < end && q[1] == '>'); q++)
		;
	lx->pos = (size_t)((q ? q : nl) - lx->s);
}

static void
skip_block_comment(struct code_lex *lx)
{
	const char *p = lx->s + lx->pos + 2, *end = lx->s + lx->len;

	while ((p = memchr(p, '*', (size_t)(end - p))) && p + 1 < end && p[1] != '/')
		p++;
	move_to(lx, p && p + 1 < end ? (size_t)(p - lx->s) + 2 : lx->len);
}

/* The tabs that indent a line, eight at a time. */
static void
skip_indent(struct code_lex *lx)
{
	const uint64_t tabs = 0x0909090909090909ULL;
	uint64_t w;

	while (lx->pos + 8 <= lx->len) {
		memcpy(&w, lx->s + lx->pos, 8);
		if (w != tabs)
			break;
		lx->pos += 8;
	}
	while (lx->pos < lx->len && lx->s[lx->pos] == '\t')
		lx->pos++;
}

/* Whitespace and comments; false when the code ends ("?>" or the end of the text). */
static bool
skip_blanks(struct code_lex *lx)
{
	for (;;) {
		unsigned char c, d;

		size_t i = lx->pos;

		while (i < lx->len && (byte_class[(unsigned char)lx->s[i]] & B_BLANK))
			i++;
		lx->pos = i;
		if (i >= lx->len)
			return false;
		c = (unsigned char)lx->s[i];
		d = at(lx, i + 1);
		if (c == '\n') {
			lx->line++;
			lx->line_start = ++lx->pos;
			skip_indent(lx);
		} else if (c != '/' && c != '#' && c != '?') {
			return true;	/* the common case: a token starts */
		} else if ((c == '/' && d == '/') || (c == '#' && d != '[')) {
			skip_line_comment(lx);
		} else if (c == '/' && d == '*') {
			skip_block_comment(lx);
		} else if (c == '?' && d == '>' && lx->depth == 0) {
			lx->pos += 2;
			lx->stack[0].mode = PM_HTML;
			return false;
		} else {
			return true;
		}
	}
}

static void
string_chunk(const struct code_lex *lx, struct php_tok *t, size_t start, size_t string,
	     bool whole, bool escapes)
{
	start_token(lx, t, PT_STR, start);
	t->string = string;
	t->whole = whole;
	t->escapes = escapes;
}

static void
single_quoted(struct code_lex *lx, struct php_tok *t)
{
	size_t i = lx->pos + 1;

	string_chunk(lx, t, i, lx->pos, true, false);
	for (;;) {
		const char *q = memchr(lx->s + i, '\'', lx->len - i);
		size_t slashes = 0;

		if (!q) {
			i = lx->len;
			break;
		}
		i = (size_t)(q - lx->s);
		while (i - slashes > lx->pos + 1 && lx->s[i - slashes - 1] == '\\')
			slashes++;
		if (slashes % 2 == 0)
			break;	/* not escaped */
		i++;
	}
	t->end = i;
	move_to(lx, i < lx->len ? i + 1 : lx->len);
}

/* The end of a heredoc's closing label if one starts the line at `i`, else 0. */
static size_t
closing_label(const struct code_lex *lx, size_t i, const struct php_frame *f)
{
	while (i < lx->len && (lx->s[i] == ' ' || lx->s[i] == '\t'))
		i++;
	if (i + f->label_len > lx->len || memcmp(lx->s + i, lx->s + f->label, f->label_len) ||
	    name_char(at(lx, i + f->label_len)))
		return 0;
	return i + f->label_len;
}

/* "<<<" LABEL, "<<<'LABEL'" (nowdoc) or "<<<\"LABEL\"": opens the string. */
static bool
heredoc(struct code_lex *lx, struct php_tok *t)
{
	size_t i = lx->pos + 3, label, n = 0, open;
	char quote = 0;
	struct php_frame probe = { 0 }, *f;

	while (at(lx, i) == ' ' || at(lx, i) == '\t')
		i++;
	if (at(lx, i) == '\'' || at(lx, i) == '"')
		quote = lx->s[i++];
	label = i;
	while (name_char(at(lx, i + n)))
		n++;
	i += n + (quote != 0);
	if (!n || (at(lx, i) != '\n' && !(at(lx, i) == '\r' && at(lx, i + 1) == '\n')))
		return false;
	i += at(lx, i) == '\r' ? 2 : 1;
	if (quote != '\'') {
		if (!(f = push(lx, PM_HEREDOC)))
			return false;
		f->label = label;
		f->label_len = n;
		f->string = lx->pos;
		f->body = i;
		move_to(lx, i);
		return false;	/* the body comes as chunks */
	}
	/* nowdoc: the whole body is one literal chunk */
	probe.label = label;
	probe.label_len = n;
	open = lx->pos;
	move_to(lx, i);
	string_chunk(lx, t, i, open, true, false);
	for (size_t j = i; j <= lx->len; j++) {
		size_t end = j == i || lx->s[j - 1] == '\n' ? closing_label(lx, j, &probe) : 0;

		if (end || j == lx->len) {
			t->end = j > i ? j - 1 : i;
			move_to(lx, end ? end : lx->len);
			return true;
		}
	}
	return true;
}

static void
simple(struct code_lex *lx, struct php_tok *t, enum php_tok_kind kind, size_t n)
{
	start_token(lx, t, kind, lx->pos);
	t->bracket = lx->s[lx->pos];
	t->end = lx->pos + n;
	lx->pos += n;
}

static void
name_or_number(struct code_lex *lx, struct php_tok *t, enum php_tok_kind kind)
{
	size_t i = lx->pos;

	while (i < lx->len && (byte_class[(unsigned char)lx->s[i]] & (B_NAME | B_DIGIT)))
		i++;
	start_token(lx, t, kind, lx->pos);
	t->end = i;
	lx->pos = i;
}

/* A brace inside code interpolated into a string: counted, the last one returns. */
static bool
brace(struct code_lex *lx, struct php_tok *t, char c)
{
	struct php_frame *f = top(lx);

	if (lx->depth > 0 && c == '}' && f->braces == 0) {
		lx->pos++;
		lx->depth--;
		return false;
	}
	if (lx->depth > 0)
		f->braces += c == '{' ? 1 : -1;
	simple(lx, t, c == '{' ? PT_OPEN : PT_CLOSE, 1);
	return true;
}

static bool
open_string(struct code_lex *lx, enum php_mode mode)
{
	struct php_frame *f = push(lx, mode);

	if (f) {
		f->string = lx->pos;
		f->body = lx->pos + 1;
	}
	lx->pos++;
	return false;
}

/* One token of code; false when none was made (a mode changed). */
static bool
code_token(struct code_lex *lx, struct php_tok *t)
{
	unsigned char c = at(lx, lx->pos), d = at(lx, lx->pos + 1);

	if (name_start(c)) {
		name_or_number(lx, t, PT_NAME);
	} else if (c == '$' && name_start(d)) {
		lx->pos++;
		name_or_number(lx, t, PT_VAR);
	} else if (c >= '0' && c <= '9') {
		name_or_number(lx, t, PT_OTHER);
	} else if (c == '\'') {
		single_quoted(lx, t);
	} else if (c == '"') {
		return open_string(lx, PM_DQ);
	} else if (c == '`') {
		return open_string(lx, PM_BACKTICK);
	} else if (c == '<' && d == '<' && at(lx, lx->pos + 2) == '<') {
		if (heredoc(lx, t))
			return true;
		if (top(lx)->mode != PM_HEREDOC)
			simple(lx, t, PT_OTHER, 3);
		return top(lx)->mode != PM_HEREDOC;
	} else if (c == '{' || c == '}') {
		return brace(lx, t, (char)c);
	} else if (c == '(' || c == '[') {
		simple(lx, t, PT_OPEN, 1);
	} else if (c == ')' || c == ']') {
		simple(lx, t, PT_CLOSE, 1);
	} else if (c == ',' || c == ';') {
		simple(lx, t, c == ',' ? PT_COMMA : PT_SEMI, 1);
	} else if (c == '=' && d == '>') {
		simple(lx, t, PT_ARROW, 2);
	} else if ((c == '-' && d == '>') || (c == ':' && d == ':')) {
		simple(lx, t, PT_MEMBER, 2);
	} else if (c == '?' && d == '-' && at(lx, lx->pos + 2) == '>') {
		simple(lx, t, PT_MEMBER, 3);
	} else {
		simple(lx, t, PT_OTHER, 1);
	}
	return true;
}

/* What ends a string's literal run at i: 0 (nothing), 'e' (the end), '$', '{'. */
static char
string_stop(const struct code_lex *lx, const struct php_frame *f, size_t i, size_t *end)
{
	unsigned char c = (unsigned char)lx->s[i], d = at(lx, i + 1);

	if ((c == '"' && f->mode == PM_DQ) || (c == '`' && f->mode == PM_BACKTICK)) {
		*end = i + 1;
		return 'e';
	}
	if (c == '\n' && f->mode == PM_HEREDOC && (*end = closing_label(lx, i + 1, f)))
		return 'e';
	if (c == '$' && (name_start(d) || d == '{'))
		return '$';
	if (c == '{' && d == '$')
		return '{';
	return 0;
}

/* "$name" (with "->name" after it) or "${...}" / "{$...}" inside a string. */
static bool
interpolation(struct code_lex *lx, struct php_tok *t, char stop)
{
	struct php_frame *f = top(lx);

	f->split = true;
	if (stop == '$' && at(lx, lx->pos + 1) != '{') {
		lx->pos++;
		name_or_number(lx, t, PT_VAR);
		f->member = true;
		return true;
	}
	lx->pos += stop == '$' ? 2 : 1;	/* "${" and "{" are not code; "$" is */
	push(lx, PM_CODE);
	return false;
}

/* "->name" right after a variable interpolated into a string. */
static bool
string_member(struct code_lex *lx, struct php_tok *t)
{
	struct php_frame *f = top(lx);

	if (f->member == 1 && at(lx, lx->pos) == '-' && at(lx, lx->pos + 1) == '>' &&
	    name_start(at(lx, lx->pos + 2))) {
		simple(lx, t, PT_MEMBER, 2);
		f->member = 2;
		return true;
	}
	if (f->member == 2) {
		name_or_number(lx, t, PT_NAME);
		f->member = 0;
		return true;
	}
	f->member = 0;
	return false;
}

/* The next literal chunk of the string, or what interrupts it. */
static bool
string_token(struct code_lex *lx, struct php_tok *t)
{
	struct php_frame *f = top(lx);
	size_t i = lx->pos, end = 0;
	char stop = 0;

	if (f->member && string_member(lx, t))
		return true;
	for (; i < lx->len; i++) {
		if (!(byte_class[(unsigned char)lx->s[i]] & B_STR))
			continue;
		if ((stop = string_stop(lx, f, i, &end)))
			break;
		if (lx->s[i] == '\\')
			i++;	/* an escaped quote, dollar or brace ends nothing */
	}
	if (i > lx->pos) {
		string_chunk(lx, t, lx->pos, f->string, stop == 'e' && !f->split && lx->pos == f->body,
			     true);
		t->end = i < lx->len ? i : lx->len;
		move_to(lx, t->end);
		return true;
	}
	if (stop == 'e' || i >= lx->len) {
		move_to(lx, stop == 'e' ? end : lx->len);
		lx->depth--;
		return false;
	}
	return interpolation(lx, t, stop);
}

bool
code_lex_next(struct code_lex *lx, struct php_tok *t)
{
	for (;;) {
		enum php_mode mode = top(lx)->mode;

		if (lx->pos >= lx->len)
			break;
		if (mode == PM_HTML) {
			if (!skip_html(lx))
				break;
		} else if (mode == PM_CODE) {
			if (skip_blanks(lx) && code_token(lx, t))
				return true;
		} else if (string_token(lx, t)) {
			return true;
		}
	}
	start_token(lx, t, PT_END, lx->len);
	t->end = lx->len;
	return false;
}
