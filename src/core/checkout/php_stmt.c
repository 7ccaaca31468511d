/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Following a handler's statements (see internal.h). The walker carries the set
 * of platforms that reach each statement: "if ( $dbType === 'mysql' )" lets
 * only MySQL into its branch, "if ( $type !== 'postgres' ) return;" lets
 * only PostgreSQL past, and a condition it cannot read lets everybody
 * through both ways. Each call naming an SQL file is recorded with the
 * platforms that reach it.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a condition may be, per platform: true for `t`, false for `f`. */
struct cond {
	unsigned t, f;
};

static const struct cond cond_unknown = { PHP_ALL_DBMS, PHP_ALL_DBMS };

static bool
cur_op(const struct php_cur *c, const char *op)
{
	return php_cur_is(c, PHP_T_OP, op);
}

static bool
cur_word(const struct php_cur *c, const char *word)
{
	return php_cur_is(c, PHP_T_ID, word);
}

static void
skip_group(struct php_cur *c)
{
	size_t close = php_match(c->t, c->i);

	c->i = close < c->end ? close + 1 : c->end;
}

static bool
is_platform(const pv *v)
{
	return v->kind == PV_STR && !v->alt && v->s[0] == PHP_PLATFORM && !v->s[1];
}

/* The platforms named by a literal (a name that is none gives no bit). */
static unsigned
literal_bits(const pv *v)
{
	const char *lit = pv_literal(v);
	mw_dbms d;

	return lit && mw_dbms_from_name(lit, &d) ? 1u << d : 0;
}

static struct cond cond_or(struct php_frame *f, struct php_cur *c);

/* in_array( $dbType, [ 'mysql', 'sqlite' ] ) */
static struct cond
cond_in_array(struct php_frame *f, struct php_cur *c)
{
	size_t close = php_match(c->t, c->i + 1);
	struct php_cur in = { c->t, c->i + 2, close < c->end ? close : c->end };
	pv needle = php_expr(f, &in), hay = pv_unknown();
	struct cond r = cond_unknown;
	unsigned bits = 0;

	if (cur_op(&in, ",")) {
		in.i++;
		hay = php_expr(f, &in);
	}
	for (size_t i = 0; hay.kind == PV_ARR && i < hay.n; i++)
		bits |= literal_bits(&hay.items[i]);
	if (is_platform(&needle) && hay.kind == PV_ARR)
		r = (struct cond){ bits, PHP_ALL_DBMS & ~bits };
	pv_free(&needle);
	pv_free(&hay);
	c->i = close < c->end ? close + 1 : c->end;
	return r;
}

static bool
at_cond_end(const struct php_cur *c)
{
	return c->i >= c->end || cur_op(c, "&&") || cur_op(c, "||") || cur_word(c, "and") ||
	       cur_word(c, "or") || cur_op(c, ")");
}

/* A comparison of the platform with a literal, or something unknown. */
static struct cond
cond_atom(struct php_frame *f, struct php_cur *c)
{
	struct cond r = cond_unknown;
	pv a, b;
	bool eq, ne;

	if (cur_op(c, "(") && php_match(c->t, c->i) < c->end) {
		struct php_cur in = { c->t, c->i + 1, php_match(c->t, c->i) };

		r = cond_or(f, &in);
		skip_group(c);
		if (!at_cond_end(c))
			r = cond_unknown;	/* ( ... ) compared to something */
	} else if (cur_word(c, "in_array") && php_tok_is(c->t, c->i + 1, PHP_T_OP, "(")) {
		r = cond_in_array(f, c);
	} else {
		a = php_operand(f, c);
		eq = cur_op(c, "===") || cur_op(c, "==");
		ne = cur_op(c, "!==") || cur_op(c, "!=") || cur_op(c, "<>");
		if (eq || ne) {
			c->i++;
			b = php_operand(f, c);
			if ((is_platform(&a) && pv_literal(&b)) || (is_platform(&b) && pv_literal(&a))) {
				unsigned bits = literal_bits(is_platform(&a) ? &b : &a);

				r = eq ? (struct cond){ bits, PHP_ALL_DBMS & ~bits }
				       : (struct cond){ PHP_ALL_DBMS & ~bits, bits };
			}
			pv_free(&b);
		}
		pv_free(&a);
	}
	while (!at_cond_end(c)) {
		/* anything else (instanceof, arithmetic, a ternary): unknown */
		if (cur_op(c, "(") || cur_op(c, "["))
			skip_group(c);
		else
			c->i++;
		r = cond_unknown;
	}
	return r;
}

static struct cond
cond_not(struct php_frame *f, struct php_cur *c)
{
	struct cond r;

	if (!cur_op(c, "!"))
		return cond_atom(f, c);
	c->i++;
	r = cond_not(f, c);
	return (struct cond){ r.f, r.t };
}

static struct cond
cond_and(struct php_frame *f, struct php_cur *c)
{
	struct cond r = cond_not(f, c), s;

	while (cur_op(c, "&&") || cur_word(c, "and")) {
		c->i++;
		s = cond_not(f, c);
		r = (struct cond){ r.t & s.t, r.f | s.f };
	}
	return r;
}

