/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Column declarations per platform (spec §4, §4.1) and identifier quoting
 * (§4.2): what Doctrine DBAL's platforms plus MediaWiki's custom types and
 * overrides render for one column.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/sqlfmt.h"
#include "mwschema/timestamp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* DBAL's size classes for MySQL BLOB/TEXT columns. */
#define LENGTH_LIMIT_TINY 255LL
#define LENGTH_LIMIT_MEDIUM 16777215LL
#define LENGTH_LIMIT_PLAIN 65535LL

/*
 * Longest VARCHAR/CHAR before DBAL falls back to the CLOB type: DBAL 3.9's
 * getVarcharMaxLength() (CHAR uses the same), 65535 on MySQL and on
 * PostgreSQL (not PostgreSQL's own 10485760), AbstractPlatform's 4000 on
 * SQLite.
 */
static long long
varchar_max_length(mw_dbms dbms)
{
	return dbms == MW_DBMS_SQLITE ? 4000 : 65535;
}

/* DBAL's MySQL getBinaryMaxLength(): one limit for BINARY and VARBINARY. */
#define MYSQL_BINARY_MAX_LENGTH 65535LL

void
mw_gen_quote_ident(mw_buf *out, const char *name, mw_dbms dbms)
{
	if (!mw_sql_is_reserved(dbms, name)) {
		mw_buf_adds(out, name);
		return;
	}
	if (dbms == MW_DBMS_MYSQL) {
		mw_buf_addc(out, '`');
		for (const char *p = name; *p; p++) {
			if (*p == '`')
				mw_buf_addc(out, '`');
			mw_buf_addc(out, *p);
		}
		mw_buf_addc(out, '`');
		return;
	}
	mw_buf_addc(out, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			mw_buf_addc(out, '"');
		mw_buf_addc(out, *p);
	}
	mw_buf_addc(out, '"');
}

static void
add_sized_lob(mw_buf *out, const mw_column *c, const char *stem)
{
	const char *size = "LONG";

	if (c->has_length && c->length) {
		if (c->length <= LENGTH_LIMIT_TINY)
			size = "TINY";
		else if (c->length <= LENGTH_LIMIT_PLAIN)
			size = "";
		else if (c->length <= LENGTH_LIMIT_MEDIUM)
			size = "MEDIUM";
	}
	mw_buf_addf(out, "%s%s", size, stem);
}

static void
add_clob(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	if (dbms == MW_DBMS_MYSQL)
		add_sized_lob(out, c, "TEXT");
	else
		mw_buf_adds(out, dbms == MW_DBMS_SQLITE ? "CLOB" : "TEXT");
}

static void
add_string(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	long long n = c->has_length ? c->length : 255;

	if (n > varchar_max_length(dbms)) {
		add_clob(out, c, dbms);
		return;
	}
	if (c->fixed)
		mw_buf_addf(out, "CHAR(%lld)", n > 0 ? n : 255);
	else if (n > 0)
		mw_buf_addf(out, "VARCHAR(%lld)", n);
	else
		mw_buf_adds(out, dbms == MW_DBMS_SQLITE ? "TEXT" : "VARCHAR(255)");
}

static void
add_binary(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	long long n = c->has_length ? c->length : 255;

	if (dbms == MW_DBMS_POSTGRES) {
		mw_buf_adds(out, "TEXT");
	} else if (dbms == MW_DBMS_SQLITE) {
		mw_buf_adds(out, "BLOB");
	} else if (n > MYSQL_BINARY_MAX_LENGTH) {
		add_sized_lob(out, c, "BLOB");
	} else {
		mw_buf_addf(out, "%s(%lld)", c->fixed ? "BINARY" : "VARBINARY", n > 0 ? n : 255);
	}
}

static void
add_enum_values(mw_buf *out, const mw_column *c)
{
	mw_buf_addc(out, '\'');
	for (size_t i = 0; i < c->n_enum_values; i++) {
		if (i)
			mw_buf_adds(out, "','");
		mw_buf_adds(out, c->enum_values[i]);
	}
	mw_buf_addc(out, '\'');
}

