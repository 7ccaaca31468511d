/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inserting updater entries into PHP files (see mwschema/updater.h).
 *
 * There is no PHP parser here, only a scanner that knows enough to stay out
 * of strings and comments and to match brackets. That is all the two
 * insertion points need: the end of the array core's getCoreUpdateList()
 * returns, and the end of a top-level statement of an extension's handler.
 * Anything the scanner cannot place safely is refused, never guessed.
 */
#include <config.h>

#include "mwschema/updater.h"
#include "core/checkout/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define NPOS ((size_t)-1)

static bool
is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The index just past the string or comment starting at i; i when none does. */
static size_t
skip_noncode(const char *s, size_t len, size_t i)
{
	char q = s[i];

	if (q == '\'' || q == '"' || q == '`') {
		for (i++; i < len && s[i] != q; i++)
			if (s[i] == '\\')
				i++;
		return i < len ? i + 1 : len;
	}
	/* "#[" starts a PHP 8 attribute, which is code. */
	if ((q == '#' && (i + 1 >= len || s[i + 1] != '[')) ||
	    (q == '/' && i + 1 < len && s[i + 1] == '/')) {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	if (q == '/' && i + 1 < len && s[i + 1] == '*') {
		const char *end = memmem(s + i + 2, len - i - 2, "*/", 2);

		return end ? (size_t)(end - s) + 2 : len;
	}
	return i;
}

/* Forward over whitespace and comments. */
static size_t
skip_space(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t j;

		if (isspace((unsigned char)s[i])) {
			i++;
			continue;
		}
		j = skip_noncode(s, len, i);
		if (j == i || s[i] == '\'' || s[i] == '"' || s[i] == '`')
			break;
		i = j;
	}
	return i;
}

static bool
word_at(const char *s, size_t len, size_t i, const char *word)
{
	size_t wl = strlen(word);

	return i + wl <= len && !memcmp(s + i, word, wl) && (i == 0 || !is_ident(s[i - 1])) &&
	       (i + wl == len || !is_ident(s[i + wl]));
}

/* The next code position in [from, to) holding `word` or the character `c` (word NULL). */
static size_t
find_code(const char *s, size_t to, size_t from, const char *word, char c)
{
	for (size_t i = from; i < to;) {
		size_t j = skip_noncode(s, to, i);

		if (j != i) {
			i = j;
			continue;
		}
		if (word ? word_at(s, to, i, word) : s[i] == c)
			return i;
		i++;
	}
	return NPOS;
}

static size_t
match_bracket(const char *s, size_t len, size_t open)
{
	int depth = 0;

	for (size_t i = open; i < len;) {
		size_t j = skip_noncode(s, len, i);

		if (j != i) {
			i = j;
			continue;
		}
		if (strchr("([{", s[i]))
			depth++;
		else if (strchr(")]}", s[i]) && --depth == 0)
			return i;
		i++;
	}
	return NPOS;
}

static size_t
line_start(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n')
		i--;
	return i;
}

/* Start of the line after the one holding i, or `to`. */
static size_t
next_line(const char *s, size_t i, size_t to)
{
	const char *nl = memchr(s + i, '\n', to - i);

	return nl ? (size_t)(nl - s) + 1 : to;
}

static size_t
indent_len(const char *s, size_t len, size_t ls)
{
	size_t i = ls;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i - ls;
}

/* Position of the name in "function <name>", or NPOS. */
static size_t
find_function(const char *s, size_t len, const char *name)
{
	for (size_t at = 0; (at = find_code(s, len, at, name, 0)) != NPOS; at++) {
		size_t k = at;

		while (k > 0 && isspace((unsigned char)s[k - 1]))
			k--;
		if (k >= 8 && word_at(s, len, k - 8, "function"))
			return at;
	}
	return NPOS;
}

/* The body's braces of the function named `name`. */
static int
function_body(const char *s, size_t len, const char *name, size_t *open, size_t *close,
	      mw_buf *err)
{
	size_t at = find_function(s, len, name), paren;

	if (at == NPOS) {
		mw_buf_addf(err, "no function %s() found", name);
		return -1;
	}
	paren = find_code(s, len, at, NULL, '(');
	if (paren != NPOS)
		paren = match_bracket(s, len, paren);
	*open = paren == NPOS ? NPOS : find_code(s, len, paren, NULL, '{');
	*close = *open == NPOS ? NPOS : match_bracket(s, len, *open);
	if (*close == NPOS) {
		mw_buf_addf(err, "cannot find the body of %s()", name);
		return -1;
	}
	return 0;
}

