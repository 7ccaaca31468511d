/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Evaluating PHP path expressions (see internal.h): string literals with their
 * interpolation, concatenation, __DIR__ and dirname(), variables, arrays,
 * "->getType()" (the platform) and calls of the same class's methods. Any
 * other construct is parsed past and yields "unknown".
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

pv
pv_unknown(void)
{
	pv v = { PV_UNKNOWN, NULL, NULL, NULL, 0, NULL };

	return v;
}

pv
pv_str(const char *s)
{
	pv v = pv_unknown();

	v.kind = PV_STR;
	v.s = mw_xstrdup(s);
	return v;
}

void
pv_free(pv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		pv_free(&v->items[i]);
		free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
	if (v->alt) {
		pv_free(v->alt);
		free(v->alt);
	}
	*v = pv_unknown();
}

pv
pv_dup(const pv *v)
{
	pv c = *v;

	c.s = mw_xstrdup(v->s);
	c.items = v->n ? mw_xcalloc(v->n, sizeof(*c.items)) : NULL;
	c.keys = v->n ? mw_xcalloc(v->n, sizeof(*c.keys)) : NULL;
	for (size_t i = 0; i < v->n; i++) {
		c.items[i] = pv_dup(&v->items[i]);
		c.keys[i] = mw_xstrdup(v->keys[i]);
	}
	if (v->alt) {
		c.alt = mw_xmalloc(sizeof(*c.alt));
		*c.alt = pv_dup(v->alt);
	}
	return c;
}

static size_t
pv_count(const pv *v)
{
	size_t n = 0;

	for (; v; v = v->alt)
		n++;
	return n;
}

/* Appends `other` (and its alternatives) to the possibilities of `into`. */
void
pv_add_alt(pv *into, pv other)
{
	pv *last = into;

	if (into->kind == PV_UNKNOWN && !into->alt && !into->s) {
		*into = other;
		return;
	}
	if (pv_count(into) >= PHP_MAX_ALTS) {
		pv_free(&other);
		return;
	}
	while (last->alt)
		last = last->alt;
	last->alt = mw_xmalloc(sizeof(*last->alt));
	*last->alt = other;
}

const char *
pv_literal(const pv *v)
{
	if (v->kind != PV_STR || strchr(v->s, PHP_PLATFORM) || strchr(v->s, PHP_ANY) ||
	    strchr(v->s, PHP_ROOT))
		return NULL;
	return v->s;
}

/* The text a value contributes to a concatenation. */
static const char *
pv_text(const pv *v)
{
	static const char any[] = { PHP_ANY, '\0' };

	return v->kind == PV_STR ? v->s : any;
}

/* a . b, each possibility of one with each of the other (a few at most). */
static pv
pv_concat(pv a, pv b)
{
	pv out = pv_unknown();

	for (const pv *x = &a; x; x = x->alt)
		for (const pv *y = &b; y; y = y->alt) {
			char *s = mw_strdupf("%s%s", pv_text(x), pv_text(y));

			pv_add_alt(&out, pv_str(s));
			free(s);
		}
	pv_free(&a);
	pv_free(&b);
	return out;
}

void
php_frame_set(struct php_frame *f, const char *name, pv value)
{
	for (size_t i = 0; i < f->nvars; i++)
		if (!strcmp(f->vars[i].name, name)) {
			pv_free(&f->vars[i].value);
			f->vars[i].value = value;
			return;
		}
	f->vars = mw_xrealloc(f->vars, (f->nvars + 1) * sizeof(*f->vars));
	f->vars[f->nvars].name = mw_xstrdup(name);
	f->vars[f->nvars++].value = value;
}

static const pv *
frame_get(const struct php_frame *f, const char *name)
{
	for (size_t i = 0; i < f->nvars; i++)
		if (!strcmp(f->vars[i].name, name))
			return &f->vars[i].value;
	return NULL;
}

