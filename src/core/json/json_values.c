/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The trust boundary of the loader: the values of a schema file that reach
 * SQL without quotes, PHP, or paths on disk are checked here, once, so that
 * every consumer of a loaded document can rely on them.
 *
 *  - table, column and index names, and the names in "pk" and index column
 *    lists (mwschema/ident.h);
 *  - the file's own name, which becomes part of generated file names, of
 *    the "-- Source:" header and of updater entries;
 *  - a partial index's "where", copied into PostgreSQL's CREATE INDEX as it
 *    is: column names, numbers, 'strings', comparisons, IS [NOT] NULL, AND,
 *    OR, NOT, IN (...) and parentheses, nothing else;
 *  - "table_options", copied into MySQL's CREATE TABLE: NAME=VALUE words;
 *  - string defaults that the generators write unquoted (integer columns
 *    take a number, boolean ones a number or a word), as DBAL does.
 */
#include <config.h>

#include "mwschema/ident.h"
#include "core/json/internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ECHO_MAX 40

/* `s` in double quotes for a message, cut at ECHO_MAX bytes (never mid-character). */
static void
add_echo(mw_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (n > ECHO_MAX) {
		n = ECHO_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	mw_buf_addc(b, '"');
	mw_buf_add(b, s, n);
	mw_buf_adds(b, n < strlen(s) ? "...\"" : "\"");
}

void
jl_check_name(struct jloader *ld, const jnode *v, const char *what)
{
	mw_buf why = MW_BUF_INIT, msg = MW_BUF_INIT;

	if (v->kind != J_STRING || mw_ident_check(v->str, &why) == 0)
		return;
	mw_buf_addf(&msg, "%s name ", what);
	add_echo(&msg, v->str);
	jl_error_at(ld, v->line, v->col, "names are " MW_IDENT_RULE, "%s %s",
		    mw_buf_cstr(&msg), mw_buf_cstr(&why));
	mw_buf_release(&msg);
	mw_buf_release(&why);
}

/* `v`, the "name" member of the object being loaded, checked under ".../name". */
void
jl_check_member_name(struct jloader *ld, const jnode *v, const char *what)
{
	size_t old;

	if (mw_ident_check(v->str, NULL) == 0)
		return;
	old = jl_path_push_key(ld, "name");
	jl_check_name(ld, v, what);
	jl_path_pop(ld, old);
}

/* Every string of a column list ("pk", an index's "columns"). */
void
jl_check_name_list(struct jloader *ld, const jnode *arr, const char *what)
{
	for (size_t i = 0; arr && i < arr->n; i++) {
		const jnode *v = arr->kids[i];
		size_t old;

		if (v->kind != J_STRING || mw_ident_check(v->str, NULL) == 0)
			continue;
		old = jl_path_push_index(ld, i);
		jl_check_name(ld, v, what);
		jl_path_pop(ld, old);
	}
}

/* A label naming a .json file: its last component must be a valid file name. */
void
jl_check_file_name(struct jloader *ld)
{
	const char *slash = strrchr(ld->label, '/'), *base = slash ? slash + 1 : ld->label;
	size_t n = strlen(base);
	mw_buf why = MW_BUF_INIT, msg = MW_BUF_INIT;

	if (n <= 5 || strcmp(base + n - 5, ".json") || mw_ident_check_file_name(base, &why) == 0) {
		mw_buf_release(&why);
		return;
	}
	mw_buf_adds(&msg, "the file name ");
	add_echo(&msg, base);
	mw_diags_add(ld->diags, MW_SEV_ERROR, NULL, ld->label, 0, 0, NULL,
		     "rename the file: file names use " MW_FILE_NAME_RULE,
		     "%s %s: it would become part of generated file names and updater entries",
		     mw_buf_cstr(&msg), mw_buf_cstr(&why));
	ld->errors++;
	mw_buf_release(&msg);
	mw_buf_release(&why);
}

/*
 * Partial-index conditions
 */

static bool
is_word_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_word_char(char c)
{
	return is_word_start(c) || (c >= '0' && c <= '9');
}

static bool
is_condition_keyword(const char *w, size_t n, bool *needs_paren)
{
	static const char *const words[] = {
		"IS", "NOT", "NULL", "AND", "OR", "TRUE", "FALSE", "BETWEEN", "LIKE", "IN",
	};

	*needs_paren = n == 2 && !strncasecmp(w, "IN", 2);
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strlen(words[i]) == n && !strncasecmp(w, words[i], n))
			return true;
	return false;
}

static bool
names_column(const mw_table *t, const char *w, size_t n)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (strlen(t->columns[i].name) == n && !strncasecmp(t->columns[i].name, w, n))
			return true;
	return false;
}

/* A word at s: a keyword or one of the table's columns. NULL when fine. */
static const char *
condition_word(const mw_table *t, const char *s, size_t n)
{
	const char *after = s + n;
	bool paren;

	while (*after == ' ' || *after == '\t' || *after == '\n')
		after++;
	if (s[n] == '\'')
		return "a prefixed string literal (E'...', B'...')";
	if (is_condition_keyword(s, n, &paren))
		return paren && *after != '(' ? "IN without a list" : NULL;
	if (*after == '(')
		return "a function call";
	return names_column(t, s, n) ? NULL : "a word that is no column of the table";
}

