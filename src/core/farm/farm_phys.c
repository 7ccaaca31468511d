/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Physical spellings: what each engine's catalog reports for a column the
 * generators declare, and the way back from a catalog type to an abstract
 * type (see mwschema/farm.h). The two directions are kept side by side so
 * that they stay each other's inverse.
 */
#include <config.h>

#include "core/farm/internal.h"
#include "mwschema/gen.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "int(10) unsigned" -> "int unsigned": MariaDB shows display widths, MySQL 8 does not. */
static char *
strip_display_width(const char *t)
{
	static const char *const ints[] = { "tinyint", "smallint", "mediumint", "int", "bigint" };
	const char *open = strchr(t, '('), *close;

	if (!open || !(close = strchr(open, ')')))
		return mw_xstrdup(t);
	for (size_t i = 0; i < sizeof(ints) / sizeof(*ints); i++) {
		size_t l = strlen(ints[i]);

		/* tinyint(1) is how MySQL spells a boolean: keep it */
		if ((size_t)(open - t) != l || strncmp(t, ints[i], l) || !strncmp(t, "tinyint(1)", 10))
			continue;
		return mw_strdupf("%.*s%s", (int)l, t, close + 1);
	}
	return mw_xstrdup(t);
}

char *
mw_farm_phys_type(const char *catalog_type, mw_dbms dbms)
{
	char *norm = mw_norm_type(catalog_type), *res;

	if (dbms != MW_DBMS_MYSQL)
		return norm;
	res = strip_display_width(norm);
	free(norm);
	return res;
}

/* Replaces a leading `from` of *s by `to`. */
static void
swap_prefix(char **s, const char *from, const char *to)
{
	size_t l = strlen(from);
	char *res;

	if (strncmp(*s, from, l) || ((*s)[l] && (*s)[l] != '(' && (*s)[l] != ' '))
		return;
	res = mw_strdupf("%s%s", to, *s + l);
	free(*s);
	*s = res;
}