void
php_frame_clear(struct php_frame *f)
{
	for (size_t i = 0; i < f->nvars; i++) {
		free(f->vars[i].name);
		pv_free(&f->vars[i].value);
	}
	free(f->vars);
	pv_free(&f->ret);
	f->vars = NULL;
	f->nvars = 0;
}

bool
php_cur_is(const struct php_cur *c, php_tok_kind kind, const char *text)
{
	return c->i < c->end && php_tok_is(c->t, c->i, kind, text);
}

static bool
cur_op(const struct php_cur *c, const char *op)
{
	return php_cur_is(c, PHP_T_OP, op);
}

/* Past the bracket opened at c->i (and its contents). */
static void
skip_group(struct php_cur *c)
{
	size_t close = php_match(c->t, c->i);

	c->i = close < c->end ? close + 1 : c->end;
}

void
php_skip_to_comma(struct php_cur *c)
{
	while (c->i < c->end && !cur_op(c, ",")) {
		if (cur_op(c, "(") || cur_op(c, "[") || cur_op(c, "{"))
			skip_group(c);
		else
			c->i++;
	}
}

void
php_skip_statement(struct php_cur *c)
{
	while (c->i < c->end && !cur_op(c, ";")) {
		if (cur_op(c, "(") || cur_op(c, "[") || cur_op(c, "{"))
			skip_group(c);
		else if (cur_op(c, ")") || cur_op(c, "]") || cur_op(c, "}"))
			return;
		else
			c->i++;
	}
}

/*
 * Paths
 */

/* dirname() of a template: the last component goes; at the root, ".." is added. */
static pv
pv_dirname(pv v, long levels)
{
	pv out = pv_unknown();

	for (const pv *x = &v; x; x = x->alt) {
		char *norm = x->kind == PV_STR && x->s[0] == PHP_ROOT ? php_path_normalise(x->s) : NULL;

		for (long k = 0; norm && k < levels; k++) {
			char *slash = strrchr(norm, '/');
			char *up = !*norm ? NULL : slash ? mw_xstrndup(norm, (size_t)(slash - norm))
							  : mw_xstrdup("");

			free(norm);
			norm = up;
		}
		if (norm) {
			char *s = mw_strdupf("%c%s", PHP_ROOT, norm);

			pv_add_alt(&out, pv_str(s));
			free(s);
		}
		free(norm);
	}
	pv_free(&v);
	return out;
}

/*
 * Expressions
 */

static size_t parse_args(struct php_frame *f, struct php_cur *c, pv **out);
static pv primary(struct php_frame *f, struct php_cur *c);

static bool
ends_expression(const struct php_cur *c)
{
	static const char *const stops[] = { ";", ",", ")", "]", "}", "=>", ":", "?", "??" };

	if (c->i >= c->end || php_cur_is(c, PHP_T_ID, "as"))
		return true;
	for (size_t k = 0; k < sizeof(stops) / sizeof(*stops); k++)
		if (cur_op(c, stops[k]))
			return true;
	return false;
}

/* "$var", "{$expr}" and "${var}" inside a double-quoted string. */
static size_t
interpolate(struct php_frame *f, const char *s, size_t i, mw_buf *out)
{
	size_t j = i + 1, close;
	php_toks inner;
	struct php_cur c;
	pv v = pv_unknown();
	char *name;

	if (s[i] == '{' || s[i + 1] == '{') {
		close = i + 1;
		for (int depth = 1; s[close] && depth; close++)
			depth += s[close] == '{' ? 1 : s[close] == '}' ? -1 : 0;
		php_lex_code(&inner, s + i + (s[i] == '$' ? 2 : 1), close - i - (s[i] == '$' ? 3 : 2));
		c = (struct php_cur){ &inner, 0, inner.n - 1 };
		if (s[i] == '$' && php_cur_is(&c, PHP_T_ID, NULL) && frame_get(f, inner.v[0].text))
			v = pv_dup(frame_get(f, inner.v[0].text));
		else if (s[i] == '{')
			v = php_expr(f, &c);
		php_toks_free(&inner);
		mw_buf_adds(out, pv_text(&v));
		pv_free(&v);
		return close;
	}
	while (s[j] && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			(s[j] >= '0' && s[j] <= '9') || (unsigned char)s[j] >= 0x80))
		j++;
	name = mw_xstrndup(s + i + 1, j - i - 1);
	mw_buf_adds(out, frame_get(f, name) ? pv_text(frame_get(f, name)) : (char[]){ PHP_ANY, 0 });
	free(name);
	return j;
}

