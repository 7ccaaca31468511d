/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A strict JSON parser (RFC 8259, as PHP's json_decode accepts it) that
 * records the position of every value: the loader must point at the exact
 * line and column of a problem, and the writer must be able to copy
 * untouched values byte for byte.
 *
 * The first syntax error stops the parse: after it, positions of anything
 * else would only mislead.
 */
#include <config.h>

#include "core/json/internal.h"
#include "mwschema/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Parser
 */

struct jparser {
	const char *s;	/* the text being parsed: a copy in the arena, which... */
	char *w;	/* ...strings are cut out of in place (their closing quote
			   becomes their NUL), so most strings cost no copy */
	size_t len, pos;
	int line;
	size_t line_start;
	struct jarena *arena;
	const char *label;
	mw_diags *diags;
	bool failed;
	/* children of the containers being parsed, shared by all levels */
	jnode **stack;
	jkey *kstack;
	size_t sp, cap;
	mw_buf sbuf;	/* decoded string scratch */
	size_t slen;	/* length of the string parsed last */
};

static int
col_at(const struct jparser *p, size_t pos)
{
	return (int)(pos - p->line_start) + 1;
}

static void MW_PRINTF(4, 5)
syntax_error(struct jparser *p, size_t pos, const char *hint, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT;
	va_list ap;
	int line = p->line;
	size_t ls = p->line_start;

	if (p->failed)
		return;
	p->failed = true;
	/* pos may lie on an earlier line (an unclosed bracket) */
	if (pos < p->line_start) {
		line = 1;
		ls = 0;
		for (size_t i = 0; i < pos; i++)
			if (p->s[i] == '\n') {
				line++;
				ls = i + 1;
			}
	}
	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	mw_diags_add(p->diags, MW_SEV_ERROR, NULL, p->label, line, (int)(pos - ls) + 1, NULL,
		     hint, "%s", mw_buf_cstr(&msg));
	mw_buf_release(&msg);
}

/* What sits at pos, for "found ..." in messages. */
static const char *
describe_at(const struct jparser *p, size_t pos, char *tmp, size_t tmpsize)
{
	unsigned char c;

	if (pos >= p->len)
		return "end of file";
	c = (unsigned char)p->s[pos];
	if (c == 0)
		return "a NUL byte";
	if (c == '\'')
		return "\"'\"";
	if (c >= 0x21 && c < 0x7f)
		snprintf(tmp, tmpsize, "'%c'", c);
	else if (c == '\n' || c == '\r' || c == '\t' || c == ' ')
		snprintf(tmp, tmpsize, "whitespace");
	else
		snprintf(tmp, tmpsize, "byte 0x%02x", c);
	return tmp;
}

/*
 * The scanner keeps its position in locals and walks runs of bytes of one
 * class (blanks, plain string bytes) in tight loops; only a newline touches
 * the line bookkeeping. This is where most of a load's time went.
 */
static void
skip_ws_run(struct jparser *p)
{
	const char *s = p->s;
	size_t pos = p->pos, len = p->len;

	while (pos < len) {
		char c = s[pos];

		if (c == '\n') {
			p->line++;
			p->line_start = ++pos;
			pos = jscan_indent_end(s, pos, len);
		} else if (c == ' ' || c == '\t' || c == '\r') {
			pos++;
		} else {
			break;
		}
	}
	p->pos = pos;
}

/* Most tokens follow another directly: only a blank byte needs the loop. */
static inline void
skip_ws(struct jparser *p)
{
	if (p->pos < p->len && (unsigned char)p->s[p->pos] <= ' ')
		skip_ws_run(p);
}

static jnode *
new_node(struct jparser *p, jkind kind, size_t start)
{
	jnode *n = jarena_take(p->arena, sizeof(*n));

	*n = (jnode){ .kind = kind, .from_text = true, .line = p->line,
		      .col = col_at(p, start), .start = start };
	return n;
}

static void
push_child(struct jparser *p, jnode *n, const jkey *k)
{
	if (p->sp == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->stack = mw_xrealloc(p->stack, p->cap * sizeof(*p->stack));
		p->kstack = mw_xrealloc(p->kstack, p->cap * sizeof(*p->kstack));
	}
	p->stack[p->sp] = n;
	if (k)
		p->kstack[p->sp] = *k;
	p->sp++;
}

/* Moves the children pushed since `base` into the container. */
static void
pop_children(struct jparser *p, jnode *n, size_t base)
{
	n->n = p->sp - base;
	n->kids = jarena_alloc(p->arena, (n->n ? n->n : 1) * sizeof(*n->kids));
	if (n->n)
		memcpy(n->kids, p->stack + base, n->n * sizeof(*n->kids));
	if (n->kind == J_OBJECT && n->n) {
		n->keys = jarena_alloc(p->arena, (n->n ? n->n : 1) * sizeof(*n->keys));
		memcpy(n->keys, p->kstack + base, n->n * sizeof(*n->keys));
	}
	p->sp = base;
}

static long
read_hex4(struct jparser *p, size_t at)
{
	long v = 0;

	if (at + 4 > p->len)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = jscan_hexval(p->s[at + i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* \uXXXX (with a surrogate pair); p->pos is on the 'u'. 0 or -1. */
static int
parse_unicode_escape(struct jparser *p, size_t esc)
{
	long cp = read_hex4(p, p->pos + 1), lo;

	if (cp < 0) {
		syntax_error(p, esc, "write \\u followed by four hex digits",
			     "invalid \\u escape in string");
		return -1;
	}
	p->pos += 5;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		goto lone;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (p->pos + 1 >= p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
		    (lo = read_hex4(p, p->pos + 2)) < 0xdc00 || lo > 0xdfff)
			goto lone;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		p->pos += 6;
	}
	if (cp == 0) {
		syntax_error(p, esc, NULL, "\\u0000 (NUL) in a string is not supported");
		return -1;
	}
	jscan_add_utf8(&p->sbuf, (unsigned long)cp);
	return 0;
lone:
	syntax_error(p, esc, NULL, "unpaired UTF-16 surrogate in \\u escape");
	return -1;
}

static int
parse_escape(struct jparser *p)
{
	size_t esc = p->pos;
	char c;

	p->pos++;
	if (p->pos >= p->len) {
		syntax_error(p, p->pos, NULL, "unexpected end of file inside a string");
		return -1;
	}
	c = p->s[p->pos];
	switch (c) {
	case '"': case '\\': case '/':
		mw_buf_addc(&p->sbuf, c);
		break;
	case 'b': mw_buf_addc(&p->sbuf, '\b'); break;
	case 'f': mw_buf_addc(&p->sbuf, '\f'); break;
	case 'n': mw_buf_addc(&p->sbuf, '\n'); break;
	case 'r': mw_buf_addc(&p->sbuf, '\r'); break;
	case 't': mw_buf_addc(&p->sbuf, '\t'); break;
	case 'u':
		return parse_unicode_escape(p, esc);
	default:
		syntax_error(p, esc, "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
			     "invalid escape '\\%c' in string", c >= 0x20 && c < 0x7f ? c : '?');
		return -1;
	}
	p->pos++;
	return 0;
}

static char *
copy_text(struct jparser *p, const char *s, size_t n)
{
	char *copy = jarena_take(p->arena, n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	p->slen = n;
	return copy;
}

/* Parses a string at p->pos (on the quote); returns the decoded text (p->slen bytes). */
static const char *
parse_string_text(struct jparser *p)
{
	size_t open = p->pos;

	p->pos++;
	for (;;) {
		size_t run = p->pos;
		unsigned char c;

		p->pos = jscan_plain_run(p->s, p->pos, p->len);
		/* fast path: no escape and nothing to check, copy straight */
		if (run == open + 1 && p->pos < p->len && p->s[p->pos] == '"') {
			p->pos++;
			p->w[p->pos - 1] = '\0';
			p->slen = p->pos - 1 - run;
			return p->w + run;
		}
		if (run == open + 1)
			mw_buf_reset(&p->sbuf);
		mw_buf_add(&p->sbuf, p->s + run, p->pos - run);
		if (p->pos >= p->len) {
			syntax_error(p, open, "close the string with '\"'",
				     "unexpected end of file inside the string that starts here");
			return NULL;
		}
		c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			return copy_text(p, p->sbuf.data ? p->sbuf.data : "", p->sbuf.len);
		}
		if (c == '\\') {
			if (parse_escape(p) < 0)
				return NULL;
		} else if (c >= 0x80) {
			size_t n = jscan_utf8_len((const unsigned char *)p->s + p->pos,
						p->len - p->pos);

			if (!n) {
				syntax_error(p, p->pos, "save the file as UTF-8",
					     "invalid UTF-8 byte 0x%02x in string", c);
				return NULL;
			}
			mw_buf_add(&p->sbuf, p->s + p->pos, n);
			p->pos += n;
		} else if (c == '\n') {
			syntax_error(p, open, "close the string on the same line, or write \\n",
				     "unterminated string (line break inside a string)");
			return NULL;
		} else {
			syntax_error(p, p->pos, c == '\t' ? "write the tab as \\t" : NULL,
				     "control character 0x%02x in string must be escaped", c);
			return NULL;
		}
	}
}

static jnode *
parse_string(struct jparser *p)
{
	jnode *n = new_node(p, J_STRING, p->pos);

	n->str = parse_string_text(p);
	n->end = p->pos;
	return n->str ? n : NULL;
}

static bool
is_digit(const struct jparser *p, size_t at)
{
	return at < p->len && p->s[at] >= '0' && p->s[at] <= '9';
}

static size_t
skip_digits(const struct jparser *p, size_t at)
{
	while (is_digit(p, at))
		at++;
	return at;
}

static jnode *
parse_number(struct jparser *p)
{
	size_t start = p->pos, at = start;
	jnode *n;

	if (p->s[at] == '-')
		at++;
	if (!is_digit(p, at))
		goto bad;
	if (p->s[at] == '0' && is_digit(p, at + 1))
		goto bad;
	at = skip_digits(p, at);
	if (at < p->len && p->s[at] == '.') {
		if (!is_digit(p, at + 1))
			goto bad;
		at = skip_digits(p, at + 1);
	}
	if (at < p->len && (p->s[at] == 'e' || p->s[at] == 'E')) {
		at++;
		if (at < p->len && (p->s[at] == '+' || p->s[at] == '-'))
			at++;
		if (!is_digit(p, at))
			goto bad;
		at = skip_digits(p, at);
	}
	n = new_node(p, J_NUMBER, start);
	n->str = jarena_strndup(p->arena, p->s + start, at - start);
	n->end = p->pos = at;
	return n;
bad:
	syntax_error(p, start, "numbers look like 12, -3, 0.5 or 1e6 (no leading zeros)",
		     "invalid number");
	return NULL;
}

static size_t
word_end(const struct jparser *p, size_t at)
{
	while (at < p->len && ((p->s[at] >= 'a' && p->s[at] <= 'z') ||
			       (p->s[at] >= 'A' && p->s[at] <= 'Z') ||
			       (p->s[at] >= '0' && p->s[at] <= '9') || p->s[at] == '_'))
		at++;
	return at;
}

static jnode *
parse_word(struct jparser *p)
{
	static const struct { const char *word; jkind kind; } lits[] = {
		{ "true", J_TRUE }, { "false", J_FALSE }, { "null", J_NULL },
	};
	size_t start = p->pos, end = word_end(p, start), len = end - start;
	jnode *n;

	for (size_t i = 0; i < 3; i++) {
		if (len == strlen(lits[i].word) && !memcmp(p->s + start, lits[i].word, len)) {
			n = new_node(p, lits[i].kind, start);
			n->end = p->pos = end;
			return n;
		}
	}
	for (size_t i = 0; i < 3; i++)
		if (len == strlen(lits[i].word) && !strncasecmp(p->s + start, lits[i].word, len)) {
			syntax_error(p, start, "JSON literals are lowercase: true, false, null",
				     "invalid literal \"%.*s\"", (int)len, p->s + start);
			return NULL;
		}
	syntax_error(p, start, "strings need double quotes",
		     "unexpected word \"%.*s\", expected a value", (int)(len > 40 ? 40 : len),
		     p->s + start);
	return NULL;
}

static jnode *
parse_unexpected(struct jparser *p, const char *what)
{
	char tmp[32];
	unsigned char c = p->pos < p->len ? (unsigned char)p->s[p->pos] : 0;
	const char *hint = NULL;

	if (p->pos >= p->len) {
		syntax_error(p, p->pos, NULL, "unexpected end of file, expected %s", what);
		return NULL;
	}
	if (c == '\'')
		hint = "JSON strings use double quotes";
	else if (c == '/')
		hint = "JSON has no comments";
	else if (c < 0x20 || c >= 0x7f)
		hint = "is this a UTF-8 JSON text file?";
	syntax_error(p, p->pos, hint, "unexpected %s, expected %s",
		     describe_at(p, p->pos, tmp, sizeof(tmp)), what);
	return NULL;
}

/* A container being parsed: where its children start on the shared stack, and
 * (objects) the key of the member whose value comes next. */
struct jframe {
	jnode *node;
	size_t base;
	jkey key;
};

/* After a member or element: neither ',' nor the closing bracket. */
static int
item_not_closed(struct jparser *p, jnode *open, char close, const char *what)
{
	char tmp[32];

	if (p->pos >= p->len)
		syntax_error(p, open->start, NULL, "unexpected end of file: this '%c' is "
			     "never closed", close == ']' ? '[' : '{');
	else
		syntax_error(p, p->pos, p->s[p->pos] == '"' ? "add a comma" : NULL,
			     "expected ',' or '%c' after %s, found %s", close, what,
			     describe_at(p, p->pos, tmp, sizeof(tmp)));
	return -1;
}

/*
 * After a member or element: ',' or the closing bracket. Returns 1 for
 * "more", 0 for "closed", -1 on error.
 */
static int
after_item(struct jparser *p, jnode *open, char close, const char *what)
{
	size_t comma;

	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return 0;
	}
	if (p->pos >= p->len || p->s[p->pos] != ',')
		return item_not_closed(p, open, close, what);
	comma = p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		syntax_error(p, comma, "remove the comma after the last item",
			     "trailing comma before '%c'", close);
		return -1;
	}
	return 1;
}

static bool
parse_key(struct jparser *p, jkey *k)
{
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != '"') {
		size_t end = word_end(p, p->pos);

		if (end > p->pos) {
			syntax_error(p, p->pos, "object keys need double quotes",
				     "expected a string key, found \"%.*s\"",
				     (int)(end - p->pos > 40 ? 40 : end - p->pos), p->s + p->pos);
			return false;
		}
		parse_unexpected(p, "a string key");
		return false;
	}
	k->start = p->pos;
	k->line = p->line;
	k->col = col_at(p, p->pos);
	k->name = parse_string_text(p);
	if (!k->name)
		return false;
	k->end = p->pos;
	k->tag = jkey_tag_n(k->name, p->slen);
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != ':') {
		parse_unexpected(p, "':' after the key");
		return false;
	}
	p->pos++;
	return true;
}