/* The upper-cased "<name>_ENUM" PostgreSQL type of a fixed mwenum column. */
static void
add_enum_type_name(mw_buf *out, const char *name)
{
	for (const char *p = name; *p; p++)
		mw_buf_addc(out, (char)toupper((unsigned char)*p));
	mw_buf_adds(out, "_ENUM");
}

static void
add_mysql_int_suffix(mw_buf *out, const mw_column *c)
{
	if (c->is_unsigned)
		mw_buf_adds(out, " UNSIGNED");
	if (c->autoincrement)
		mw_buf_adds(out, " AUTO_INCREMENT");
}

static void
add_integer(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	static const char *const mysql[] = {
		[MW_T_INTEGER] = "INT", [MW_T_BIGINT] = "BIGINT", [MW_T_SMALLINT] = "SMALLINT",
	};
	static const char *const pg[][2] = {
		[MW_T_INTEGER] = { "INT", "SERIAL" }, [MW_T_BIGINT] = { "BIGINT", "BIGSERIAL" },
		[MW_T_SMALLINT] = { "SMALLINT", "SMALLSERIAL" },
		[MW_T_MWTINYINT] = { "SMALLINT", "SMALLSERIAL" },
	};

	if (dbms == MW_DBMS_POSTGRES) {
		mw_buf_adds(out, pg[c->type][c->autoincrement]);
	} else if (dbms == MW_DBMS_SQLITE) {
		if (c->autoincrement)
			mw_buf_adds(out, "INTEGER PRIMARY KEY AUTOINCREMENT");
		else
			mw_buf_addf(out, "%s%s", c->type == MW_T_INTEGER ? "INTEGER"
					  : c->type == MW_T_BIGINT ? "BIGINT" : "SMALLINT",
				    c->is_unsigned ? " UNSIGNED" : "");
	} else if (c->type == MW_T_MWTINYINT) {
		mw_buf_adds(out, "TINYINT");
		if (c->has_length && c->length)
			mw_buf_addf(out, "(%lld)", c->length);
		add_mysql_int_suffix(out, c);
	} else {
		mw_buf_adds(out, mysql[c->type]);
		add_mysql_int_suffix(out, c);
	}
}

static void
add_float(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	if (dbms == MW_DBMS_POSTGRES)
		mw_buf_adds(out, "FLOAT");
	else if (dbms == MW_DBMS_SQLITE)
		mw_buf_adds(out, "DOUBLE PRECISION");
	else
		mw_buf_addf(out, "%s%s", c->double_precision ? "DOUBLE PRECISION" : "FLOAT",
			    c->is_unsigned ? " UNSIGNED" : "");
}

static void
add_misc_type(mw_buf *out, const mw_column *c, mw_dbms dbms, const char *name)
{
	switch (c->type) {
	case MW_T_BOOLEAN:
		mw_buf_adds(out, dbms == MW_DBMS_MYSQL ? "TINYINT(1)" : "BOOLEAN");
		break;
	case MW_T_DATETIMETZ:
		if (dbms == MW_DBMS_POSTGRES)
			mw_buf_adds(out, "TIMESTAMPTZ");
		else
			mw_buf_adds(out, dbms == MW_DBMS_MYSQL && c->version ? "TIMESTAMP" : "DATETIME");
		break;
	case MW_T_MWTIMESTAMP:
		if (dbms == MW_DBMS_MYSQL)
			mw_buf_adds(out, c->allow_infinite ? "VARBINARY(14)" : "BINARY(14)");
		else
			mw_buf_adds(out, dbms == MW_DBMS_SQLITE ? "BLOB" : "TIMESTAMPTZ");
		break;
	case MW_T_DECIMAL:
		mw_buf_addf(out, "NUMERIC(%d, %d)", c->precision ? c->precision : 10, c->scale);
		if (dbms == MW_DBMS_MYSQL && c->is_unsigned)
			mw_buf_adds(out, " UNSIGNED");
		break;
	case MW_T_MWENUM:
		if (dbms == MW_DBMS_MYSQL) {
			mw_buf_adds(out, "ENUM( ");
			add_enum_values(out, c);
			mw_buf_adds(out, " )");
		} else if (dbms == MW_DBMS_POSTGRES && c->fixed) {
			add_enum_type_name(out, name);
		} else {
			mw_buf_adds(out, "TEXT");
		}
		break;
	default:
		break;
	}
}