/* MySQL tables in the binary character set store character types as byte types. */
static void
mysql_binary_charset(char **t)
{
	static const char *const map[][2] = {
		{ "varchar", "varbinary" }, { "char", "binary" }, { "tinytext", "tinyblob" },
		{ "text", "blob" }, { "mediumtext", "mediumblob" }, { "longtext", "longblob" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		swap_prefix(t, map[i][0], map[i][1]);
}

static void
drop_suffix(char **t, const char *suffix)
{
	char *at = strstr(*t, suffix);

	if (at)
		memmove(at, at + strlen(suffix), strlen(at + strlen(suffix)) + 1);
}

static void
mysql_phys(char **t, const char *charset)
{
	char *res;

	drop_suffix(t, " auto_increment");
	swap_prefix(t, "double precision", "double");
	swap_prefix(t, "numeric", "decimal");
	/* NULL: MediaWiki's default table options; "": the server's default (not binary) */
	if (!charset || !strcmp(charset, "binary"))
		mysql_binary_charset(t);
	res = strip_display_width(*t);
	free(*t);
	*t = res;
}

static void
pg_phys(char **t)
{
	static const char *const map[][2] = {
		{ "int", "integer" }, { "serial", "integer" }, { "bigserial", "bigint" },
		{ "smallserial", "smallint" }, { "float", "double precision" },
		{ "timestamptz", "timestamp with time zone" }, { "varchar", "character varying" },
		{ "char", "character" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		swap_prefix(t, map[i][0], map[i][1]);
}

char *
mw_farm_rendered_type(const mw_column *c, mw_dbms dbms, const char *charset)
{
	mw_buf b = MW_BUF_INIT;
	char *t;

	mw_gen_type_decl(&b, c, dbms, c->name);
	t = mw_norm_type(mw_buf_cstr(&b));
	mw_buf_release(&b);
	if (dbms == MW_DBMS_MYSQL)
		mysql_phys(&t, charset);
	else if (dbms == MW_DBMS_POSTGRES)
		pg_phys(&t);
	else
		drop_suffix(&t, " primary key autoincrement");
	return t;
}

/* The default a CREATE gives `c`, as the catalog reads it back (NULL: none). */
static char *
rendered_default(const mw_column *c, mw_dbms dbms)
{
	static const char mark[] = " DEFAULT ";
	mw_buf b = MW_BUF_INIT;
	char *res = NULL;

	mw_gen_default_decl(&b, c, dbms);
	/* MediaWiki's PostgreSQL timestamp defaults end in a space; the catalog's do not. */
	while (b.len && b.data[b.len - 1] == ' ')
		mw_buf_truncate(&b, b.len - 1);
	if (!strncmp(mw_buf_cstr(&b), mark, sizeof(mark) - 1))
		res = mw_norm_default(b.data + sizeof(mark) - 1);
	mw_buf_release(&b);
	return res;
}

/* MySQL fills a BINARY(n) default up to n bytes with NULs, which the catalog spells \0. */
static void
pad_binary_default(mw_shape_column *c)
{
	long long n = strtoll(c->type + 7, NULL, 10);
	mw_buf b = MW_BUF_INIT;

	mw_buf_adds(&b, c->deflt);
	for (long long i = (long long)strlen(c->deflt); i < n; i++)
		mw_buf_adds(&b, "\\0");
	free(c->deflt);
	c->deflt = mw_buf_detach(&b);
}

static void
replace_default(mw_shape_column *c, char *v)
{
	free(c->deflt);
	c->deflt = v;
}

/* MySQL stores number defaults as numbers: DECIMAL at its scale, floats shortest. */
static void
mysql_number_default(mw_shape_column *c)
{
	double v;
	char *end;

	if (strncmp(c->type, "decimal(", 8) && strncmp(c->type, "double", 6) &&
	    strncmp(c->type, "float", 5))
		return;
	v = strtod(c->deflt, &end);
	if (end == c->deflt)
		return;
	if (v < 0 && strstr(c->type, " unsigned"))
		v = 0;	/* what the server keeps of a negative default */
	if (c->type[0] == 'd' && c->type[1] == 'e') {
		const char *comma = strchr(c->type, ',');

		replace_default(c, mw_strdupf("%.*f", comma ? atoi(comma + 1) : 0, v));
	} else {
		replace_default(c, mw_strdupf("%.15g", v));
	}
}

/* A zone-less timestamp literal is read in the session's zone, UTC for MediaWiki. */
static void
pg_zone_default(mw_shape_column *c)
{
	size_t l = strlen(c->deflt);

	if (l == 19 && c->deflt[4] == '-' && c->deflt[10] == ' ' && c->deflt[13] == ':')
		replace_default(c, mw_strdupf("%s+00", c->deflt));
}

void
mw_farm_phys_column(mw_shape_column *out, const mw_column *c, bool in_pk, mw_dbms dbms,
		    const char *charset)
{
	mw_column k = *c;

	/* DBAL declares primary-key columns NOT NULL whatever the file says */
	k.notnull = c->notnull || in_pk;
	memset(out, 0, sizeof(*out));
	out->name = mw_xstrdup(c->name);
	out->type = mw_farm_rendered_type(&k, dbms, charset);
	out->notnull = k.notnull;
	out->deflt = rendered_default(&k, dbms);
	out->autoincrement = c->autoincrement;
	if (dbms == MW_DBMS_MYSQL && out->deflt && !strncmp(out->type, "binary(", 7))
		pad_binary_default(out);
	else if (dbms == MW_DBMS_MYSQL && out->deflt)
		mysql_number_default(out);
	else if (dbms == MW_DBMS_POSTGRES && out->deflt && !strcmp(out->type, "timestamp with time zone"))
		pg_zone_default(out);
}

void
mw_farm_phys_clear(mw_shape_column *c)
{
	free(c->name);
	free(c->type);
	free(c->deflt);
	memset(c, 0, sizeof(*c));
}

/*
 * Catalog type -> abstract type
 */

/* A catalog type taken apart: "decimal(10,2) unsigned" -> base, args, unsigned. */
struct parsed_type {
	char base[32];
	long long a, b;		/* first and second argument, -1 when absent */
	bool has_args;
	bool is_unsigned;
	const char *args;	/* text inside the parentheses (enum values) */
	size_t args_len;
};

static void
parse_type(struct parsed_type *p, const char *t)
{
	const char *open = strchr(t, '('), *close = open ? strrchr(open, ')') : NULL;
	const char *uns = strstr(close ? close : t, " unsigned");
	size_t n = open ? (size_t)(open - t) : uns ? (size_t)(uns - t) : strlen(t);
	char *end;

	memset(p, 0, sizeof(*p));
	p->a = p->b = -1;
	while (n && t[n - 1] == ' ')
		n--;
	if (n >= sizeof(p->base))
		n = sizeof(p->base) - 1;
	memcpy(p->base, t, n);
	p->is_unsigned = uns != NULL;
	if (!open || !close)
		return;
	p->has_args = true;
	p->args = open + 1;
	p->args_len = (size_t)(close - open - 1);
	p->a = strtoll(open + 1, &end, 10);
	if (end == open + 1)
		p->a = -1;
	else if (*end == ',')
		p->b = strtoll(end + 1, NULL, 10);
}

static void
set_length(mw_column *c, long long n)
{
	c->has_length = n >= 0;
	c->length = n >= 0 ? n : 0;
}

/* "'a','b'" -> the values (quotes doubled inside). */
static void
parse_enum_values(mw_column *c, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		mw_buf v = MW_BUF_INIT;

		while (i < len && s[i] != '\'')
			i++;
		for (i++; i < len; i++) {
			if (s[i] == '\'' && i + 1 < len && s[i + 1] == '\'')
				i++;
			else if (s[i] == '\'')
				break;
			mw_buf_addc(&v, s[i]);
		}
		i++;
		c->enum_values = mw_xrealloc(c->enum_values, (c->n_enum_values + 1) * sizeof(char *));
		c->enum_values[c->n_enum_values++] = v.data ? mw_buf_detach(&v) : mw_xstrdup("");
	}
}

/* The lob sizes DBAL picks by length (see gen_column.c): tiny, plain, medium, long. */
static bool
mysql_lob(mw_column *c, const char *base, const char *stem, mw_type type)
{
	static const struct { const char *size; long long length; } sizes[] = {
		{ "tiny", 255 }, { "", 65535 }, { "medium", 16777215 }, { "long", -1 },
	};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		size_t l = strlen(sizes[i].size);

		if (!strncmp(base, sizes[i].size, l) && !strcmp(base + l, stem)) {
			c->type = type;
			set_length(c, sizes[i].length);
			return true;
		}
	}
	return false;
}

static bool
mysql_abstract(mw_column *c, const struct parsed_type *p, const char *t)
{
	static const struct { const char *base; mw_type type; } ints[] = {
		{ "int", MW_T_INTEGER }, { "bigint", MW_T_BIGINT }, { "smallint", MW_T_SMALLINT },
		{ "tinyint", MW_T_MWTINYINT },
	};

	c->is_unsigned = p->is_unsigned;
	if (!strcmp(t, "tinyint(1)")) {
		c->type = MW_T_BOOLEAN;
		return true;
	}
	for (size_t i = 0; i < sizeof(ints) / sizeof(*ints); i++)
		if (!strcmp(p->base, ints[i].base))
			return c->type = ints[i].type, true;
	if (!strcmp(p->base, "varbinary") || !strcmp(p->base, "binary") ||
	    !strcmp(p->base, "varchar") || !strcmp(p->base, "char")) {
		c->type = strstr(p->base, "binary") ? MW_T_BINARY : MW_T_STRING;
		c->fixed = p->base[0] != 'v';
		set_length(c, p->a);
		return true;
	}
	if (mysql_lob(c, p->base, "blob", MW_T_BLOB) || mysql_lob(c, p->base, "text", MW_T_TEXT))
		return true;
	if (!strcmp(p->base, "double") || !strcmp(p->base, "float")) {
		c->type = MW_T_FLOAT;
		c->double_precision = p->base[0] == 'd';
		return true;
	}
	if (!strcmp(p->base, "datetime") || !strcmp(p->base, "timestamp")) {
		c->type = MW_T_DATETIMETZ;
		c->version = p->base[0] == 't';
		return true;
	}
	if (!strcmp(p->base, "enum") && p->has_args) {
		c->type = MW_T_MWENUM;
		parse_enum_values(c, p->args, p->args_len);
		return true;
	}
	return false;
}

static bool
sqlite_abstract(mw_column *c, const struct parsed_type *p)
{
	static const struct { const char *base; mw_type type; } simple[] = {
		{ "integer", MW_T_INTEGER }, { "bigint", MW_T_BIGINT }, { "smallint", MW_T_SMALLINT },
		{ "blob", MW_T_BLOB }, { "clob", MW_T_TEXT }, { "double precision", MW_T_FLOAT },
		{ "boolean", MW_T_BOOLEAN }, { "datetime", MW_T_DATETIMETZ },
	};

	c->is_unsigned = p->is_unsigned;
	for (size_t i = 0; i < sizeof(simple) / sizeof(*simple); i++)
		if (!strcmp(p->base, simple[i].base))
			return c->type = simple[i].type, true;
	if (!strcmp(p->base, "text")) {
		c->type = MW_T_STRING;	/* a string of length 0 is TEXT on SQLite */
		set_length(c, 0);
		return true;
	}
	if (!strcmp(p->base, "varchar") || !strcmp(p->base, "char")) {
		c->type = MW_T_STRING;
		c->fixed = p->base[0] == 'c';
		set_length(c, p->a);
		return true;
	}
	return false;
}

static bool
pg_abstract(mw_column *c, const struct parsed_type *p)
{
	static const struct { const char *base; mw_type type; } simple[] = {
		{ "integer", MW_T_INTEGER }, { "bigint", MW_T_BIGINT }, { "smallint", MW_T_SMALLINT },
		{ "text", MW_T_TEXT }, { "double precision", MW_T_FLOAT },
		{ "boolean", MW_T_BOOLEAN }, { "timestamp with time zone", MW_T_DATETIMETZ },
	};

	for (size_t i = 0; i < sizeof(simple) / sizeof(*simple); i++)
		if (!strcmp(p->base, simple[i].base))
			return c->type = simple[i].type, true;
	if (!strcmp(p->base, "character varying") || !strcmp(p->base, "character")) {
		c->type = MW_T_STRING;
		c->fixed = !strcmp(p->base, "character");
		set_length(c, p->a);
		return true;
	}
	return false;
}

bool
mw_farm_abstract_type(mw_column *c, const char *phys_type, mw_dbms dbms)
{
	struct parsed_type p;

	parse_type(&p, phys_type);
	if (!strcmp(p.base, "decimal") || !strcmp(p.base, "numeric")) {
		c->type = MW_T_DECIMAL;
		c->precision = p.a >= 0 ? (int)p.a : 10;
		c->scale = p.b >= 0 ? (int)p.b : 0;
		c->is_unsigned = p.is_unsigned && dbms == MW_DBMS_MYSQL;
		return true;
	}
	if (dbms == MW_DBMS_MYSQL)
		return mysql_abstract(c, &p, phys_type);
	if (dbms == MW_DBMS_SQLITE)
		return sqlite_abstract(c, &p);
	return pg_abstract(c, &p);
}

/* A type whose declaration differs from `like`'s, for catalog types no abstract type gives. */
void
mw_farm_surrogate_type(mw_column *c, const mw_column *like, mw_dbms dbms, const char *charset)
{
	static const mw_type tries[] = { MW_T_BLOB, MW_T_TEXT, MW_T_INTEGER, MW_T_BOOLEAN };
	char *want = mw_farm_rendered_type(like, dbms, charset);

	for (size_t i = 0; i < sizeof(tries) / sizeof(*tries); i++) {
		mw_column probe = { 0 };
		char *got;
		bool differs;

		probe.type = tries[i];
		got = mw_farm_rendered_type(&probe, dbms, charset);
		differs = strcmp(got, want) != 0 && tries[i] != like->type;
		free(got);
		if (differs) {
			c->type = tries[i];
			c->has_length = false;
			c->length = 0;
			break;
		}
	}
	free(want);
}

/*
 * Table options
 */

/* "ENGINE=InnoDB, DEFAULT CHARSET=binary" -> the value after `key` ("innodb"), or NULL. */
static char *
option_value(const char *options, const char *key)
{
	const char *p = options ? strcasestr(options, key) : NULL;
	char *v;

	if (!p)
		return NULL;
	p += strlen(key);
	p += strspn(p, " =");
	/* a name, as MySQL spells engines and character sets: nothing else gets into SQL */
	v = mw_xstrndup(p, strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"));
	for (char *c = v; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

static char *
options_value(const char *options, const char *key)
{
	char *v = option_value(options, key);

	if (!v && !strcmp(key, "CHARSET"))
		v = option_value(options, "CHARACTER SET");
	return v;
}

char *
mw_farm_table_option(const mw_table *t, const char *global, const char *key)
{
	/* a table's own options take the place of $wgDBTableOptions, all of it */
	if (t && t->ntable_options) {
		for (size_t i = 0; i < t->ntable_options; i++) {
			char *v = options_value(t->table_options[i], key);

			if (v)
				return v;
		}
		return NULL;
	}
	return options_value(global ? global : MW_GEN_DEFAULT_TABLE_OPTIONS, key);
}

bool
mw_farm_charset_same(const char *a, const char *b)
{
	if (!a || !b || !strcmp(a, b))
		return true;
	return (!strcmp(a, "utf8") && !strncmp(b, "utf8mb", 6)) ||
	       (!strcmp(b, "utf8") && !strncmp(a, "utf8mb", 6));
}
