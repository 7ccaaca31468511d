/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration files, in the style of tig's tigrc: one command per line.
 *
 *	# comment
 *	set NAME = VALUE		(VALUE may be several words or "quoted")
 *	bind KEYMAP KEY REQUEST...
 *	color ELEMENT FG BG [ATTR...]
 *	source FILE			(relative to the including file; ~ = $HOME)
 *	lint-ignore RULE PATH-GLOB
 *
 * Words are separated by blanks; "double" quotes take \" \\ \n \t escapes,
 * 'single' quotes take none; an unquoted # starts a comment. A bad line is
 * reported as a diagnostic "file:line: message" and skipped: the rest of the
 * file still loads. The store is generic: the lint module reads `set lint.*`
 * and `lint-ignore`, the UI reads `bind` and `color`, the workspace reads
 * `set schema-dir`; later lines win for `set`.
 */
#ifndef MWSCHEMA_RC_H
#define MWSCHEMA_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/diag.h"

typedef enum mw_rc_cmd {
	MW_RC_SET,		/* argv: NAME VALUE */
	MW_RC_BIND,		/* argv: KEYMAP KEY REQUEST (the rest of the line, one string) */
	MW_RC_COLOR,		/* argv: ELEMENT FG BG [ATTR...] */
	MW_RC_LINT_IGNORE,	/* argv: RULE PATH-GLOB */
} mw_rc_cmd;

typedef struct mw_rc_entry {
	mw_rc_cmd cmd;
	char **argv;		/* unquoted words */
	size_t argc;
	const char *file;	/* where the line was read (owned by the store) */
	int line;		/* 1-based */
} mw_rc_entry;

typedef struct mw_rc mw_rc;

mw_rc *mw_rc_new(void);
void mw_rc_free(mw_rc *rc);

/*
 * Loads one file. Returns 0, or -1 when the file cannot be read (reported in
 * diags). Bad lines are reported in diags with file and line and skipped;
 * they do not make the call fail.
 */
int mw_rc_load_file(mw_rc *rc, const char *path, mw_diags *diags);
/* The same for text in memory; `label` is the file name used in messages. */
int mw_rc_load_string(mw_rc *rc, const char *text, size_t len, const char *label,
		      mw_diags *diags);
/*
 * The standard configuration: $XDG_CONFIG_HOME/mwschema/config (default
 * ~/.config/mwschema/config), then .mwschemarc at the root of the repository
 * containing `start_dir` (the nearest directory with a .git). Missing files
 * are not errors. Returns 0, or -1 if an existing file could not be read.
 */
int mw_rc_load_default(mw_rc *rc, const char *start_dir, mw_diags *diags);
/* The nearest directory at or above `start_dir` holding .git; NULL if none (caller frees). */
char *mw_rc_find_repo_root(const char *start_dir);

/* The value of the last `set NAME`, or NULL. */
const char *mw_rc_get(const mw_rc *rc, const char *name);
/* Like mw_rc_get, with the line that set it (for messages); NULL if unset. */
const mw_rc_entry *mw_rc_get_entry(const mw_rc *rc, const char *name);
/* Adds a `set` programmatically (e.g. from a command-line option). */
void mw_rc_set(mw_rc *rc, const char *name, const char *value);

/*
 * For `set` lines naming a path in the checkout (schema-dir, updater, ...):
 * true when the value is a relative path of plain names (no "..", nothing
 * hidden; an updater may end in ::METHOD) that stays inside `root` once
 * symbolic links are resolved; else false, with a diagnostic at the line
 * that does not repeat the value.
 */
bool mw_rc_path_ok(const mw_rc_entry *e, const char *root, mw_diags *diags);

/* All stored commands in file order (sources expanded in place). */
size_t mw_rc_count(const mw_rc *rc);
const mw_rc_entry *mw_rc_entry_at(const mw_rc *rc, size_t i);

#endif /* MWSCHEMA_RC_H */
