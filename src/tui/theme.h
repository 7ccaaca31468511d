/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Themes: views draw semantic elements ("diff-add", "cursor"), never raw
 * colours. An element list from one X-macro, the built-in default from
 * themes/default.theme (compiled in), `color` lines to override, lazily
 * allocated and deduplicated colour pairs, and NO_COLOR.
 */
#ifndef MWSCHEMA_TUI_THEME_H
#define MWSCHEMA_TUI_THEME_H

#include "mwschema/buf.h"

#define ELEMENT_INFO(E) \
	E(DEFAULT, "default") \
	E(TITLE, "title") \
	E(TITLE_DIRTY, "title-dirty") \
	E(PANE_TITLE, "pane-title") \
	E(PANE_TITLE_FOCUS, "pane-title-focus") \
	E(CURSOR, "cursor") \
	E(CURSOR_BLUR, "cursor-blur") \
	E(GRID_HEADER, "grid-header") \
	E(SECTION, "section") \
	E(ROW_ADDED, "row-added") \
	E(ROW_CHANGED, "row-changed") \
	E(MUTED, "muted") \
	E(TAB, "tab") \
	E(TAB_ACTIVE, "tab-active") \
	E(DIFF_ADD, "diff-add") \
	E(DIFF_DEL, "diff-del") \
	E(DIFF_HUNK, "diff-hunk") \
	E(DIFF_HEADER, "diff-header") \
	E(SQL_COMMENT, "sql-comment") \
	E(SQL_KEYWORD, "sql-keyword") \
	E(SQL, "sql") \
	E(POLICY_ERROR, "policy-error") \
	E(POLICY_WARNING, "policy-warning") \
	E(POLICY_INFO, "policy-info") \
	E(FILE_PATH, "file-path") \
	E(STATUS, "status") \
	E(STATUS_ERROR, "status-error") \
	E(STATUS_HINT, "status-hint") \
	E(FORM, "form") \
	E(FORM_BORDER, "form-border") \
	E(FORM_LABEL, "form-label") \
	E(FORM_FIELD, "form-field") \
	E(FORM_FIELD_FOCUS, "form-field-focus") \
	E(FORM_ERROR, "form-error")

#define ELEMENT_ENUM(id, name) ELEM_##id,
enum element {
	ELEMENT_INFO(ELEMENT_ENUM)
	ELEM_COUNT
};

/* The themes/ files, compiled in (generated at build time); ends with { NULL }. */
struct builtin_theme {
	const char *name;	/* "default", from default.theme */
	const char *text;
};
extern const struct builtin_theme builtin_themes[];

/* Loads the built-in default theme. `use_color` false = attributes only (NO_COLOR). */
void theme_init(int use_color);
/*
 * Makes theme `name` the base of every element: a built-in name, else
 * $XDG_CONFIG_HOME/mwschema/themes/NAME.theme, else NAME.theme in the
 * installed pkgdatadir, else `name` as a path. Elements a theme does not
 * mention are plain. 0, or -1 with a message in err (the theme is unchanged).
 */
int theme_select(const char *name, mw_buf *err);
/* The name given to the last successful theme_select ("default" at first). */
const char *theme_current(void);
/*
 * Applies one "color <element> <fg> <bg> [attr...]" command (the words
 * after "color"). 0, or -1 with a message in err.
 */
int theme_set_color(int argc, char *const argv[], mw_buf *err);
/* Applies every `color` line of an rc text; errors "label:line: msg" to err. */
int theme_load_text(const char *text, const char *label, mw_buf *err);
/* Curses attributes (pair included) for an element. */
int theme_attr(enum element e);
const char *element_name(enum element e);

#endif /* MWSCHEMA_TUI_THEME_H */