/* After a '$' in a string: a variable name or "${". */
static bool
starts_name(char c)
{
	return c == '{' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

static pv
double_quoted(struct php_frame *f, const char *s)
{
	mw_buf out = MW_BUF_INIT;
	pv v;

	for (size_t i = 0; s[i];) {
		if (s[i] == '\\' && s[i + 1]) {
			char e = s[i + 1];

			mw_buf_addc(&out, e == 'n' ? '\n' : e == 't' ? '\t' : strchr("\\\"$", e) ? e : '\\');
			i += strchr("nt\\\"$", e) ? 2 : 1;
		} else if ((s[i] == '$' && starts_name(s[i + 1])) || (s[i] == '{' && s[i + 1] == '$')) {
			i = interpolate(f, s, i, &out);
		} else {
			mw_buf_addc(&out, s[i++]);
		}
	}
	v = pv_str(mw_buf_cstr(&out));
	mw_buf_release(&out);
	return v;
}

/* [ a, 'k' => b ] or array( ... ): keys are kept when literal. */
static pv
array_literal(struct php_frame *f, struct php_cur *c)
{
	size_t close = php_match(c->t, c->i);
	struct php_cur in = { c->t, c->i + 1, close < c->end ? close : c->end };
	pv arr = pv_unknown();

	arr.kind = PV_ARR;
	while (in.i < in.end) {
		pv a = php_expr(f, &in), b;
		char *key = NULL;

		if (cur_op(&in, "=>")) {
			in.i++;
			b = php_expr(f, &in);
			key = mw_xstrdup(pv_literal(&a));
			pv_free(&a);
			a = b;
		}
		arr.items = mw_xrealloc(arr.items, (arr.n + 1) * sizeof(*arr.items));
		arr.keys = mw_xrealloc(arr.keys, (arr.n + 1) * sizeof(*arr.keys));
		arr.items[arr.n] = a;
		arr.keys[arr.n++] = key;
		php_skip_to_comma(&in);
		in.i++;
	}
	c->i = in.end + 1;
	return arr;
}

/* function (...) use (...) { ... } and fn (...) => expr: run later, if ever. */
static void
skip_closure(struct php_frame *f, struct php_cur *c)
{
	bool arrow = php_cur_is(c, PHP_T_ID, "fn");
	pv ignored;

	c->i++;
	while (c->i < c->end && !cur_op(c, "{") && !cur_op(c, "=>")) {
		if (cur_op(c, "("))
			skip_group(c);
		else
			c->i++;
	}
	if (arrow && cur_op(c, "=>")) {
		c->i++;
		ignored = php_expr(f, c);
		pv_free(&ignored);
	} else if (cur_op(c, "{")) {
		skip_group(c);
	}
}

static void
free_args(pv *args, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pv_free(&args[i]);
	free(args);
}

/* NAME(...), NAME::..., constants and keywords that start an operand. */
static pv
name_primary(struct php_frame *f, struct php_cur *c)
{
	const char *name = c->t->v[c->i].text;
	pv *args, v;
	size_t n;

	if (!strcmp(name, "__DIR__") || !strcmp(name, "__FILE__")) {
		c->i++;
		return pv_str(name[2] == 'D' ? f->ev->dir : f->ev->file);
	}
	if (!strcasecmp(name, "function") || !strcasecmp(name, "fn") ||
	    (!strcasecmp(name, "static") && php_tok_is(c->t, c->i + 1, PHP_T_ID, "function"))) {
		if (!strcasecmp(name, "static"))
			c->i++;
		skip_closure(f, c);
		return pv_unknown();
	}
	if (!strcasecmp(name, "array") && php_tok_is(c->t, c->i + 1, PHP_T_OP, "(")) {
		c->i++;
		return array_literal(f, c);
	}
	if (!strcasecmp(name, "new")) {
		c->i++;
		if (php_cur_is(c, PHP_T_ID, NULL) || php_cur_is(c, PHP_T_VAR, NULL))
			c->i++;
		if (cur_op(c, "(")) {
			n = parse_args(f, c, &args);
			free_args(args, n);
		}
		return pv_unknown();
	}
	c->i++;
	if (!cur_op(c, "("))
		return pv_unknown();	/* a constant, true, null, a class name before :: */
	n = parse_args(f, c, &args);
	if (!strcasecmp(name, "dirname") && n >= 1) {
		long levels = n > 1 && pv_literal(&args[1]) ? strtol(args[1].s, NULL, 10) : 1;

		v = pv_dirname(pv_dup(&args[0]), levels > 0 ? levels : 1);
	} else {
		php_note_call(f, name, args, n);
		v = pv_unknown();
	}
	free_args(args, n);
	return v;
}

static pv
var_primary(struct php_frame *f, struct php_cur *c)
{
	const char *name = c->t->v[c->i++].text;
	const pv *bound;
	pv v;

	if (cur_op(c, "=") || cur_op(c, ".=") || cur_op(c, "?\?=")) {
		bool append = cur_op(c, ".=");

		c->i++;
		v = php_expr(f, c);
		if (append)
			v = pv_concat(frame_get(f, name) ? pv_dup(frame_get(f, name)) : pv_unknown(), v);
		php_frame_set(f, name, pv_dup(&v));
		return v;
	}
	if (!strcmp(name, "this"))
		return pv_str("$this");
	bound = frame_get(f, name);
	return bound ? pv_dup(bound) : pv_unknown();
}

static pv
primary_at(struct php_frame *f, struct php_cur *c)
{
	const php_tok *k = &c->t->v[c->i];
	pv v;

	if (c->i >= c->end)
		return pv_unknown();
	switch (k->kind) {
	case PHP_T_STR:
		c->i++;
		return pv_str(k->text);
	case PHP_T_DSTR:
		c->i++;
		return double_quoted(f, k->text);
	case PHP_T_NUM:
		c->i++;
		return pv_str(k->text);
	case PHP_T_VAR:
		return var_primary(f, c);
	case PHP_T_ID:
		return name_primary(f, c);
	default:
		break;
	}
	if (cur_op(c, "["))
		return array_literal(f, c);
	if (cur_op(c, "(")) {
		/* A cast "(string)" or a group. */
		if (php_tok_is(c->t, c->i + 1, PHP_T_ID, NULL) && php_tok_is(c->t, c->i + 2, PHP_T_OP, ")")) {
			c->i += 3;
			return primary(f, c);
		}
		c->i++;
		v = php_expr(f, c);
		php_skip_statement(c);
		if (cur_op(c, ")"))
			c->i++;
		return v;
	}
	if (cur_op(c, "@") || cur_op(c, "&")) {
		c->i++;
		return primary(f, c);
	}
	if (!ends_expression(c)) {
		c->i++;		/* a prefix operator: !, -, ~, ++ ... */
		v = primary(f, c);
		pv_free(&v);
	}
	return pv_unknown();
}

/* One primary, or unknown (and the rest of the statement skipped) when too deep. */
static pv
primary(struct php_frame *f, struct php_cur *c)
{
	pv v;

	if (f->ev->nesting >= PHP_MAX_NESTING) {
		php_skip_statement(c);
		return pv_unknown();
	}
	f->ev->nesting++;
	v = primary_at(f, c);
	f->ev->nesting--;
	return v;
}

/* Arguments in ( ... ) at c->i; named arguments ("name: value") lose their names. */
static size_t
parse_args(struct php_frame *f, struct php_cur *c, pv **out)
{
	size_t close = php_match(c->t, c->i), n = 0;
	struct php_cur in = { c->t, c->i + 1, close < c->end ? close : c->end };

	*out = NULL;
	while (in.i < in.end) {
		if (php_cur_is(&in, PHP_T_ID, NULL) && php_tok_is(in.t, in.i + 1, PHP_T_OP, ":") &&
		    !php_tok_is(in.t, in.i + 2, PHP_T_OP, ":"))
			in.i += 2;
		*out = mw_xrealloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = php_expr(f, &in);
		php_skip_to_comma(&in);
		in.i++;
	}
	c->i = in.end + 1;
	return n;
}

/* ->name(...), ::name(...), [index] after an operand. */
static pv
postfix(struct php_frame *f, struct php_cur *c, pv v)
{
	while (c->i < c->end) {
		bool arrow = cur_op(c, "->") || cur_op(c, "?->"), colons = cur_op(c, "::");
		const char *recv = v.kind == PV_STR ? v.s : "";
		const char *name;
		pv *args = NULL, out = pv_unknown();
		size_t n;

		if (cur_op(c, "[")) {
			skip_group(c);
			pv_free(&v);
			continue;
		}
		if (!arrow && !colons)
			break;
		c->i++;
		if (!php_cur_is(c, PHP_T_ID, NULL)) {
			pv_free(&v);
			continue;	/* $obj->$name, Foo::$static */
		}
		name = c->t->v[c->i++].text;
		if (!cur_op(c, "(")) {
			pv_free(&v);
			v = out;
			continue;
		}
		n = parse_args(f, c, &args);
		if (!strcmp(name, "getType") && arrow)
			out = pv_str((char[]){ PHP_PLATFORM, 0 });
		else if (!strcmp(recv, "$this") || !strcmp(recv, "self") || !strcmp(recv, "static"))
			out = php_call_method(f, name, args, n);
		else
			php_note_call(f, name, args, n);
		free_args(args, n);
		pv_free(&v);
		v = out;
	}
	return v;
}

/* self::, static::, $this-> keep their receiver for postfix(). */
static pv
operand_unit(struct php_frame *f, struct php_cur *c)
{
	pv v;

	if (php_cur_is(c, PHP_T_ID, NULL) && php_tok_is(c->t, c->i + 1, PHP_T_OP, "::")) {
		const char *name = c->t->v[c->i].text;

		c->i++;
		v = !strcasecmp(name, "self") || !strcasecmp(name, "static") ? pv_str("self")
									    : pv_unknown();
	} else {
		v = primary(f, c);
	}
	return postfix(f, c, v);
}

pv
php_operand(struct php_frame *f, struct php_cur *c)
{
	pv v = operand_unit(f, c);

	while (cur_op(c, ".")) {
		c->i++;
		v = pv_concat(v, operand_unit(f, c));
	}
	return v;
}

pv
php_expr(struct php_frame *f, struct php_cur *c)
{
	pv v = php_operand(f, c), other;

	/* Comparisons and arithmetic give nothing path-like; their operands may still call. */
	while (!ends_expression(c)) {
		c->i++;
		other = php_operand(f, c);
		pv_free(&other);
		pv_free(&v);
	}
	if (cur_op(c, "?") || cur_op(c, "??")) {
		bool ternary = cur_op(c, "?");

		c->i++;
		if (ternary && cur_op(c, ":")) {
			c->i++;		/* a ?: b */
		} else if (ternary) {
			other = php_expr(f, c);
			pv_add_alt(&v, other);
			if (cur_op(c, ":"))
				c->i++;
		}
		other = php_expr(f, c);
		pv_add_alt(&v, other);
	}
	return v;
}
