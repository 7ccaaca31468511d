/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Display: terminal set-up and restore, layout, the title and status
 * lines, the yes/no question and the pager, and screen dumps for tests.
 */
#include <config.h>

#include "tui/display.h"
#include "tui/curses.h"
#include "tui/draw.h"
#include "tui/mouse.h"
#include "tui/review.h"
#include "tui/search.h"
#include "tui/terminal.h"
#include "tui/tutorial.h"

#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define AUTOSAVE_IDLE_MS 150

/* The pause after which the recovery file is written; tests stretch it. */
static int
autosave_idle_ms(void)
{
	static int ms = -1;
	const char *env;

	if (ms < 0) {
		env = getenv("MWSCHEMA_AUTOSAVE_IDLE_MS");
		ms = env && *env ? atoi(env) : AUTOSAVE_IDLE_MS;
		ms = ms > 0 ? ms : AUTOSAVE_IDLE_MS;
	}
	return ms;
}

static SCREEN *screen;
static WINDOW *title_win, *status_win;
static FILE *null_out;

bool
display_active(void)
{
	return screen != NULL;
}

/* The next display_done leaves the screen up, for the editor that follows (:tutorial). */
static bool keep_screen;

void
display_keep(void)
{
	keep_screen = true;
}

void
display_done(void)
{
	if (!screen)
		return;
	if (keep_screen) {
		keep_screen = false;
		return;
	}
	endwin();
	/* delscreen frees the screen's windows: a later display_init (the
	 * tutorial opened from :tutorial) must not touch the old ones */
	delscreen(screen);
	screen = NULL;
	title_win = status_win = NULL;
	if (null_out)
		fclose(null_out);
	null_out = NULL;
}

static void
display_oom(void)
{
	display_done();
}

/* A terminal without cursor addressing ("dumb", an editor's shell buffer) shows nothing. */
static bool
can_address(void)
{
	const char *cup = tigetstr("cup");

	return cup && cup != (const char *)-1;
}

int
display_init(struct app *a)
{
	const char *nodisplay = getenv("MWSCHEMA_NO_DISPLAY");
	FILE *out = stdout;
	const char *term = getenv("TERM");

	if (nodisplay && *nodisplay) {
		/* A virtual screen for benchmarks: output goes nowhere. */
		null_out = fopen("/dev/null", "w");
		out = null_out;
		if (!term || !*term)
			term = "xterm-256color";
	}
	if (screen) {
		/* Kept up by display_keep: the same terminal, set up again below. */
		clearok(curscr, TRUE);
		goto modes;
	}
	terminal_save_mode();
	screen = newterm(term, out, stdin);
	if (!screen) {
		fprintf(stderr, "mwschema: cannot use terminal type '%s'\n", term ? term : "(unset)");
		return -1;
	}
	if (!can_address()) {
		endwin();
		delscreen(screen);
		screen = NULL;
		fprintf(stderr, "mwschema: the terminal type '%s' cannot move the cursor, and the editor "
			"draws a full screen.\nRun it in a terminal emulator (TERM=xterm-256color, "
			"screen, tmux...), or use the commands: mwschema --help\n", term ? term : "(unset)");
		return -1;
	}
	terminal_prepare_restore();
	atexit(display_done);
	mw_set_oom_handler(display_oom);
modes:
	nonl();
	raw();
	noecho();
	set_escdelay(25);
	curs_set(0);
	a->no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	if (!a->no_color && has_colors()) {
		start_color();
		use_default_colors();
		theme_init(1);
	} else
		theme_init(0);
	display_layout(a);
	return 0;
}

WINDOW *
display_status_win(void)
{
	return status_win;
}

static void
place(struct view *v, int h, int w, int y, int x)
{
	if (v->win)
		delwin(v->win);
	v->height = h < 1 ? 1 : h;
	v->width = w < 1 ? 1 : w;
	v->win = newwin(v->height, v->width, y, x);
	view_clamp(v);
}

