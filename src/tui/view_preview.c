/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The preview pane: Diff, the three SQL files byte for byte, Policy
 * findings and the Files list, one tab at a time. The text is rebuilt only
 * when the session or the tab changed.
 */
#include <config.h>

#include "tui/view.h"
#include "tui/curses.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/review.h"
#include "tui/search.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const tab_titles[TAB_COUNT] = {
	"1 Diff", "2 MySQL", "3 PostgreSQL", "4 SQLite", "5 Policy", "6 Files",
};

static struct {
	unsigned gen, review_gen;
	int tab;
	bool rollback;
	bool wrap;
	int width;		/* wrapped to, when wrap */
	bool valid;
	mw_buf text;
	size_t *line;		/* offsets of line starts */
	size_t n, cap;
} cache;

/* In review mode, the reviewed change's findings; else the edit's. */
static const mw_diags *
policy_findings(const struct app *a)
{
	return a->review ? review_findings(a) : &a->s->findings;
}

static void
build_policy(const struct app *a, mw_buf *out)
{
	const mw_diags *findings = policy_findings(a);

	if (!findings->n) {
		mw_buf_adds(out, (a->review ? review_current(a) != NULL : session_has_change(a->s))
			    ? "No findings: the change follows the policy.\n" : "No change yet.\n");
		return;
	}
	for (size_t i = 0; i < findings->n; i++) {
		const mw_diag *d = &findings->items[i];

		mw_buf_addf(out, "%-7s %s  [%s]\n", mw_severity_name(d->severity), d->message,
			    d->rule ? d->rule : "-");
	}
	mw_buf_adds(out, "\nEnter on a finding explains the rule.\n");
}

/*
 * The rollback is generated only while it is looked at: the per-keystroke
 * work stays the forward patch's.
 */
static void
build_rollback(const struct session *s, mw_dbms d, mw_buf *out)
{
	if (mw_change_plan_rollback(out, &s->plan, d, 0) == MW_GEN_NOCHANGE)
		mw_buf_addf(out, "-- No schema changes detected for %s: nothing to roll back.\n",
			    mw_dbms_title(d));
}

static void
build_rollback_files(const struct session *s, mw_buf *out)
{
	char *rel = session_change_rel(s);
	char *dir = mw_path_dirname(s->ws->schema_rel);
	char *rollback = mw_gen_output_name(rel, false, true);

	mw_buf_adds(out, "\nRollback (r shows it in the SQL tabs; w does not write it):\n");
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (!s->plan.nochange[d])
			mw_buf_addf(out, "  %s/%s/%s\n", dir, mw_dbms_name((mw_dbms)d), rollback);
	mw_buf_addf(out, "to write them: mwschema generate --reverse --type=all --json=%s --sql=%s\n",
		    rel, dir);
	free(rollback);
	free(dir);
	free(rel);
}

/*
 * The generated header (four comment lines before the first statement)
 * folded to one line naming the source, so the statements fit a small
 * pane; the files written keep it byte for byte.
 */
static void
fold_header(mw_buf *out, const char *sql)
{
	const char *p = sql, *source = NULL;
	size_t source_len = 0;
	int lines = 0;

	while (!strncmp(p, "--", 2)) {
		if (!strncmp(p, "-- Source: ", 11)) {
			source = p + 11;
			source_len = strcspn(source, "\n");
		}
		p += strcspn(p, "\n");
		p += *p == '\n';
		lines++;
	}
	if (lines < 2 || !source) {
		mw_buf_adds(out, sql);
		return;
	}
	for (size_t i = source_len; i > 0; i--) {
		if (source[i - 1] == '/') {
			source_len -= i;
			source += i;
			break;
		}
	}
	mw_buf_addf(out, "-- from %.*s (%d-line header folded)\n", (int)source_len, source, lines);
	mw_buf_adds(out, p);
}

