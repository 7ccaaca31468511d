/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostic lists and their plain-text rendering (see mwschema/diag.h).
 */
#include <config.h>

#include "mwschema/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const severity_names[] = {
	[MW_SEV_INFO] = "info",
	[MW_SEV_WARNING] = "warning",
	[MW_SEV_ERROR] = "error",
};

const char *
mw_severity_name(mw_severity sev)
{
	return severity_names[sev];
}

bool
mw_severity_from_name(const char *name, mw_severity *out)
{
	for (size_t i = 0; i < sizeof(severity_names) / sizeof(*severity_names); i++) {
		if (!strcmp(name, severity_names[i])) {
			*out = (mw_severity)i;
			return true;
		}
	}
	return false;
}

mw_diag *
mw_diags_add(mw_diags *list, mw_severity sev, const char *rule, const char *file, int line,
	     int column, const char *path, const char *hint, const char *fmt, ...)
{
	mw_buf msg = MW_BUF_INIT;
	va_list ap;
	mw_diag *d;

	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 8;
		list->items = mw_xrealloc(list->items, list->cap * sizeof(*list->items));
	}
	va_start(ap, fmt);
	mw_buf_vaddf(&msg, fmt, ap);
	va_end(ap);

	d = &list->items[list->n++];
	d->severity = sev;
	d->rule = mw_xstrdup(rule);
	d->file = mw_xstrdup(file);
	d->line = line;
	d->column = column;
	d->path = mw_xstrdup(path);
	d->hint = mw_xstrdup(hint);
	d->message = mw_buf_detach(&msg);
	return d;
}

static void
diag_free(mw_diag *d)
{
	free(d->rule);
	free(d->file);
	free(d->path);
	free(d->message);
	free(d->hint);
}

void
mw_diags_clear(mw_diags *list)
{
	for (size_t i = 0; i < list->n; i++)
		diag_free(&list->items[i]);
	list->n = 0;
}

void
mw_diags_free(mw_diags *list)
{
	mw_diags_clear(list);
	free(list->items);
	list->items = NULL;
	list->cap = 0;
}

size_t
mw_diags_count(const mw_diags *list, mw_severity at_least)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++)
		n += list->items[i].severity >= at_least;
	return n;
}

/* Length of the UTF-8 sequence at s and its code point, or 0 when invalid. */
static size_t
utf8_decode(const unsigned char *s, unsigned long *cp)
{
	size_t n = s[0] >= 0xF5 ? 0 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (!n)
		return 0;
	*cp = s[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
	    (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return n;
}

/* Control characters, and the invisible ones that reorder or break text. */
static bool
must_escape(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static void
escape(mw_buf *out, const char *s, size_t len, bool keep_lines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned long cp;
		size_t n = utf8_decode(p, &cp);

		if (!n || p + n > end)
			mw_buf_addf(out, "\\x%02x", *p);
		else if (cp == '\n' && keep_lines)
			mw_buf_addc(out, '\n');
		else if (cp == '\n')
			mw_buf_adds(out, "\\n");
		else if (must_escape(cp) && cp < 0x80)
			mw_buf_addf(out, "\\x%02lx", cp);
		else if (must_escape(cp))
			mw_buf_addf(out, "\\u%04lx", cp);
		else
			mw_buf_add(out, p, n);
		p += n && p + n <= end ? n : 1;
	}
}

void
mw_diag_escape(mw_buf *out, const char *s)
{
	if (s)
		escape(out, s, strlen(s), false);
}

void
mw_terminal_escape(mw_buf *out, const char *text, size_t len)
{
	escape(out, text, len, true);
}

static void
format_location(mw_buf *out, const mw_diag *d)
{
	if (d->file) {
		mw_diag_escape(out, d->file);
		mw_buf_addc(out, ':');
	}
	if (d->line > 0) {
		mw_buf_addf(out, "%d:", d->line);
		if (d->column > 0)
			mw_buf_addf(out, "%d:", d->column);
	}
	if (out->len)
		mw_buf_addc(out, ' ');
}

void
mw_diag_format(mw_buf *out, const mw_diag *d)
{
	format_location(out, d);
	if (d->rule) {
		mw_buf_addf(out, "%s: ", mw_severity_name(d->severity));
		mw_diag_escape(out, d->message);
		mw_buf_addf(out, " [%s]", d->rule);
	} else {
		if (d->path) {
			mw_diag_escape(out, d->path);
			mw_buf_adds(out, ": ");
		}
		mw_diag_escape(out, d->message);
	}
	if (d->hint) {
		mw_buf_adds(out, "\n    hint: ");
		mw_diag_escape(out, d->hint);
	}
}

/* Insertion order breaks ties, so sort a list of (index, diag) pairs. */
static int
diag_cmp(const void *pa, const void *pb)
{
	const mw_diag *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

void
mw_diags_sort(mw_diags *list)
{
	/* Insertion sort: stable, and lists are short (a few hundred at most). */
	for (size_t i = 1; i < list->n; i++) {
		mw_diag tmp = list->items[i];
		size_t j = i;

		while (j > 0 && diag_cmp(&list->items[j - 1], &tmp) > 0) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = tmp;
	}
}
