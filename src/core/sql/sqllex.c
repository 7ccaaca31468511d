/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQL lexer (see mwschema/sqllex.h): a hand-written equivalent of
 * doctrine/sql-formatter 1.5's Tokenizer (one big PCRE alternation matched
 * against an upper-cased copy of the input, spec §7.1), and statement
 * splitting on its tokens.
 *
 * The same tokenizer reads SQL as an engine does, for running it (a lexer
 * with `engine` set): quotes, comments and words then follow MySQL,
 * PostgreSQL or SQLite (see mwschema/sqllex.h), and the printer's display
 * rules (keywords, variables, the PCRE details below) are left out.
 *
 * PCRE details reproduced on purpose, because they decide token boundaries:
 *  - `$` without the D flag also matches before a final "\n" (at_end());
 *  - keyword alternations are atomic groups built from a prefix trie, so the
 *    LONGEST keyword wins and a failing look-ahead after it is final (no
 *    retry with a shorter keyword);
 *  - the hex/binary number forms are written in lower case but matched
 *    against the upper-cased copy, so they never match;
 *  - the number look-ahead accepts the literal three bytes "'` (a quirk).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/sql/internal.h"
#include "mwschema/buf.h"
#include "mwschema/sqllex.h"

typedef struct lexer {
	const char *s;
	size_t len;
	bool engine;		/* false: the printer's reading, the same for every platform */
	mw_dbms dbms;		/* the engine's, when `engine` */
} lexer;

