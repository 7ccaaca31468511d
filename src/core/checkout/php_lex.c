/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A PHP tokenizer for php_eval.c (see internal.h): variables, names, strings,
 * numbers and operators, with comments, inline HTML and heredoc bodies left
 * out. Enough to follow a handler's path expressions, not to parse PHP.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest first: the lexer takes the first that matches. */
static const char *const operators[] = {
	"===", "!==", "<=>", "**=", "...", "?\?=", "?->", "<<=", ">>=",
	"==", "!=", "<>", "<=", ">=", "&&", "||", "->", "::", "=>", ".=", "+=", "-=", "*=",
	"/=", "%=", "|=", "&=", "^=", "??", "++", "--", "<<", ">>", "**",
};

static bool
is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '\\' || (unsigned char)c >= 0x80;
}

static void
push(php_toks *t, php_tok_kind kind, char *text, size_t offset)
{
	/* Doubling: an updater of thousands of entries lexes in linear time. */
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->v = mw_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].kind = kind;
	t->v[t->n].text = text;
	t->v[t->n++].offset = offset;
}

/* Past a comment starting at i, or i when none does. */
static size_t
skip_comment(const char *s, size_t len, size_t i)
{
	const char *end;

	if ((s[i] == '#' && (i + 1 >= len || s[i + 1] != '[')) ||
	    (s[i] == '/' && i + 1 < len && s[i + 1] == '/')) {
		while (i < len && s[i] != '\n' && !(s[i] == '?' && i + 1 < len && s[i + 1] == '>'))
			i++;
		return i;
	}
	if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
		end = memmem(s + i + 2, len - i - 2, "*/", 2);
		return end ? (size_t)(end - s) + 2 : len;
	}
	return i;
}

/* A '...' string: \' and \\ are the only escapes. */
static size_t
lex_single(php_toks *t, const char *s, size_t len, size_t i)
{
	mw_buf b = MW_BUF_INIT;
	size_t start = i++;

	for (; i < len && s[i] != '\''; i++) {
		if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '\'' || s[i + 1] == '\\'))
			i++;
		mw_buf_addc(&b, s[i]);
	}
	mw_buf_grow(&b, 1);
	push(t, PHP_T_STR, mw_buf_detach(&b), start);
	return i < len ? i + 1 : len;
}

/* A "..." or `...` string, kept raw: interpolation happens when it is evaluated. */
static size_t
lex_double(php_toks *t, const char *s, size_t len, size_t i)
{
	size_t start = i++;
	char q = s[start];

	while (i < len && s[i] != q)
		i += s[i] == '\\' && i + 1 < len ? 2 : 1;
	push(t, q == '"' ? PHP_T_DSTR : PHP_T_STR,
	     mw_xstrndup(s + start + 1, (i < len ? i : len) - start - 1), start);
	return i < len ? i + 1 : len;
}

/* <<<ID ... ID: its text is of no use here; it becomes one unknown string. */
static size_t
lex_heredoc(php_toks *t, const char *s, size_t len, size_t i)
{
	size_t start = i, a, b, n;
	const char *end = NULL, *hit;

	i += 3;
	while (i < len && (s[i] == ' ' || s[i] == '"' || s[i] == '\''))
		i++;
	for (a = i; i < len && is_name_char(s[i]); i++)
		;
	b = i;
	n = b - a;
	/* The closing label starts a line (after indentation). The text need
	 * not end in a NUL: every search is bounded by len. */
	for (size_t from = b; n && from < len; from = (size_t)(hit - s) + 1) {
		if (!(hit = memmem(s + from, len - from, s + a, n)))
			break;
		if (hit[-1] == '\n' || hit[-1] == ' ' || hit[-1] == '\t') {
			end = hit;
			break;
		}
	}
	push(t, PHP_T_DSTR, mw_xstrdup("{$__heredoc}"), start);
	return end ? (size_t)(end - s) + n : len;
}

static size_t
lex_operator(php_toks *t, const char *s, size_t len, size_t i)
{
	for (size_t k = 0; k < sizeof(operators) / sizeof(*operators); k++) {
		size_t l = strlen(operators[k]);

		if (i + l <= len && !memcmp(s + i, operators[k], l)) {
			push(t, PHP_T_OP, mw_xstrdup(operators[k]), i);
			return i + l;
		}
	}
	push(t, PHP_T_OP, mw_xstrndup(s + i, 1), i);
	return i + 1;
}

/* Outside <?php ... ?> is inline HTML: skipped. */
static size_t
skip_html(const char *s, size_t len, size_t i)
{
	const char *open = memmem(s + i, len - i, "<?php", 5);

	return open ? (size_t)(open - s) + 5 : len;
}

static size_t
lex_one(php_toks *t, const char *s, size_t len, size_t i)
{
	size_t j = skip_comment(s, len, i);

	if (j != i)
		return j;
	if (isspace((unsigned char)s[i]))
		return i + 1;
	if (s[i] == '?' && i + 1 < len && s[i + 1] == '>')
		return skip_html(s, len, i + 2);
	if (s[i] == '$' && i + 1 < len && is_name_char(s[i + 1])) {
		for (j = i + 1; j < len && is_name_char(s[j]); j++)
			;
		push(t, PHP_T_VAR, mw_xstrndup(s + i + 1, j - i - 1), i);
		return j;
	}
	if (isdigit((unsigned char)s[i])) {
		for (j = i; j < len && (isalnum((unsigned char)s[j]) || s[j] == '.' || s[j] == '_'); j++)
			;
		push(t, PHP_T_NUM, mw_xstrndup(s + i, j - i), i);
		return j;
	}
	if (is_name_char(s[i])) {
		for (j = i; j < len && is_name_char(s[j]); j++)
			;
		push(t, PHP_T_ID, mw_xstrndup(s + i, j - i), i);
		return j;
	}
	if (s[i] == '\'')
		return lex_single(t, s, len, i);
	if (s[i] == '"' || s[i] == '`')
		return lex_double(t, s, len, i);
	if (i + 3 < len && !memcmp(s + i, "<<<", 3))
		return lex_heredoc(t, s, len, i);
	return lex_operator(t, s, len, i);
}

static void
lex_from(php_toks *out, const char *src, size_t len, size_t i)
{
	memset(out, 0, sizeof(*out));
	while (i < len)
		i = lex_one(out, src, len, i);
	push(out, PHP_T_END, mw_xstrdup(""), len);
}

void
php_lex(php_toks *out, const char *src, size_t len)
{
	lex_from(out, src, len, skip_html(src, len, 0));
}

void
php_lex_code(php_toks *out, const char *src, size_t len)
{
	lex_from(out, src, len, 0);
}

void
php_toks_free(php_toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

bool
php_tok_is(const php_toks *t, size_t i, php_tok_kind kind, const char *text)
{
	if (i >= t->n || t->v[i].kind != kind)
		return false;
	if (!text)
		return true;
	/* PHP's names and keywords are case-insensitive; operators are exact anyway. */
	return kind == PHP_T_ID ? !strcasecmp(t->v[i].text, text) : !strcmp(t->v[i].text, text);
}

static bool
is_bracket(const php_tok *k, const char *set)
{
	return k->kind == PHP_T_OP && k->text[0] && !k->text[1] && strchr(set, k->text[0]);
}

size_t
php_match(const php_toks *t, size_t open)
{
	int depth = 0;

	for (size_t i = open; i + 1 < t->n; i++) {
		if (is_bracket(&t->v[i], "([{"))
			depth++;
		else if (is_bracket(&t->v[i], ")]}") && --depth == 0)
			return i;
	}
	return t->n - 1;
}