void
mw_gen_type_decl(mw_buf *out, const mw_column *c, mw_dbms dbms, const char *name)
{
	switch (c->type) {
	case MW_T_INTEGER:
	case MW_T_BIGINT:
	case MW_T_SMALLINT:
	case MW_T_MWTINYINT:
		add_integer(out, c, dbms);
		break;
	case MW_T_STRING:
		add_string(out, c, dbms);
		break;
	case MW_T_BINARY:
		add_binary(out, c, dbms);
		break;
	case MW_T_BLOB:
		if (dbms == MW_DBMS_MYSQL)
			add_sized_lob(out, c, "BLOB");
		else
			mw_buf_adds(out, dbms == MW_DBMS_SQLITE ? "BLOB" : "TEXT");
		break;
	case MW_T_TEXT:
		add_clob(out, c, dbms);
		break;
	case MW_T_FLOAT:
		add_float(out, c, dbms);
		break;
	default:
		add_misc_type(out, c, dbms, name);
		break;
	}
}

void
mw_gen_enum_values(mw_buf *out, const mw_column *c)
{
	add_enum_values(out, c);
}

void
mw_gen_enum_type_name(mw_buf *out, const char *column_name)
{
	add_enum_type_name(out, column_name);
}

void
mw_gen_quote_string(mw_buf *out, const char *s, mw_dbms dbms)
{
	mw_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'' || (*s == '\\' && dbms == MW_DBMS_MYSQL))
			mw_buf_addc(out, *s);
		mw_buf_addc(out, *s);
	}
	mw_buf_addc(out, '\'');
}

void
mw_gen_quote_literal(mw_buf *out, const char *s)
{
	mw_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			mw_buf_addc(out, '\'');
		mw_buf_addc(out, *s);
	}
	mw_buf_addc(out, '\'');
}

/* PHP's is_numeric() for the strings a JSON default can hold. */
bool
mw_gen_php_is_numeric(const char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
		s++;
	if (!*s || isalpha((unsigned char)*s))
		return false;
	strtod(s, &end);
	if (end == s)
		return false;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r' || *end == '\v' ||
	       *end == '\f')
		end++;
	return *end == '\0';
}

/* PHP's truthiness of a default value, as boolean columns convert it. */
static bool
value_truthy(const mw_value *v)
{
	if (v->kind == MW_V_STRING && mw_gen_php_is_numeric(v->text))
		return strtod(v->text, NULL) != 0;
	if (v->kind == MW_V_STRING) {
		static const char *const falsy[] = { "f", "false", "n", "no", "off", "0" };
		mw_buf t = MW_BUF_INIT;
		bool r = true;

		for (const char *p = v->text; *p; p++)
			if (!isspace((unsigned char)*p))
				mw_buf_addc(&t, (char)tolower((unsigned char)*p));
		for (size_t i = 0; i < sizeof(falsy) / sizeof(*falsy); i++)
			if (!strcmp(mw_buf_cstr(&t), falsy[i]))
				r = false;
		mw_buf_release(&t);
		return r;
	}
	return v->text && *v->text && strtod(v->text, NULL) != 0;
}

static void
add_boolean_default(mw_buf *out, const mw_value *v, mw_dbms dbms)
{
	if (dbms == MW_DBMS_POSTGRES) {
		mw_buf_adds(out, value_truthy(v) ? "true" : "false");
	} else if (v->kind == MW_V_STRING && !mw_gen_php_is_numeric(v->text)) {
		mw_buf_adds(out, v->text);	/* DBAL passes non-numeric strings through */
	} else {
		mw_buf_addf(out, "%lld", v->kind == MW_V_BOOL ? (long long)(*v->text == '1')
				      : (long long)strtod(v->text, NULL));
	}
}