static void
build_text(const struct app *a, mw_buf *out)
{
	const struct session *s = a->s;
	const char *empty = "No change yet: a adds a column to the table, ? shows the keys.\n";

	if (a->tab == TAB_POLICY) {
		build_policy(a, out);
		return;
	}
	if (a->review) {
		review_preview_text(a, out);
		return;
	}
	if (!session_has_change(s)) {
		mw_buf_adds(out, empty);
		return;
	}
	switch (a->tab) {
	case TAB_DIFF:
		mw_buf_addf(out, "--- before: %s\n+++ after: %s.json\n", s->ws->schema_rel,
			    s->change_name);
		mw_buf_add(out, s->diff.data, s->diff.len);
		break;
	case TAB_MYSQL:
	case TAB_POSTGRES:
	case TAB_SQLITE: {
		mw_dbms d = (mw_dbms)(a->tab - TAB_MYSQL);

		if (a->show_rollback)
			build_rollback(s, d, out);
		else if (s->plan.nochange[d])
			mw_buf_addf(out, "-- No schema changes detected for %s: no file is written.\n",
				    mw_dbms_title(d));
		else
			fold_header(out, mw_buf_cstr(&s->plan.sql[d]));
		break;
	}
	default:
		mw_buf_adds(out, "Written by w (paths from the checkout root):\n");
		mw_buf_add(out, s->files.data, s->files.len);
		mw_buf_adds(out, "\nUpdater entries:\n");
		mw_buf_add(out, s->updater.data, s->updater.len);
		build_rollback_files(s, out);
	}
}

static void
index_lines(void)
{
	size_t i = 0;
	const char *t = mw_buf_cstr(&cache.text);

	cache.n = 0;
	while (i < cache.text.len) {
		if (cache.n == cache.cap) {
			cache.cap = cache.cap ? cache.cap * 2 : 256;
			cache.line = mw_xrealloc(cache.line, cache.cap * sizeof(*cache.line));
		}
		cache.line[cache.n++] = i;
		i += strcspn(t + i, "\n") + 1;
	}
}

static char *expand_tabs(const char *s, size_t len, bool diff);

/* Wrapping can read; Policy keeps a line per finding (Enter explains one). */
static bool
wraps(const struct app *a)
{
	return a->wrap && a->tab != TAB_POLICY;
}

/* Each line cut to the pane's width; a diff's continuation keeps its +/- mark. */
static void
wrap_text(const struct app *a, int width)
{
	mw_buf out = MW_BUF_INIT;
	const char *t = mw_buf_cstr(&cache.text);
	bool diff = a->tab == TAB_DIFF;

	for (size_t i = 0; i < cache.text.len; i += strcspn(t + i, "\n") + 1) {
		char *line = expand_tabs(t + i, strcspn(t + i, "\n"), diff);
		const char *l = line;

		while (draw_width(l) > width && width > 2) {
			size_t cut = draw_fit(l, width, NULL);

			mw_buf_add(&out, l, cut);
			mw_buf_addc(&out, '\n');
			l += cut;
			if (diff && (*line == '+' || *line == '-'))
				mw_buf_addc(&out, *line);
			else if (diff)
				mw_buf_addc(&out, ' ');
		}
		mw_buf_addf(&out, "%s\n", l);
		free(line);
	}
	mw_buf_release(&cache.text);
	cache.text = out;
}

static void
refresh_cache(const struct app *a)
{
	int width = a->views[PANE_PREVIEW].width;

	if (cache.valid && cache.gen == a->s->gen && cache.review_gen == review_generation(a) &&
	    cache.tab == (int)a->tab && cache.rollback == a->show_rollback &&
	    cache.wrap == wraps(a) && (!cache.wrap || cache.width == width))
		return;
	mw_buf_reset(&cache.text);
	build_text(a, &cache.text);
	if (wraps(a))
		wrap_text(a, width);
	cache.wrap = wraps(a);
	cache.width = width;
	index_lines();
	cache.gen = a->s->gen;
	cache.review_gen = review_generation(a);
	cache.tab = (int)a->tab;
	cache.rollback = a->show_rollback;
	cache.valid = true;
}

