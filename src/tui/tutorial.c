/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The running tutorial: which step is on, what the editor has shown during
 * it, the verdict of the step's check after each request, the panel below
 * the panes, and the `:tutorial` commands. The steps themselves are data
 * (tutorial_steps.c).
 */
#include <config.h>

#include "tui/tutorial_int.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>

/* The panel's height: a third of the screen, within these bounds. */
#define PANEL_MIN 6
#define PANEL_MAX 14
#define MAIN_MIN 8	/* rows the panes keep, at least */

/* `req`'s first key in the generic keymap, or ":name" when it has none. */
static void
add_key(mw_buf *out, enum request req, const char *quote)
{
	size_t mark;

	mw_buf_adds(out, quote);
	mark = out->len;
	keys_describe(out, KEYMAP_GENERIC, req);
	if (out->len == mark)
		mw_buf_addf(out, ":%s", request_name(req));
	else if (strchr(out->data + mark, ','))
		mw_buf_truncate(out, mark + strcspn(out->data + mark, ","));
	mw_buf_adds(out, quote);
}

/* Text as it is for Markdown (`quote` set); on screen without the code-span backticks. */
static void
add_text(mw_buf *out, const char *s, size_t n, const char *quote)
{
	for (size_t i = 0; i < n; i++)
		if (*quote || s[i] != '`')
			mw_buf_addc(out, s[i]);
}

/* `text` with each "{request-name}" replaced by the request's key. */
static void
expand_keys(mw_buf *out, const char *text, const char *quote)
{
	while (*text) {
		const char *open = strchr(text, '{'), *close = open ? strchr(open, '}') : NULL;
		char *name;
		enum request req;

		if (!close) {
			add_text(out, text, strlen(text), quote);
			return;
		}
		add_text(out, text, (size_t)(open - text), quote);
		name = mw_xstrndup(open + 1, (size_t)(close - open - 1));
		req = request_from_name(name);
		if (req == REQ_NONE)
			mw_buf_add(out, open, (size_t)(close - open + 1));
		else
			add_key(out, req, quote);
		free(name);
		text = close + 1;
	}
}

/* A step's text as the screen shows it: keys in, backticks out. */
static void
screen_text(mw_buf *out, const char *text)
{
	expand_keys(out, text, "");
}

/*
 * Steps
 */

static void
begin_step(struct app *a, size_t step)
{
	struct tutorial *t = a->tutorial;
	mw_buf err = MW_BUF_INIT;

	t->step = step < tut_nsteps ? step : tut_nsteps;
	t->stage = 0;
	t->seen_tabs = t->seen_panes = 0;
	t->tabs_gen = t->entry_gen = a->s->gen;
	t->entry_table = a->s->cur;
	t->entry_commits = a->s->commits;
	mw_table_free(t->saved);
	t->saved = NULL;
	t->result = TUT_PENDING;
	mw_buf_reset(&t->v.why);
	t->v.hint = NULL;
	t->just_done = false;
	if (tut_progress_save(t->state_dir, t->step, &err))
		app_error(a, "tutorial: progress not saved: %s", mw_buf_cstr(&err));
	mw_buf_release(&err);
}

/* What the editor shows now; what was shown before the last edit is forgotten. */
static void
observe(struct tutorial *t, const struct app *a)
{
	if (a->s->gen != t->tabs_gen) {
		t->seen_tabs = 0;
		t->tabs_gen = a->s->gen;
	}
	t->seen_tabs |= 1u << a->tab;
	t->seen_panes |= 1u << a->focus;
}

/* Runs the step's check; a step found done hands over to the next one. */
static void
evaluate(struct app *a)
{
	struct tutorial *t = a->tutorial;

	while (t->step < tut_nsteps) {
		mw_buf_reset(&t->v.why);
		t->v.hint = NULL;
		t->result = tut_steps[t->step].check(t, a, &t->v);
		if (t->result != TUT_DONE)
			return;
		begin_step(a, t->step + 1);
		t->just_done = true;
	}
}