static void
splice(mw_buf *out, const char *php, size_t len, size_t at, const mw_buf *text)
{
	mw_buf_add(out, php, at);
	mw_buf_add(out, text->data, text->len);
	mw_buf_add(out, php + at, len - at);
}

/* The last non-blank line before `ls` may be followed by another entry. */
static bool
ends_entry_list(const char *s, size_t open, size_t ls)
{
	size_t e = ls, b;

	while (e > open && isspace((unsigned char)s[e - 1]))
		e--;
	if (e <= open + 1)
		return true;	/* empty array */
	b = line_start(s, e - 1);
	b += indent_len(s, e, b);
	return s[e - 1] == ',' || s[e - 1] == '[' || !strncmp(s + b, "//", 2) || s[b] == '#' ||
	       (e >= 2 && !strncmp(s + e - 2, "*/", 2));
}

/* The [ ... ] that getCoreUpdateList() returns: its brackets. */
static int
core_array(const char *php, size_t len, size_t *open, size_t *close, mw_buf *err)
{
	size_t body, body_end, ret;

	if (function_body(php, len, "getCoreUpdateList", &body, &body_end, err) < 0)
		return -1;
	ret = find_code(php, body_end, body, "return", 0);
	*open = ret == NPOS ? NPOS : skip_space(php, body_end, ret + 6);
	if (*open == NPOS || php[*open] != '[') {
		mw_buf_adds(err, "getCoreUpdateList() does not return a [ ... ] array literal");
		return -1;
	}
	*close = match_bracket(php, body_end, *open);
	return 0;
}

/* A "// 1.45" line: the release its block belongs to, as major and minor. */
static bool
release_comment(const char *s, size_t ls, size_t end, unsigned *major, unsigned *minor)
{
	size_t i = ls + indent_len(s, end, ls);
	char *stop;

	if (i + 2 > end || strncmp(s + i, "//", 2))
		return false;
	for (i += 2; i < end && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i >= end || !isdigit((unsigned char)s[i]))
		return false;
	*major = (unsigned)strtoul(s + i, &stop, 10);
	if (*stop != '.' || !isdigit((unsigned char)stop[1]))
		return false;
	*minor = (unsigned)strtoul(stop + 1, NULL, 10);
	return true;
}

/*
 * True when the entry must open a new block for `release`: the array groups
 * its rows under release comments and the newest one is older.
 */
static bool
needs_release_block(const char *s, size_t open, size_t ls, const char *release)
{
	unsigned major = 0, minor = 0, want_major, want_minor;
	bool found = false;
	char *stop;

	if (!release)
		return false;
	want_major = (unsigned)strtoul(release, &stop, 10);
	if (*stop != '.')
		return false;
	want_minor = (unsigned)strtoul(stop + 1, NULL, 10);
	for (size_t l = next_line(s, open, ls); l < ls; l = next_line(s, l, ls))
		found |= release_comment(s, l, ls, &major, &minor);
	return found && (major < want_major || (major == want_major && minor < want_minor));
}

int
mw_updater_insert_core(mw_buf *out, const char *php, size_t len, const mw_updater_entry *e,
		       mw_buf *err)
{
	return mw_updater_insert_core_release(out, php, len, e, NULL, err);
}

