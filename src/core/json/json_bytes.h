/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the JSON scanner: the runs it walks a machine word at a time
 * (plain string bytes, indentation), inline as they run for every string
 * and line, and the UTF-8 and hex helpers of json_bytes.c.
 */
#ifndef MWSCHEMA_JSON_BYTES_H
#define MWSCHEMA_JSON_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mwschema/buf.h"

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define JSCAN_WORDS 1
#else
#define JSCAN_WORDS 0
#endif

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
size_t jscan_utf8_len(const unsigned char *s, size_t n);
void jscan_add_utf8(mw_buf *b, unsigned long cp);
int jscan_hexval(char c);	/* -1 for no hex digit */

/* The end of the run of tabs (or of spaces) that indents a line, 8 bytes at a time. */
static inline size_t
jscan_indent_end(const char *s, size_t pos, size_t len)
{
	uint64_t w, x, fill;

	if (pos >= len || (s[pos] != '\t' && s[pos] != ' '))
		return pos;
	fill = 0x0101010101010101ULL * (unsigned char)s[pos];
#if JSCAN_WORDS
	for (; pos + 8 <= len; pos += 8) {
		memcpy(&w, s + pos, 8);
		if ((x = w ^ fill))
			return pos + (size_t)__builtin_ctzll(x) / 8;
	}
#else
	(void)w;
	(void)x;
#endif
	while (pos < len && s[pos] == (char)(fill & 0xff))
		pos++;
	return pos;
}

/*
 * The bits 0x80 of the bytes of w that are below 0x20, '"', '\\' or not
 * ASCII (the "has a zero byte" trick). A borrow can only set bits above a
 * byte that is truly flagged, so the lowest bit set is always exact.
 */
static inline uint64_t
word_care_mask(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
		w) & high;
}

/* The end of the run of plain string bytes (printable ASCII but '"' and '\\') at pos. */
static inline size_t
jscan_plain_run(const char *s, size_t pos, size_t len)
{
#if JSCAN_WORDS
	uint64_t w, mask;

	for (; pos + 8 <= len; pos += 8) {
		memcpy(&w, s + pos, 8);
		if ((mask = word_care_mask(w)))
			return pos + (size_t)__builtin_ctzll(mask) / 8;
	}
#endif
	while (pos < len) {
		unsigned char c = (unsigned char)s[pos];

		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
		pos++;
	}
	return pos;
}

#endif /* MWSCHEMA_JSON_BYTES_H */
