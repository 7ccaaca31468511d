/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readline inside curses, through the callback interface: curses owns the
 * terminal, readline gets bytes from a queue we fill from wget_wch(), and
 * draws through our redisplay function into the status window.
 */
#include <config.h>

#include "tui/prompt.h"
#include "tui/command.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/options.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "mwschema/fs.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <readline/history.h>
#include <readline/readline.h>

static struct {
	unsigned char q[256];	/* bytes waiting for readline */
	size_t head, len;
	char *line;		/* the accepted line */
	bool finished;
	const char *prompt;
	struct app *app;
	char *history_path;
	FILE *devnull;
} P;

static int
queue_getc(FILE *unused)
{
	unsigned char c;

	if (!P.len)
		return EOF;
	c = P.q[P.head];
	P.head = (P.head + 1) % sizeof(P.q);
	P.len--;
	return c;
}

static int
queue_available(void)
{
	return P.len > 0;
}

static void
queue_add(const char *bytes, size_t n)
{
	for (size_t i = 0; i < n && P.len < sizeof(P.q); i++) {
		P.q[(P.head + P.len) % sizeof(P.q)] = (unsigned char)bytes[i];
		P.len++;
	}
}

static void
redisplay(void)
{
	WINDOW *win = display_status_win();
	char *head = mw_xstrndup(rl_line_buffer, (size_t)rl_point);
	int x, cols = getmaxx(win);

	werase(win);
	x = draw_text(win, 0, 0, cols, P.prompt, ELEM_STATUS, 0);
	draw_text(win, 0, x, cols - x, rl_line_buffer, ELEM_STATUS, 1);
	x += draw_width(head);
	wmove(win, 0, x < cols ? x : cols - 1);
	wnoutrefresh(win);
	doupdate();
	free(head);
}

static void
accept_line(char *line)
{
	P.line = line ? line : mw_xstrdup("");
	P.finished = true;
	rl_callback_handler_remove();
}

/*
 * Completion
 */

static char **candidates;
static size_t ncandidates;

static void
add_candidate(const char *s)
{
	candidates = mw_xrealloc(candidates, (ncandidates + 1) * sizeof(*candidates));
	candidates[ncandidates++] = mw_xstrdup(s);
}

static void
clear_candidates(void)
{
	mw_strv_free(candidates, ncandidates);
	candidates = NULL;
	ncandidates = 0;
}

static char *
generate(const char *text, int state)
{
	static size_t i;

	if (!state)
		i = 0;
	while (i < ncandidates) {
		const char *c = candidates[i++];

		if (!strncmp(c, text, strlen(text)))
			return strdup(c);	/* readline frees it with free() */
	}
	return NULL;
}

/* ":set theme = m<Tab>", ":set theme m<Tab>": the value of the theme option. */
static bool
set_value_wanted(void)
{
	const char *p = rl_line_buffer + strcspn(rl_line_buffer, " ");

	p += strspn(p, " ");
	if (strncmp(p, "theme", 5) || (p[5] != ' ' && p[5] != '='))
		return false;
	p += 5 + strspn(p + 5, " =");
	return p - rl_line_buffer <= rl_point && !strchr(p, ' ');
}

static void
collect(const char *first)
{
	struct session *s = P.app->s;
	const mw_table *t = session_table(s, s->cur);

	clear_candidates();
	if (!first) {
		size_t n;
		const struct command_info *c = command_list(&n);

		for (size_t i = 0; i < n; i++) {
			add_candidate(c[i].name);
			if (c[i].alias)
				add_candidate(c[i].alias);
		}
		for (int r = REQ_NONE + 1; r < REQ_COUNT; r++)
			add_candidate(request_name((enum request)r));
	} else if (!strcmp(first, "table")) {
		for (size_t i = 0; i < session_ntables(s); i++)
			add_candidate(session_table(s, (long)i)->name);
	} else if (!strcmp(first, "set") && set_value_wanted()) {
		for (const struct builtin_theme *th = builtin_themes; th->name; th++)
			add_candidate(th->name);
	} else if (!strcmp(first, "set")) {
		for (const char *const *o = options_names(); *o; o++)
			add_candidate(*o);
	} else {
		for (size_t i = 0; t && i < t->ncolumns; i++)
			add_candidate(t->columns[i].name);
		for (size_t i = 0; i < session_ntables(s); i++)
			add_candidate(session_table(s, (long)i)->name);
	}
}

static char **
complete(const char *text, int start, int end)
{
	char *first = NULL;
	char **matches;

	if (start > 0)
		first = mw_xstrndup(rl_line_buffer, strcspn(rl_line_buffer, " "));
	if (first && !strcmp(first, "open")) {
		free(first);
		return NULL;	/* readline's file name completion */
	}
	collect(first);
	free(first);
	rl_attempted_completion_over = 1;
	matches = rl_completion_matches(text, generate);
	return matches;
}

