/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQL tokens and statements as each engine reads them (see mwschema/sqllex.h;
 * the printer's reading, the same for every platform, is sqllex.c).
 */
#include <config.h>

#include "mwschema/buf.h"
#include "mwschema/model.h"
#include "mwschema/sqllex.h"

#include <stdlib.h>
#include <string.h>

typedef struct lexer {
	const char *s;
	size_t len;
	mw_dbms dbms;
} lexer;

static bool
is_word_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool
is_word_char(const lexer *lx, unsigned char c)
{
	return is_word_start(c) || (c >= '0' && c <= '9') || (c == '$' && lx->dbms != MW_DBMS_SQLITE);
}

/* Length of a quoted token opened at p; 0 when it does not end. */
static size_t
quoted(const lexer *lx, size_t p, char close, bool backslash)
{
	for (size_t q = p + 1; q < lx->len; q++) {
		if (backslash && lx->s[q] == '\\')
			q++;
		else if (lx->s[q] == close && q + 1 < lx->len && lx->s[q + 1] == close)
			q++;
		else if (lx->s[q] == close)
			return q + 1 - p;
	}
	return 0;
}

/* PostgreSQL's $tag$...$tag$ at p (the tag may be empty); 0 when none ends. */
static size_t
dollar_quoted(const lexer *lx, size_t p)
{
	size_t t = p + 1;
	const char *end;

	while (t < lx->len && lx->s[t] != '$' && is_word_char(lx, (unsigned char)lx->s[t]) &&
	       lx->s[t] != '$')
		t++;
	if (t >= lx->len || lx->s[t] != '$')
		return 0;
	t++;	/* the tag is s[p, t) */
	for (end = lx->s + t; (end = memchr(end, '$', lx->len - (size_t)(end - lx->s)));
	     end++) {
		size_t tl = t - p;

		if ((size_t)(lx->s + lx->len - end) >= tl && !memcmp(end, lx->s + p, tl))
			return (size_t)(end - lx->s) + tl - p;
	}
	return 0;
}

/* Block comment at p; PostgreSQL nests them. 0 when it does not end. */
static size_t
block_comment(const lexer *lx, size_t p)
{
	int depth = 0;

	for (size_t q = p; q + 1 < lx->len; q++) {
		if (lx->s[q] == '/' && lx->s[q + 1] == '*' && (depth == 0 || lx->dbms == MW_DBMS_POSTGRES)) {
			depth++;
			q++;
		} else if (lx->s[q] == '*' && lx->s[q + 1] == '/') {
			if (--depth == 0)
				return q + 2 - p;
			q++;
		}
	}
	return 0;
}

static bool
line_comment_at(const lexer *lx, size_t p)
{
	const char *s = lx->s;

	if (lx->dbms == MW_DBMS_MYSQL && s[p] == '#')
		return true;
	if (s[p] != '-' || p + 1 >= lx->len || s[p + 1] != '-')
		return false;
	/* MySQL needs a blank (or the end) after "--" */
	return lx->dbms != MW_DBMS_MYSQL || p + 2 >= lx->len ||
	       strchr(" \t\r\n\f\v", s[p + 2]);
}

/* A quote at p in this dialect: its kind and length (0 = unterminated). */
static bool
quote_at(const lexer *lx, size_t p, mw_sqltok_kind *kind, size_t *n)
{
	char c = lx->s[p];
	bool my = lx->dbms == MW_DBMS_MYSQL;

	if (c == '\'' || (c == '"' && my)) {
		*kind = MW_SQLTOK_STRING;
		*n = quoted(lx, p, c, my);
	} else if (c == '"' || (c == '`' && lx->dbms != MW_DBMS_POSTGRES)) {
		*kind = MW_SQLTOK_QUOTED;
		*n = quoted(lx, p, c, false);
	} else if (c == '[' && lx->dbms == MW_DBMS_SQLITE) {
		*kind = MW_SQLTOK_QUOTED;
		*n = quoted(lx, p, ']', false);
	} else if (c == '$' && lx->dbms == MW_DBMS_POSTGRES &&
		   (p == 0 || !is_word_char(lx, (unsigned char)lx->s[p - 1]))) {
		*kind = MW_SQLTOK_STRING;
		*n = dollar_quoted(lx, p);
		return *n > 0;	/* a lone $ is punctuation */
	} else {
		return false;
	}
	return true;
}

static size_t
span_word(const lexer *lx, size_t p)
{
	size_t q = p;

	while (q < lx->len && is_word_char(lx, (unsigned char)lx->s[q]))
		q++;
	return q - p;
}

/* One token at p: its kind and length. */
static size_t
next_token(const lexer *lx, size_t p, mw_sqltok_kind *kind)
{
	const char *s = lx->s;
	size_t n = 0;

	if (strchr(" \t\r\n\f\v", s[p]) && s[p]) {
		for (n = 1; p + n < lx->len && s[p + n] && strchr(" \t\r\n\f\v", s[p + n]); n++)
			;
		*kind = MW_SQLTOK_SPACE;
		return n;
	}
	if (line_comment_at(lx, p)) {
		const char *nl = memchr(s + p, '\n', lx->len - p);

		*kind = MW_SQLTOK_COMMENT;
		return nl ? (size_t)(nl - (s + p)) : lx->len - p;
	}
	if (s[p] == '/' && p + 1 < lx->len && s[p + 1] == '*') {
		*kind = (n = block_comment(lx, p)) ? MW_SQLTOK_COMMENT : MW_SQLTOK_UNTERMINATED;
		return n ? n : lx->len - p;
	}
	/* PostgreSQL's E'...' takes backslash escapes */
	if (lx->dbms == MW_DBMS_POSTGRES && (s[p] == 'E' || s[p] == 'e') && p + 1 < lx->len &&
	    s[p + 1] == '\'') {
		*kind = (n = quoted(lx, p + 1, '\'', true)) ? MW_SQLTOK_STRING : MW_SQLTOK_UNTERMINATED;
		return n ? n + 1 : lx->len - p;
	}
	if (quote_at(lx, p, kind, &n)) {
		if (!n)
			*kind = MW_SQLTOK_UNTERMINATED;
		return n ? n : lx->len - p;
	}
	*kind = s[p] == ';' ? MW_SQLTOK_SEMICOLON : MW_SQLTOK_PUNCT;
	if (s[p] >= '0' && s[p] <= '9') {
		*kind = MW_SQLTOK_NUMBER;
		return span_word(lx, p);
	}
	if (is_word_start((unsigned char)s[p])) {
		*kind = MW_SQLTOK_WORD;
		return span_word(lx, p);
	}
	return 1;
}

size_t
mw_sql_lex(mw_sqltok **out, const char *sql, size_t len, mw_dbms dbms)
{
	lexer lx = { sql, len, dbms };
	size_t n = 0, cap = 16;
	mw_sqltok *v = mw_xmalloc(cap * sizeof(*v));

	for (size_t p = 0; p < len;) {
		mw_sqltok_kind kind;
		size_t tl = next_token(&lx, p, &kind);

		if (n == cap)
			v = mw_xrealloc(v, (cap *= 2) * sizeof(*v));
		v[n].kind = kind;
		v[n].start = p;
		v[n++].len = tl;
		p += tl;
	}
	*out = v;
	return n;
}

bool
mw_sql_comment_runs(const char *text, size_t len)
{
	return (len >= 3 && !memcmp(text, "/*!", 3)) || (len >= 4 && !memcmp(text, "/*M!", 4));
}

static void
push(char ***v, size_t *n, const char *sql, const mw_sqltok *first, const mw_sqltok *last)
{
	*v = mw_xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = mw_xstrndup(sql + first->start, last->start + last->len - first->start);
	(*v)[*n] = NULL;
}

long
mw_sql_statements(char ***out, const char *sql, size_t len, mw_dbms dbms)
{
	mw_sqltok *t;
	size_t nt = mw_sql_lex(&t, sql, len, dbms), n = 0;
	const mw_sqltok *first = NULL, *last = NULL;
	char **v = NULL;

	for (size_t i = 0; i < nt; i++) {
		if (t[i].kind == MW_SQLTOK_UNTERMINATED) {
			mw_strv_free(v, n);
			free(t);
			*out = NULL;
			return -1;
		}
		if (t[i].kind == MW_SQLTOK_SEMICOLON) {
			if (first)
				push(&v, &n, sql, first, last);
			first = last = NULL;
		} else if (t[i].kind != MW_SQLTOK_SPACE && (first || t[i].kind != MW_SQLTOK_COMMENT)) {
			first = first ? first : &t[i];
			last = &t[i];
		}
	}
	if (first)
		push(&v, &n, sql, first, last);
	free(t);
	*out = v ? v : mw_xcalloc(1, sizeof(*v));
	return (long)n;
}
