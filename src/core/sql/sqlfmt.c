/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQL pretty-printer: doctrine/sql-formatter 1.5 SqlFormatter::format()
 * with the NullHighlighter MediaWiki uses (spec §7.2), byte for byte.
 *
 * The output is built exactly like the PHP code builds its string: a tab is
 * the indent unit while formatting (tabs that come from the input are
 * indistinguishable from it there, too), trailing spaces are stripped with
 * rtrim() at the same moments, and at the end every tab becomes two spaces
 * and the text is trimmed with PHP's trim() character set. Only indentation
 * and line breaks depend on the state machine below; token text is copied.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/sql/internal.h"
#include "mwschema/sqlfmt.h"

enum { IND_SPECIAL = 'S', IND_BLOCK = 'B' };

typedef struct fmt {
	const char *sql;
	const mw_sql_token *tok;	/* non-whitespace tokens only */
	const bool *ws_before;		/* raw previous token was whitespace */
	size_t ntok;
	size_t i;			/* current token */
	mw_buf out;
	mw_buf stack;			/* indent kinds, IND_* */
	long level;
	bool newline, add_special, add_block, inline_parens, inline_indented;
	bool added_newline, clause_limit;
	size_t inline_count;
} fmt;

static inline const mw_sql_token *
cur(const fmt *f)
{
	return &f->tok[f->i];
}

static const mw_sql_token *
prev_nonws(const fmt *f)
{
	return f->i > 0 ? &f->tok[f->i - 1] : NULL;
}

static void
rtrim_chars(mw_buf *b, bool tabs_too)
{
	size_t n = b->len;

	while (n > 0 && (b->data[n - 1] == ' ' || (tabs_too && b->data[n - 1] == '\t')))
		n--;
	mw_buf_truncate(b, n);
}

/* mw_buf_addc() without the call: this is the printer's innermost loop. */
static inline void
put(mw_buf *b, char c)
{
	if (b->len + 1 >= b->cap)
		mw_buf_grow(b, 1);
	b->data[b->len++] = c;
}

static void
add_tabs(mw_buf *b, long n)
{
	if (n <= 0)
		return;
	mw_buf_grow(b, (size_t)n);
	memset(b->data + b->len, '\t', (size_t)n);
	b->len += (size_t)n;
}

static void
add_newline_indent(fmt *f)
{
	put(&f->out, '\n');
	add_tabs(&f->out, f->level);
}

static char
stack_top(const fmt *f)
{
	return f->stack.len ? f->stack.data[f->stack.len - 1] : 0;
}

static void
push_indent(fmt *f, char kind)
{
	f->level++;
	mw_buf_addc(&f->stack, kind);
}

/* $appendNewLineIfNotAddedFx */
static void
break_line(fmt *f)
{
	if (f->added_newline)
		return;
	rtrim_chars(&f->out, true);
	add_newline_indent(f);
}

/*
 * $decreaseIndentationLevelFx: pop, and when the text ends with "\n" plus
 * (level + 1) tabs, re-indent that line to the new level. The PHP loop that
 * follows also swallows directly preceding "\n"s (all but one of them).
 * A negative level makes PHP throw; we only make sure not to misbehave.
 */
static void
dedent(fmt *f)
{
	mw_buf *b = &f->out;
	size_t want, k, cut;

	if (f->stack.len)
		mw_buf_truncate(&f->stack, f->stack.len - 1);
	f->level--;
	if (f->level < 0)
		return;
	want = (size_t)f->level + 2;
	k = b->len > want ? b->len - want : 0;
	if (k >= b->len || b->data[k] != '\n')
		return;
	for (size_t j = k + 1; j < b->len; j++)
		if (b->data[j] != '\t')
			return;
	if (b->len < want)
		return;	/* PHP would cut the whole string; never reached in practice */
	cut = (size_t)f->level + 1;
	while (cut + 2 <= b->len && b->data[b->len - cut - 2] == '\n')
		cut++;
	mw_buf_truncate(b, b->len - cut);
	add_tabs(b, f->level);
}

/* Appends token text, optionally with whitespace runs collapsed to ' '. */
static void
add_token_text(fmt *f, const mw_sql_token *t)
{
	const char *s = f->sql + t->start;
	bool keyword = t->type == MW_TOK_TOPLEVEL || t->type == MW_TOK_NEWLINE;

	if (!keyword || !(memchr(s, ' ', t->len) || memchr(s, '\n', t->len)
			  || memchr(s, '\t', t->len))) {
		mw_buf_add(&f->out, s, t->len);
		return;
	}
	for (size_t k = 0; k < t->len; k++) {
		if (!mw_sqlfmt_is_space(s[k])) {
			put(&f->out, s[k]);
		} else if (k == 0 || !mw_sqlfmt_is_space(s[k - 1])) {
			put(&f->out, ' ');
		}
	}
}