/* Opens the container at p->pos on a new frame; false when nested too deep. */
static bool
open_container(struct jparser *p, struct jframe *frames, int *depth)
{
	struct jframe *f;

	if (*depth == MW_JSON_MAX_DEPTH) {
		syntax_error(p, p->pos, NULL, "nesting too deep (more than %d levels of arrays "
			     "and objects)", MW_JSON_MAX_DEPTH);
		return false;
	}
	f = &frames[(*depth)++];
	f->node = new_node(p, p->s[p->pos] == '{' ? J_OBJECT : J_ARRAY, p->pos);
	f->base = p->sp;
	p->pos++;
	skip_ws(p);
	return true;
}

/* A value that is no container; NULL after reporting what is there instead. */
static jnode *
parse_scalar(struct jparser *p)
{
	char c = p->s[p->pos];

	if (c == '"')
		return parse_string(p);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return parse_word(p);
	return parse_unexpected(p, "a value");
}

/*
 * The whole document, without recursion: containers being parsed sit on
 * `frames`, their finished children on the parser's shared stack. The
 * labels are the parser's states: a value is expected, a member's key is
 * expected, a value is complete, the innermost container is complete.
 */
static jnode *
parse_document(struct jparser *p)
{
	struct jframe frames[MW_JSON_MAX_DEPTH], *top = NULL;
	int depth = 0, more;
	jnode *v;

value:
	skip_ws(p);
	if (p->pos >= p->len)
		return parse_unexpected(p, "a value");
	if (p->s[p->pos] == '{' || p->s[p->pos] == '[') {
		if (!open_container(p, frames, &depth))
			return NULL;
		top = &frames[depth - 1];
		if (p->pos < p->len && p->s[p->pos] == (top->node->kind == J_OBJECT ? '}' : ']')) {
			p->pos++;
			goto close;
		}
		if (top->node->kind == J_OBJECT)
			goto key;
		goto value;
	}
	if (!(v = parse_scalar(p)))
		return NULL;
done:
	if (!depth)
		return v;
	if (top->node->kind == J_OBJECT) {
		push_child(p, v, &top->key);
		more = after_item(p, top->node, '}', "an object member");
	} else {
		push_child(p, v, NULL);
		more = after_item(p, top->node, ']', "an array element");
	}
	if (more < 0)
		return NULL;
	if (!more)
		goto close;
	if (top->node->kind == J_ARRAY)
		goto value;
key:
	if (!parse_key(p, &top->key))
		return NULL;
	goto value;
close:
	v = top->node;
	pop_children(p, v, top->base);
	v->end = p->pos;
	depth--;
	top = depth ? &frames[depth - 1] : NULL;
	goto done;
}

