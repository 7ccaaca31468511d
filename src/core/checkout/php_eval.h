/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to php_eval.c and php_stmt.c: values, frames and the expression
 * evaluator that the statement walker drives (see php.h for the idea).
 */
#ifndef MWSCHEMA_CHECKOUT_PHP_EVAL_H
#define MWSCHEMA_CHECKOUT_PHP_EVAL_H

#include "core/checkout/php.h"

#define PHP_MAX_DEPTH 6		/* helper methods followed into, nested */
#define PHP_MAX_ALTS 4		/* possibilities kept per value */

enum pv_kind { PV_UNKNOWN, PV_STR, PV_ARR };

/* A value: a template string, an array, or unknown; `alt` lists other possibilities. */
typedef struct pv {
	enum pv_kind kind;
	char *s;		/* PV_STR */
	struct pv *items;	/* PV_ARR */
	char **keys;		/* PV_ARR: literal keys, NULL entries for the rest */
	size_t n;
	struct pv *alt;
} pv;

struct php_var {
	char *name;
	pv value;
};

/* Shared by every frame of one evaluation. */
struct php_ev {
	const php_toks *toks;	/* the whole file */
	char *dir;		/* PHP_ROOT + the file's directory */
	char *file;		/* PHP_ROOT + the file */
	php_hook *hook;		/* registrations are recorded here; NULL: not recorded */
	int depth;
};

/* One method being followed. */
struct php_frame {
	struct php_ev *ev;
	struct php_var *vars;
	size_t nvars;
	unsigned mask;		/* the platforms that reach the current statement */
	pv ret;			/* what it returns (alternatives) */
	bool returned;
};

/* Where parsing is: a token list (the file's, or a "{$...}" inside a string). */
struct php_cur {
	const php_toks *t;
	size_t i;
	size_t end;		/* exclusive */
};

pv pv_unknown(void);
pv pv_str(const char *s);
void pv_free(pv *v);
pv pv_dup(const pv *v);
void pv_add_alt(pv *into, pv other);
/* The literal text of a value: a PV_STR holding no placeholder. */
const char *pv_literal(const pv *v);

void php_frame_set(struct php_frame *f, const char *name, pv value);
void php_frame_clear(struct php_frame *f);

bool php_cur_is(const struct php_cur *c, php_tok_kind kind, const char *text);
/* A full expression (ternaries, operators); the cursor ends past it. */
pv php_expr(struct php_frame *f, struct php_cur *c);
/* One operand: concatenations of primaries, nothing looser (for conditions). */
pv php_operand(struct php_frame *f, struct php_cur *c);
/* Skips to the ',' ending the current element of a list, at depth 0 (or to the end). */
void php_skip_to_comma(struct php_cur *c);
/* Skips to the ';' (or `stop` bracket) ending the current statement, at depth 0. */
void php_skip_statement(struct php_cur *c);

/* Follows method `name` of the file with `args`; its value is what it returns. */
pv php_call_method(struct php_frame *f, const char *name, pv *args, size_t nargs);
/* Statement walker (php_stmt.c): runs [c->i, c->end) and returns the platforms that get past it. */
unsigned php_statements(struct php_frame *f, struct php_cur *c, unsigned mask);
/* Records the SQL files a call names, with the frame's platforms. */
void php_note_call(struct php_frame *f, const char *method, pv *args, size_t nargs);

#endif /* MWSCHEMA_CHECKOUT_PHP_EVAL_H */
