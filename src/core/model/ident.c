/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checking names against the grammar of mwschema/ident.h, with a phrase
 * that says which character is wrong and where.
 */
#include <config.h>

#include "mwschema/ident.h"

#include <stdbool.h>
#include <string.h>

static bool
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The code point of the UTF-8 sequence at s, or -1 when it is not one. */
static long
utf8_code_point(const unsigned char *s)
{
	int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	long cp = n == 4 ? s[0] & 0x07 : n == 3 ? s[0] & 0x0F : s[0] & 0x1F;

	if (!n)
		return -1;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	return cp;
}

/* "a space", "a control character (U+001B)", "'/'", ... for the byte at s. */
static void
describe_char(mw_buf *why, const unsigned char *s)
{
	long cp;

	if (*s == ' ')
		mw_buf_adds(why, "a space");
	else if (*s == '\n' || *s == '\r')
		mw_buf_adds(why, "a line break");
	else if (*s == '\t')
		mw_buf_adds(why, "a tab");
	else if (*s < 0x20 || *s == 0x7F)
		mw_buf_addf(why, "a control character (U+%04X)", *s);
	else if (*s < 0x80)
		mw_buf_addf(why, "'%c'", *s);
	else if ((cp = utf8_code_point(s)) >= 0x80 && cp <= 0x9F)
		mw_buf_addf(why, "a control character (U+%04lX)", (unsigned long)cp);
	else if (cp >= 0)
		mw_buf_addf(why, "a non-ASCII character (U+%04lX; letters from other scripts "
			    "can look like ASCII ones)", (unsigned long)cp);
	else
		mw_buf_addf(why, "a byte that is not UTF-8 (0x%02X)", *s);
}

/* Characters are counted, not bytes, so that the position matches an editor's. */
static size_t
char_position(const char *name, const char *at)
{
	size_t n = 1;

	for (const char *p = name; p < at; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	return n;
}

static int
refuse_char(mw_buf *why, const char *name, const char *at)
{
	if (why) {
		mw_buf_adds(why, "has ");
		describe_char(why, (const unsigned char *)at);
		mw_buf_addf(why, " at character %zu", char_position(name, at));
	}
	return -1;
}

static int
refuse(mw_buf *why, const char *phrase)
{
	if (why)
		mw_buf_adds(why, phrase);
	return -1;
}

static int
refuse_length(mw_buf *why, size_t len, int max)
{
	if (why)
		mw_buf_addf(why, "is %zu characters long (at most %d)", len, max);
	return -1;
}

/* One pass over the name: it is checked for every name of every file loaded. */
int
mw_ident_check(const char *name, mw_buf *why)
{
	const char *p = name;

	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (is_letter(c) || c == '_' || (is_digit(c) && p > name))
			continue;
		return is_digit(c) ? refuse(why, "starts with a digit") : refuse_char(why, name, p);
	}
	if (p == name)
		return refuse(why, "is empty");
	if (p - name > MW_IDENT_MAX)
		return refuse_length(why, (size_t)(p - name), MW_IDENT_MAX);
	return 0;
}

int
mw_ident_check_file_name(const char *name, mw_buf *why)
{
	size_t len = strlen(name);

	if (!len)
		return refuse(why, "is empty");
	if (name[0] == '-' || name[0] == '.')
		return refuse_char(why, name, name);
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!is_letter(c) && !is_digit(c) && !strchr("_-.", c))
			return refuse_char(why, name, p);
	}
	if (strstr(name, ".."))
		return refuse(why, "has \"..\"");
	if (len > MW_FILE_NAME_MAX)
		return refuse_length(why, len, MW_FILE_NAME_MAX);
	return 0;
}
