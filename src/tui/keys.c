/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Keymaps: default bindings, `bind`, lookup with the generic fallback, and
 * key names for the help screen and the rc file.
 */
#include <config.h>

#include "tui/keys.h"
#include "tui/curses.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct binding {
	int key;
	enum request req;
};

struct keymap {
	struct binding *b;
	size_t n, cap;
};

static struct keymap keymaps[KEYMAP_COUNT];
static const char *const keymap_names[KEYMAP_COUNT] = {
	[KEYMAP_GENERIC] = "generic",
	[KEYMAP_TABLES] = "tables",
	[KEYMAP_EDITOR] = "editor",
	[KEYMAP_PREVIEW] = "preview",
	[KEYMAP_HELP] = "help",
};

static const struct default_binding {
	enum keymap_id km;
	int key;
	enum request req;
} default_bindings[] = {
	{ KEYMAP_GENERIC, 'k', REQ_MOVE_UP },
	{ KEYMAP_GENERIC, KEY_FN(KEY_UP), REQ_MOVE_UP },
	{ KEYMAP_GENERIC, 'j', REQ_MOVE_DOWN },
	{ KEYMAP_GENERIC, KEY_FN(KEY_DOWN), REQ_MOVE_DOWN },
	{ KEYMAP_GENERIC, 'h', REQ_MOVE_LEFT },
	{ KEYMAP_GENERIC, KEY_FN(KEY_LEFT), REQ_MOVE_LEFT },
	{ KEYMAP_GENERIC, 'l', REQ_MOVE_RIGHT },
	{ KEYMAP_GENERIC, KEY_FN(KEY_RIGHT), REQ_MOVE_RIGHT },
	{ KEYMAP_GENERIC, 'g', REQ_MOVE_FIRST },
	{ KEYMAP_GENERIC, KEY_FN(KEY_HOME), REQ_MOVE_FIRST },
	{ KEYMAP_GENERIC, 'G', REQ_MOVE_LAST },
	{ KEYMAP_GENERIC, KEY_FN(KEY_END), REQ_MOVE_LAST },
	{ KEYMAP_GENERIC, KEY_CTRL('d'), REQ_MOVE_PAGE_DOWN },
	{ KEYMAP_GENERIC, KEY_FN(KEY_NPAGE), REQ_MOVE_PAGE_DOWN },
	{ KEYMAP_GENERIC, KEY_CTRL('u'), REQ_MOVE_PAGE_UP },
	{ KEYMAP_GENERIC, KEY_FN(KEY_PPAGE), REQ_MOVE_PAGE_UP },
	{ KEYMAP_GENERIC, KEY_TAB, REQ_NEXT_PANE },
	{ KEYMAP_GENERIC, KEY_FN(KEY_BTAB), REQ_PREV_PANE },
	{ KEYMAP_GENERIC, KEY_RETURN, REQ_ENTER },
	{ KEYMAP_GENERIC, '1', REQ_TAB_DIFF },
	{ KEYMAP_GENERIC, '2', REQ_TAB_MYSQL },
	{ KEYMAP_GENERIC, '3', REQ_TAB_POSTGRES },
	{ KEYMAP_GENERIC, '4', REQ_TAB_SQLITE },
	{ KEYMAP_GENERIC, '5', REQ_TAB_POLICY },
	{ KEYMAP_GENERIC, '6', REQ_TAB_FILES },
	{ KEYMAP_GENERIC, 'a', REQ_ADD_COLUMN },
	{ KEYMAP_GENERIC, 'e', REQ_EDIT },
	{ KEYMAP_GENERIC, 'd', REQ_DROP },
	{ KEYMAP_GENERIC, 'R', REQ_RENAME },
	{ KEYMAP_GENERIC, 'i', REQ_ADD_INDEX },
	{ KEYMAP_GENERIC, 'p', REQ_SET_PK },
	{ KEYMAP_GENERIC, 'N', REQ_NEW_TABLE },
	{ KEYMAP_GENERIC, 'u', REQ_UNDO },
	{ KEYMAP_GENERIC, KEY_CTRL('r'), REQ_REDO },
	{ KEYMAP_GENERIC, 'n', REQ_CHANGE_NAME },
	{ KEYMAP_GENERIC, 'w', REQ_WRITE },
	{ KEYMAP_GENERIC, 'c', REQ_COMMIT },
	{ KEYMAP_GENERIC, '/', REQ_FILTER },
	{ KEYMAP_GENERIC, ':', REQ_PROMPT },
	{ KEYMAP_GENERIC, '?', REQ_HELP },
	{ KEYMAP_GENERIC, KEY_FN(KEY_F(1)), REQ_HELP },
	{ KEYMAP_GENERIC, 'T', REQ_TUTORIAL },
	{ KEYMAP_GENERIC, KEY_CTRL('l'), REQ_REFRESH },
	{ KEYMAP_GENERIC, 'q', REQ_QUIT },
	{ KEYMAP_EDITOR, KEY_RETURN, REQ_EDIT },
	{ KEYMAP_GENERIC, ']', REQ_NEXT_CHANGE },
	{ KEYMAP_GENERIC, '[', REQ_PREV_CHANGE },
	{ KEYMAP_GENERIC, 'r', REQ_TOGGLE_ROLLBACK },
	{ KEYMAP_GENERIC, 'W', REQ_TOGGLE_WRAP },
	{ KEYMAP_GENERIC, 'M', REQ_LAST_MESSAGE },
	{ KEYMAP_PREVIEW, '/', REQ_SEARCH },
	{ KEYMAP_PREVIEW, 'n', REQ_FIND_NEXT },
	{ KEYMAP_PREVIEW, 'N', REQ_FIND_PREV },
	{ KEYMAP_HELP, '/', REQ_SEARCH },
	{ KEYMAP_HELP, 'n', REQ_FIND_NEXT },
	{ KEYMAP_HELP, 'N', REQ_FIND_PREV },
};

