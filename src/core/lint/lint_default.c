/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The default-valid rule: would strict SQL modes accept the column's default
 * on every DBMS? Each type family has its own notion of a valid value.
 */
#include <config.h>

#include "core/lint/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct verdict {
	const char *message;	/* NULL = fine */
	const char *hint;
};

static bool
parse_integer(const char *s, long long *out)
{
	char *end;

	if (!s || !*s || strchr(" \t\n+", *s))
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return !*end && errno == 0;
}

static bool
is_number(const char *s)
{
	char *end;

	if (!s || !*s || strchr(" \t\n", *s))
		return false;
	strtod(s, &end);
	return !*end;
}

/* The range of each integer type, MySQL's (the narrowest of the three). */
static void
integer_range(const mw_column *c, long long *lo, unsigned long long *hi)
{
	int bits = c->type == MW_T_MWTINYINT ? 8 : c->type == MW_T_SMALLINT ? 16
						 : c->type == MW_T_INTEGER  ? 32
									    : 64;

	if (c->is_unsigned) {
		*lo = 0;
		*hi = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	} else {
		*lo = bits == 64 ? (-9223372036854775807LL - 1) : -(1LL << (bits - 1));
		*hi = bits == 64 ? 9223372036854775807ULL : (1ULL << (bits - 1)) - 1;
	}
}

static struct verdict
check_integer(const mw_column *c)
{
	struct verdict v = { NULL, "use a whole number within the column's range" };
	long long n, lo;
	unsigned long long hi;

	if (c->deflt.kind == MW_V_BOOL)
		return v.message = c->deflt.text[0] ? NULL : "false is not a number", v;
	if (!parse_integer(c->deflt.text, &n)) {
		v.message = c->deflt.kind == MW_V_STRING ? "text default on an integer column"
							 : "not a whole number";
		return v;
	}
	integer_range(c, &lo, &hi);
	if (n < lo || (n >= 0 && (unsigned long long)n > hi))
		v.message = c->is_unsigned && n < 0 ? "negative default on an unsigned column"
						    : "default out of the type's range";
	return v;
}

static struct verdict
check_boolean(const mw_column *c)
{
	struct verdict v = { NULL, "use true, false, 0 or 1" };

	if (c->deflt.kind != MW_V_BOOL && strcmp(c->deflt.text, "0") && strcmp(c->deflt.text, "1"))
		v.message = "not a boolean";
	return v;
}

static struct verdict
check_sized_string(const mw_column *c)
{
	struct verdict v = { NULL, "shorten the default or widen the column" };
	long long max = c->has_length ? c->length : 255;

	if ((long long)strlen(c->deflt.text) > max)
		v.message = "default longer than the column";
	return v;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
field(const char *s, size_t at, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[at + i] - '0');
	return v;
}

/* YYYYMMDDHHMMSS with a real month and day: PostgreSQL turns it into a TIMESTAMPTZ. */
static bool
valid_mw_timestamp(const char *s)
{
	if (strlen(s) != 14 || !digits(s, 14))
		return false;
	return field(s, 0, 4) >= 1 && field(s, 4, 2) >= 1 && field(s, 4, 2) <= 12 &&
	       field(s, 6, 2) >= 1 && field(s, 6, 2) <= 31 && field(s, 8, 2) < 24 &&
	       field(s, 10, 2) < 60 && field(s, 12, 2) < 60;
}

static struct verdict
check_mwtimestamp(const mw_column *c)
{
	struct verdict v = { NULL, "use a 14-digit timestamp such as \"19700101000000\"" };
	const char *s = c->deflt.text;

	if (c->deflt.kind != MW_V_STRING)
		v.message = "timestamp default must be a string";
	else if (!strcmp(s, "infinity"))
		v.message = c->allow_infinite ? NULL : "\"infinity\" needs allowInfinite";
	else if (digits(s, strlen(s)) && strspn(s, "0") == strlen(s))
		v.message = "zero date";
	else if (!valid_mw_timestamp(s))
		v.message = "not a valid YYYYMMDDHHMMSS timestamp";
	return v;
}

static struct verdict
check_datetime(const mw_column *c)
{
	struct verdict v = { NULL, "use a real date such as \"1970-01-01 00:00:00\"" };
	const char *s = c->deflt.text;

	if (c->deflt.kind != MW_V_STRING || strlen(s) < 10 || !digits(s, 4) || s[4] != '-')
		v.message = "not a date";
	else if (!strncmp(s, "0000", 4) || !strncmp(s + 5, "00", 2) || !strncmp(s + 8, "00", 2))
		v.message = "zero date";
	return v;
}

static struct verdict
check_enum(const mw_column *c)
{
	struct verdict v = { NULL, "use one of the enum_values" };

	for (size_t i = 0; i < c->n_enum_values; i++)
		if (!strcmp(c->enum_values[i], c->deflt.text))
			return v;
	v.message = "default is not one of the enum values";
	return v;
}

static struct verdict
judge(const mw_column *c)
{
	struct verdict v = { NULL, NULL };

	if (c->deflt.kind == MW_V_NONE)
		return v;
	if (c->deflt.kind == MW_V_NULL) {
		if (c->notnull && (c->opt_present & MW_OPT_DEFAULT))
			v.message = "NULL default on a NOT NULL column";
		v.hint = "remove the default or set \"notnull\": false";
		return v;
	}
	switch (c->type) {
	case MW_T_INTEGER:
	case MW_T_BIGINT:
	case MW_T_SMALLINT:
	case MW_T_MWTINYINT:
		return check_integer(c);
	case MW_T_BOOLEAN:
		return check_boolean(c);
	case MW_T_FLOAT:
	case MW_T_DECIMAL:
		if (!is_number(c->deflt.text))
			v.message = "text default on a number column";
		v.hint = "use a number";
		return v;
	case MW_T_STRING:
	case MW_T_BINARY:
		return check_sized_string(c);
	case MW_T_BLOB:
	case MW_T_TEXT:
		v.message = "MySQL ignores defaults on BLOB/TEXT columns";
		v.hint = "remove the default and always write the column, or use binary";
		return v;
	case MW_T_MWTIMESTAMP:
		return check_mwtimestamp(c);
	case MW_T_DATETIMETZ:
		return check_datetime(c);
	case MW_T_MWENUM:
		return check_enum(c);
	default:
		return v;
	}
}

/* The default as the JSON file spells it. */
static char *
show_value(const mw_value *v)
{
	mw_buf b = MW_BUF_INIT;

	if (v->raw)
		mw_buf_adds(&b, v->raw);
	else if (v->kind == MW_V_STRING)
		mw_report_json_string(&b, v->text);
	else if (v->kind == MW_V_BOOL)
		mw_buf_adds(&b, v->text[0] ? "true" : "false");
	else
		mw_buf_adds(&b, v->text ? v->text : "null");
	return mw_buf_detach(&b);
}

void
check_default_valid(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	for (size_t i = 0; i < t->ncolumns; i++) {
		const mw_column *c = &t->columns[i];
		struct verdict v = judge(c);
		char *path, *value;

		if (!v.message)
			continue;
		path = lint_item_path(ctx->tpath, "columns", i, "/options/default");
		value = show_value(&c->deflt);
		lint_report(ctx, path, v.hint, "column '%s' (%s): %s (default %s)", c->name,
			    mw_type_name(c->type), v.message, value);
		free(value);
		free(path);
	}
}
