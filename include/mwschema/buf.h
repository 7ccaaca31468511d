/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growable byte buffer, modelled on git's strbuf.
 *
 * Invariants: after MW_BUF_INIT or mw_buf_init(), mw_buf_cstr() never returns
 * NULL and the data is always NUL-terminated once anything was added. `len`
 * never counts the terminator. Allocation failure calls mw_oom(), which by
 * default prints a message and aborts; a front end may install a handler that
 * restores the terminal first (mw_set_oom_handler).
 */
#ifndef MWSCHEMA_BUF_H
#define MWSCHEMA_BUF_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define MW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MW_PRINTF(f, a)
#endif

typedef struct mw_buf {
	char *data;	/* NUL-terminated contents, NULL until first growth */
	size_t len;	/* bytes used, terminator excluded */
	size_t cap;	/* bytes allocated */
} mw_buf;

#define MW_BUF_INIT { NULL, 0, 0 }

/*
 * Memory
 */
void *mw_xmalloc(size_t size);
void *mw_xcalloc(size_t n, size_t size);
void *mw_xrealloc(void *ptr, size_t size);
/*
 * An array of n items of `size` bytes with room for one more: its allocation
 * doubles whenever n is a power of two, so appending one at a time stays
 * linear with no capacity field. Only for arrays grown by this alone.
 */
void *mw_xgrow(void *ptr, size_t n, size_t size);
char *mw_xstrdup(const char *s);		/* NULL-safe: NULL gives NULL */
char *mw_xstrndup(const char *s, size_t n);
void mw_oom(void);
void mw_set_oom_handler(void (*handler)(void));

/*
 * Buffers
 */
void mw_buf_init(mw_buf *b);
void mw_buf_grow(mw_buf *b, size_t extra);
void mw_buf_add(mw_buf *b, const void *data, size_t len);
void mw_buf_adds(mw_buf *b, const char *s);
void mw_buf_addc(mw_buf *b, char c);
void mw_buf_addf(mw_buf *b, const char *fmt, ...) MW_PRINTF(2, 3);
void mw_buf_vaddf(mw_buf *b, const char *fmt, va_list ap);
void mw_buf_truncate(mw_buf *b, size_t len);	/* keep the first len bytes */
void mw_buf_reset(mw_buf *b);			/* empty, keep memory */
void mw_buf_release(mw_buf *b);			/* free, back to MW_BUF_INIT */
char *mw_buf_detach(mw_buf *b);			/* caller owns the string */
const char *mw_buf_cstr(const mw_buf *b);	/* "" when empty */

/* 1-based number of the first line where the two texts differ. */
int mw_first_diff_line(const char *a, size_t alen, const char *b, size_t blen);

/* printf into a newly allocated string the caller frees. */
char *mw_strdupf(const char *fmt, ...) MW_PRINTF(1, 2);

#endif /* MWSCHEMA_BUF_H */