/* PHP's truthiness of a JSON scalar ("0", "", 0, 0.0 and false are false). */
static bool
php_truthy(const mw_value *v)
{
	if (v->kind == MW_V_STRING)
		return *v->text && strcmp(v->text, "0");
	if (v->kind == MW_V_INT || v->kind == MW_V_REAL)
		return strtod(v->text, NULL) != 0;
	return v->kind == MW_V_BOOL && *v->text == '1';
}

/*
 * MediaWiki's PostgreSQL timestamp default: a true-ish value other than
 * 'infinity' (with allowInfinite) goes through ConvertibleTimestamp to
 * TS_POSTGRES. On a value it cannot read MediaWiki throws and writes no
 * file; we fall back to the plain literal.
 */
static bool
add_pg_timestamp_default(mw_buf *out, const mw_column *c)
{
	mw_buf ts = MW_BUF_INIT;
	bool ok;

	if (!php_truthy(&c->deflt))
		return false;
	/*
	 * MediaWiki writes " DEFAULT '...' " with a space after: the printer drops
	 * it, except inside a string left open by an earlier backslash-escaped quote.
	 */
	if (c->allow_infinite && c->deflt.kind == MW_V_STRING && !strcmp(c->deflt.text, "infinity")) {
		mw_buf_adds(out, " DEFAULT 'infinity' ");
		return true;
	}
	ok = mw_timestamp_to_postgres(&ts, c->deflt.text);
	if (ok)
		mw_buf_addf(out, " DEFAULT '%s' ", mw_buf_cstr(&ts));
	mw_buf_release(&ts);
	return ok;
}

static bool
has_default(const mw_column *c, mw_dbms dbms)
{
	if (c->deflt.kind == MW_V_NONE || c->deflt.kind == MW_V_NULL)
		return false;
	return !(dbms == MW_DBMS_MYSQL && (c->type == MW_T_BLOB || c->type == MW_T_TEXT));
}

void
mw_gen_default_decl(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	if (dbms == MW_DBMS_POSTGRES && c->autoincrement)
		return;
	if (!has_default(c, dbms)) {
		if (!c->notnull)
			mw_buf_adds(out, " DEFAULT NULL");
		return;
	}
	if (dbms == MW_DBMS_POSTGRES && c->type == MW_T_MWTIMESTAMP && add_pg_timestamp_default(out, c))
		return;
	mw_buf_adds(out, " DEFAULT ");
	if (mw_type_is_integer(c->type))
		mw_buf_adds(out, c->deflt.text);
	else if (c->type == MW_T_BOOLEAN)
		add_boolean_default(out, &c->deflt, dbms);
	else if (c->type == MW_T_DATETIMETZ && c->deflt.kind == MW_V_STRING &&
		 !strcmp(c->deflt.text, "CURRENT_TIMESTAMP"))
		mw_buf_adds(out, c->deflt.text);	/* every platform's getCurrentTimestampSQL() */
	else
		mw_gen_quote_string(out, c->deflt.text, dbms);
}

void
mw_gen_column_decl(mw_buf *out, const mw_column *c, mw_dbms dbms, const char *name)
{
	mw_gen_type_decl(out, c, dbms, name);
	mw_gen_default_decl(out, c, dbms);
	if (c->notnull)
		mw_buf_adds(out, " NOT NULL");
}

void
mw_gen_create_decl(mw_buf *out, const mw_column *c, mw_dbms dbms)
{
	mw_buf quoted = MW_BUF_INIT;
	mw_column seen = *c;

	/* columnToArray(): the quoted name, and `version` read from PlatformOptions alone */
	mw_gen_quote_ident(&quoted, c->name, dbms);
	if (c->opt_in_both & MW_OPT_VERSION)
		seen.version = c->version_platform;
	else if (c->opt_in_custom & MW_OPT_VERSION)
		seen.version = false;
	mw_gen_column_decl(out, &seen, dbms, mw_buf_cstr(&quoted));
	mw_buf_release(&quoted);
}

void
mw_gen_column_def(mw_buf *out, const mw_column *c, mw_dbms dbms, bool in_create)
{
	mw_gen_quote_ident(out, c->name, dbms);
	mw_buf_addc(out, ' ');
	if (in_create)
		mw_gen_create_decl(out, c, dbms);
	else
		mw_gen_column_decl(out, c, dbms, c->name);
}