/* Length of the string literal at s, or 0 when it does not end cleanly. */
static size_t
condition_string(const char *s)
{
	for (size_t i = 1; s[i]; i++) {
		if (s[i] == '\\' || (unsigned char)s[i] < 0x20)
			return 0;
		if (s[i] == '\'' && s[i + 1] == '\'')
			i++;
		else if (s[i] == '\'')
			return i + 1;
	}
	return 0;
}

/* NULL when `where` stays within the grammar; else what breaks it, at *at. */
static const char *
condition_problem(const mw_table *t, const char *where, size_t *at)
{
	int depth = 0;
	size_t i = 0, n;

	for (; where[i]; i += n) {
		const char *s = where + i, *bad = NULL;

		n = 1;
		*at = i;
		if (strchr(" \t\n", *s) || strchr("=<>!+*%,", *s))
			continue;
		if (*s == '-' || *s == '/')
			bad = (s[1] == '-' || s[1] == '*') ? "a comment" : NULL;
		else if (*s == '(')
			depth++;
		else if (*s == ')')
			bad = depth-- ? NULL : "an unbalanced ')'";
		else if (*s >= '0' && *s <= '9')
			while (is_word_char(s[n]) || s[n] == '.')
				n++;
		else if (*s == '\'')
			bad = (n = condition_string(s)) ? NULL : "a string that does not end cleanly";
		else if (is_word_start(*s)) {
			while (is_word_char(s[n]))
				n++;
			bad = condition_word(t, s, n);
		} else
			bad = "a character outside the grammar";
		if (bad)
			return bad;
	}
	*at = i;
	return depth ? "an unclosed '('" : NULL;
}

void
jl_check_where(struct jloader *ld, const mw_table *t, const jnode *v)
{
	size_t at = 0, old;
	const char *bad = condition_problem(t, v->str, &at);

	if (!bad)
		return;
	old = jl_path_push_key(ld, "where");
	jl_error_at(ld, v->line, v->col, "a condition may use the table's column names, numbers, "
		    "'strings', comparisons, IS [NOT] NULL, AND, OR, NOT, IN (...) and parentheses",
		    "the partial-index condition has %s at character %zu (PostgreSQL runs it as "
		    "it is written)", bad, at + 1);
	jl_path_pop(ld, old);
}

/*
 * Table options and unquoted defaults
 */

static size_t
span_of(const char *s, const char *set_or_null)
{
	size_t n = 0;

	while (s[n] && (set_or_null ? strchr(set_or_null, s[n]) != NULL : is_word_char(s[n])))
		n++;
	return n;
}

/* NAME[ NAME...]=VALUE, e.g. "ENGINE=InnoDB", "DEFAULT CHARSET=binary". */
static bool
table_option_ok(const char *s)
{
	size_t n;

	do {
		if (!is_word_start(*s) || !(n = span_of(s, NULL)))
			return false;
		s += n;
	} while (*s == ' ' && is_word_start(s[1]) && s++);
	s += span_of(s, " ");
	if (*s++ != '=')
		return false;
	s += span_of(s, " ");
	return (n = span_of(s, NULL)) > 0 && !s[n];
}

void
jl_check_table_options(struct jloader *ld, const jnode *arr)
{
	for (size_t i = 0; i < arr->n; i++) {
		const jnode *v = arr->kids[i];
		size_t old;

		if (v->kind != J_STRING || table_option_ok(v->str))
			continue;
		old = jl_path_push_index(ld, i);
		jl_error_at(ld, v->line, v->col, "write NAME=VALUE, e.g. \"ENGINE=InnoDB\" or "
			    "\"DEFAULT CHARSET=binary\"", "a table option is NAME=VALUE with "
			    "letters, digits and _ only (MySQL's CREATE TABLE takes it as it is)");
		jl_path_pop(ld, old);
	}
}

/* PHP's is_numeric() without the leading blanks: [+-]digits[.digits][e[+-]digits]. */
static bool
plain_number(const char *s)
{
	size_t d;

	s += *s == '+' || *s == '-';
	d = span_of(s, "0123456789");
	s += d;
	if (*s == '.') {
		size_t f = span_of(s + 1, "0123456789");

		d += f;
		s += 1 + f;
	}
	if (!d)
		return false;
	if (*s == 'e' || *s == 'E') {
		s += 1 + (s[1] == '+' || s[1] == '-');
		if (!(d = span_of(s, "0123456789")))
			return false;
		s += d;
	}
	return !*s;
}

/* `v`, the "default" member of column `c`'s options (type already known). */
void
jl_check_default(struct jloader *ld, const mw_column *c, const jnode *v)
{
	bool integer = mw_type_is_integer(c->type), boolean = c->type == MW_T_BOOLEAN;
	size_t old;

	if (v->kind != J_STRING || (!integer && !boolean) || plain_number(v->str) ||
	    (boolean && *v->str && span_of(v->str, NULL) == strlen(v->str)))
		return;
	old = jl_path_push_key(ld, "default");
	jl_error_at(ld, v->line, v->col, integer ? "write a number, e.g. 0" :
		    "write true, false or a number", "the default of %s column is written into "
		    "SQL without quotes, so it must be %s", integer ? "an integer" : "a boolean",
		    integer ? "a number" : "a number or a word");
	jl_path_pop(ld, old);
}
