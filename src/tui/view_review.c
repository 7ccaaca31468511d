/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Review mode's views: the list of changes (in the table list's place),
 * the current change's status (in the editor's place), and the text the
 * preview pane shows in its tabs for that change. Like the preview, the
 * status lines are built once per change (keyed on review_generation) and
 * drawn one at a time.
 */
#include <config.h>

#include "tui/review.h"
#include "editor/adapt.h"
#include "editor/textdiff.h"
#include "tui/curses.h"
#include "tui/draw.h"
#include "mwschema/fs.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/*
 * The list of changes
 */

static size_t
list_lines(struct view *v)
{
	return v->app->review ? v->app->review->review->nitems : 0;
}

static void
list_draw(struct view *v, size_t lineno, int y, int selected)
{
	const mw_review_item *it = mw_review_item_at(v->app->review->review, lineno);
	enum element e = selected == 2 ? ELEM_CURSOR : selected ? ELEM_CURSOR_BLUR : ELEM_DEFAULT;
	char *base = mw_path_basename(it->path);
	size_t len = strlen(base);
	int w = v->width - 1;

	/* Every item is a JSON file: the extension only costs the narrow pane room. */
	if (len > 5 && !strcmp(base + len - 5, ".json"))
		base[len - 5] = 0;

	draw_text(v->win, y, 0, 3, it->problems ? "!! " : "ok ",
		  it->problems ? ELEM_REVIEW_PROBLEM : ELEM_REVIEW_OK, 1);
	draw_text(v->win, y, 3, w - 3, base, e, 1);
	mvwvline(v->win, y, w, ACS_VLINE, 1);
	free(base);
}

static void
list_title(struct view *v, int width)
{
	mw_buf t = MW_BUF_INIT;

	mw_buf_addf(&t, "Changes (%zu)", list_lines(v));
	draw_text(v->win, 0, 0, width - 1, mw_buf_cstr(&t),
		  v->app->focus == PANE_TABLES ? ELEM_PANE_TITLE_FOCUS : ELEM_PANE_TITLE, 1);
	mvwvline(v->win, 1, width - 1, ACS_VLINE, v->height - 1);
	mw_buf_release(&t);
}

static void
list_select(struct view *v)
{
	if (v->app->review && v->lineno != v->app->review->cur)
		review_show(v->app, v->lineno);
}

const struct view_ops review_list_ops = {
	.name = "changes",
	.keymap = KEYMAP_TABLES,
	.lines = list_lines,
	.draw = list_draw,
	.title = list_title,
	.request = NULL,
	.select = list_select,
};

/*
 * The status of the current change: one record per line, in its element.
 */

struct status_line {
	char *text;
	enum element elem;
};

static struct {
	unsigned gen;
	struct status_line *v;
	size_t n, cap;
} status;

static void MW_PRINTF(2, 3)
add_line(enum element elem, const char *fmt, ...)
{
	va_list ap;
	mw_buf t = MW_BUF_INIT;

	va_start(ap, fmt);
	mw_buf_vaddf(&t, fmt, ap);
	va_end(ap);
	if (status.n == status.cap) {
		status.cap = status.cap ? status.cap * 2 : 64;
		status.v = mw_xrealloc(status.v, status.cap * sizeof(*status.v));
	}
	status.v[status.n++] = (struct status_line){ mw_buf_detach(&t), elem };
}

static enum element
row_element(char mark)
{
	return mark == '+' ? ELEM_DIFF_ADD : mark == '-' ? ELEM_DIFF_DEL
	       : mark == '~' ? ELEM_ROW_CHANGED : ELEM_DEFAULT;
}