static struct cond
cond_or(struct php_frame *f, struct php_cur *c)
{
	struct cond r = cond_and(f, c), s;

	while (cur_op(c, "||") || cur_word(c, "or")) {
		c->i++;
		s = cond_and(f, c);
		r = (struct cond){ r.t | s.t, r.f & s.f };
	}
	return r;
}

/* "( cond )" at c->i, consumed. */
static struct cond
paren_cond(struct php_frame *f, struct php_cur *c)
{
	size_t close;
	struct php_cur in;
	struct cond r;

	if (!cur_op(c, "("))
		return cond_unknown;
	close = php_match(c->t, c->i);
	in = (struct php_cur){ c->t, c->i + 1, close < c->end ? close : c->end };
	r = cond_or(f, &in);
	c->i = in.end + 1;
	return r;
}

static unsigned statement(struct php_frame *f, struct php_cur *c, unsigned mask);

/* if / elseif / else if / else: the platforms that come out of any branch. */
static unsigned
if_statement(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	unsigned rest = mask, out = 0;
	bool has_else = false;

	c->i++;
	for (;;) {
		struct cond k = paren_cond(f, c);

		out |= statement(f, c, rest & k.t);
		rest &= k.f;
		if (cur_word(c, "elseif")) {
			c->i++;
		} else if (cur_word(c, "else") && php_tok_is(c->t, c->i + 1, PHP_T_ID, "if")) {
			c->i += 2;
		} else if (cur_word(c, "else")) {
			c->i++;
			out |= statement(f, c, rest);
			has_else = true;
			break;
		} else {
			break;
		}
	}
	return has_else ? out : out | rest;
}

/* foreach ( EXPR as [$k =>] $v ): the loop variables are unknown. */
static unsigned
foreach_statement(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	size_t close = php_match(c->t, c->i + 1);
	struct php_cur head = { c->t, c->i + 2, close < c->end ? close : c->end };
	pv list = php_expr(f, &head);

	pv_free(&list);
	for (; head.i < head.end; head.i++)
		if (php_cur_is(&head, PHP_T_VAR, NULL))
			php_frame_set(f, head.t->v[head.i].text, pv_unknown());
	c->i = head.end + 1;
	statement(f, c, mask);
	return mask;
}

/* while / for / switch / catch / declare ( ... ) BODY: the body may run or not. */
static unsigned
loop_statement(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	size_t close = php_match(c->t, c->i + 1);
	struct php_cur head = { c->t, c->i + 2, close < c->end ? close : c->end };

	while (head.i < head.end) {
		pv v = php_expr(f, &head);

		pv_free(&v);
		head.i++;
	}
	c->i = head.end + 1;
	statement(f, c, mask);
	return mask;
}

static unsigned
return_statement(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	bool ret = cur_word(c, "return");
	pv v;

	c->i++;
	v = cur_op(c, ";") ? pv_unknown() : php_expr(f, c);
	if (ret && mask && !f->returned) {
		f->ret = v;
		f->returned = true;
	} else if (ret && mask) {
		pv_add_alt(&f->ret, v);
	} else {
		pv_free(&v);
	}
	php_skip_statement(c);
	c->i++;
	return 0;
}

/* case X: and default: labels inside a switch body are no statements. */
static bool
skip_label(struct php_cur *c)
{
	if (!cur_word(c, "case") && !cur_word(c, "default"))
		return false;
	while (c->i < c->end && !cur_op(c, ":") && !cur_op(c, ";"))
		c->i++;
	c->i++;
	return true;
}

static unsigned
block(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	size_t close = php_match(c->t, c->i);
	struct php_cur in = { c->t, c->i + 1, close < c->end ? close : c->end };

	if (f->ev->nesting < PHP_MAX_NESTING) {
		f->ev->nesting++;
		mask = php_statements(f, &in, mask);
		f->ev->nesting--;
	}
	c->i = in.end + 1;
	return mask;
}

static unsigned
statement(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	pv v;

	f->mask = mask;
	if (c->i >= c->end)
		return mask;
	if (cur_op(c, "{"))
		return block(f, c, mask);
	if (cur_op(c, ";")) {
		c->i++;
		return mask;
	}
	if (cur_word(c, "if"))
		return if_statement(f, c, mask);
	if (cur_word(c, "foreach"))
		return foreach_statement(f, c, mask);
	if (cur_word(c, "while") || cur_word(c, "for") || cur_word(c, "switch") ||
	    cur_word(c, "catch") || cur_word(c, "declare"))
		return loop_statement(f, c, mask);
	if (cur_word(c, "try") || cur_word(c, "finally") || cur_word(c, "do") || cur_word(c, "else")) {
		c->i++;
		statement(f, c, mask);
		return mask;
	}
	if (cur_word(c, "return") || cur_word(c, "throw"))
		return return_statement(f, c, mask);
	if (skip_label(c))
		return mask;
	v = php_expr(f, c);
	pv_free(&v);
	php_skip_statement(c);
	if (c->i < c->end)
		c->i++;
	return mask;
}

unsigned
php_statements(struct php_frame *f, struct php_cur *c, unsigned mask)
{
	unsigned saved = f->mask;

	while (c->i < c->end) {
		size_t before = c->i;

		f->mask = mask;
		mask = statement(f, c, mask);
		if (c->i == before)
			c->i++;		/* never stall on what the walker does not know */
	}
	f->mask = saved;
	return mask;
}