int
mw_updater_insert_core_release(mw_buf *out, const char *php, size_t len,
			       const mw_updater_entry *e, const char *release, mw_buf *err)
{
	size_t open, close, ls, ind = NPOS, l;
	mw_buf text = MW_BUF_INIT, indent = MW_BUF_INIT;

	if (!mw_updater_entry_is_safe(e, err))
		return -1;
	if (mw_updater_mentions(php, len, e->patch)) {
		mw_buf_add(out, php, len);
		return MW_UPDATER_PRESENT;
	}
	if (core_array(php, len, &open, &close, err) < 0)
		return -1;
	ls = close == NPOS ? NPOS : line_start(php, close);
	if (close == NPOS || ls <= open || indent_len(php, len, ls) != close - ls) {
		mw_buf_adds(err, "the closing ']' of getCoreUpdateList()'s array is not on a line of its own");
		return -1;
	}
	if (!ends_entry_list(php, open, ls)) {
		mw_buf_adds(err, "the last entry of getCoreUpdateList() has no trailing comma");
		return -1;
	}
	/* The indentation of the entries already there, so the new row lines up. */
	for (l = next_line(php, open, ls); l < ls; l = next_line(php, l, ls))
		if (php[l + indent_len(php, len, l)] == '[')
			ind = l;
	if (ind != NPOS)
		mw_buf_add(&indent, php + ind, indent_len(php, len, ind));
	else
		mw_buf_addf(&indent, "%.*s\t", (int)(close - ls), php + ls);
	/* A release already out keeps its block: the new row starts the next one. */
	if (needs_release_block(php, open, ls, release))
		mw_buf_addf(&text, "\n%s// %s\n", mw_buf_cstr(&indent), release);
	mw_buf_adds(&text, mw_buf_cstr(&indent));
	mw_updater_render_core(&text, e);
	mw_buf_adds(&text, ",\n");
	splice(out, php, len, ls, &text);
	mw_buf_release(&text);
	mw_buf_release(&indent);
	return 0;
}

/*
 * Extensions
 */

enum call_kind {
	CALL_METHOD,	/* $updater->addExtensionField( ... ) */
	CALL_ARRAY,	/* $updater->addExtensionUpdate( [ 'addField', ... ] ) */
	CALL_VIRTUAL,	/* $updater->addExtensionUpdateOnVirtualDomain( [ DOMAIN, ... ] ) */
};

/* How the handler writes its calls, learnt from one of them. */
struct style {
	enum call_kind kind;
	char *var;		/* "$updater" */
	char *domain;		/* CALL_VIRTUAL: the first element */
	bool trailing_true;	/* array forms: last element is `true` */
	bool multiline;		/* one argument per line */
	char *arg_indent;	/* multiline: indentation of the arguments, relative */
	char *path_prefix;	/* the path expression around the file name */
	char *path_suffix;
	size_t stmt_line;	/* where the call's line starts */
};

struct call {
	size_t var, name, name_len, open, close;
};

