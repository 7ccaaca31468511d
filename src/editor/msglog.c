/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The message log (msglog.h): a bounded list, oldest dropped first.
 */
#include <config.h>

#include "editor/msglog.h"

#include <stdlib.h>
#include <string.h>

void
msglog_add(struct msglog *l, bool error, const char *text)
{
	if (!text || !*text)
		return;
	if (l->n == MSGLOG_MAX) {
		free(l->v[0].text);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof(*l->v));
		l->n--;
		l->dropped++;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = mw_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].text = mw_xstrdup(text);
	l->v[l->n].error = error;
	l->v[l->n].when = time(NULL);
	l->n++;
}

const struct msg *
msglog_last(const struct msglog *l)
{
	return l->n ? &l->v[l->n - 1] : NULL;
}

void
msglog_format(const struct msglog *l, mw_buf *out)
{
	if (l->dropped)
		mw_buf_addf(out, "(%zu older messages dropped)\n", l->dropped);
	for (size_t i = 0; i < l->n; i++) {
		struct tm tm;
		char stamp[16] = "";

		if (localtime_r(&l->v[i].when, &tm))
			strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
		mw_buf_addf(out, "%s %-6s %s\n", stamp, l->v[i].error ? "error" : "info",
			    l->v[i].text);
	}
}

void
msglog_free(struct msglog *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* vim: set ts=8 sw=8 noexpandtab: */