void
tutorial_check(struct app *a)
{
	struct tutorial *t = a->tutorial;
	enum tut_result before;

	if (!t || t->step >= tut_nsteps)
		return;
	before = t->result;
	t->just_done = false;	/* the tick is shown until the next key */
	observe(t, a);
	evaluate(a);
	/* With the panel hidden, a wrong action still has to be seen. */
	if (t->hidden && t->result == TUT_WRONG && before != TUT_WRONG) {
		mw_buf why = MW_BUF_INIT;

		screen_text(&why, mw_buf_cstr(&t->v.why));
		app_error(a, "tutorial: %s", mw_buf_cstr(&why));
		mw_buf_release(&why);
	}
}

void
tutorial_attach(struct app *a, bool restart)
{
	struct tutorial *t = mw_xcalloc(1, sizeof(*t));
	size_t step;

	t->state_dir = tut_state_dir();
	a->tutorial = t;
	/* A fresh copy has nothing to recover from the old one (kept as backups). */
	while (restart && session_recovery_exists(a->s)) {
		mw_buf err = MW_BUF_INIT;
		char *backup = NULL;

		session_recovery_discard(a->s, &backup, &err);
		free(backup);
		mw_buf_release(&err);
	}
	step = tut_progress_load(t->state_dir);
	begin_step(a, step);
	if (step && step < tut_nsteps)
		app_info(a, "tutorial resumed at step %zu of %zu", step + 1, tut_nsteps);
	else if (!step)
		app_info(a, "tutorial: welcome! The panel below says what to do");
}

void
tutorial_free(struct app *a)
{
	struct tutorial *t = a->tutorial;

	if (!t)
		return;
	if (t->win)
		delwin(t->win);
	mw_table_free(t->saved);
	mw_buf_release(&t->v.why);
	free(t->state_dir);
	free(t);
	a->tutorial = NULL;
}

/*
 * The panel
 */

int
tutorial_layout(struct app *a, int bottom, int cols)
{
	struct tutorial *t = a->tutorial;
	int h = LINES / 3;

	if (t && t->win) {
		delwin(t->win);
		t->win = NULL;
	}
	if (!t || t->hidden)
		return 0;
	h = h < PANEL_MIN ? PANEL_MIN : h > PANEL_MAX ? PANEL_MAX : h;
	/* A small screen keeps a row more for the preview; ":tutorial text" has the rest. */
	if (bottom < 30 && h > PANEL_MIN + 1)
		h = PANEL_MIN + 1;
	if (bottom - 1 - h < MAIN_MIN)
		h = bottom - 1 - MAIN_MIN;
	if (h < 3)
		return 0;	/* too small a screen: the panes come first */
	t->win = newwin(h, cols, bottom - h, 0);
	return h;
}

struct painter {
	WINDOW *win;
	int y, h, w;
	bool overflow;
};

/* Draws `text` (keys expanded) wrapped to the panel, `lead` before its first line. */
static void
paint(struct painter *p, enum element e, const char *lead, const char *text)
{
	mw_buf full = MW_BUF_INIT, wrapped = MW_BUF_INIT;
	char *copy, *line;

	if (!text || !*text)
		return;
	mw_buf_adds(&full, lead);
	/* SQL (the step's extra) is shown as it is; texts get their keys. */
	if (e == ELEM_SQL)
		mw_buf_adds(&full, text);
	else
		screen_text(&full, text);
	copy = mw_buf_detach(&full);
	for (line = copy; line;) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl++ = 0;
		display_wrap_line(&wrapped, line, p->w - 2);
		line = nl && *nl ? nl : NULL;
	}
	for (const char *l = mw_buf_cstr(&wrapped); *l; l += strcspn(l, "\n") + 1) {
		char *one = mw_xstrndup(l, strcspn(l, "\n"));

		if (p->y >= p->h)
			p->overflow = true;
		else
			draw_text(p->win, p->y++, 1, p->w - 1, one, e, 1);
		free(one);
	}
	free(copy);
	mw_buf_release(&wrapped);
}