void
display_layout(struct app *a)
{
	int lines = LINES, cols = COLS, main_h = lines - 2 - tutorial_layout(a, lines - 1, cols);
	int list_w = cols >= 140 ? 28 : (cols / 5 < 18 ? 18 : (cols / 5 > 26 ? 26 : cols / 5));

	if (title_win)
		delwin(title_win);
	if (status_win)
		delwin(status_win);
	title_win = newwin(1, cols, 0, 0);
	status_win = newwin(1, cols, lines - 1, 0);
	keypad(status_win, TRUE);
	if (main_h < 3)
		main_h = 3;
	place(&a->views[PANE_TABLES], main_h, list_w, 1, 0);
	if (cols >= 140) {
		int editor_w = (cols - list_w) * 11 / 20;

		place(&a->views[PANE_EDITOR], main_h, editor_w, 1, list_w);
		place(&a->views[PANE_PREVIEW], main_h, cols - list_w - editor_w, 1, list_w + editor_w);
	} else {
		int editor_h = main_h / 2 < 5 ? 5 : main_h / 2;

		/* A form docks in the editor's place; the preview keeps 8 rows below it. */
		if (a->form_h)
			editor_h = a->form_h > main_h - 8 ? main_h - 8 : a->form_h;
		if (editor_h < 5)
			editor_h = 5;

		place(&a->views[PANE_EDITOR], editor_h, cols - list_w, 1, list_w);
		place(&a->views[PANE_PREVIEW], main_h - editor_h, cols - list_w, 1 + editor_h, list_w);
	}
}

void
display_form_rect(struct app *a, int *y, int *x, int *h, int *w)
{
	const struct view *v = &a->views[PANE_EDITOR];

	getbegyx(v->win, *y, *x);
	*h = v->height;
	*w = v->width;
	if (a->form_h && a->form_h < *h) {
		/* A tall pane: the form at its foot, the edited table above it. */
		*y += *h - a->form_h;
		*h = a->form_h;
	}
	if (*x > 0) {
		/* Over the table list's border, so the form's own border replaces it. */
		(*x)--;
		(*w)++;
	}
}

/* What is reviewed, then the problem summary (in title-dirty when there are problems). */
static void
draw_review_title(struct app *a)
{
	mw_buf t = MW_BUF_INIT, state = MW_BUF_INIT;
	bool problem = false;
	int used;

	review_title(a, &t, &state, &problem);
	used = draw_text(title_win, 0, 0, COLS, mw_buf_cstr(&t), ELEM_TITLE, 0);
	used += draw_text(title_win, 0, used, COLS - used, mw_buf_cstr(&state),
			  problem ? ELEM_TITLE_DIRTY : ELEM_TITLE, 0);
	draw_fill(title_win, 0, used, COLS - used, ELEM_TITLE);
	mw_buf_release(&t);
	mw_buf_release(&state);
	wnoutrefresh(title_win);
}

static void title_flags(struct app *a, mw_buf *t);

static void
draw_title(struct app *a)
{
	struct session *s = a->s;
	mw_buf t = MW_BUF_INIT, flags = MW_BUF_INIT;
	int used, name_w;

	if (a->review) {
		draw_review_title(a);
		return;
	}
	title_flags(a, &flags);
	mw_buf_addf(&t, " mwschema  %s  [%s]  change: ", s->ws->name,
		    s->ws->branch ? s->ws->branch : "no git");
	name_w = COLS - draw_width(mw_buf_cstr(&t)) - draw_width(mw_buf_cstr(&flags));
	/* The flags must stay readable: a long change name gives way. */
	if (draw_width(session_title_name(s)) > name_w && name_w > 1) {
		mw_buf_add(&t, session_title_name(s), draw_fit(session_title_name(s), name_w - 1, NULL));
		mw_buf_addc(&t, '~');
	} else
		mw_buf_adds(&t, session_title_name(s));
	used = draw_text(title_win, 0, 0, COLS, mw_buf_cstr(&t), ELEM_TITLE, 0);
	used += draw_text(title_win, 0, used, COLS - used, mw_buf_cstr(&flags), ELEM_TITLE_DIRTY, 0);
	draw_fill(title_win, 0, used, COLS - used, ELEM_TITLE);
	mw_buf_release(&t);
	mw_buf_release(&flags);
	wnoutrefresh(title_win);
}

