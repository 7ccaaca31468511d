/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's options and the rc commands it applies (tig's options.c):
 * `set` for the options of OPTION_INFO, `bind` into the keymaps and `color`
 * on top of the selected theme. The configuration files at start-up and
 * the `:set`, `:bind` and `:color` commands go through the same functions.
 * A bad line becomes a "file:line: message" and is skipped.
 */
#ifndef MWSCHEMA_TUI_OPTIONS_H
#define MWSCHEMA_TUI_OPTIONS_H

#include "mwschema/buf.h"
#include "mwschema/diag.h"

struct app;
struct mw_rc;

/* NAME, default value, help (mwschemarc(5) documents each one). */
#define OPTION_INFO(O) \
	O(THEME, "theme", "default", "colour theme: default, light, mono, colorblind or a file") \
	O(MOUSE, "mouse", "false", "true: click to focus and select, wheel to scroll") \
	O(TAB, "tab", "diff", "preview tab: diff, mysql, postgres, sqlite, policy, files")

/*
 * Applies the set, bind and color commands of `rc` in file order. Every
 * problem, those found while the files were read (`read_problems`, may be
 * NULL) and the bad lines found here, is kept for `:messages`; the first is
 * shown in the status line.
 */
void options_load(struct app *a, const struct mw_rc *rc, const mw_diags *read_problems);
/* `set NAME = VALUE` for an option of OPTION_INFO. 0, or -1 with err. */
int options_set(struct app *a, const char *name, const char *value, mw_buf *err);
/* The words after `bind` (KEYMAP KEY REQUEST) / `color`. 0, or -1 with err. */
int options_bind(int argc, char *const argv[], mw_buf *err);
int options_color(int argc, char *const argv[], mw_buf *err);
/*
 * A run-time command line: "set NAME = VALUE", "bind ...", "color ...";
 * true when `cmd` is one of these (the outcome is in the status line).
 */
int options_command(struct app *a, const char *cmd, const char *args);
/* "theme=default mouse=false tab=diff". */
void options_describe(mw_buf *out, const struct app *a);
/* Option names, NULL-terminated (completion). */
const char *const *options_names(void);
/* The configuration problems found at start-up, one per line ("" if none). */
void options_messages(mw_buf *out);
void options_free(void);

#endif /* MWSCHEMA_TUI_OPTIONS_H */
