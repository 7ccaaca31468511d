/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Forms: field editing, choice completion and cycling, inline errors, and
 * a centred window redrawn over the main screen (also after a resize).
 */
#include <config.h>

#include "tui/form.h"
#include "tui/actions.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/view.h"
#include "editor/session.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char *const bool_choices[] = { "yes", "no", NULL };

#define LABEL_W 16

void
form_init(struct form *f, const char *title, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->title = title;
	f->n = n;
	f->fields = mw_xcalloc(n, sizeof(*f->fields));
}

void
form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		mw_buf_release(&f->fields[i].value);
		free(f->fields[i].error);
	}
	free(f->fields);
	f->fields = NULL;
}

struct field *
form_field(struct form *f, size_t i, enum field_kind kind, const char *label, const char *key,
	   const char *value)
{
	struct field *fd = &f->fields[i];

	fd->kind = kind;
	fd->label = label;
	fd->key = key;
	fd->choices = kind == FIELD_BOOL ? bool_choices : NULL;
	mw_buf_reset(&fd->value);
	mw_buf_adds(&fd->value, value ? value : "");
	fd->cursor = fd->value.len;
	return fd;
}

static struct field *
find_field(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].key && key && !strcmp(f->fields[i].key, key))
			return &f->fields[i];
	return NULL;
}

const char *
form_value(const struct form *f, const char *key)
{
	struct field *fd = find_field(f, key);

	return fd ? mw_buf_cstr(&fd->value) : "";
}

void
form_set_value(struct form *f, const char *key, const char *value)
{
	struct field *fd = find_field(f, key);

	if (!fd)
		return;
	mw_buf_reset(&fd->value);
	mw_buf_adds(&fd->value, value);
	fd->cursor = fd->value.len;
}

bool
form_bool(const struct form *f, const char *key)
{
	return !strcmp(form_value(f, key), "yes");
}

void
form_clear_errors(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->fields[i].kind == FIELD_NOTE && f->fields[i].error_is_note)
			continue;
		free(f->fields[i].error);
		f->fields[i].error = NULL;
	}
}

void
form_set_error(struct form *f, const char *key, const char *msg)
{
	struct field *fd = find_field(f, key);

	if (!fd)
		fd = &f->fields[0];
	if (fd->error) {
		char *both = mw_strdupf("%s; %s", fd->error, msg);

		free(fd->error);
		fd->error = both;
	} else
		fd->error = mw_xstrdup(msg);
}

/* The longest field key that ends path[0, len) after a '/': "name" ends "/columns/3/name". */
static struct field *
field_ending(const struct form *f, const char *path, size_t len)
{
	struct field *best = NULL;

	for (size_t i = 0; i < f->n; i++) {
		const char *key = f->fields[i].key;
		size_t kl = key ? strlen(key) : 0;

		if (kl && kl < len && path[len - kl - 1] == '/' &&
		    !strncmp(path + len - kl, key, kl) && (!best || kl > strlen(best->key)))
			best = &f->fields[i];
	}
	return best;
}

/*
 * The field a core diagnostic is about, by its JSON pointer: the key that
 * ends the path, else the same without trailing array positions
 * ("/indexes/0/columns/2" is the "columns" field); NULL when none fits.
 */
static struct field *
field_for_path(const struct form *f, const char *path)
{
	size_t len = strlen(path);

	for (;;) {
		struct field *fd = field_ending(f, path, len);
		size_t seg = len;

		if (fd)
			return fd;
		while (seg > 0 && path[seg - 1] >= '0' && path[seg - 1] <= '9')
			seg--;
		if (seg == len || seg == 0 || path[seg - 1] != '/')
			return NULL;
		len = seg - 1;
	}
}

void
form_set_errors(struct form *f, const mw_diags *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		const mw_diag *d = &errs->items[i];
		struct field *fd = field_for_path(f, d->path ? d->path : "");

		form_set_error(f, fd ? fd->key : NULL, d->message);
	}
}

/*
 * Choices: completion of a typed prefix and cycling with Space.
 */

/* Where the word being completed starts: the last one of a list field. */
static size_t
word_start(const struct field *fd)
{
	size_t i = fd->value.len;

	if (!fd->list)
		return 0;
	while (i > 0 && !strchr(", ", fd->value.data[i - 1]))
		i--;
	return i;
}