static inline unsigned char
up(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
}

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Characters that occur in the printer's keyword and function lists. */
static inline bool
is_kw_char(unsigned char c)
{
	c = up(c);
	return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

/* PCRE \w without UTF/UCP. */
static inline bool
is_word_char(unsigned char c)
{
	return is_kw_char(c) || (c >= 'a' && c <= 'z');
}

static const bool boundary_chars[256] = {
	[','] = true, [';'] = true, [':'] = true, [')'] = true, ['('] = true,
	['.'] = true, ['='] = true, ['<'] = true, ['>'] = true, ['+'] = true,
	['-'] = true, ['*'] = true, ['/'] = true, ['!'] = true, ['^'] = true,
	['%'] = true, ['|'] = true, ['&'] = true, ['#'] = true,
};

static inline bool
is_boundary_char(unsigned char c)
{
	return boundary_chars[c];
}

/* PCRE `$` (no D flag, no m flag): end of subject or before a final "\n". */
static inline bool
at_end(const lexer *lx, size_t p)
{
	return p >= lx->len || (p + 1 == lx->len && lx->s[p] == '\n');
}

/* The look-ahead after keywords: (?=$|\s|<boundary>). */
static bool
keyword_end_ok(const lexer *lx, size_t p)
{
	return at_end(lx, p) || mw_sqlfmt_is_space(lx->s[p]) || is_boundary_char(lx->s[p]);
}

unsigned
mw_sqlfmt_word_lists(const char *s, size_t n)
{
	unsigned h = 0, slot, idx;

	if (n == 0 || n > MW_SQLFMT_MAX_WORD)
		return 0;
	/* the hash of tools/gen-sqlfmt-words.sh */
	for (size_t i = 0; i < n; i++)
		h = (h * 31 + up((unsigned char)s[i])) & 0xFFFFF;
	for (slot = h % MW_SQLFMT_SLOTS; (idx = mw_sqlfmt_word_slots[slot]);
	     slot = (slot + 1) % MW_SQLFMT_SLOTS) {
		const mw_sqlfmt_word *w = &mw_sqlfmt_words[idx - 1];
		size_t i;

		if (w->len != n)
			continue;
		for (i = 0; i < n && up((unsigned char)s[i]) == (unsigned char)w->word[i]; i++)
			;
		if (i == n)
			return w->lists;
	}
	return 0;
}

static size_t
kw_run(const lexer *lx, size_t p)
{
	size_t q = p;

	while (q < lx->len && is_kw_char(lx->s[q]))
		q++;
	return q - p;
}

/*
 * Length of a multi-word entry `kw` (single spaces standing for \s+) at p,
 * or 0 when the input does not start with it.
 */
static size_t
match_multiword(const lexer *lx, size_t p, const char *kw)
{
	size_t q = p;

	for (; *kw; kw++) {
		if (*kw == ' ') {
			if (q >= lx->len || !mw_sqlfmt_is_space(lx->s[q]))
				return 0;
			while (q < lx->len && mw_sqlfmt_is_space(lx->s[q]))
				q++;
		} else {
			if (q >= lx->len || up(lx->s[q]) != (unsigned char)*kw)
				return 0;
			q++;
		}
	}
	return q - p;
}

/*
 * Longest multi-word entry of `multi` at p; 0 when none matches. Only called
 * when the first word is followed by whitespace.
 */
static size_t
match_multi(const lexer *lx, size_t p, const mw_sqlfmt_wordlist *multi)
{
	size_t best = 0;

	for (size_t i = 0; i < multi->count; i++) {
		size_t n = match_multiword(lx, p, multi->words[i]);

		if (n > best)
			best = n;
	}
	return best;
}

/*
 * Rules 9-11 at p: top-level keyword, newline keyword, reserved word or
 * function name. Each list is an atomic alternation ordered longest first:
 * the longest entry the input starts with is taken, then the look-ahead
 * decides, with no retry of a shorter entry. A multi-word entry that matches
 * is longer than any single word; a single word shorter than the run of
 * keyword characters fails the look-ahead (the next byte is a keyword
 * character), so an exact lookup of the run is equivalent.
 */
static size_t
match_keyword(const lexer *lx, size_t p, mw_sql_toktype *type)
{
	size_t run = kw_run(lx, p), q, n;
	unsigned lists;
	bool spaced, end_ok;

	if (run == 0)
		return 0;
	lists = mw_sqlfmt_word_lists(lx->s + p, run);
	end_ok = keyword_end_ok(lx, p + run);
	spaced = p + run < lx->len && mw_sqlfmt_is_space(lx->s[p + run]);
	if (p == 0 || lx->s[p - 1] != '.') {
		*type = MW_TOK_TOPLEVEL;
		if (spaced && (lists & MW_SQLFMT_MULTI_TOPLEVEL)
		    && (n = match_multi(lx, p, &mw_sqlfmt_toplevel_multi))) {
			if (keyword_end_ok(lx, p + n))
				return n;
		} else if ((lists & MW_SQLFMT_TOPLEVEL) && end_ok) {
			return run;
		}
		*type = MW_TOK_NEWLINE;
		if (spaced && (lists & MW_SQLFMT_MULTI_NEWLINE)
		    && (n = match_multi(lx, p, &mw_sqlfmt_newline_multi))) {
			if (keyword_end_ok(lx, p + n))
				return n;
		} else if ((lists & MW_SQLFMT_NEWLINE) && end_ok) {
			return run;
		}
		*type = MW_TOK_RESERVED;
		if ((lists & MW_SQLFMT_RESERVED) && end_ok)
			return run;
	}
	*type = MW_TOK_RESERVED;
	if (!(lists & MW_SQLFMT_FUNCTION))
		return 0;
	for (q = p + run; q < lx->len && mw_sqlfmt_is_space(lx->s[q]); q++)
		;
	return q < lx->len && lx->s[q] == '(' ? run : 0;
}

/*
 * `q(?:[^q]+|qq|q$)*+(?:q|$)` for backticks and brackets, and with
 * backslash escapes added for quotes. Never fails once `open` matched; the
 * printer's token may run to the end, *ended says whether the quote closed
 * (an engine reads the closing quote even before a final newline).
 */
static size_t
match_quoted(const lexer *lx, size_t p, char close, bool backslash, bool *ended)
{
	size_t q = p + 1;

	*ended = false;
	for (;;) {
		if (q >= lx->len)
			return q - p;
		if (backslash && lx->s[q] == '\\') {
			q += q + 1 < lx->len ? 2 : 1;
		} else if (lx->s[q] == close) {
			if (q + 1 < lx->len && lx->s[q + 1] == close) {
				q += 2;
			} else if (!lx->engine && at_end(lx, q + 1)) {
				q += 1;
			} else {
				*ended = true;
				return q + 1 - p;
			}
		} else {
			q++;
		}
	}
}

/*
 * Which quotes open what. The printer: `...` and [...] names, '...' and
 * "..." strings with backslash escapes. MySQL: no [...]; PostgreSQL: "..."
 * names, no backtick; SQLite: every quote but '...' a name. Only MySQL
 * takes backslash escapes.
 */
static size_t
match_backtick_or_quote(const lexer *lx, size_t p, mw_sql_toktype *type, bool *ended)
{
	char c = lx->s[p];
	bool any = !lx->engine, my = lx->engine && lx->dbms == MW_DBMS_MYSQL;
	bool lite = lx->engine && lx->dbms == MW_DBMS_SQLITE;

	*type = MW_TOK_BACKTICK;
	if (c == '`' && (any || my || lite))
		return match_quoted(lx, p, '`', false, ended);
	if (c == '[' && (any || lite))
		return match_quoted(lx, p, ']', false, ended);
	if (c == '"' && !any && !my)
		return match_quoted(lx, p, '"', false, ended);
	*type = MW_TOK_QUOTE;
	if (c == '\'' || c == '"')
		return match_quoted(lx, p, c, any || my, ended);
	return 0;
}

/* [@:](?:[\w.$]++|<backtick>|<quote>) */
static size_t
match_variable(const lexer *lx, size_t p)
{
	mw_sql_toktype ignored;
	bool ended;
	size_t q = p + 1;

	if (lx->s[p] != '@' && lx->s[p] != ':')
		return 0;
	if (q >= lx->len)
		return 0;
	if (is_word_char(lx->s[q]) || lx->s[q] == '.' || lx->s[q] == '$') {
		while (q < lx->len
		       && (is_word_char(lx->s[q]) || lx->s[q] == '.' || lx->s[q] == '$'))
			q++;
		return q - p;
	}
	q = match_backtick_or_quote(lx, q, &ignored, &ended);
	return q ? q + 1 : 0;
}

static bool
number_end_ok(const lexer *lx, size_t q)
{
	if (keyword_end_ok(lx, q))
		return true;
	return q + 2 < lx->len && lx->s[q] == '"' && lx->s[q + 1] == '\'' && lx->s[q + 2] == '`';
}

/* \d+(?:\.\d+)? with back-tracking into the optional fraction only. */
static size_t
match_number(const lexer *lx, size_t p)
{
	size_t q = p, r;

	while (q < lx->len && is_digit(lx->s[q]))
		q++;
	if (q == p)
		return 0;
	if (q + 1 < lx->len && lx->s[q] == '.' && is_digit(lx->s[q + 1])) {
		for (r = q + 1; r < lx->len && is_digit(lx->s[r]); r++)
			;
		if (number_end_ok(lx, r))
			return r - p;
	}
	return number_end_ok(lx, q) ? q - p : 0;
}

static size_t
match_word(const lexer *lx, size_t p)
{
	size_t q = p;

	while (!at_end(lx, q) && !mw_sqlfmt_is_space(lx->s[q]) && !is_boundary_char(lx->s[q])
	       && lx->s[q] != '"' && lx->s[q] != '\'' && lx->s[q] != '`')
		q++;
	return q > p ? q - p : 1;
}

/* "--" (MySQL wants a blank or the end after it); "#" for the printer and MySQL. */
static bool
line_comment_at(const lexer *lx, size_t p)
{
	const char *s = lx->s;
	bool my = lx->engine && lx->dbms == MW_DBMS_MYSQL;

	if (s[p] == '#')
		return !lx->engine || my;
	if (s[p] != '-' || p + 1 >= lx->len || s[p + 1] != '-')
		return false;
	return !my || p + 2 >= lx->len || mw_sqlfmt_is_space(s[p + 2]);
}

/* The end of a block comment at p; PostgreSQL nests them. 0 when it does not end. */
static size_t
block_comment_end(const lexer *lx, size_t p)
{
	bool nests = lx->engine && lx->dbms == MW_DBMS_POSTGRES;
	int depth = 1;

	for (size_t q = p + 2; q + 1 < lx->len; q++) {
		if (nests && lx->s[q] == '/' && lx->s[q + 1] == '*') {
			depth++;
			q++;
		} else if (lx->s[q] == '*' && lx->s[q + 1] == '/') {
			if (--depth == 0)
				return q + 2;
			q++;
		}
	}
	return 0;
}

static size_t
match_comment(const lexer *lx, size_t p, mw_sql_toktype *type, bool *ended)
{
	const char *s = lx->s;
	size_t end;

	if (line_comment_at(lx, p)) {
		const char *nl = memchr(s + p, '\n', lx->len - p);

		*type = MW_TOK_COMMENT;
		return nl ? (size_t)(nl - (s + p)) : lx->len - p;
	}
	if (s[p] == '/' && p + 1 < lx->len && s[p + 1] == '*') {
		*type = MW_TOK_BLOCK_COMMENT;
		end = block_comment_end(lx, p);
		*ended = end != 0;
		return end ? end - p : lx->len - p;
	}
	return 0;
}

static size_t
match_whitespace(const lexer *lx, size_t p)
{
	size_t q = p;

	while (q < lx->len && mw_sqlfmt_is_space(lx->s[q]))
		q++;
	return q - p;
}

/*
 * An engine's words: letters, digits, '_', bytes of UTF-8 characters, and
 * '$' except on SQLite.
 */
static bool
engine_word_char(const lexer *lx, unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 ||
	       is_digit(c) || (c == '$' && lx->dbms != MW_DBMS_SQLITE);
}

/* PostgreSQL's $tag$...$tag$ at p (the tag may be empty); 0 when there is none. */
static size_t
match_dollar_quoted(const lexer *lx, size_t p, bool *ended)
{
	size_t t = p + 1, tl;
	const char *end;

	while (t < lx->len && lx->s[t] != '$' && engine_word_char(lx, lx->s[t]) &&
	       !(t == p + 1 && is_digit(lx->s[t])))
		t++;
	if (t >= lx->len || lx->s[t] != '$')
		return 0;	/* a lone '$' is punctuation */
	tl = ++t - p;
	for (end = lx->s + t; (end = memchr(end, '$', lx->len - (size_t)(end - lx->s))); end++)
		if ((size_t)(lx->s + lx->len - end) >= tl && !memcmp(end, lx->s + p, tl)) {
			*ended = true;
			return (size_t)(end - lx->s) + tl - p;
		}
	*ended = false;
	return lx->len - p;
}

/* PostgreSQL's strings beyond '...': E'...' (backslash escapes) and $tag$...$tag$. */
static size_t
match_pg_string(const lexer *lx, size_t p, mw_sql_toktype *type, bool *ended)
{
	const char *s = lx->s;

	if (lx->dbms != MW_DBMS_POSTGRES)
		return 0;
	*type = MW_TOK_QUOTE;
	if ((s[p] == 'E' || s[p] == 'e') && p + 1 < lx->len && s[p + 1] == '\'')
		return 1 + match_quoted(lx, p + 1, '\'', true, ended);
	if (s[p] == '$' && (p == 0 || !engine_word_char(lx, s[p - 1])))
		return match_dollar_quoted(lx, p, ended);
	return 0;
}

/* An engine's word or number at p, else one character. */
static size_t
engine_word(const lexer *lx, size_t p, mw_sql_toktype *type)
{
	size_t q = p;

	*type = is_digit(lx->s[p]) ? MW_TOK_NUMBER : MW_TOK_WORD;
	while (q < lx->len && engine_word_char(lx, lx->s[q]) && (q > p || lx->s[q] != '$'))
		q++;
	if (q > p)
		return q - p;
	*type = MW_TOK_BOUNDARY;
	return 1;
}

/*
 * One token at p (p < len): the Tokenizer's rules in order, skipping those
 * that cannot match the first byte; for an engine, quotes, comments and
 * words as it reads them. *ended is false for a quote or a block comment
 * that runs to the end of the text without closing.
 */
static size_t
next_token(const lexer *lx, size_t p, mw_sql_toktype *type, bool *ended)
{
	unsigned char c = (unsigned char)lx->s[p];
	size_t n;

	*ended = true;
	*type = MW_TOK_WHITESPACE;
	if (mw_sqlfmt_is_space(c))
		return match_whitespace(lx, p);
	if ((n = match_comment(lx, p, type, ended)) ||
	    (lx->engine && (n = match_pg_string(lx, p, type, ended))) ||
	    (n = match_backtick_or_quote(lx, p, type, ended)))
		return n;
	if (lx->engine)
		return engine_word(lx, p, type);
	*type = MW_TOK_VARIABLE;
	if ((c == '@' || c == ':') && (n = match_variable(lx, p)))
		return n;
	*type = MW_TOK_NUMBER;
	if (is_digit(c) && (n = match_number(lx, p)))
		return n;
	*type = MW_TOK_BOUNDARY;
	if (is_boundary_char(c))
		return (c == ':' && p + 1 < lx->len && lx->s[p + 1] == ':') ? 2 : 1;
	if (is_kw_char(c) && (n = match_keyword(lx, p, type)))
		return n;
	*type = MW_TOK_WORD;
	return match_word(lx, p);
}

/* The values the formatter compares after strtoupper(). */
static unsigned char
token_word(const char *s, size_t len)
{
	static const char *const words[] = {
		[MW_TW_CASE] = "CASE", [MW_TW_BEGIN] = "BEGIN", [MW_TW_LOOP] = "LOOP",
		[MW_TW_WHEN] = "WHEN", [MW_TW_THEN] = "THEN", [MW_TW_ELSE] = "ELSE",
		[MW_TW_END] = "END", [MW_TW_LIMIT] = "LIMIT",
	};

	if (len < 3 || len > 5)
		return MW_TW_NONE;
	for (unsigned w = MW_TW_CASE; w <= MW_TW_LIMIT; w++) {
		size_t i;

		if (strlen(words[w]) != len)
			continue;
		for (i = 0; i < len && up((unsigned char)s[i]) == (unsigned char)words[w][i]; i++)
			;
		if (i == len)
			return (unsigned char)w;
	}
	return MW_TW_NONE;
}

size_t
mw_sql_tokenize(mw_sql_token **out_tokens, const char *sql, size_t len)
{
	lexer lx = { sql, len, false, MW_DBMS_MYSQL };
	size_t cap = len / 3 + 16, count = 0, p = 0;
	mw_sql_token *toks = mw_xmalloc(cap * sizeof(*toks));

	while (p < len) {
		mw_sql_toktype type;
		bool ended;
		size_t n = next_token(&lx, p, &type, &ended);

		if (count == cap) {
			cap *= 2;
			toks = mw_xrealloc(toks, cap * sizeof(*toks));
		}
		toks[count].start = p;
		toks[count].len = n;
		toks[count].type = type;
		toks[count].ch = n == 1 ? sql[p] : 0;
		toks[count].word = token_word(sql + p, n);
		count++;
		p += n;
	}
	*out_tokens = toks;
	return count;
}

/*
 * Statements
 */

static bool
is_code(const mw_sql_token *t)
{
	return t->type != MW_TOK_WHITESPACE && t->type != MW_TOK_COMMENT &&
	       t->type != MW_TOK_BLOCK_COMMENT;
}

/* Tokens [from, to) as one statement, unless they hold no code. */
static void
push_statement(char ***out, size_t *n, const char *s, const mw_sql_token *t, size_t from,
	       size_t to)
{
	size_t end;

	while (from < to && !is_code(&t[from]))
		from++;
	while (to > from && t[to - 1].type == MW_TOK_WHITESPACE)
		to--;
	if (from == to)
		return;
	end = t[to - 1].start + t[to - 1].len;
	*out = mw_xgrow(*out, *n, sizeof(**out));
	(*out)[(*n)++] = mw_xstrndup(s + t[from].start, end - t[from].start);
}

void
mw_sql_split(char ***out, size_t *n, const char *script)
{
	mw_sql_token *t;
	size_t count = mw_sql_tokenize(&t, script, strlen(script)), start = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		if (t[i].type != MW_TOK_BOUNDARY || t[i].ch != ';')
			continue;
		push_statement(out, n, script, t, start, i);
		start = i + 1;
	}
	push_statement(out, n, script, t, start, count);
	free(t);
}