static void
paint_title(struct tutorial *t, int w)
{
	mw_buf left = MW_BUF_INIT, right = MW_BUF_INIT;
	int used;

	if (t->step < tut_nsteps)
		mw_buf_addf(&left, " Tutorial %zu/%zu: %s", t->step + 1, tut_nsteps,
			    tut_steps[t->step].title);
	else
		mw_buf_adds(&left, " Tutorial complete");
	if (t->just_done)
		mw_buf_addf(&left, "   \u2713 step %zu done", t->step);
	expand_keys(&right, "{tutorial} hides  :tutorial next|back|text|quit ", "");
	used = draw_text(t->win, 0, 0, w, mw_buf_cstr(&left), ELEM_TITLE, 0);
	draw_fill(t->win, 0, used, w - used, ELEM_TITLE);
	if (w - used > draw_width(mw_buf_cstr(&right)) + 2)
		draw_text(t->win, 0, w - draw_width(mw_buf_cstr(&right)), w,
			  mw_buf_cstr(&right), ELEM_TITLE, 0);
	mw_buf_release(&left);
	mw_buf_release(&right);
}

void
tutorial_draw(struct app *a)
{
	struct tutorial *t = a->tutorial;
	struct painter p;
	const struct tut_step *st;
	mw_buf extra = MW_BUF_INIT;

	if (!t || !t->win)
		return;
	p = (struct painter){ t->win, 1, getmaxy(t->win), getmaxx(t->win), false };
	werase(t->win);
	paint_title(t, p.w);
	if (t->step >= tut_nsteps) {
		paint(&p, ELEM_DEFAULT, "", tut_outro);
		paint(&p, ELEM_SECTION, "", "Quit with {quit}; :tutorial restart starts over.");
	} else {
		st = &tut_steps[t->step];
		if (t->result == TUT_WRONG) {
			paint(&p, ELEM_POLICY_ERROR, "\u2717 Not yet: ", mw_buf_cstr(&t->v.why));
			paint(&p, ELEM_POLICY_WARNING, "Hint: ", t->v.hint ? t->v.hint : st->hint);
		}
		paint(&p, ELEM_SECTION, "Do: ", st->task);
		if (t->result == TUT_PENDING)
			paint(&p, ELEM_POLICY_INFO, "\u2192 ", mw_buf_cstr(&t->v.why));
		paint(&p, ELEM_DEFAULT, "", st->explain);
		if (st->extra)
			st->extra(a, &extra);
		paint(&p, ELEM_SQL, "", mw_buf_cstr(&extra));
	}
	if (p.overflow)
		draw_text(t->win, p.h - 1, 1, p.w - 1, "\u2026 more: :tutorial text", ELEM_MUTED, 1);
	wnoutrefresh(t->win);
	mw_buf_release(&extra);
}

/*
 * Requests and commands
 */

/* The whole step, for a screen too small for the panel. */
static void
show_text(struct app *a)
{
	struct tutorial *t = a->tutorial;
	const struct tut_step *st = t->step < tut_nsteps ? &tut_steps[t->step] : NULL;
	mw_buf raw = MW_BUF_INIT, text = MW_BUF_INIT;
	char *title;

	if (st) {
		mw_buf_addf(&raw, "%s\n\nDo: %s\n\nIf it goes wrong: %s\n", st->explain, st->task,
			    st->hint);
		if (st->extra)
			st->extra(a, &raw);
	} else
		mw_buf_addf(&raw, "%s\n", tut_outro);
	screen_text(&text, mw_buf_cstr(&raw));
	title = st ? mw_strdupf("Tutorial %zu/%zu: %s", t->step + 1, tut_nsteps, st->title)
		   : mw_xstrdup("Tutorial complete");
	display_pager(a, title, mw_buf_cstr(&text));
	free(title);
	mw_buf_release(&raw);
	mw_buf_release(&text);
}

