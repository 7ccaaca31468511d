/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Searching the text of a pager-like view (search.h).
 */
#include <config.h>

#include "tui/search.h"
#include "tui/prompt.h"
#include "tui/view.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static char *term;

bool
search_prompt(struct app *a)
{
	char *line = prompt_read(a, "/", 0, NULL);

	if (!line || !*line) {
		free(line);
		return false;
	}
	free(term);
	term = line;
	return true;
}

/* Does line [s, s + len) hold the term, ignoring case? */
static bool
line_matches(const char *s, size_t len)
{
	size_t tl = strlen(term);

	for (size_t i = 0; i + tl <= len; i++) {
		size_t k = 0;

		while (k < tl && tolower((unsigned char)s[i + k]) == tolower((unsigned char)term[k]))
			k++;
		if (k == tl)
			return true;
	}
	return false;
}

long
search_find(struct app *a, enum request req, const char *text, const size_t *line, size_t n,
	    size_t cur)
{
	long dir = req == REQ_FIND_PREV ? -1 : 1, len = (long)n;
	long start = req == REQ_SEARCH ? (long)cur : (long)cur + dir;

	if (!term) {
		app_error(a, "no search yet: / searches");
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)(((start + dir * (long)k) % len + len) % len);
		const char *s = text + line[i];

		if (line_matches(s, strcspn(s, "\n"))) {
			if ((dir > 0 && i < cur && req != REQ_SEARCH) || (dir < 0 && i > cur))
				app_info(a, "search wrapped around: '%s'", term);
			return (long)i;
		}
	}
	app_error(a, "no match for '%s'", term);
	return -1;
}

long
search_request(struct app *a, enum request req, const char *text, const size_t *line, size_t n,
	       size_t cur)
{
	if (req == REQ_SEARCH && !search_prompt(a))
		return -1;
	if (!n) {
		app_error(a, "nothing to search");
		return -1;
	}
	return search_find(a, req, text, line, n, cur);
}

/* vim: set ts=8 sw=8 noexpandtab: */
