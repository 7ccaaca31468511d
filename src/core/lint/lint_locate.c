/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mapping a JSON pointer to a line and column of the original text.
 *
 * The model does not remember where things were, so findings are located
 * after the fact by walking the text along the pointer. The scanner only
 * needs to skip values, never to build them; it trusts that the loader
 * already accepted the text and stops quietly on anything unexpected.
 */
#include <config.h>

#include "mwschema/lint.h"

#include <stdlib.h>
#include <string.h>

struct scan {
	const char *p;
	const char *end;
};

static void
skip_ws(struct scan *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p))
		s->p++;
}

/* Leaves s->p after the closing quote of the string starting at s->p. */
static void
skip_string(struct scan *s)
{
	for (s->p++; s->p < s->end && *s->p != '"'; s->p++)
		if (*s->p == '\\' && s->p + 1 < s->end)
			s->p++;
	if (s->p < s->end)
		s->p++;
}

static void
skip_value(struct scan *s)
{
	int depth = 0;

	do {
		skip_ws(s);
		if (s->p >= s->end)
			return;
		if (*s->p == '"') {
			skip_string(s);
		} else if (*s->p == '{' || *s->p == '[') {
			depth++;
			s->p++;
		} else if (*s->p == '}' || *s->p == ']') {
			depth--;
			s->p++;
		} else if (depth > 0 || !strchr(",:", *s->p)) {
			/* a scalar, or punctuation inside a container */
			s->p++;
			while (depth == 0 && s->p < s->end && !strchr(" \t\r\n,:]}", *s->p))
				s->p++;
		} else {
			return;
		}
	} while (depth > 0);
}

/* Compares the JSON string at `q` (quote included) with the decoded key. */
static bool
key_equals(const char *q, const char *end, const char *key, size_t keylen)
{
	size_t i = 0;

	for (q++; q < end && *q != '"'; q++, i++) {
		char c = *q;

		if (c == '\\' && q + 1 < end) {
			q++;
			c = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q;
		}
		if (i >= keylen || key[i] != c)
			return false;
	}
	return i == keylen;
}

/* Decodes one pointer token (~1 = /, ~0 = ~) into a new string. */
static char *
next_token(const char **path)
{
	const char *start = *path + 1;
	size_t n = strcspn(start, "/");
	char *tok = mw_xmalloc(n + 1), *w = tok;

	for (size_t i = 0; i < n; i++) {
		if (start[i] == '~' && i + 1 < n && (start[i + 1] == '0' || start[i + 1] == '1'))
			*w++ = start[++i] == '1' ? '/' : '~';
		else
			*w++ = start[i];
	}
	*w = '\0';
	*path = start + n;
	return tok;
}

/* Steps into member `key` of the object at s->p; returns the key's position or NULL. */
static const char *
enter_member(struct scan *s, const char *key)
{
	s->p++;
	for (;;) {
		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return NULL;
		const char *k = s->p;
		skip_string(s);
		bool match = key_equals(k, s->p, key, strlen(key));
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return NULL;
		s->p++;
		skip_ws(s);
		if (match)
			return k;
		skip_value(s);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ',')
			return NULL;
		s->p++;
	}
}

/* Steps into element `index` of the array at s->p; returns its position or NULL. */
static const char *
enter_element(struct scan *s, const char *index)
{
	char *endp;
	long n = strtol(index, &endp, 10);

	if (!*index || *endp || n < 0)
		return NULL;
	s->p++;
	for (long i = 0;; i++) {
		skip_ws(s);
		if (s->p >= s->end || *s->p == ']')
			return NULL;
		if (i == n)
			return s->p;
		skip_value(s);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ',')
			return NULL;
		s->p++;
	}
}

static void
offset_to_position(int *line, int *column, const char *text, const char *at)
{
	*line = 1;
	*column = 1;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			/* count characters: UTF-8 continuation bytes add nothing */
			(*column)++;
		}
	}
}

int
mw_lint_locate(int *line, int *column, const char *text, size_t len, const char *path)
{
	struct scan s = { text, text + len };
	const char *anchor;
	int rc = 0;

	skip_ws(&s);
	anchor = s.p;
	if (s.p >= s.end || (*s.p != '{' && *s.p != '[')) {
		*line = *column = 0;
		return -1;
	}
	while (path && *path == '/') {
		char *tok = next_token(&path);
		const char *at = NULL;

		if (s.p < s.end && *s.p == '{')
			at = enter_member(&s, tok);
		else if (s.p < s.end && *s.p == '[')
			at = enter_element(&s, tok);
		free(tok);
		if (!at) {
			rc = 1;
			break;
		}
		anchor = at;
	}
	offset_to_position(line, column, text, anchor);
	return rc;
}