static void
add_block_comment(fmt *f, const mw_sql_token *t)
{
	const char *s = f->sql + t->start;

	rtrim_chars(&f->out, true);
	add_newline_indent(f);
	for (size_t k = 0; k < t->len; k++) {
		put(&f->out, s[k]);
		if (s[k] == '\n')
			add_tabs(&f->out, f->level);
	}
}

/* Steps 1-2: pending indents, pending line break. */
static void
begin_token(fmt *f)
{
	const mw_sql_token *prev = prev_nonws(f);

	if (f->add_special) {
		push_indent(f, IND_SPECIAL);
		f->add_special = false;
	}
	if (f->add_block) {
		push_indent(f, IND_BLOCK);
		f->add_block = false;
	}
	if (f->newline) {
		rtrim_chars(&f->out, false);
		if (prev && prev->ch == ';')
			put(&f->out, '\n');
		add_newline_indent(f);
		f->newline = false;
		f->added_newline = true;
	} else {
		f->added_newline = false;
	}
}

/*
 * Looks ahead from an opening parenthesis: inline when a ')' comes within
 * 250 tokens before any ';', '(', top-level or newline keyword or comment.
 * *length = characters of the tokens in between.
 */
static bool
paren_is_inline(const fmt *f, size_t *length)
{
	*length = 0;
	for (size_t j = 1; j <= 250 && f->i + j < f->ntok; j++) {
		const mw_sql_token *t = &f->tok[f->i + j];

		if (t->ch == ')')
			return true;
		if (t->ch == ';' || t->ch == '(')
			return false;
		if (t->type == MW_TOK_TOPLEVEL || t->type == MW_TOK_NEWLINE
		    || t->type == MW_TOK_COMMENT || t->type == MW_TOK_BLOCK_COMMENT)
			return false;
		*length += t->len;
	}
	return false;
}

static void
open_paren(fmt *f)
{
	size_t length;

	if (paren_is_inline(f, &length)) {
		f->inline_parens = true;
		f->inline_count = 0;
		f->inline_indented = false;
		if (length > 30) {
			f->add_block = true;
			f->inline_indented = true;
			f->newline = true;
		}
	}
	if (!f->ws_before[f->i])
		rtrim_chars(&f->out, false);
	if (!f->inline_parens) {
		f->add_block = true;
		f->newline = true;
	}
}

/* Non-inline ')'. Returns false when the token is already written. */
static bool
close_paren(fmt *f)
{
	rtrim_chars(&f->out, false);
	while (stack_top(f) == IND_SPECIAL)
		dedent(f);
	dedent(f);
	if (f->level < 0) {
		f->level = 0;
		put(&f->out, ')');
		return false;
	}
	break_line(f);
	return true;
}

static void
toplevel_keyword(fmt *f, bool value_is_limit)
{
	f->add_special = true;
	if (stack_top(f) == IND_SPECIAL)
		dedent(f);
	f->newline = true;
	break_line(f);
	if (value_is_limit && !f->inline_parens)
		f->clause_limit = true;
}

/* CASE, BEGIN, LOOP, WHEN, THEN, ELSE, END. Returns false if not one. */
static bool
block_keyword(fmt *f, const mw_sql_token *t)
{
	const mw_sql_token *prev = prev_nonws(f);

	if (t->word == MW_TW_CASE) {
		f->add_block = true;
	} else if (t->word == MW_TW_BEGIN) {
		f->newline = f->add_block = true;
	} else if (t->word == MW_TW_LOOP) {
		if (prev && prev->word != MW_TW_END)
			f->newline = f->add_block = true;
	} else if (t->word == MW_TW_WHEN || t->word == MW_TW_ELSE
		   || t->word == MW_TW_END) {
		dedent(f);
		if (prev && prev->word != MW_TW_CASE)
			break_line(f);
		if (t->word == MW_TW_ELSE)
			f->newline = f->add_block = true;
	} else if (t->word == MW_TW_THEN) {
		f->newline = f->add_block = true;
	} else {
		return false;
	}
	return true;
}

/* The else-if chain after the parenthesis and keyword branches. */
static void
other_token(fmt *f, const mw_sql_token *t, bool upper_ok)
{
	const mw_sql_token *prev = prev_nonws(f);

	if (upper_ok && block_keyword(f, t))
		return;
	if (f->clause_limit && t->ch != ',' && t->type != MW_TOK_NUMBER) {
		f->clause_limit = false;
	} else if (t->ch == ',' && !f->inline_parens) {
		if (f->clause_limit)
			f->newline = f->clause_limit = false;
		else
			f->newline = true;
	} else if (t->type == MW_TOK_NEWLINE) {
		break_line(f);
	} else if (t->type == MW_TOK_BOUNDARY) {
		if (prev && prev->type == MW_TOK_BOUNDARY && !f->ws_before[f->i])
			rtrim_chars(&f->out, false);
	}
}