static void
status_rows(const mw_review_item *it)
{
	if (!it->nrows)
		return;
	add_line(ELEM_SECTION, it->kind == MW_REVIEW_CHANGE ? "Before/after" : "Tables");
	for (size_t i = 0; i < it->nrows; i++) {
		const mw_review_row *r = &it->rows[i];

		if (r->mark == '~')
			add_line(ELEM_ROW_CHANGED, "  ~ %s %s: %s  ->  %s", r->what, r->name, r->before,
				 r->after);
		else
			add_line(row_element(r->mark), "  %c %s %s: %s", r->mark, r->what, r->name,
				 r->before ? r->before : r->after);
	}
}

static void
status_sql(const mw_review_item *it)
{
	add_line(ELEM_SECTION, it->kind == MW_REVIEW_CHANGE
		 ? "Committed SQL against the JSON (drift), and updater entries"
		 : "Committed SQL against the JSON (drift)");
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_review_sql *s = &it->sql[d];
		mw_buf t = MW_BUF_INIT;

		/* Status first: it is what a narrow pane must still show. */
		mw_buf_addf(&t, "  %-11s %s", mw_dbms_title((mw_dbms)d), mw_review_sync_name(s->sync));
		if (s->sync == MW_REVIEW_SYNC_DIFFERS)
			mw_buf_addf(&t, " at line %d", s->first_line);
		if (it->kind == MW_REVIEW_CHANGE)
			mw_buf_addf(&t, "; updater entry: %s", mw_review_updater_name(s->updater));
		add_line(s->problem ? ELEM_REVIEW_PROBLEM : ELEM_REVIEW_OK, "%s", mw_buf_cstr(&t));
		mw_buf_release(&t);
		if (s->path)
			add_line(ELEM_FILE_PATH, "              file: %s", s->path);
		if (s->sync == MW_REVIEW_SYNC_DIFFERS) {
			add_line(ELEM_DIFF_DEL, "      committed: %s", s->committed_line);
			add_line(ELEM_DIFF_ADD, "      generated: %s", s->generated_line);
		}
		if (s->updater_hint)
			add_line(ELEM_REVIEW_PROBLEM, "      add to %s: %s", s->updater_file,
				 s->updater_hint);
	}
}