static size_t
preview_lines(struct view *v)
{
	refresh_cache(v->app);
	return cache.n;
}

static bool
is_sql_keyword(const char *w, size_t n)
{
	static const char *const kw[] = {
		"ALTER", "TABLE", "ADD", "DROP", "CREATE", "INDEX", "UNIQUE", "PRIMARY", "KEY",
		"NOT", "NULL", "DEFAULT", "INSERT", "INTO", "SELECT", "FROM", "ON", "COLUMN",
		"CHANGE", "MODIFY", "RENAME", "TO", "TYPE", "SET", "CONSTRAINT", "TEMPORARY",
		"UNSIGNED", "AUTO_INCREMENT", "AUTOINCREMENT", "AS", "USING",
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(*kw); i++)
		if (strlen(kw[i]) == n && !strncmp(kw[i], w, n))
			return true;
	return false;
}

/* Keywords in their element, the rest plain; a chunk at a time. */
static void
draw_sql_line(WINDOW *win, int y, int width, const char *line)
{
	int x = 0;
	char chunk[512];

	if (!strncmp(line, "--", 2)) {
		draw_text(win, y, 0, width, line, ELEM_SQL_COMMENT, 1);
		return;
	}
	for (const char *p = line; *p && x < width;) {
		size_t n = 0;
		bool word = isalpha((unsigned char)*p) || *p == '_';

		while (p[n] && (word ? (isalnum((unsigned char)p[n]) || p[n] == '_')
				     : !(isalpha((unsigned char)p[n]) || p[n] == '_')))
			n++;
		if (n >= sizeof(chunk))
			n = sizeof(chunk) - 1;
		memcpy(chunk, p, n);
		chunk[n] = 0;
		x += draw_text(win, y, x, width - x, chunk,
			       word && is_sql_keyword(p, n) ? ELEM_SQL_KEYWORD : ELEM_SQL, 0);
		p += n;
	}
	draw_fill(win, y, x, width - x, ELEM_SQL);
}

static enum element
line_element(enum preview_tab tab, const char *line)
{
	if (tab == TAB_DIFF) {
		if (!strncmp(line, "+++", 3) || !strncmp(line, "---", 3))
			return ELEM_DIFF_HEADER;
		return *line == '+' ? ELEM_DIFF_ADD : *line == '-' ? ELEM_DIFF_DEL
			: *line == '@' ? ELEM_DIFF_HUNK : ELEM_DEFAULT;
	}
	if (tab == TAB_POLICY)
		return !strncmp(line, "error", 5) ? ELEM_POLICY_ERROR
		       : !strncmp(line, "warning", 7) ? ELEM_POLICY_WARNING : ELEM_POLICY_INFO;
	if (tab == TAB_FILES)
		return *line && !strchr(line, ' ') ? ELEM_FILE_PATH : ELEM_MUTED;
	return ELEM_DEFAULT;
}

/* JSON and SQL are indented with tabs: show them as 4-cell stops. */
static char *
expand_tabs(const char *s, size_t len, bool diff)
{
	mw_buf out = MW_BUF_INIT;
	size_t col = 0, i = 0;

	/* A diff's +/- column is outside the text: stops count after it. */
	if (diff && len) {
		mw_buf_addc(&out, s[i++]);
	}
	for (; i < len; i++) {
		if (s[i] == '\t') {
			do
				mw_buf_addc(&out, ' ');
			while (++col % 4);
		} else {
			mw_buf_addc(&out, s[i]);
			col += ((unsigned char)s[i] & 0xc0) != 0x80;
		}
	}
	if (!out.data)
		mw_buf_adds(&out, "");
	return mw_buf_detach(&out);
}