/* Asks, then closes this editor so that mwschema-edit reopens it on the tutorial's copy. */
static void
offer_start(struct app *a, int mode)
{
	const char *q = a->s->dirty
		? "Leave this workspace for the tutorial's private copy? Unsaved edits stay in "
		  "the recovery file. (y/n)"
		: "Leave this workspace for the tutorial's private copy of the demo? (y/n)";

	if (mode == 2 && a->tutorial)
		q = "Start the tutorial over on a fresh copy? Its current state is lost. (y/n)";
	if (!display_ask(a, q)) {
		app_info(a, "tutorial not started");
		return;
	}
	a->start_tutorial = mode;
	a->quit = true;
}

void
tutorial_request(struct app *a)
{
	struct tutorial *t = a->tutorial;

	if (!t) {
		offer_start(a, 1);
		return;
	}
	t->hidden = !t->hidden;
	display_layout(a);
	app_info(a, t->hidden ? "tutorial panel hidden (T shows it)" : "tutorial panel shown");
}

static void
leave(struct app *a)
{
	size_t step = a->tutorial->step;

	tutorial_free(a);
	display_layout(a);
	if (step < tut_nsteps)
		app_info(a, "left the tutorial at step %zu: mwschema tutorial resumes it", step + 1);
	else
		app_info(a, "left the finished tutorial");
}

void
tutorial_command(struct app *a, const char *arg)
{
	struct tutorial *t = a->tutorial;

	if (!strcmp(arg, "restart"))
		offer_start(a, 2);
	else if (!t && (!*arg || !strcmp(arg, "start")))
		offer_start(a, 1);
	else if (!t)
		app_error(a, "no tutorial is running: :tutorial starts it");
	else if (!*arg || !strcmp(arg, "text"))
		show_text(a);
	else if (!strcmp(arg, "next") || !strcmp(arg, "back")) {
		bool next = !strcmp(arg, "next");

		if (next ? t->step >= tut_nsteps : t->step == 0) {
			app_error(a, "tutorial: no %s step", next ? "next" : "earlier");
			return;
		}
		begin_step(a, next ? t->step + 1 : t->step - 1);
		if (t->hidden) {
			t->hidden = false;
			display_layout(a);
		}
	} else if (!strcmp(arg, "quit"))
		leave(a);
	else
		app_error(a, "tutorial: unknown '%s' (next, back, text, quit, restart)", arg);
}

/*
 * The document
 */

static void
markdown_para(mw_buf *out, const char *lead, const char *text)
{
	mw_buf raw = MW_BUF_INIT;
	char *copy, *para;

	mw_buf_adds(&raw, lead);
	expand_keys(&raw, text, "`");
	copy = mw_buf_detach(&raw);
	/* One Markdown paragraph per text paragraph, wrapped for reading as text. */
	for (para = copy; para;) {
		char *end = strstr(para, "\n\n");

		if (end)
			*end = 0;
		display_wrap_line(out, para, 79);
		mw_buf_addc(out, '\n');
		para = end ? end + 2 : NULL;
	}
	free(copy);
}

void
tutorial_markdown(mw_buf *out)
{
	keys_init();
	mw_buf_adds(out, "# The mwschema tutorial\n\n"
		    "<!-- Generated by `mwschema tutorial --markdown`; edit src/tui/tutorial_steps.c "
		    "instead. -->\n\n");
	markdown_para(out, "", tut_intro);
	for (size_t i = 0; i < tut_nsteps; i++) {
		const struct tut_step *st = &tut_steps[i];

		mw_buf_addf(out, "## %zu. %s\n\n", i + 1, st->title);
		markdown_para(out, "", st->explain);
		markdown_para(out, "**Your turn:** ", st->task);
		markdown_para(out, "**If the tutorial says \"Not yet\":** ", st->hint);
	}
	mw_buf_adds(out, "## What next\n\n");
	markdown_para(out, "", tut_outro);
	mw_buf_truncate(out, out->len - 1);
}

/* vim: set ts=8 sw=8 noexpandtab: */