static void
status_roundtrip(const mw_review_item *it)
{
	const mw_verify_result *r = &it->roundtrip;
	bool failed = false;

	if (!it->roundtrip_ran) {
		add_line(ELEM_MUTED, "SQLite round trip: not run");
		return;
	}
	for (int st = 0; st < MW_VSTEP__COUNT; st++)
		failed |= r->status[st] == MW_VERIFY_FAIL;
	add_line(failed ? ELEM_REVIEW_PROBLEM : ELEM_SECTION, "SQLite round trip: %s",
		 failed ? "FAILED" : "pass");
	for (int st = 0; st < MW_VSTEP__COUNT; st++) {
		const char *name = mw_verify_step_title((mw_verify_step)st);
		const char *word = mw_verify_status_name(r->status[st]);

		if (r->status[st] == MW_VERIFY_FAIL)
			add_line(ELEM_REVIEW_PROBLEM, "  %-28s %s: %s", name, word,
				 r->detail[st] ? r->detail[st] : "");
		else
			add_line(r->status[st] == MW_VERIFY_PASS ? ELEM_REVIEW_OK : ELEM_MUTED,
				 "  %-28s %s", name, word);
	}
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void
status_lint(const mw_review_item *it)
{
	size_t count[MW_SEV_ERROR + 1] = { 0 };

	for (size_t i = 0; i < it->findings.n; i++)
		count[it->findings.items[i].severity]++;
	if (!it->findings.n)
		add_line(ELEM_REVIEW_OK, "Lint: no findings");
	else
		add_line(count[MW_SEV_ERROR] ? ELEM_POLICY_ERROR : ELEM_POLICY_WARNING,
			 "Lint: %zu error%s, %zu warning%s, %zu note%s  (tab 5 lists them, Enter "
			 "explains)", count[MW_SEV_ERROR], plural(count[MW_SEV_ERROR]),
			 count[MW_SEV_WARNING], plural(count[MW_SEV_WARNING]), count[MW_SEV_INFO],
			 plural(count[MW_SEV_INFO]));
}

static void
status_load_errors(const mw_review_item *it)
{
	mw_buf line = MW_BUF_INIT;

	for (size_t i = 0; i < it->load_errors.n; i++) {
		mw_buf_reset(&line);
		mw_diag_format(&line, &it->load_errors.items[i]);
		add_line(ELEM_REVIEW_PROBLEM, "  %s", mw_buf_cstr(&line));
	}
	mw_buf_release(&line);
}

static void
status_build(const mw_review_item *it)
{
	mw_buf t = MW_BUF_INIT;

	add_line(ELEM_SECTION, "%s %s (%s)", mw_review_kind_name(it->kind), it->path,
		 mw_review_touch_name(it->touch));
	add_line(ELEM_DEFAULT, "%s", it->title ? it->title : "");
	if (it->comment)
		add_line(ELEM_MUTED, "Comment: %s", it->comment);
	if (it->load_errors.n)
		add_line(ELEM_REVIEW_PROBLEM, "The JSON does not load:");
	status_load_errors(it);
	status_rows(it);
	if (it->doc)
		status_sql(it);
	if (it->kind == MW_REVIEW_CHANGE && it->doc) {
		add_line(it->problems & MW_REVIEW_P_SCHEMA ? ELEM_REVIEW_PROBLEM : ELEM_REVIEW_OK,
			 "Schema file: %s %s", it->schema_file ? it->schema_file : "-",
			 mw_review_schema_state_name(it->schema_state));
		status_roundtrip(it);
	}
	status_lint(it);
	mw_review_problems_describe(&t, it->problems);
	add_line(it->problems ? ELEM_REVIEW_PROBLEM : ELEM_REVIEW_OK, "Result: %s",
		 it->problems ? mw_buf_cstr(&t) : "ok");
	mw_buf_release(&t);
}

static void
status_refresh(const struct app *a)
{
	const mw_review_item *it = review_current(a);

	if (status.n && status.gen == review_generation(a))
		return;
	for (size_t i = 0; i < status.n; i++)
		free(status.v[i].text);
	status.n = 0;
	status.gen = review_generation(a);
	if (it)
		status_build(it);
	else
		add_line(ELEM_MUTED, "This revision changes no schema files.");
}

static size_t
summary_lines(struct view *v)
{
	status_refresh(v->app);
	return status.n;
}

static void
summary_draw(struct view *v, size_t lineno, int y, int selected)
{
	const char *text = status.v[lineno].text;
	enum element e = selected == 2 ? ELEM_CURSOR : selected ? ELEM_CURSOR_BLUR
			 : status.v[lineno].elem;

	draw_text(v->win, y, 0, v->width, text + draw_fit(text, v->hscroll, NULL), e, 1);
}

static void
summary_title(struct view *v, int width)
{
	const struct review_ui *rv = v->app->review;
	mw_buf t = MW_BUF_INIT;

	if (rv->review->nitems)
		mw_buf_addf(&t, "Change %zu of %zu (] next, [ previous)", rv->cur + 1,
			    rv->review->nitems);
	else
		mw_buf_adds(&t, "No schema changes");
	draw_text(v->win, 0, 0, width, mw_buf_cstr(&t),
		  v->app->focus == PANE_EDITOR ? ELEM_PANE_TITLE_FOCUS : ELEM_PANE_TITLE, 1);
	mw_buf_release(&t);
}

const struct view_ops review_summary_ops = {
	.name = "review",
	.keymap = KEYMAP_GENERIC,
	.lines = summary_lines,
	.draw = summary_draw,
	.title = summary_title,
	.request = NULL,
	.select = NULL,
};

/*
 * The preview's tabs over the current change (Policy is the preview's own).
 */

static void
preview_diff(mw_buf *out, const mw_review_item *it)
{
	const mw_change *c = it->doc ? &it->doc->change : NULL;
	mw_buf before = MW_BUF_INIT, after = MW_BUF_INIT;

	if (!it->doc) {
		mw_buf_addf(out, "%s does not load: the Policy tab and the status list why.\n",
			    it->path);
		return;
	}
	if (it->kind != MW_REVIEW_CHANGE) {
		/* A schema's JSON diff would be the whole file: its tables' summaries say more. */
		mw_buf_addf(out, "--- %s before\n+++ %s after\n", it->path, it->path);
		for (size_t i = 0; i < it->nrows; i++) {
			const mw_review_row *r = &it->rows[i];

			if (r->mark == ' ') {
				mw_buf_addf(out, "  %s %s: %s\n", r->what, r->name,
					    r->before ? r->before : r->after);
				continue;
			}
			if (r->before && r->mark != '+')
				mw_buf_addf(out, "- %s %s: %s\n", r->what, r->name, r->before);
			if (r->after && r->mark != '-')
				mw_buf_addf(out, "+ %s %s: %s\n", r->what, r->name, r->after);
		}
		return;
	}
	if (c->before)
		adapt_table_json(&before, c->before);
	if (c->after)
		adapt_table_json(&after, c->after);
	mw_buf_addf(out, "--- before: %s\n+++ after: %s\n", it->path, it->path);
	text_diff(out, mw_buf_cstr(&before), mw_buf_cstr(&after), 3);
	mw_buf_release(&before);
	mw_buf_release(&after);
}

static void
preview_sql(mw_buf *out, const mw_review_item *it, mw_dbms d, bool rollback)
{
	const mw_review_sql *s = &it->sql[d];
	const char *text = rollback ? s->rollback : s->generated;

	if (!text) {
		mw_buf_addf(out, "-- No %s %s: %s.\n", mw_dbms_title(d),
			    rollback ? "rollback" : "SQL", rollback && it->kind != MW_REVIEW_CHANGE
			    ? "schema files have none (r shows the SQL)" : mw_review_sync_name(s->sync));
		return;
	}
	mw_buf_addf(out, "-- %s of %s, as the JSON generates it (r shows the %s)\n",
		    rollback ? "Rollback" : "Patch", s->path ? s->path : "(no committed file)",
		    rollback ? "patch" : "rollback");
	mw_buf_adds(out, text);
}

static void
preview_files(mw_buf *out, const mw_review_item *it)
{
	mw_buf_addf(out, "The change's files at the reviewed revision:\n%s\n", it->path);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (it->sql[d].path)
			mw_buf_addf(out, "%s\n", it->sql[d].path);
	if (it->schema_file)
		mw_buf_addf(out, "%s\n", it->schema_file);
	mw_buf_adds(out, "\nUpdater files:\n");
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const char *f = it->sql[d].updater_file;
		bool seen = false;

		/* An extension has one hook file for every platform. */
		for (int e = 0; e < d && f; e++)
			seen |= it->sql[e].updater_file && !strcmp(it->sql[e].updater_file, f);
		if (f && !seen)
			mw_buf_addf(out, "%s\n", f);
	}
}

void
review_preview_text(const struct app *a, mw_buf *out)
{
	const mw_review_item *it = review_current(a);

	if (!it) {
		mw_buf_adds(out, "No schema change in this revision.\n");
		return;
	}
	switch (a->tab) {
	case TAB_DIFF:
		preview_diff(out, it);
		break;
	case TAB_MYSQL:
	case TAB_POSTGRES:
	case TAB_SQLITE:
		preview_sql(out, it, (mw_dbms)(a->tab - TAB_MYSQL), a->review->rollback);
		break;
	default:
		preview_files(out, it);
	}
}

const mw_diags *
review_findings(const struct app *a)
{
	static const mw_diags none = MW_DIAGS_INIT;
	const mw_review_item *it = review_current(a);

	return it ? &it->findings : &none;
}

/* vim: set ts=8 sw=8 noexpandtab: */