/* Problems with the file as a whole, before any token is read. */
static bool
check_whole_input(struct jparser *p)
{
	size_t i = 0;

	if (p->len > MW_JSON_MAX_SIZE) {
		syntax_error(p, 0, NULL, "file too large (%zu bytes; the limit is %u MiB)",
			     p->len, MW_JSON_MAX_SIZE / (1024u * 1024u));
		return false;
	}
	if (p->len >= 3 && !memcmp(p->s, "\xef\xbb\xbf", 3)) {
		syntax_error(p, 0, "save the file as UTF-8 without a BOM",
			     "byte order mark at the start of the file");
		return false;
	}
	while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t' || p->s[i] == '\n' ||
			      p->s[i] == '\r'))
		i++;
	if (i == p->len) {
		syntax_error(p, 0, "a schema file holds a JSON array of table objects",
			     "empty file");
		return false;
	}
	return true;
}

jnode *
jtree_parse(struct jarena *arena, const char *text, size_t len, const char *label,
	    mw_diags *diags)
{
	struct jparser p = { .s = text, .len = len, .line = 1, .arena = arena,
			     .label = label, .diags = diags };
	jnode *root = NULL;

	if (check_whole_input(&p)) {
		jarena_reserve(arena, 5 * len + 1024);
		p.w = jarena_take(arena, len + 1);
		memcpy(p.w, text, len);
		p.w[len] = '\0';
		p.s = p.w;
		root = parse_document(&p);
		if (root) {
			skip_ws(&p);
			if (p.pos < p.len) {
				char tmp[32];

				syntax_error(&p, p.pos, "a file holds exactly one JSON value",
					     "unexpected %s after the end of the JSON value",
					     describe_at(&p, p.pos, tmp, sizeof(tmp)));
				root = NULL;
			}
		}
	}
	free(p.stack);
	free(p.kstack);
	mw_buf_release(&p.sbuf);
	return root;
}