static void
title_flags(struct app *a, mw_buf *t)
{
	struct session *s = a->s;

	if (s->autosave_error.len)
		mw_buf_adds(t, "  [!] NO AUTOSAVE");
	if (s->dirty && !session_has_change(s))
		mw_buf_adds(t, "  [+] undone (w removes it)");
	else if (s->dirty)
		mw_buf_adds(t, "  [+] unsaved");
	else if (s->written)
		mw_buf_adds(t, "  written, not committed");
	if (a->show_rollback)
		mw_buf_adds(t, "  [rollback SQL]");
}

static const enum request hint_requests[] = {
	REQ_NEXT_PANE, REQ_ADD_COLUMN, REQ_EDIT, REQ_DROP, REQ_UNDO, REQ_WRITE,
	REQ_COMMIT, REQ_PROMPT, REQ_HELP, REQ_QUIT,
};
static const char *const hint_words[] = {
	"pane", "add", "edit", "drop", "undo", "write", "commit", "cmd", "help", "quit",
};
static const enum request review_hint_requests[] = {
	REQ_NEXT_CHANGE, REQ_PREV_CHANGE, REQ_NEXT_PANE, REQ_TOGGLE_ROLLBACK, REQ_PROMPT,
	REQ_HELP, REQ_QUIT,
};
static const char *const review_hint_words[] = {
	"next change", "previous", "pane", "rollback", "cmd (:export FILE)", "help", "quit",
};

#define STATUS_MAX_ROWS 3

/*
 * A message wider than the screen wraps onto up to two more rows drawn
 * over the panes' foot; a longer one ends in "~" and M shows it in full.
 */
static void
draw_status_message(struct app *a)
{
	enum element e = a->status_error ? ELEM_STATUS_ERROR : ELEM_STATUS;
	mw_buf wrapped = MW_BUF_INIT;
	size_t n = 0, at[STATUS_MAX_ROWS + 1];
	const char *t;

	display_wrap_line(&wrapped, mw_buf_cstr(&a->status), COLS);
	t = mw_buf_cstr(&wrapped);
	for (size_t i = 0; i < wrapped.len && n <= STATUS_MAX_ROWS; i += strcspn(t + i, "\n") + 1)
		at[n++] = i;
	if (n > STATUS_MAX_ROWS)
		n = STATUS_MAX_ROWS;
	for (size_t r = 0; r < n; r++) {
		bool last = r + 1 == n;
		size_t len = last ? strlen(t + at[r]) : strcspn(t + at[r], "\n");
		char *row = mw_xstrndup(t + at[r], len);
		WINDOW *w = last ? status_win : newwin(1, COLS, LINES - (int)(n - r), 0);

		for (char *nl = strchr(row, '\n'); nl; nl = strchr(nl, '\n'))
			*nl = ' ';
		werase(w);
		draw_text(w, 0, 0, COLS, row, e, 1);
		if (!last) {
			wnoutrefresh(w);
			delwin(w);
		}
		free(row);
	}
	mw_buf_release(&wrapped);
}

static void
draw_status(struct app *a)
{
	mw_buf t = MW_BUF_INIT;
	const enum request *reqs = a->review ? review_hint_requests : hint_requests;
	const char *const *words = a->review ? review_hint_words : hint_words;
	size_t n = a->review ? sizeof(review_hint_requests) / sizeof(*review_hint_requests)
			     : sizeof(hint_requests) / sizeof(*hint_requests);

	werase(status_win);
	if (a->status.len) {
		draw_status_message(a);
	} else {
		for (size_t i = 0; i < n; i++) {
			size_t mark = t.len;

			keys_describe(&t, KEYMAP_GENERIC, reqs[i]);
			/* Only the first key of each request fits. */
			if (strchr(t.data ? t.data + mark : "", ','))
				mw_buf_truncate(&t, mark + strcspn(t.data + mark, ","));
			if (t.len > mark)
				mw_buf_addf(&t, " %s%s", words[i], COLS >= 100 ? "  " : " ");
		}
		draw_text(status_win, 0, 0, COLS, mw_buf_cstr(&t), ELEM_STATUS_HINT, 1);
	}
	mw_buf_release(&t);
	wnoutrefresh(status_win);
}

