/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growable buffers and checked allocation (see mwschema/buf.h).
 */
#include <config.h>

#include "mwschema/buf.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void (*oom_handler)(void);

void
mw_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

void
mw_oom(void)
{
	if (oom_handler)
		oom_handler();
	fputs("mwschema: out of memory\n", stderr);
	abort();
}

void *
mw_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		mw_oom();
	return p;
}

void *
mw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		mw_oom();
	return p;
}

void *
mw_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		mw_oom();
	return p;
}

void *
mw_xgrow(void *ptr, size_t n, size_t size)
{
	if (n & (n - 1))
		return ptr;	/* not a power of two: there is room already */
	if (n > SIZE_MAX / 2 / size)
		mw_oom();
	return mw_xrealloc(ptr, (n ? 2 * n : 1) * size);
}

char *
mw_xstrdup(const char *s)
{
	return s ? mw_xstrndup(s, strlen(s)) : NULL;
}

char *
mw_xstrndup(const char *s, size_t n)
{
	char *p = mw_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
mw_buf_init(mw_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
mw_buf_grow(mw_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	/* Double so that appending n bytes one at a time stays linear. */
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = mw_xrealloc(b->data, cap);
	b->cap = cap;
	if (b->len == 0)
		b->data[0] = '\0';
}

void
mw_buf_add(mw_buf *b, const void *data, size_t len)
{
	mw_buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
mw_buf_adds(mw_buf *b, const char *s)
{
	mw_buf_add(b, s, strlen(s));
}

void
mw_buf_addc(mw_buf *b, char c)
{
	mw_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
mw_buf_vaddf(mw_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	mw_buf_grow(b, 64);
	va_copy(copy, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		mw_buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
mw_buf_addf(mw_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
mw_buf_truncate(mw_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}

void
mw_buf_reset(mw_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
mw_buf_release(mw_buf *b)
{
	free(b->data);
	mw_buf_init(b);
}

char *
mw_buf_detach(mw_buf *b)
{
	char *s = b->data ? b->data : mw_xstrdup("");

	mw_buf_init(b);
	return s;
}

const char *
mw_buf_cstr(const mw_buf *b)
{
	return b->data ? b->data : "";
}

char *
mw_strdupf(const char *fmt, ...)
{
	mw_buf b = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return mw_buf_detach(&b);
}

int
mw_first_diff_line(const char *a, size_t alen, const char *b, size_t blen)
{
	int line = 1;

	for (size_t i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		if (a[i] == '\n')
			line++;
	return line;
}
