/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQL rules for hand-written patches. The text is first "blanked": comments
 * and quoted strings, as the SQL lexer (sqllex.h) finds them, become spaces
 * (offsets are kept, so findings point at the original text) and letters
 * are upper-cased; the checks then only see keywords, names and punctuation.
 */
#include <config.h>

#include "core/lint/internal.h"
#include "mwschema/sqllex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Marks the end of a comment, so that "/\*_*\/user(" is not taken for USER(. */
#define COMMENT_END '\001'

/* Spaces over s[from, to), newlines kept (offsets and lines stay the same). */
static void
blank(char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != '\n')
			s[i] = ' ';
}

static void
upper(char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
}

static bool
is_quote(char c)
{
	return c == '\'' || c == '"' || c == '`';
}

/* One token of the SQL lexer: strings, quoted names and comments are blanked. */
static void
blank_token(char *s, const mw_sql_token *t)
{
	size_t from = t->start, to = t->start + t->len;

	switch (t->type) {
	case MW_TOK_COMMENT:
		blank(s, from, to);
		return;
	case MW_TOK_BLOCK_COMMENT:
		blank(s, from, to);
		s[to - 1] = COMMENT_END;
		return;
	case MW_TOK_QUOTE:
	case MW_TOK_BACKTICK:
		if (is_quote(s[from])) {
			blank(s, from, to);
			return;
		}
		break;
	case MW_TOK_VARIABLE:
		/* @'name': the quoted part is a string */
		if (t->len > 1 && is_quote(s[from + 1])) {
			upper(s, from, from + 1);
			blank(s, from + 1, to);
			return;
		}
		break;
	default:
		break;
	}
	upper(s, from, to);
}

static char *
blank_sql(const char *text, size_t len)
{
	char *s = mw_xstrndup(text, len);
	mw_sql_token *t;
	size_t n = mw_sql_tokenize(&t, s, len);

	for (size_t i = 0; i < n; i++)
		blank_token(s, &t[i]);
	free(t);
	return s;
}

static bool
word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* Offset of keyword `word` (a whole word) in s[from, to), or (size_t)-1. */
static size_t
find_word(const char *s, size_t from, size_t to, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = from; i + n <= to; i++)
		if (!strncmp(s + i, word, n) && (i == 0 || !word_char(s[i - 1])) &&
		    (i + n == to || !word_char(s[i + n])))
			return i;
	return (size_t)-1;
}

/* Does the statement s[w, to) start with keyword `word`? */
static bool
starts_with_word(const char *s, size_t w, size_t to, const char *word)
{
	size_t n = strlen(word);

	return w + n <= to && find_word(s, w, w + n, word) == w;
}

static size_t
first_word(const char *s, size_t from, size_t to)
{
	while (from < to && !word_char(s[from]))
		from++;
	return from;
}

static bool
has_order_by(const char *s, size_t from, size_t to)
{
	size_t o = find_word(s, from, to, "ORDER");

	return o != (size_t)-1 && find_word(s, o + 5, to, "BY") != (size_t)-1;
}

static void
check_statement(struct lint_ctx *ctx, const char *s, size_t from, size_t to)
{
	static const char *const unsafe_functions[] = {
		"SYSDATE", "UUID", "UUID_SHORT", "USER", "SESSION_USER", "SYSTEM_USER",
		"FOUND_ROWS", "ROW_COUNT", "LOAD_FILE", "VERSION",
	};
	size_t w = first_word(s, from, to), at;

	if ((starts_with_word(s, w, to, "UPDATE") || starts_with_word(s, w, to, "DELETE")) &&
	    (at = find_word(s, w, to, "LIMIT")) != (size_t)-1 && !has_order_by(s, w, to))
		lint_report_at(ctx, at, "add ORDER BY on a unique key before LIMIT",
			       "%.6s with LIMIT but no ORDER BY may change other rows on replicas",
			       ctx->text + w);
	if ((starts_with_word(s, w, to, "INSERT") || starts_with_word(s, w, to, "REPLACE")) &&
	    (at = find_word(s, w, to, "SELECT")) != (size_t)-1)
		lint_report_at(ctx, at, "copy the rows in batches from a maintenance script",
			       "INSERT ... SELECT is unsafe under statement-based replication");
	for (size_t i = 0; i < sizeof(unsafe_functions) / sizeof(*unsafe_functions); i++) {
		size_t n = strlen(unsafe_functions[i]);

		for (at = from; (at = find_word(s, at, to, unsafe_functions[i])) != (size_t)-1;
		     at += n) {
			if (at + n >= to || s[at + n] != '(' || (at > 0 && (s[at - 1] == '.' ||
							    s[at - 1] == COMMENT_END)))
				continue;
			lint_report_at(ctx, at, "compute the value once and pass it as a literal",
				       "%s() gives different results on replicas",
				       unsafe_functions[i]);
		}
	}
}

void
check_unsafe_statement(struct lint_ctx *ctx)
{
	char *s = blank_sql(ctx->text, ctx->len);
	size_t start = 0;

	for (size_t i = 0; i <= ctx->len; i++) {
		if (i < ctx->len && s[i] != ';')
			continue;
		check_statement(ctx, s, start, i);
		start = i + 1;
	}
	free(s);
}