static const struct key_label {
	int key;
	const char *name;
} key_labels[] = {
	{ KEY_RETURN, "Enter" }, { KEY_TAB, "Tab" }, { KEY_ESC, "Esc" }, { ' ', "Space" },
	{ KEY_FN(KEY_UP), "Up" }, { KEY_FN(KEY_DOWN), "Down" }, { KEY_FN(KEY_LEFT), "Left" },
	{ KEY_FN(KEY_RIGHT), "Right" }, { KEY_FN(KEY_HOME), "Home" }, { KEY_FN(KEY_END), "End" },
	{ KEY_FN(KEY_NPAGE), "PgDown" }, { KEY_FN(KEY_PPAGE), "PgUp" },
	{ KEY_FN(KEY_BTAB), "S-Tab" }, { KEY_FN(KEY_DC), "Del" },
	{ KEY_FN(KEY_BACKSPACE), "Backspace" }, { 127, "Backspace" }, { KEY_FN(KEY_IC), "Ins" },
	/* Other spellings accepted in rc files (tig's among them); names above win on output. */
	{ KEY_RETURN, "Return" }, { KEY_ESC, "Escape" }, { KEY_FN(KEY_NPAGE), "PageDown" },
	{ KEY_FN(KEY_PPAGE), "PageUp" }, { KEY_FN(KEY_BTAB), "BackTab" },
	{ KEY_FN(KEY_BTAB), "ShiftTab" }, { KEY_FN(KEY_DC), "Delete" },
	{ KEY_FN(KEY_IC), "Insert" }, { '#', "Hash" }, { '<', "LessThan" },
};

const char *
keymap_name(enum keymap_id km)
{
	return (unsigned)km < KEYMAP_COUNT ? keymap_names[km] : "?";
}

int
keymap_from_name(const char *name)
{
	for (int i = 0; i < KEYMAP_COUNT; i++)
		if (!strcmp(keymap_names[i], name))
			return i;
	return -1;
}

void
keys_bind(enum keymap_id km, int key, enum request req)
{
	struct keymap *map = &keymaps[km];

	for (size_t i = 0; i < map->n; i++) {
		if (map->b[i].key == key) {
			map->b[i].req = req;
			return;
		}
	}
	if (map->n == map->cap) {
		map->cap = map->cap ? map->cap * 2 : 32;
		map->b = mw_xrealloc(map->b, map->cap * sizeof(*map->b));
	}
	map->b[map->n++] = (struct binding){ key, req };
}

