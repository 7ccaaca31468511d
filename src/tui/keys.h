/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Keys and keymaps. A key is a Unicode code point, or a curses function key
 * shifted past the Unicode range (KEY_FN) so the two never collide. Each view
 * has a keymap; lookup falls back to the `generic` keymap (tig's keys.c).
 */
#ifndef MWSCHEMA_TUI_KEYS_H
#define MWSCHEMA_TUI_KEYS_H

#include <stddef.h>

#include "mwschema/buf.h"
#include "tui/request.h"

#define KEY_FN(k) (0x200000 + (k))	/* curses KEY_* code as a key */
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 0x1b
#define KEY_TAB '\t'
#define KEY_RETURN '\r'

enum keymap_id {
	KEYMAP_GENERIC,
	KEYMAP_TABLES,
	KEYMAP_EDITOR,
	KEYMAP_PREVIEW,
	KEYMAP_HELP,
	KEYMAP_COUNT
};

const char *keymap_name(enum keymap_id km);
/* -1 when unknown. */
int keymap_from_name(const char *name);

/* Installs the default bindings (idempotent). */
void keys_init(void);
/* Binds (or rebinds) `key` in `km`; REQ_NONE unbinds. */
void keys_bind(enum keymap_id km, int key, enum request req);
/* `km` first, then generic. */
enum request keys_lookup(enum keymap_id km, int key);

/* "a", "Enter", "Tab", "C-r", "Up", "F5". */
void keys_key_name(mw_buf *out, int key);
/* Parses keys_key_name's spellings (and "<Enter>"); -1 when unknown. */
int key_parse(const char *name);
/* All keys bound to `req` in `km` (not generic), comma-separated into `out`. */
void keys_describe(mw_buf *out, enum keymap_id km, enum request req);

#endif /* MWSCHEMA_TUI_KEYS_H */
