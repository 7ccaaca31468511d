/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostic lists and their plain-text rendering (see mwschema/diag.h).
 */
#include <config.h>

#include "mwschema/diag.h"

#include <stdarg.h>
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

static void
format_location(mw_buf *out, const mw_diag *d)
{
	if (d->file)
		mw_buf_addf(out, "%s:", d->file);
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
		mw_buf_addf(out, "%s: %s [%s]", mw_severity_name(d->severity), d->message, d->rule);
	} else {
		if (d->path)
			mw_buf_addf(out, "%s: ", d->path);
		mw_buf_adds(out, d->message);
	}
	if (d->hint)
		mw_buf_addf(out, "\n    hint: %s", d->hint);
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