static bool
is_register_method(const char *s, size_t n)
{
	static const char *const prefixes[] = {
		"addExtension", "dropExtension", "modifyExtension", "renameExtension",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (n >= strlen(prefixes[i]) && !strncmp(s, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* The next "$var->method( ... .sql ... )" registration call in [from, to). */
static bool
next_call(const char *s, size_t from, size_t to, struct call *c)
{
	for (size_t i = from; (i = find_code(s, to, i, NULL, '-')) != NPOS; i++) {
		size_t n = i + 2, v = i;

		if (i + 1 >= to || s[i + 1] != '>')
			continue;
		while (n < to && is_ident(s[n]))
			n++;
		while (v > from && is_ident(s[v - 1]))
			v--;
		if (v == from || s[v - 1] != '$' || !is_register_method(s + i + 2, n - i - 2))
			continue;
		c->var = v - 1;
		c->name = i + 2;
		c->name_len = n - i - 2;
		c->open = skip_space(s, to, n);
		if (c->open >= to || s[c->open] != '(')
			continue;
		c->close = match_bracket(s, to, c->open);
		if (c->close != NPOS && memmem(s + c->open, c->close - c->open, ".sql", 4))
			return true;
	}
	return false;
}

/* Splits the code in (open, close) at top-level commas, trimming each part. */
static size_t
split_args(char ***out, const char *s, size_t open, size_t close)
{
	char **v = NULL;
	size_t n = 0, start = open + 1;

	for (size_t i = open + 1; i <= close;) {
		size_t j = skip_noncode(s, close, i);

		if (j != i) {
			i = j;
			continue;
		}
		if (strchr("([{", s[i]) && i < close) {
			i = match_bracket(s, close, i) + 1;
			continue;
		}
		if (s[i] == ',' || i == close) {
			size_t a = skip_space(s, i, start), b = i;

			while (b > a && isspace((unsigned char)s[b - 1]))
				b--;
			if (b > a) {
				v = mw_xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = mw_xstrndup(s + a, b - a);
			}
			start = i + 1;
		}
		i++;
	}
	*out = v;
	return n;
}

static bool
names_platform(const char *s, size_t n)
{
	return memmem(s, n, "mysql", 5) || memmem(s, n, "postgres", 8) || memmem(s, n, "sqlite", 6);
}

/* The path argument: split around the file name ("...dir/" + name + ".sql\""). */
static bool
style_path(struct style *st, char *const *args, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		const char *a = args[i], *sql = strstr(a, ".sql"), *f;

		if (!sql)
			continue;
		for (f = sql; f > a && !strchr("/'\"", f[-1]); f--)
			;
		st->path_prefix = mw_xstrndup(a, (size_t)(f - a));
		st->path_suffix = mw_xstrdup(sql + 4);
		return true;
	}
	return false;
}

static void
style_clear(struct style *st)
{
	free(st->var);
	free(st->domain);
	free(st->arg_indent);
	free(st->path_prefix);
	free(st->path_suffix);
	memset(st, 0, sizeof(*st));
}

static bool
style_from_call(struct style *st, const char *s, size_t len, const struct call *c)
{
	size_t inner = skip_space(s, c->close, c->open + 1), lo = c->open, hi = c->close;
	size_t first, ls = line_start(s, c->var);
	char **args;
	size_t n;
	bool ok;

	memset(st, 0, sizeof(*st));
	st->kind = !strncmp(s + c->name, "addExtensionUpdateOnVirtualDomain", c->name_len) ?
		CALL_VIRTUAL : !strncmp(s + c->name, "addExtensionUpdate", c->name_len) ?
		CALL_ARRAY : CALL_METHOD;
	if (st->kind != CALL_METHOD) {
		if (s[inner] != '[')
			return false;
		lo = inner;
		hi = match_bracket(s, c->close, inner);
	}
	n = split_args(&args, s, lo, hi);
	first = skip_space(s, hi, lo + 1);
	st->var = mw_xstrndup(s + c->var, c->name - 2 - c->var);
	st->stmt_line = ls;
	st->multiline = memchr(s + lo, '\n', first - lo) != NULL;
	if (st->multiline) {
		size_t fl = line_start(s, first), own = indent_len(s, len, ls);
		size_t ai = indent_len(s, len, fl);

		st->arg_indent = ai > own ? mw_xstrndup(s + fl + own, ai - own) : mw_xstrdup("\t");
	}
	if (st->kind == CALL_VIRTUAL && n)
		st->domain = mw_xstrdup(args[0]);
	st->trailing_true = n && !strcmp(args[n - 1], "true");
	ok = style_path(st, args, n);
	mw_strv_free(args, n);
	return ok;
}

/* A statement of the handler's body at its top level: [start, end]. */
struct stmt {
	size_t start, end;
};

static bool
next_stmt(const char *s, size_t close, size_t from, struct stmt *st)
{
	int depth = 0;

	st->start = skip_space(s, close, from);
	for (size_t i = st->start; i < close;) {
		size_t j = skip_noncode(s, close, i);

		if (j != i) {
			i = j;
			continue;
		}
		if (strchr("([{", s[i])) {
			depth++;
		} else if (strchr(")]}", s[i]) && --depth == 0 && s[i] == '}') {
			size_t k = skip_space(s, close, i + 1);

			if (!word_at(s, close, k, "else") && !word_at(s, close, k, "elseif") &&
			    !word_at(s, close, k, "catch") && !word_at(s, close, k, "finally")) {
				st->end = i;
				return true;
			}
		} else if (s[i] == ';' && depth == 0) {
			st->end = i;
			return true;
		}
		i++;
	}
	return false;
}

/*
 * Finds the statement to insert after (the last top-level one that registers
 * an SQL file) and the call to copy the style from (the last registration,
 * preferring one whose path does not name a platform).
 */
static bool
find_anchor(const char *s, size_t len, size_t body, size_t body_end, struct stmt *anchor,
	    struct style *st)
{
	struct stmt cur;
	struct call c, best = { 0 };
	bool have_anchor = false, have_call = false, best_generic = false;

	for (size_t from = body + 1; next_stmt(s, body_end, from, &cur); from = cur.end + 1) {
		for (size_t i = cur.start; next_call(s, i, cur.end + 1, &c); i = c.close) {
			bool generic = !names_platform(s + c.open, c.close - c.open);

			*anchor = cur;
			have_anchor = true;
			if (generic || !best_generic) {
				best = c;
				best_generic = generic;
				have_call = true;
			}
		}
	}
	return have_anchor && have_call && style_from_call(st, s, len, &best);
}

static void
render_styled(mw_buf *out, const struct style *st, const char *indent, const mw_updater_entry *e)
{
	const char *method = mw_updater__ext_method(e->verb);
	bool array = st->kind != CALL_METHOD || !method;
	char *path = mw_updater__path_in(st->path_prefix, e->patch, st->path_suffix);
	char **args, **el;
	size_t n = mw_updater__args(&args, e, path, array), m = 0;

	el = mw_xcalloc(n + 3, sizeof(*el));
	if (st->kind == CALL_VIRTUAL)
		el[m++] = mw_xstrdup(st->domain);
	if (array)
		el[m++] = mw_strdupf("'%s'", mw_updater_verb_name(e->verb));
	for (size_t i = 0; i < n; i++)
		el[m++] = mw_xstrdup(args[i]);
	if (array && (st->kind == CALL_METHOD || st->trailing_true))
		el[m++] = mw_xstrdup("true");
	mw_buf_addf(out, "%s%s->%s(", indent, st->var,
		    st->kind == CALL_VIRTUAL ? "addExtensionUpdateOnVirtualDomain" :
		    array ? "addExtensionUpdate" : method);
	if (!st->multiline) {
		mw_buf_adds(out, array ? " [ " : " ");
		mw_updater__join(out, el, m, ", ");
		mw_buf_adds(out, array ? " ] );\n" : " );\n");
	} else {
		mw_buf_adds(out, array ? " [\n" : "\n");
		for (size_t i = 0; i < m; i++)
			mw_buf_addf(out, "%s%s%s%s\n", indent, st->arg_indent, el[i],
				    array || i + 1 < m ? "," : "");
		mw_buf_addf(out, "%s%s\n", indent, array ? "] );" : ");");
	}
	mw_strv_free(el, m);
	mw_strv_free(args, n);
	free(path);
}

int
mw_updater_insert_extension(mw_buf *out, const char *php, size_t len, const char *method,
			    const mw_updater_entry *e, mw_buf *err)
{
	size_t body, body_end, at, ls;
	struct stmt anchor = { 0, 0 };
	struct style st;
	mw_buf text = MW_BUF_INIT;
	char *indent;

	if (!mw_updater_entry_is_safe(e, err))
		return -1;
	if (mw_updater_mentions(php, len, e->patch)) {
		mw_buf_add(out, php, len);
		return MW_UPDATER_PRESENT;
	}
	if (function_body(php, len, method, &body, &body_end, err) < 0)
		return -1;
	if (!find_anchor(php, len, body, body_end, &anchor, &st)) {
		mw_buf_addf(err, "%s() has no call registering an .sql file to follow", method);
		return -1;
	}
	at = anchor.end;
	while (at < len && php[at] != '\n')
		at++;
	at = at < len ? at + 1 : len;
	ls = line_start(php, anchor.start);
	indent = mw_xstrndup(php + ls, indent_len(php, len, ls));
	/* Keep the file's rhythm: a blank line between calls if it has one. */
	if (ls >= 2 && php[ls - 1] == '\n' && php[line_start(php, ls - 1) +
		indent_len(php, len, line_start(php, ls - 1))] == '\n')
		mw_buf_addc(&text, '\n');
	render_styled(&text, &st, indent, e);
	splice(out, php, len, at, &text);
	free(indent);
	style_clear(&st);
	mw_buf_release(&text);
	return 0;
}

/*
 * Removal: the row or the statement that names the patch, as whole lines.
 */

/* The quoted mention of `patch` inside [from, to), or NPOS. */
static size_t
find_mention(const char *s, size_t from, size_t to, const char *patch)
{
	size_t pl = strlen(patch);

	for (const char *p = s + from; (p = memmem(p, to - (size_t)(p - s), patch, pl)); p++) {
		char before = p > s ? p[-1] : '\0', after = (size_t)(p - s) + pl < to ? p[pl] : 0;

		if (before && strchr("/'\"", before) && (after == '\'' || after == '"'))
			return (size_t)(p - s);
	}
	return NPOS;
}

/* The core row (a top-level [ ... ] of the array) holding `at`: [*a, *b]. */
static bool
core_row(const char *s, size_t open, size_t close, size_t at, size_t *a, size_t *b)
{
	for (size_t i = open + 1; (i = find_code(s, close, i, NULL, '[')) != NPOS; i = *b + 1) {
		*a = i;
		*b = match_bracket(s, close, i);
		if (*b == NPOS)
			return false;
		if (*a < at && at < *b) {
			size_t c = skip_space(s, close, *b + 1);

			if (c < close && s[c] == ',')
				*b = c;
			return true;
		}
	}
	return false;
}

/* The registration statement holding `at`, from its variable to its ';'. */
static bool
ext_statement(const char *s, size_t body, size_t body_end, size_t at, size_t *a, size_t *b)
{
	struct call c;

	for (size_t i = body + 1; next_call(s, i, body_end, &c); i = c.close) {
		size_t semi;

		if (!(c.open < at && at < c.close))
			continue;
		semi = skip_space(s, body_end, c.close + 1);
		if (semi >= body_end || s[semi] != ';')
			return false;
		*a = c.var;
		*b = semi;
		return true;
	}
	return false;
}

static bool
blank_line(const char *s, size_t len, size_t ls)
{
	size_t i = ls + indent_len(s, len, ls);

	return i >= len || s[i] == '\n' || s[i] == '\r';
}

/* Line start after `b` when only blanks or a // comment follow it there; NPOS otherwise. */
static size_t
rest_of_line(const char *s, size_t len, size_t b)
{
	size_t i = b + 1;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i < len && s[i] != '\n' && strncmp(s + i, "//", 2))
		return NPOS;
	return next_line(s, i, len);
}

/*
 * Widens [*a, *e) over the block's release comment (and the blank line
 * before it) when the entry was the last of its block: the next line closes
 * the array, is blank, or opens another block.
 */
static void
drop_empty_block(const char *s, size_t len, size_t *a, size_t e)
{
	size_t prev, next = e + indent_len(s, len, e);
	unsigned major, minor;

	if (*a == 0)
		return;
	prev = line_start(s, *a - 1);
	if (!release_comment(s, prev, *a, &major, &minor))
		return;
	if (!(next >= len || s[next] == ']' || blank_line(s, len, e) ||
	      release_comment(s, e, len, &major, &minor)))
		return;
	*a = prev;
	if (prev > 0 && blank_line(s, len, line_start(s, prev - 1)))
		*a = line_start(s, prev - 1);
}

int
mw_updater_remove(mw_buf *out, const char *php, size_t len, const char *method,
		  const char *patch, mw_buf *removed, mw_buf *err)
{
	size_t open, close, at, a, b, ls, e;
	bool core = !method || !strcmp(method, "getCoreUpdateList");

	if (!mw_updater_mentions(php, len, patch)) {
		mw_buf_add(out, php, len);
		return MW_UPDATER_ABSENT;
	}
	if (core ? core_array(php, len, &open, &close, err) < 0
		 : function_body(php, len, method, &open, &close, err) < 0)
		return -1;
	at = find_mention(php, open, close, patch);
	if (at == NPOS || !(core ? core_row(php, open, close, at, &a, &b)
				 : ext_statement(php, open, close, at, &a, &b))) {
		mw_buf_addf(err, "the entry for %s is not a %s of its own", patch,
			    core ? "row of getCoreUpdateList()" : "call statement");
		return -1;
	}
	ls = line_start(php, a);
	e = rest_of_line(php, len, b);
	if (indent_len(php, len, ls) != a - ls || e == NPOS) {
		mw_buf_addf(err, "the entry for %s shares its lines with other code", patch);
		return -1;
	}
	if (removed)
		mw_buf_add(removed, php + ls, e - ls);
	if (core)
		drop_empty_block(php, len, &ls, e);
	else if (ls > 0 && blank_line(php, len, line_start(php, ls - 1)) &&
		 (e >= len || blank_line(php, len, e) || php[e + indent_len(php, len, e)] == '}'))
		ls = line_start(php, ls - 1);	/* the blank line that kept the rhythm */
	mw_buf_add(out, php, ls);
	mw_buf_add(out, php + e, len - e);
	return 0;
}