static const char *
completion(const struct field *fd)
{
	size_t start = word_start(fd);
	const char *v = mw_buf_cstr(&fd->value) + start;
	const char *found = NULL;

	if (!fd->choices || !*v)
		return NULL;
	for (size_t i = 0; fd->choices[i]; i++) {
		if (!strncmp(fd->choices[i], v, fd->value.len - start)) {
			if (found)
				return NULL;	/* ambiguous */
			found = fd->choices[i];
		}
	}
	return found;
}

static void
complete(struct field *fd)
{
	const char *c = completion(fd);

	if (c) {
		mw_buf_truncate(&fd->value, word_start(fd));
		mw_buf_adds(&fd->value, c);
		fd->cursor = fd->value.len;
	}
}

static void
cycle(struct field *fd)
{
	const char *v = mw_buf_cstr(&fd->value);
	size_t i, next = 0;

	for (i = 0; fd->choices[i]; i++) {
		if (!strcmp(fd->choices[i], v)) {
			next = fd->choices[i + 1] ? i + 1 : 0;
			break;
		}
	}
	if (!fd->choices[i]) {
		/* Typed text: go to the first choice it starts, else the first one. */
		for (i = 0; fd->choices[i]; i++)
			if (*v && !strncmp(fd->choices[i], v, strlen(v)))
				break;
		next = fd->choices[i] ? i : 0;
	}
	mw_buf_reset(&fd->value);
	mw_buf_adds(&fd->value, fd->choices[next]);
	fd->cursor = fd->value.len;
}

/*
 * Text editing on UTF-8 bytes, a character at a time.
 */

static size_t
char_before(const mw_buf *b, size_t pos)
{
	while (pos > 0 && ((unsigned char)b->data[--pos] & 0xc0) == 0x80)
		;
	return pos;
}

