/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Line diff of two texts for the Diff tab and the review's JSON view: the
 * common prefix and suffix are trimmed and the middle compared by longest
 * common subsequence. Presentation only: the schema diff is diff.h's.
 */
#include <config.h>

#include "editor/textdiff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

static void
split_lines(struct lines *l, const char *s)
{
	size_t cap = 64;

	l->p = mw_xmalloc(cap * sizeof(*l->p));
	l->len = mw_xmalloc(cap * sizeof(*l->len));
	l->n = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (l->n == cap) {
			cap *= 2;
			l->p = mw_xrealloc(l->p, cap * sizeof(*l->p));
			l->len = mw_xrealloc(l->len, cap * sizeof(*l->len));
		}
		l->p[l->n] = s;
		l->len[l->n++] = n;
		s += n + (s[n] == '\n');
	}
}

static bool
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->p[i], b->p[j], a->len[i]);
}

/* One diff line: ' ', '-' or '+' then the text. */
static void
emit(mw_buf *out, char tag, const struct lines *l, size_t i)
{
	mw_buf_addc(out, tag);
	mw_buf_add(out, l->p[i], l->len[i]);
	mw_buf_addc(out, '\n');
}

/* LCS table over the middle part that differs (prefix and suffix trimmed). */
static void
diff_middle(mw_buf *out, const struct lines *a, size_t a0, size_t a1, const struct lines *b,
	    size_t b0, size_t b1)
{
	size_t n = a1 - a0, m = b1 - b0, i = 0, j = 0;
	unsigned *t = mw_xcalloc((n + 1) * (m + 1), sizeof(*t));

#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t x = n; x-- > 0;)
		for (size_t y = m; y-- > 0;)
			T(x, y) = line_eq(a, a0 + x, b, b0 + y) ? T(x + 1, y + 1) + 1
				  : (T(x + 1, y) > T(x, y + 1) ? T(x + 1, y) : T(x, y + 1));
	while (i < n || j < m) {
		if (i < n && j < m && line_eq(a, a0 + i, b, b0 + j))
			emit(out, ' ', a, a0 + i++), j++;
		else if (i < n && (j == m || T(i + 1, j) >= T(i, j + 1)))
			emit(out, '-', a, a0 + i++);	/* as diff(1): the old lines first */
		else
			emit(out, '+', b, b0 + j++);
	}
#undef T
	free(t);
}

void
text_diff(mw_buf *out, const char *a_text, const char *b_text, int context)
{
	struct lines a, b;
	size_t pre = 0, suf = 0, start, end_a, end_b;

	split_lines(&a, a_text);
	split_lines(&b, b_text);
	while (pre < a.n && pre < b.n && line_eq(&a, pre, &b, pre))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre && line_eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
		suf++;
	if (pre == a.n && pre == b.n)
		goto done;
	start = pre > (size_t)context ? pre - (size_t)context : 0;
	end_a = a.n - suf;
	end_b = b.n - suf;
	mw_buf_addf(out, "@@ -%zu +%zu @@\n", start + 1, start + 1);
	for (size_t i = start; i < pre; i++)
		emit(out, ' ', &a, i);
	diff_middle(out, &a, pre, end_a, &b, pre, end_b);
	for (size_t i = end_a; i < a.n && i < end_a + (size_t)context; i++)
		emit(out, ' ', &a, i);
done:
	free(a.p);
	free(a.len);
	free(b.p);
	free(b.len);
}
