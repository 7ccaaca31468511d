/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics: one type for loader errors, lint findings and drift reports.
 *
 * A diagnostic names where (file, 1-based line and column, JSON pointer path),
 * what (message), why (rule id, may be NULL for plain load errors) and how to
 * fix it (hint, may be NULL). Lists own their strings.
 */
#ifndef MWSCHEMA_DIAG_H
#define MWSCHEMA_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

typedef enum mw_severity {
	MW_SEV_INFO,
	MW_SEV_WARNING,
	MW_SEV_ERROR,
} mw_severity;

typedef struct mw_diag {
	mw_severity severity;
	char *rule;	/* stable rule id ("pk-required"), NULL for load errors */
	char *file;	/* path as given by the caller, may be NULL */
	int line;	/* 1-based, 0 = unknown */
	int column;	/* 1-based, 0 = unknown */
	char *path;	/* JSON pointer ("/31/columns/2/type"), may be NULL */
	char *message;	/* one sentence, no trailing newline */
	char *hint;	/* suggested fix, may be NULL */
} mw_diag;

typedef struct mw_diags {
	mw_diag *items;
	size_t n;
	size_t cap;
} mw_diags;

#define MW_DIAGS_INIT { NULL, 0, 0 }

const char *mw_severity_name(mw_severity sev);		/* "error", ... */
bool mw_severity_from_name(const char *name, mw_severity *out);

/* Appends a diagnostic; every string argument is copied (NULL allowed). */
mw_diag *mw_diags_add(mw_diags *list, mw_severity sev, const char *rule,
		      const char *file, int line, int column, const char *path,
		      const char *hint, const char *fmt, ...) MW_PRINTF(9, 10);
void mw_diags_clear(mw_diags *list);
void mw_diags_free(mw_diags *list);
size_t mw_diags_count(const mw_diags *list, mw_severity at_least);

/*
 * "file:line:col: path: message" for load errors (no rule), and
 * "file:line:col: severity: message [rule]" for findings; a hint follows on
 * its own indented line. Parts that are unknown are left out.
 */
void mw_diag_format(mw_buf *out, const mw_diag *d);

/*
 * Appends `s` safe for a terminal: control characters (C0 but tab, DEL, C1),
 * line and paragraph separators, bidirectional and zero-width controls, and
 * bytes that are not UTF-8 become \xNN, \uNNNN or \n. mw_diag_format uses it
 * for every part taken from the input, so a name or a file cannot move the
 * cursor, retitle the window or hide text.
 */
void mw_diag_escape(mw_buf *out, const char *s);
/* The same for text of several lines shown on a terminal: line breaks and tabs stay. */
void mw_terminal_escape(mw_buf *out, const char *text, size_t len);

/* Stable order: file, line, column, then insertion order. */
void mw_diags_sort(mw_diags *list);

#endif /* MWSCHEMA_DIAG_H */