/* Minus sign of a negative number: no space after it. */
static void
minus_sign(fmt *f)
{
	const mw_sql_token *prev = prev_nonws(f);

	if (f->i + 1 >= f->ntok || f->tok[f->i + 1].type != MW_TOK_NUMBER || !prev)
		return;
	if (prev->type == MW_TOK_QUOTE || prev->type == MW_TOK_BACKTICK
	    || prev->type == MW_TOK_WORD || prev->type == MW_TOK_NUMBER)
		return;
	rtrim_chars(&f->out, false);
}

/* Steps 3-13 for one token; false when the token needs no trailing part. */
static bool
dispatch(fmt *f, const mw_sql_token *t)
{
	const mw_sql_token *prev = prev_nonws(f);
	/* $tokenValueUpper is false after a '.' */
	bool upper_ok = !(prev && prev->ch == '.');

	if (t->type == MW_TOK_COMMENT || t->type == MW_TOK_BLOCK_COMMENT) {
		if (t->type == MW_TOK_BLOCK_COMMENT)
			add_block_comment(f, t);
		else
			mw_buf_add(&f->out, f->sql + t->start, t->len);
		f->newline = true;
		return false;
	}
	if (f->inline_parens) {
		if (t->ch == ')') {
			rtrim_chars(&f->out, false);
			if (f->inline_indented) {
				dedent(f);
				rtrim_chars(&f->out, false);
				add_newline_indent(f);
			}
			f->inline_parens = false;
			mw_buf_add(&f->out, ") ", 2);
			return false;
		}
		if (t->ch == ',' && f->inline_count >= 30) {
			f->inline_count = 0;
			f->newline = true;
		}
		f->inline_count += t->len;
	}
	if (t->ch == '(')
		open_paren(f);
	else if (t->ch == ')')
		return close_paren(f);
	else if (t->type == MW_TOK_TOPLEVEL)
		toplevel_keyword(f, upper_ok && t->word == MW_TW_LIMIT);
	else if (t->ch == ';') {
		if (stack_top(f) == IND_SPECIAL)
			dedent(f);
		f->newline = true;
	} else
		other_token(f, t, upper_ok);
	return true;
}

static void
format_token(fmt *f)
{
	const mw_sql_token *t = cur(f);

	begin_token(f);
	if (!dispatch(f, t))
		return;
	if (t->ch == '.' || t->ch == ',' || t->ch == ';')
		rtrim_chars(&f->out, false);
	add_token_text(f, t);
	put(&f->out, ' ');
	if (t->ch == '(' || t->ch == '.')
		rtrim_chars(&f->out, false);
	if (t->ch == '-')
		minus_sign(f);
}

/* Drops whitespace tokens, remembering which tokens had one before them. */
static size_t
strip_whitespace(mw_sql_token *toks, size_t n, bool *ws_before)
{
	size_t kept = 0;
	bool ws = false;

	for (size_t k = 0; k < n; k++) {
		if (toks[k].type == MW_TOK_WHITESPACE) {
			ws = true;
			continue;
		}
		ws_before[kept] = ws;
		toks[kept++] = toks[k];
		ws = false;
	}
	return kept;
}

/* PHP trim(str_replace("\t", "  ", $return)) appended to out. */
static void
finish(mw_buf *out, const mw_buf *text)
{
	const char *s = text->data;
	size_t a = 0, b = text->len;

	/* PHP's trim() set: " \t\n\r\0\x0B" (no form feed) */
	while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r'
			 || s[a] == '\0' || s[a] == '\v'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n'
			 || s[b - 1] == '\r' || s[b - 1] == '\0' || s[b - 1] == '\v'))
		b--;
	mw_buf_grow(out, 2 * (b - a));
	for (size_t k = a; k < b; k++) {
		if (s[k] == '\t') {
			out->data[out->len++] = ' ';
			out->data[out->len++] = ' ';
		} else {
			out->data[out->len++] = s[k];
		}
	}
	out->data[out->len] = '\0';
}

void
mw_sqlfmt_format(mw_buf *out, const char *sql, size_t len)
{
	mw_sql_token *toks;
	size_t n = mw_sql_tokenize(&toks, sql, len);
	bool *ws_before = mw_xcalloc(n + 1, sizeof(*ws_before));
	fmt f = { .sql = sql, .tok = toks, .ws_before = ws_before };

	f.ntok = strip_whitespace(toks, n, ws_before);
	mw_buf_grow(&f.out, len + len / 2 + 64);
	for (f.i = 0; f.i < f.ntok; f.i++)
		format_token(&f);
	if (f.stack.len && memchr(f.stack.data, IND_BLOCK, f.stack.len)) {
		rtrim_chars(&f.out, false);
		mw_buf_adds(&f.out, " WARNING: unclosed parentheses or section");
	}
	finish(out, &f.out);
	mw_buf_release(&f.out);
	mw_buf_release(&f.stack);
	free(ws_before);
	free(toks);
}
