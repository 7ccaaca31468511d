/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Byte-level helpers of the JSON scanner (json_scan.c): UTF-8
 * validation and encoding, hex digits (the word-wise runs are inline, in
 * internal.h).
 */
#include <config.h>

#include "core/json/internal.h"

int
jscan_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
jscan_add_utf8(mw_buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		mw_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		mw_buf_addc(b, (char)(0xc0 | (cp >> 6)));
		mw_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		mw_buf_addc(b, (char)(0xe0 | (cp >> 12)));
		mw_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		mw_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		mw_buf_addc(b, (char)(0xf0 | (cp >> 18)));
		mw_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		mw_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		mw_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
size_t
jscan_utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}