void
display_render(struct app *a)
{
	/* Touching is cheap: curses still sends only the cells that differ. */
	touchwin(title_win);
	touchwin(status_win);
	draw_title(a);
	for (int i = 0; i < PANE_COUNT; i++) {
		touchwin(a->views[i].win);
		view_draw(&a->views[i], a->focus == i);
		wnoutrefresh(a->views[i].win);
	}
	tutorial_draw(a);
	draw_status(a);
}

void
display_redraw(struct app *a)
{
	display_render(a);
	doupdate();
}

/* Never silent: a failed autosave means the edits are not safe from a crash. */
static void
autosave(struct app *a)
{
	bool failed = a->s->autosave_error.len > 0;

	session_autosave(a->s);
	if (a->s->autosave_error.len)
		app_error(a, "%s", mw_buf_cstr(&a->s->autosave_error));
	if (failed || a->s->autosave_error.len) {
		draw_title(a);
		draw_status(a);
		doupdate();
	}
}

/*
 * C-z: raw mode takes it as a key, so the shell's job control is done
 * here: the edits go to the recovery file, the terminal is given back,
 * the process stops; on `fg` the screen is set up and drawn again.
 */
static void
suspend(struct app *a)
{
	if (a->s->autosave_due)
		session_autosave(a->s);
	endwin();
	terminal_restore_from_signal();	/* the mouse off too, and the saved mode */
	kill(getpid(), SIGTSTP);
	/* Continued. */
	reset_prog_mode();
	display_layout(a);
	clearok(curscr, TRUE);
	display_redraw(a);
}

int
display_getkey(struct app *a)
{
	wint_t ch;
	int rc;

	for (;;) {
		/* A pause in typing is when the recovery file gets written. */
		wtimeout(status_win, a->s->autosave_due ? autosave_idle_ms() : -1);
		rc = wget_wch(status_win, &ch);
		if (rc == ERR) {
			if (a->s->autosave_due)
				autosave(a);
			continue;
		}
		if (rc == OK && ch == KEY_CTRL('z')) {
			suspend(a);
			return KEY_FN(KEY_RESIZE);
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			display_layout(a);
			clearok(curscr, TRUE);
			display_redraw(a);
			return KEY_FN(KEY_RESIZE);
		}
		return rc == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch;
	}
}

bool
display_ask(struct app *a, const char *question)
{
	for (;;) {
		int key;

		werase(status_win);
		draw_text(status_win, 0, 0, COLS, question, ELEM_STATUS_ERROR, 1);
		wnoutrefresh(status_win);
		doupdate();
		key = display_getkey(a);
		if (key == 'y' || key == 'Y')
			return true;
		if (key == 'n' || key == 'N' || key == KEY_ESC || key == KEY_CTRL('c'))
			return false;
	}
}

/* The question wrapped to the screen's width, in a window over the bottom rows. */
static WINDOW *
question_win(const char *question)
{
	mw_buf text = MW_BUF_INIT;
	WINDOW *win;
	int n = 0, h;

	for (const char *q = question; *q; q += strcspn(q, "\n") + (q[strcspn(q, "\n")] != 0)) {
		char *para = mw_xstrndup(q, strcspn(q, "\n"));

		display_wrap_line(&text, para, COLS);
		free(para);
	}
	for (const char *p = mw_buf_cstr(&text); *p; p += strcspn(p, "\n") + 1)
		n++;
	h = n < 1 ? 1 : n > LINES ? LINES : n;
	win = newwin(h, COLS, LINES - h, 0);
	keypad(win, TRUE);
	werase(win);
	for (int y = 0; y < h; y++) {
		const char *line = mw_buf_cstr(&text);

		for (int k = 0; k < y; k++)
			line += strcspn(line, "\n") + 1;
		char *one = mw_xstrndup(line, strcspn(line, "\n"));

		draw_text(win, y, 0, COLS, one, ELEM_STATUS_ERROR, 1);
		free(one);
	}
	mw_buf_release(&text);
	return win;
}

