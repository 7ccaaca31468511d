/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Modal forms: labelled fields edited in place. Tab/Down and S-Tab/Up move,
 * Enter accepts (after validation), Esc cancels. Choice fields take typed
 * text, complete it and cycle with Space. Errors are shown under the field
 * they concern and the typed text is never thrown away. Forms dock in the
 * editor pane's place, so the preview stays in view.
 */
#ifndef MWSCHEMA_TUI_FORM_H
#define MWSCHEMA_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"

struct app;

enum field_kind {
	FIELD_TEXT,
	FIELD_CHOICE,		/* one of `choices`, typed or cycled */
	FIELD_BOOL,		/* a choice of "yes" / "no" */
	FIELD_NOTE,		/* read-only text (file lists, findings) */
};

struct field {
	const char *label;
	const char *key;		/* matched against a diagnostic's path */
	enum field_kind kind;
	mw_buf value;
	size_t cursor;			/* byte offset in value */
	const char *const *choices;	/* NULL-terminated (FIELD_CHOICE) */
	bool list;			/* choices complete each word of "a, b" */
	char *error;			/* shown under the field */
	bool error_is_note;		/* NOTE rows: show as a warning */
	bool touched;			/* edited since the form opened */
};

struct form {
	const char *title;
	struct field *fields;
	size_t n;
	size_t focus;
	/* Checks the values; sets field errors; 0 = accept. */
	int (*validate)(struct form *f, void *data);
	void *data;
	/*
	 * Live forms: where validate leaves the edited table. After every
	 * keystroke the form validates and the session previews that table
	 * (or the state before the form while the input is invalid); errors
	 * show under the fields already edited.
	 */
	struct mw_table **live;
	/* Live forms: sees the values (choices completed) before validate. */
	void (*changed)(struct form *f, void *data);
};

void form_init(struct form *f, const char *title, size_t n);
void form_free(struct form *f);
/* Sets up field i; `value` may be NULL. */
struct field *form_field(struct form *f, size_t i, enum field_kind kind, const char *label,
			 const char *key, const char *value);
const char *form_value(const struct form *f, const char *key);
/* Replaces a field's text (the cursor goes to its end). */
void form_set_value(struct form *f, const char *key, const char *value);
bool form_bool(const struct form *f, const char *key);
void form_clear_errors(struct form *f);
/*
 * Attaches each diagnostic to the field its JSON pointer names: the field
 * whose key ends the path ("/columns/3/name": "name"; keys may hold several
 * parts, "columns/0/name"), trailing array positions dropped when no key
 * fits; else the first field.
 */
void form_set_errors(struct form *f, const mw_diags *errs);
void form_set_error(struct form *f, const char *key, const char *msg);
/* Runs the form: 1 accepted, 0 cancelled. */
int form_run(struct app *a, struct form *f);

#endif /* MWSCHEMA_TUI_FORM_H */