static size_t
char_after(const mw_buf *b, size_t pos)
{
	if (pos < b->len)
		pos++;
	while (pos < b->len && ((unsigned char)b->data[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

static void
delete_range(struct field *fd, size_t from, size_t to)
{
	memmove(fd->value.data + from, fd->value.data + to, fd->value.len - to + 1);
	fd->value.len -= to - from;
	fd->cursor = from;
}

static void
insert_char(struct field *fd, int key)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;
	mw_buf tail = MW_BUF_INIT;

	memset(&st, 0, sizeof(st));
	n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return;
	mw_buf_adds(&tail, fd->value.data ? fd->value.data + fd->cursor : "");
	mw_buf_truncate(&fd->value, fd->cursor);
	mw_buf_add(&fd->value, mb, n);
	mw_buf_add(&fd->value, tail.data ? tail.data : "", tail.len);
	fd->cursor += n;
	mw_buf_release(&tail);
}

/* Returns true when the key was an edit of the field. */
static bool
edit_field(struct field *fd, int key)
{
	if (fd->kind == FIELD_NOTE)
		return false;
	if (key == KEY_FN(KEY_BACKSPACE) || key == 127 || key == KEY_CTRL('h')) {
		if (fd->cursor)
			delete_range(fd, char_before(&fd->value, fd->cursor), fd->cursor);
	} else if (key == KEY_FN(KEY_DC)) {
		if (fd->cursor < fd->value.len)
			delete_range(fd, fd->cursor, char_after(&fd->value, fd->cursor));
	} else if (key == KEY_FN(KEY_LEFT)) {
		fd->cursor = char_before(&fd->value, fd->cursor);
	} else if (key == KEY_FN(KEY_RIGHT)) {
		if (fd->cursor == fd->value.len)
			complete(fd);
		else
			fd->cursor = char_after(&fd->value, fd->cursor);
	} else if (key == KEY_FN(KEY_HOME) || key == KEY_CTRL('a')) {
		fd->cursor = 0;
	} else if (key == KEY_FN(KEY_END) || key == KEY_CTRL('e')) {
		fd->cursor = fd->value.len;
	} else if (key == KEY_CTRL('u')) {
		delete_range(fd, 0, fd->cursor);
	} else if (key == ' ' && fd->choices && !fd->list) {
		cycle(fd);
	} else if (key >= 0x20 && key < 0x110000 && key != 127) {
		insert_char(fd, key);
	} else
		return false;
	return true;
}

/*
 * Drawing.
 */

/* The cells an error has beside the labels, in a form `width` wide. */
static int
error_width(int width)
{
	return width - LABEL_W - 5 > 10 ? width - LABEL_W - 5 : 10;
}

/* A field's rows: its value, then its error wrapped to the space there is. */
static int
field_rows(const struct field *fd, int width)
{
	mw_buf w = MW_BUF_INIT;
	int rows = 1;

	if (fd->error) {
		display_wrap_line(&w, fd->error, error_width(width));
		rows += (int)count_lines(mw_buf_cstr(&w));
	}
	mw_buf_release(&w);
	return rows;
}

static int
form_rows(const struct form *f, int width)
{
	int rows = 0;


	for (size_t i = 0; i < f->n; i++)
		rows += field_rows(&f->fields[i], width);
	return rows;
}

static void
draw_field(WINDOW *win, const struct field *fd, int y, int width, bool focus, int *cx)
{
	int x = 2 + LABEL_W + 1, w = width - x - 2, before;
	const char *v = mw_buf_cstr(&fd->value);
	const char *c = focus ? completion(fd) : NULL;
	char *head = mw_xstrndup(v, fd->cursor);

	draw_text(win, y, 2, LABEL_W, fd->label, ELEM_FORM_LABEL, 1);
	if (fd->kind == FIELD_NOTE) {
		draw_text(win, y, x, w, v, ELEM_FORM, 1);
		free(head);
		return;
	}
	before = draw_width(head);
	/* Keep the cursor in view on long values (focused): scroll by the excess. */
	const char *shown = v + (focus && before >= w ? draw_fit(v, before - w + 1, NULL) : 0);
	int used = draw_text(win, y, x, w, shown, focus ? ELEM_FORM_FIELD_FOCUS : ELEM_FORM_FIELD, 0);

	if (c && strlen(c) > fd->value.len - word_start(fd))
		used += draw_text(win, y, x + used, w - used, c + fd->value.len - word_start(fd),
				  ELEM_MUTED, 0);
	draw_fill(win, y, x + used, w - used, focus ? ELEM_FORM_FIELD_FOCUS : ELEM_FORM_FIELD);
	if (focus)
		*cx = x + (before >= w ? w - 1 : before);
	free(head);
}

/* The error under a field, wrapped; returns the next free row. */
static int
draw_error(WINDOW *win, const struct field *fd, int y, int end, int width)
{
	mw_buf w = MW_BUF_INIT;
	const char *l;

	display_wrap_line(&w, fd->error, error_width(width));
	for (l = mw_buf_cstr(&w); *l && y < end; l += strcspn(l, "\n") + 1) {
		char *row = mw_xstrndup(l, strcspn(l, "\n"));

		draw_text(win, y++, 2 + LABEL_W + 1, error_width(width), row,
			  fd->error_is_note ? ELEM_POLICY_WARNING : ELEM_FORM_ERROR, 0);
		free(row);
	}
	mw_buf_release(&w);
	return y;
}

/* The first field drawn: the focused one must fit in `rows` rows. */
static size_t
first_shown(const struct form *f, int rows, int width)
{
	size_t first = 0;
	int used = 0;

	for (size_t i = 0; i <= f->focus && i < f->n; i++)
		used += field_rows(&f->fields[i], width);
	while (used > rows && first < f->focus)
		used -= field_rows(&f->fields[first++], width);
	return first;
}

static WINDOW *
form_draw(struct app *a, const struct form *f, WINDOW *win)
{
	int top, left, height, width, y = 1, cy = 1, cx = 1;

	display_form_rect(a, &top, &left, &height, &width);
	if (win)
		delwin(win);
	win = newwin(height, width, top, left);
	for (int r = 0; r < height; r++)
		draw_fill(win, r, 0, width, ELEM_FORM);
	draw_box(win, ELEM_FORM_BORDER);
	draw_text(win, 0, 2, width - 4, f->title, ELEM_FORM_LABEL, 0);
	for (size_t i = first_shown(f, height - 2, width); i < f->n && y < height - 1; i++) {
		const struct field *fd = &f->fields[i];

		draw_field(win, fd, y, width, i == f->focus, &cx);
		if (i == f->focus)
			cy = y;
		y++;
		if (fd->error)
			y = draw_error(win, fd, y, height - 1, width);
	}
	draw_text(win, height - 1, 2, width - 4,
		  " Enter accept  Esc cancel  Tab next  Space cycle ", ELEM_FORM_BORDER, 0);
	wmove(win, cy, cx);
	wnoutrefresh(win);
	return win;
}

static void
move_focus(struct form *f, int dir)
{
	for (size_t step = 0; step < f->n; step++) {
		f->focus = (f->focus + f->n + (size_t)(dir > 0 ? 1 : -1)) % f->n;
		if (f->fields[f->focus].kind != FIELD_NOTE)
			return;
	}
}

static void
focus_first_error(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->fields[i].error && f->fields[i].kind != FIELD_NOTE) {
			f->focus = i;
			return;
		}
	}
}

/* Docks the form: the layout gives the editor's place the form's height. */
static void
form_dock(struct app *a, const struct form *f, bool open)
{
	int top, left, height, width, h;

	display_form_rect(a, &top, &left, &height, &width);
	h = open ? form_rows(f, width) + 2 : 0;

	if (h != a->form_h) {
		a->form_h = h;
		display_layout(a);
	}
}

/*
 * A live form after a keystroke: validate, show the errors of the fields
 * edited so far, and preview the edit (or, while it is invalid, the state
 * before the form) in every pane.
 */
static void
form_live(struct app *a, struct form *f)
{
	int bad;

	mw_buf *typed = mw_xcalloc(f->n, sizeof(*typed));
	size_t focus_cursor = f->fields[f->focus].cursor;

	/* A prefix with one completion means that choice ("str" is "string"). */
	for (size_t i = 0; i < f->n; i++) {
		mw_buf_adds(&typed[i], mw_buf_cstr(&f->fields[i].value));
		if (f->fields[i].choices)
			complete(&f->fields[i]);
	}
	form_clear_errors(f);
	if (f->changed)
		f->changed(f, f->data);
	bad = f->validate(f, f->data);
	for (size_t i = 0; i < f->n; i++) {
		/* Back to the typed prefix, unless the form itself set the field. */
		if (f->fields[i].choices && !strncmp(mw_buf_cstr(&f->fields[i].value),
						      mw_buf_cstr(&typed[i]), typed[i].len)) {
			mw_buf_reset(&f->fields[i].value);
			mw_buf_adds(&f->fields[i].value, mw_buf_cstr(&typed[i]));
		}
		mw_buf_release(&typed[i]);
	}
	free(typed);
	f->fields[f->focus].cursor = focus_cursor;
	for (size_t i = 0; i < f->n; i++) {
		if (!f->fields[i].touched && f->fields[i].kind != FIELD_NOTE) {
			free(f->fields[i].error);
			f->fields[i].error = NULL;
		}
	}
	session_preview(a->s, a->s->cur, bad ? NULL : *f->live);
	if (!bad)
		*f->live = NULL;	/* the session owns it now */
}

static int
form_key(struct form *f, int key)
{
	if (key == KEY_ESC || key == KEY_CTRL('c'))
		return 0;
	if (key == KEY_RETURN) {
		for (size_t i = 0; i < f->n; i++)
			if (f->fields[i].choices)
				complete(&f->fields[i]);
		form_clear_errors(f);
		if (!f->validate || !f->validate(f, f->data))
			return 1;
		focus_first_error(f);
	} else if (key == KEY_TAB || key == KEY_FN(KEY_DOWN)) {
		complete(&f->fields[f->focus]);
		move_focus(f, 1);
	} else if (key == KEY_FN(KEY_BTAB) || key == KEY_FN(KEY_UP)) {
		complete(&f->fields[f->focus]);
		move_focus(f, -1);
	} else if (edit_field(&f->fields[f->focus], key)) {
		f->fields[f->focus].touched = true;
	}
	return -1;
}

int
form_run(struct app *a, struct form *f)
{
	WINDOW *win = NULL;
	int rc = -1;

	if (f->fields[f->focus].kind == FIELD_NOTE)
		move_focus(f, 1);
	curs_set(1);
	while (rc < 0) {
		int key;

		form_dock(a, f, true);
		display_render(a);
		win = form_draw(a, f, win);
		doupdate();
		key = display_getkey(a);
		rc = form_key(f, key);
		if (rc < 0 && f->live && f->validate && key != KEY_RETURN &&
		    key != KEY_FN(KEY_RESIZE))
			form_live(a, f);
	}
	if (rc == 0 && a->s->previewing)
		session_preview(a->s, -1, NULL);
	curs_set(0);
	delwin(win);
	form_dock(a, f, false);
	display_redraw(a);
	return rc;
}

/* vim: set ts=8 sw=8 noexpandtab: */
