/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the checkout module: just enough PHP to learn where an
 * extension keeps its SQL. A tokenizer, and an evaluator of the path
 * expressions MediaWiki handlers and schema tests use ("__DIR__ . '/../sql'",
 * "\"$dir/$dbType/x.sql\"", dirname( __DIR__, 2 ), helper methods of the same
 * class). It never runs anything: what it cannot follow becomes "unknown".
 *
 * Values are templates: strings in which PHP_PLATFORM stands for the
 * database type ($updater->getDB()->getType()) and PHP_ANY for anything not
 * known; a template that starts with PHP_ROOT is a path relative to the
 * checkout's root (it came from __DIR__).
 */
#ifndef MWSCHEMA_CHECKOUT_PHP_H
#define MWSCHEMA_CHECKOUT_PHP_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/dbms.h"

#define PHP_PLATFORM '\x01'
#define PHP_ANY '\x02'
#define PHP_ROOT '\x03'
#define PHP_ALL_DBMS ((1u << MW_DBMS__COUNT) - 1)

typedef enum php_tok_kind {
	PHP_T_END,
	PHP_T_VAR,	/* $name (text without the '$') */
	PHP_T_ID,	/* names and keywords, namespaces included */
	PHP_T_STR,	/* '...' (text already unescaped) */
	PHP_T_DSTR,	/* "..." (raw text between the quotes, interpolated on use) */
	PHP_T_NUM,
	PHP_T_OP,	/* punctuation and operators */
} php_tok_kind;

typedef struct php_tok {
	php_tok_kind kind;
	char *text;
	size_t offset;	/* in the source, for line numbers */
} php_tok;

typedef struct php_toks {
	php_tok *v;
	size_t n;	/* the last one is PHP_T_END */
} php_toks;

/* A PHP file (code starts after "<?php"). */
void php_lex(php_toks *out, const char *src, size_t len);
/* A piece of code, e.g. the "{$...}" of a string. */
void php_lex_code(php_toks *out, const char *src, size_t len);
void php_toks_free(php_toks *t);
bool php_tok_is(const php_toks *t, size_t i, php_tok_kind kind, const char *text);
/* The index of the bracket closing the one at `open`, or t->n - 1 (END). */
size_t php_match(const php_toks *t, size_t open);

/* One SQL file a handler registers with the installer. */
typedef struct php_reg {
	char *path;		/* root-relative; PHP_ANY where unknown */
	unsigned dbms;		/* bit per mw_dbms: the platforms it is registered for */
	char *verb;		/* "addField", ... when known */
	char *table;
	char *name;		/* field or index */
} php_reg;

typedef struct php_hook {
	php_reg *regs;
	size_t nregs;
	unsigned platforms;	/* platforms the handler registers anything for */
	bool found;		/* the method was there */
} php_hook;

/*
 * Follows method `method` of the PHP file `file_rel` (root-relative, text
 * `src`) as MediaWiki would run it for each database type, recording every
 * SQL file its calls name, with the platforms that reach each call.
 */
void php_hook_eval(php_hook *out, const char *src, size_t len, const char *file_rel,
		   const char *method);
void php_hook_clear(php_hook *h);

/*
 * A method returning a path or a map of platform => path (the overrides of
 * MediaWiki's AbstractSchemaTestBase). For a map, paths[d] is set for each
 * platform key. Returns false when the method is absent or its value is not
 * a root-relative path; the paths are normalised ("sql/abstract").
 */
bool php_method_path(char **path, const char *src, size_t len, const char *file_rel,
		     const char *method);
bool php_method_paths(char *paths[MW_DBMS__COUNT], const char *src, size_t len,
		      const char *file_rel, const char *method);

/* The template made a root-relative path: "..", "." and "//" resolved; NULL if it leaves the root. */
char *php_path_normalise(const char *tmpl);
/* `tmpl` with each PHP_PLATFORM replaced by the name of `dbms` (caller frees). */
char *php_path_for(const char *tmpl, mw_dbms dbms);

#endif /* MWSCHEMA_CHECKOUT_PHP_H */