/*
 * SQL as each engine reads it
 */

static mw_sqltok_kind
engine_kind(const char *sql, mw_sql_toktype type, size_t start, bool ended)
{
	if (!ended)
		return MW_SQLTOK_UNTERMINATED;
	switch (type) {
	case MW_TOK_WHITESPACE:
		return MW_SQLTOK_SPACE;
	case MW_TOK_COMMENT:
	case MW_TOK_BLOCK_COMMENT:
		return MW_SQLTOK_COMMENT;
	case MW_TOK_QUOTE:
		return MW_SQLTOK_STRING;
	case MW_TOK_BACKTICK:
		return MW_SQLTOK_QUOTED;
	case MW_TOK_WORD:
		return MW_SQLTOK_WORD;
	case MW_TOK_NUMBER:
		return MW_SQLTOK_NUMBER;
	default:
		return sql[start] == ';' ? MW_SQLTOK_SEMICOLON : MW_SQLTOK_PUNCT;
	}
}

size_t
mw_sql_lex(mw_sqltok **out, const char *sql, size_t len, mw_dbms dbms)
{
	lexer lx = { sql, len, true, dbms };
	size_t n = 0, cap = 16;
	mw_sqltok *v = mw_xmalloc(cap * sizeof(*v));

	for (size_t p = 0; p < len;) {
		mw_sql_toktype type;
		bool ended;
		size_t tl = next_token(&lx, p, &type, &ended);

		if (n == cap)
			v = mw_xrealloc(v, (cap *= 2) * sizeof(*v));
		v[n].kind = engine_kind(sql, type, p, ended);
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
push_engine_statement(char ***v, size_t *n, const char *sql, const mw_sqltok *first,
		      const mw_sqltok *last)
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
				push_engine_statement(&v, &n, sql, first, last);
			first = last = NULL;
		} else if (t[i].kind != MW_SQLTOK_SPACE && (first || t[i].kind != MW_SQLTOK_COMMENT)) {
			first = first ? first : &t[i];
			last = &t[i];
		}
	}
	if (first)
		push_engine_statement(&v, &n, sql, first, last);
	free(t);
	*out = v ? v : mw_xcalloc(1, sizeof(*v));
	return (long)n;
}