int
display_choice(struct app *a, const char *question, const char *keys)
{
	WINDOW *win = NULL;
	int key = 0;

	for (;;) {
		if (!win) {
			win = question_win(question);
			wnoutrefresh(win);
			doupdate();
		}
		key = display_getkey(a);
		if (key == KEY_FN(KEY_RESIZE)) {
			delwin(win);
			win = NULL;
			continue;
		}
		if (key == KEY_RETURN) {
			key = keys[0];
			break;
		}
		if (key == KEY_ESC || key == KEY_CTRL('c')) {
			key = 0;
			break;
		}
		if (key > 0 && key < 128 && strchr(keys, tolower(key))) {
			key = tolower(key);
			break;
		}
	}
	delwin(win);
	display_render(a);
	return key;
}

char *
display_tilde(const char *path)
{
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;

	if (hl > 1 && !strncmp(path, home, hl) && path[hl] == '/')
		return mw_strdupf("~%s", path + hl);
	return mw_xstrdup(path);
}

void
display_notice(struct app *a, const char *fmt, ...)
{
	mw_buf text = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&text, fmt, ap);
	va_end(ap);
	mw_buf_adds(&text, " (Enter)");
	display_choice(a, mw_buf_cstr(&text), "\r");
	mw_buf_release(&text);
}

struct pager {
	mw_buf text;		/* the text wrapped to the window width */
	size_t *line;		/* offsets of the wrapped lines */
	size_t n, offset;
};