/*
 * Several matches: listed on up to three rows just above the command line
 * (which the prompt itself occupies), instead of on the tty.
 */
static void
show_matches(char **matches, int n, int longest)
{
	mw_buf list = MW_BUF_INIT, wrapped = MW_BUF_INIT;
	const char *l;
	int rows = 0;

	(void)longest;
	for (int i = 1; i <= n; i++)
		mw_buf_addf(&list, "%s  ", matches[i]);
	display_wrap_line(&wrapped, mw_buf_cstr(&list), COLS);
	for (l = mw_buf_cstr(&wrapped); *l; l += strcspn(l, "\n") + 1)
		rows++;
	rows = rows > 3 ? 3 : rows;
	l = mw_buf_cstr(&wrapped);
	for (int r = 0; r < rows; r++, l += strcspn(l, "\n") + 1) {
		WINDOW *w = newwin(1, COLS, LINES - 1 - rows + r, 0);
		char *row = mw_xstrndup(l, strcspn(l, "\n"));

		draw_text(w, 0, 0, COLS, row, ELEM_STATUS_HINT, 1);
		wnoutrefresh(w);
		delwin(w);
		free(row);
	}
	redisplay();
	mw_buf_release(&list);
	mw_buf_release(&wrapped);
}

void
prompt_init(void)
{
	char *dir = session_state_dir();

	P.history_path = mw_path_join(dir, "history");
	free(dir);
	P.devnull = fopen("/dev/null", "w");
	rl_readline_name = "mwschema";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = queue_getc;
	rl_input_available_hook = queue_available;
	rl_redisplay_function = redisplay;
	rl_attempted_completion_function = complete;
	rl_completion_display_matches_hook = show_matches;
	rl_outstream = P.devnull;
	rl_variable_bind("bell-style", "none");
	/* One Tab lists the matches (":table <Tab>"), as the status line has no bell. */
	rl_variable_bind("show-all-if-ambiguous", "on");
	using_history();
	stifle_history(1000);
	read_history(P.history_path);
}

void
prompt_done(void)
{
	if (P.history_path)
		write_history(P.history_path);
	free(P.history_path);
	P.history_path = NULL;
	clear_candidates();
	if (P.devnull)
		fclose(P.devnull);
	P.devnull = NULL;
}

/* Function keys as the escape sequences readline knows. */
static void
feed_key(int key)
{
	static const struct {
		int key;
		const char *seq;
	} seqs[] = {
		{ KEY_FN(KEY_LEFT), "\033[D" }, { KEY_FN(KEY_RIGHT), "\033[C" },
		{ KEY_FN(KEY_UP), "\033[A" }, { KEY_FN(KEY_DOWN), "\033[B" },
		{ KEY_FN(KEY_HOME), "\033[H" }, { KEY_FN(KEY_END), "\033[F" },
		{ KEY_FN(KEY_DC), "\033[3~" }, { KEY_FN(KEY_BACKSPACE), "\177" },
	};
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	for (size_t i = 0; i < sizeof(seqs) / sizeof(*seqs); i++) {
		if (seqs[i].key == key) {
			queue_add(seqs[i].seq, strlen(seqs[i].seq));
			return;
		}
	}
	if (key >= KEY_FN(0))
		return;
	memset(&st, 0, sizeof(st));
	n = wcrtomb(mb, (wchar_t)key, &st);
	if (n != (size_t)-1)
		queue_add(mb, n);
}

static void
remember(const char *line)
{
	HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;

	if (*line && (!last || strcmp(last->line, line)))
		add_history(line);
}

char *
prompt_read(struct app *a, const char *prompt, int history,
	    void (*on_change)(struct app *a, const char *text))
{
	P.app = a;
	P.prompt = prompt;
	P.finished = false;
	P.line = NULL;
	P.len = 0;
	rl_set_screen_size(1, COLS);
	rl_callback_handler_install(prompt, accept_line);
	curs_set(1);
	redisplay();
	while (!P.finished) {
		int key = display_getkey(a);

		if (key == KEY_FN(KEY_RESIZE)) {
			rl_set_screen_size(1, COLS);
			rl_forced_update_display();
			continue;
		}
		if (key == KEY_ESC || key == KEY_CTRL('c') || key == KEY_CTRL('g')) {
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			break;
		}
		feed_key(key);
		while (P.len && !P.finished)
			rl_callback_read_char();
		if (on_change && !P.finished) {
			on_change(a, rl_line_buffer);
			redisplay();
		}
	}
	curs_set(0);
	if (P.line && history)
		remember(P.line);
	return P.line;
}

/* vim: set ts=8 sw=8 noexpandtab: */