static void
preview_draw(struct view *v, size_t lineno, int y, int selected)
{
	const char *start = cache.text.data + cache.line[lineno];
	char *line = expand_tabs(start, strcspn(start, "\n"), v->app->tab == TAB_DIFF);
	const char *shown = line;

	/* Horizontal scroll: skip whole characters, as many cells as scrolled. */
	shown += draw_fit(line, v->hscroll, NULL);
	if (selected && v->app->tab == TAB_POLICY)
		draw_text(v->win, y, 0, v->width, shown, selected == 2 ? ELEM_CURSOR : ELEM_CURSOR_BLUR, 1);
	else if (v->app->tab >= TAB_MYSQL && v->app->tab <= TAB_SQLITE)
		draw_sql_line(v->win, y, v->width, shown);
	else
		draw_text(v->win, y, 0, v->width, shown, line_element(v->app->tab, line), 1);
	free(line);
}

static void
preview_title(struct view *v, int width)
{
	int x = 0;

	draw_fill(v->win, 0, 0, width, ELEM_TAB);
	for (int i = 0; i < TAB_COUNT && x < width; i++) {
		mw_buf t = MW_BUF_INIT;

		mw_buf_addf(&t, " %s ", tab_titles[i]);
		x += draw_text(v->win, 0, x, width - x, mw_buf_cstr(&t),
			       i == (int)v->app->tab ? ELEM_TAB_ACTIVE : ELEM_TAB, 0);
		mw_buf_release(&t);
	}
}

int
preview_tab_at(const struct view *v, int x)
{
	int left = 0;

	/* The same widths preview_title draws: " 1 Diff " and so on. */
	for (int i = 0; i < TAB_COUNT && left < v->width; i++) {
		int w = draw_width(tab_titles[i]) + 2;

		if (x >= left && x < left + w)
			return i;
		left += w;
	}
	return -1;
}

static void
explain_finding(struct app *a, size_t lineno)
{
	const mw_diag *d;
	const mw_lint_rule *rule;
	mw_buf text = MW_BUF_INIT;

	/* The findings are the first lines of the tab, in order. */
	if (lineno >= policy_findings(a)->n)
		return;
	d = &policy_findings(a)->items[lineno];
	mw_diag_format(&text, d);
	mw_buf_addf(&text, "\n\nRule: %s\nSeverity: %s\n", d->rule ? d->rule : "-",
		    mw_severity_name(d->severity));
	if (d->hint)
		mw_buf_addf(&text, "\nHow to fix it:\n  %s\n", d->hint);
	rule = d->rule ? mw_lint_rule_find(d->rule) : NULL;
	if (rule)
		mw_buf_addf(&text, "\nWhy this rule exists:\n%s\n", rule->explanation);
	display_pager(a, "Policy finding", mw_buf_cstr(&text));
	mw_buf_release(&text);
}

/* Outside Policy the pane has no cursor: j/k scroll the text. */
static enum request
preview_request(struct view *v, enum request req)
{
	size_t h = (size_t)view_body_height(v), n = preview_lines(v);

	if (req == REQ_SEARCH || req == REQ_FIND_NEXT || req == REQ_FIND_PREV) {
		long i = search_request(v->app, req, mw_buf_cstr(&cache.text), cache.line, n,
					v->app->tab == TAB_POLICY ? v->lineno : v->offset);

		if (i >= 0)
			v->lineno = v->offset = (size_t)i;
		view_clamp(v);
		return REQ_NONE;
	}
	if (v->app->tab == TAB_POLICY) {
		if (req == REQ_ENTER) {
			explain_finding(v->app, v->lineno);
			return REQ_NONE;
		}
		return req;
	}
	switch (req) {
	case REQ_MOVE_DOWN:
		v->lineno = v->offset + h < n ? v->offset + h : v->lineno;
		break;
	case REQ_MOVE_UP:
		v->lineno = v->offset ? v->offset - 1 : 0;
		break;
	default:
		return req;
	}
	view_clamp(v);
	return REQ_NONE;
}

const struct view_ops preview_ops = {
	.name = "preview",
	.keymap = KEYMAP_PREVIEW,
	.lines = preview_lines,
	.draw = preview_draw,
	.title = preview_title,
	.request = preview_request,
	.select = NULL,
};

/* vim: set ts=8 sw=8 noexpandtab: */