void
keys_init(void)
{
	static int done;

	if (done++)
		return;
	for (size_t i = 0; i < sizeof(default_bindings) / sizeof(*default_bindings); i++)
		keys_bind(default_bindings[i].km, default_bindings[i].key, default_bindings[i].req);
}

static enum request
keymap_get(enum keymap_id km, int key, int *found)
{
	const struct keymap *map = &keymaps[km];

	for (size_t i = 0; i < map->n; i++) {
		if (map->b[i].key == key) {
			*found = 1;
			return map->b[i].req;
		}
	}
	*found = 0;
	return REQ_NONE;
}

enum request
keys_lookup(enum keymap_id km, int key)
{
	int found;
	enum request req = keymap_get(km, key, &found);

	/* An explicit REQ_NONE in a view's map hides the generic binding. */
	if (found || km == KEYMAP_GENERIC)
		return req;
	return keymap_get(KEYMAP_GENERIC, key, &found);
}

void
keys_key_name(mw_buf *out, int key)
{
	for (size_t i = 0; i < sizeof(key_labels) / sizeof(*key_labels); i++) {
		if (key_labels[i].key == key) {
			mw_buf_adds(out, key_labels[i].name);
			return;
		}
	}
	if (key >= KEY_FN(KEY_F(1)) && key <= KEY_FN(KEY_F(12)))
		mw_buf_addf(out, "F%d", key - KEY_FN(KEY_F(0)));
	else if (key > 0 && key < 0x20)
		mw_buf_addf(out, "C-%c", key + 'a' - 1);
	else if (key >= 0x20 && key < 0x110000) {
		char mb[8];
		int n = wctomb(mb, (wchar_t)key);

		if (n > 0)
			mw_buf_add(out, mb, (size_t)n);
	} else
		mw_buf_addf(out, "<%d>", key);
}

/* "C-", "Ctrl-" or "^" (tig's spellings): true with the prefix length in *len. */
static bool
ctrl_prefix(const char *name, size_t *len)
{
	if (!strncasecmp(name, "C-", 2))
		*len = 2;
	else if (!strncasecmp(name, "Ctrl-", 5))
		*len = 5;
	else if (name[0] == '^' && name[1])
		*len = 1;
	else
		return false;
	return true;
}

int
key_parse(const char *name)
{
	size_t len = strlen(name);
	wchar_t wc;

	if (len > 2 && name[0] == '<' && name[len - 1] == '>') {
		char inner[32];

		if (len - 2 >= sizeof(inner))
			return -1;
		memcpy(inner, name + 1, len - 2);
		inner[len - 2] = 0;
		return key_parse(inner);
	}
	for (size_t i = 0; i < sizeof(key_labels) / sizeof(*key_labels); i++)
		if (!strcasecmp(key_labels[i].name, name))
			return key_labels[i].key;
	if (ctrl_prefix(name, &len) && name[len] && !name[len + 1])
		return KEY_CTRL(name[len]);
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9' &&
	    strspn(name + 1, "0123456789") == len - 1 && atoi(name + 1) <= 12)
		return KEY_FN(KEY_F(atoi(name + 1)));
	if (mbtowc(&wc, name, len) == (int)len)
		return (int)wc;
	return -1;
}

void
keys_describe(mw_buf *out, enum keymap_id km, enum request req)
{
	const struct keymap *map = &keymaps[km];
	size_t start = out->len;

	for (size_t i = 0; i < map->n; i++) {
		if (map->b[i].req != req)
			continue;
		/* A key the view rebinds is not the generic request's key there. */
		if (km == KEYMAP_GENERIC && keys_lookup(KEYMAP_GENERIC, map->b[i].key) != req)
			continue;
		if (out->len > start)
			mw_buf_adds(out, ", ");
		keys_key_name(out, map->b[i].key);
	}
}

/* vim: set ts=8 sw=8 noexpandtab: */