void
display_wrap_line(mw_buf *out, const char *line, int width)
{
	while (draw_width(line) > width) {
		size_t fit = draw_fit(line, width, NULL), cut = fit;

		while (cut > 0 && line[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = fit ? fit : 1;
		mw_buf_add(out, line, cut);
		mw_buf_addc(out, '\n');
		line += cut;
		line += *line == ' ';
	}
	mw_buf_addf(out, "%s\n", line);
}

static void
pager_wrap(struct pager *p, const char *text, int width)
{
	char *copy = mw_xstrdup(text), *l = copy;
	size_t cap = 0;

	mw_buf_reset(&p->text);
	while (l && *l) {
		char *nl = strchr(l, '\n');

		if (nl)
			*nl++ = 0;
		display_wrap_line(&p->text, l, width > 8 ? width : 8);
		l = nl;
	}
	free(copy);
	p->n = 0;
	for (size_t i = 0; i < p->text.len; i += strcspn(p->text.data + i, "\n") + 1) {
		if (p->n == cap)
			p->line = mw_xrealloc(p->line, (cap = cap ? cap * 2 : 64) * sizeof(*p->line));
		p->line[p->n++] = i;
	}
	if (p->offset >= p->n)
		p->offset = p->n ? p->n - 1 : 0;
}

static void
pager_draw(struct app *a, WINDOW *win, const char *title, struct pager *p)
{
	int h = getmaxy(win), w = getmaxx(win);

	werase(win);
	draw_text(win, 0, 0, w, title, ELEM_PANE_TITLE_FOCUS, 1);
	for (int y = 1; y < h; y++) {
		size_t i = p->offset + (size_t)y - 1;

		if (i < p->n) {
			const char *l = p->text.data + p->line[i];
			char *one = mw_xstrndup(l, strcspn(l, "\n"));

			draw_text(win, y, 0, w, one, ELEM_DEFAULT, 1);
			free(one);
		}
	}
	wnoutrefresh(win);
	werase(status_win);
	if (a->status.len)
		draw_text(status_win, 0, 0, COLS, mw_buf_cstr(&a->status),
			  a->status_error ? ELEM_STATUS_ERROR : ELEM_STATUS, 1);
	else
		draw_text(status_win, 0, 0, COLS, "j/k scroll  g/G top/bottom  / search  n/N next/prev  q close",
			  ELEM_STATUS_HINT, 1);
	wnoutrefresh(status_win);
	doupdate();
}

/* Moves the pager for one request; the page is the window's text height. */
static void
pager_move(struct pager *p, enum request req, size_t page)
{
	size_t last = p->n > page ? p->n - page : 0;

	if (req == REQ_MOVE_DOWN && p->offset < last)
		p->offset++;
	else if (req == REQ_MOVE_UP && p->offset)
		p->offset--;
	else if (req == REQ_MOVE_FIRST)
		p->offset = 0;
	else if (req == REQ_MOVE_LAST)
		p->offset = last;
	else if (req == REQ_MOVE_PAGE_DOWN)
		p->offset = p->offset + page / 2 < last ? p->offset + page / 2 : last;
	else if (req == REQ_MOVE_PAGE_UP)
		p->offset = p->offset > page / 2 ? p->offset - page / 2 : 0;
}

/* Puts the matching line at the top (as far as the text allows). */
static void
pager_search(struct app *a, struct pager *p, enum request req, size_t page)
{
	long i;

	mw_buf_reset(&a->status);
	i = search_request(a, req, p->text.data ? p->text.data : "", p->line, p->n, p->offset);
	if (i >= 0)
		p->offset = (size_t)i < (p->n > page ? p->n - page : 0) ? (size_t)i
			    : (p->n > page ? p->n - page : 0);
}

/* Esc and Enter always close; the rest follows the help keymap (q unless rebound). */
static enum request
pager_request(int key)
{
	if (key == KEY_ESC || key == KEY_RETURN)
		return REQ_QUIT;
	if (key == ' ')
		return REQ_MOVE_PAGE_DOWN;
	if (key == KEY_FN(KEY_MOUSE)) {
		int wheel = mouse_wheel();

		return wheel < 0 ? REQ_MOVE_UP : wheel > 0 ? REQ_MOVE_DOWN : REQ_NONE;
	}
	return keys_lookup(KEYMAP_HELP, key);
}

void
display_pager(struct app *a, const char *title, const char *text)
{
	struct pager p = { MW_BUF_INIT, NULL, 0, 0 };
	WINDOW *win = NULL;

	mw_buf_reset(&a->status);

	for (;;) {
		enum request req;
		int key;

		if (!win) {
			win = newwin(LINES - 2 > 1 ? LINES - 2 : 1, COLS, 1, 0);
			pager_wrap(&p, text, COLS);
		}
		pager_draw(a, win, title, &p);
		key = display_getkey(a);
		mw_buf_reset(&a->status);
		if (key == KEY_FN(KEY_RESIZE)) {
			delwin(win);
			win = NULL;
			continue;
		}
		req = pager_request(key);
		if (req == REQ_QUIT || req == REQ_QUIT_FORCE || req == REQ_HELP)
			break;
		if (req == REQ_SEARCH || req == REQ_FIND_NEXT || req == REQ_FIND_PREV)
			pager_search(a, &p, req, (size_t)getmaxy(win) - 1);
		else
			pager_move(&p, req, (size_t)getmaxy(win) - 1);
	}
	delwin(win);
	free(p.line);
	mw_buf_release(&p.text);
	display_redraw(a);
}

void
display_force_redraw(void)
{
	clearok(curscr, TRUE);
}

int
display_save(const char *path)
{
	FILE *fp = fopen(path, "w");
	wchar_t *row = mw_xmalloc(((size_t)COLS + 1) * sizeof(*row));

	if (!fp) {
		free(row);
		return -1;
	}
	for (int y = 0; y < LINES; y++) {
		int n = mvwinnwstr(curscr, y, 0, row, COLS);

		while (n > 0 && row[n - 1] == L' ')
			n--;
		row[n < 0 ? 0 : n] = 0;
		fprintf(fp, "%ls\n", row);
	}
	free(row);
	return fclose(fp) ? -1 : 0;
}

/* vim: set ts=8 sw=8 noexpandtab: */
