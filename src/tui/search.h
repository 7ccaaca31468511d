/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `/` search with n/N in the pager-like views (the preview pane, the pager):
 * one search term for the whole editor, as in less and tig; matching is
 * case-insensitive, by line, wrapping around the text.
 */
#ifndef MWSCHEMA_TUI_SEARCH_H
#define MWSCHEMA_TUI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/request.h"

struct app;

/* Reads the term on the status line; false when cancelled or empty. */
bool search_prompt(struct app *a);
/*
 * The line of `text` (lines start at line[0..n)) that matches the term,
 * for REQ_SEARCH (from `cur` on), REQ_FIND_NEXT or REQ_FIND_PREV (after or
 * before `cur`); -1 when none matches (the status line says so).
 */
long search_find(struct app *a, enum request req, const char *text, const size_t *line,
		 size_t n, size_t cur);
/* For the requests of a pager-like view: asks for the term on REQ_SEARCH,
 * then finds; -1 when nothing is to be moved. */
long search_request(struct app *a, enum request req, const char *text, const size_t *line,
		    size_t n, size_t cur);

#endif /* MWSCHEMA_TUI_SEARCH_H */
