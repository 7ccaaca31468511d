/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Renderings of a review (see mwschema/review.h): names of the states, the
 * plain-text report and the markdown summary for a code review.
 */
#include <config.h>

#include "core/review/internal.h"

#include <stdio.h>
#include <string.h>

const char *
mw_review_kind_name(mw_review_kind kind)
{
	return kind == MW_REVIEW_CHANGE ? "change" : "schema";
}

const char *
mw_review_touch_name(mw_review_touch touch)
{
	static const char *const names[] = { "added", "modified", "SQL only", "work tree" };

	return names[touch];
}

const char *
mw_review_sync_name(mw_review_sync sync)
{
	static const char *const names[] = {
		"in sync", "in sync (layout differs)", "differs", "missing", "hand-written",
		"no SQL (no change on this platform)", "extra (no change on this platform)",
		"unknown (JSON does not load)", "in sync (only the Source line differs)",
		"not generated in this checkout",
	};

	return names[sync];
}

const char *
mw_review_updater_name(mw_review_updater u)
{
	static const char *const names[] = {
		"present", "missing", "not needed (no patch)", "no updater file", "n/a",
	};

	return names[u];
}

const char *
mw_review_schema_state_name(mw_review_schema_state s)
{
	static const char *const names[] = {
		"n/a", "in sync", "behind (the change's \"after\" was not copied in)",
		"differs from the change (a later change or an edit)",
		"missing (the new table is in no schema file)",
		"still lists the dropped table",
	};

	return names[s];
}

void
mw_review_problems_describe(mw_buf *out, unsigned problems)
{
	static const char *const words[] = {
		"JSON does not load", "lint errors", "drift", "SQLite round trip failed",
		"updater entry missing", "schema file out of step",
	};
	bool first = true;

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (!(problems & (1u << i)))
			continue;
		mw_buf_addf(out, "%s%s", first ? "" : ", ", words[i]);
		first = false;
	}
}

/* The first failed step of the round trip, or NULL when it passed. */
static int
failed_step(const mw_verify_result *r)
{
	for (int s = 0; s < MW_VSTEP__COUNT; s++)
		if (r->status[s] == MW_VERIFY_FAIL)
			return s;
	return -1;
}

static void
roundtrip_words(mw_buf *out, const mw_review_item *it)
{
	int bad;

	if (!it->roundtrip_ran) {
		mw_buf_adds(out, "not run");
		return;
	}
	bad = failed_step(&it->roundtrip);
	if (bad < 0)
		mw_buf_adds(out, "pass");
	else
		mw_buf_addf(out, "FAIL at %s: %s", mw_verify_step_title((mw_verify_step)bad),
			    it->roundtrip.detail[bad] ? it->roundtrip.detail[bad] : "");
}

/*
 * Text
 */

static void
text_rows(mw_buf *out, const mw_review_item *it)
{
	for (size_t i = 0; i < it->nrows; i++) {
		const mw_review_row *r = &it->rows[i];

		mw_buf_addf(out, "    %c %s %s: ", r->mark, r->what, r->name);
		if (r->mark == '~')
			mw_buf_addf(out, "%s  ->  %s\n", r->before, r->after);
		else
			mw_buf_addf(out, "%s\n", r->before ? r->before : r->after);
	}
}

static void
text_sql_status(mw_buf *out, const mw_review_item *it)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_review_sql *s = &it->sql[d];

		mw_buf_addf(out, "    %-10s %s: %s", mw_dbms_title((mw_dbms)d),
			    s->path ? s->path : "-", mw_review_sync_name(s->sync));
		if (s->sync == MW_REVIEW_SYNC_DIFFERS)
			mw_buf_addf(out, " at line %d", s->first_line);
		if (it->kind == MW_REVIEW_CHANGE)
			mw_buf_addf(out, "; updater entry: %s", mw_review_updater_name(s->updater));
		mw_buf_adds(out, s->problem ? "  <-- PROBLEM\n" : "\n");
		if (s->sync == MW_REVIEW_SYNC_DIFFERS)
			mw_buf_addf(out, "      committed: %s\n      generated: %s\n",
				    s->committed_line, s->generated_line);
		if (s->updater_hint)
			mw_buf_addf(out, "      add to %s: %s\n", s->updater_file, s->updater_hint);
	}
}

static void
text_findings(mw_buf *out, const mw_review_item *it)
{
	const mw_diags *lists[] = { &it->load_errors, &it->findings };

	if (it->known_findings)
		mw_buf_addf(out, "  Lint: %zu finding%s the file had before this revision, not shown\n",
			    it->known_findings, it->known_findings == 1 ? "" : "s");
	if (!it->load_errors.n && !it->findings.n) {
		mw_buf_addf(out, "  Lint: no %sfindings\n", it->known_findings ? "new " : "");
		return;
	}
	mw_buf_adds(out, "  Lint:\n");
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			mw_buf line = MW_BUF_INIT;

			mw_diag_format(&line, &lists[l]->items[i]);
			mw_buf_addf(out, "    %s\n", mw_buf_cstr(&line));
			mw_buf_release(&line);
		}
}

static void
text_sql(mw_buf *out, const mw_review_item *it)
{
	/* A whole schema's CREATE statements would bury the changes: status only. */
	if (it->kind != MW_REVIEW_CHANGE)
		return;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_review_sql *s = &it->sql[d];

		if (s->generated)
			mw_buf_addf(out, "\n  --- %s (generated from the JSON)\n%s",
				    mw_dbms_title((mw_dbms)d), s->generated);
		if (s->rollback)
			mw_buf_addf(out, "\n  --- %s rollback\n%s", mw_dbms_title((mw_dbms)d),
				    s->rollback);
	}
}

void
mw_review_item_text(mw_buf *out, const mw_review *review, const mw_review_item *it)
{
	size_t index = (size_t)(it - review->items);

	mw_buf_addf(out, "[%zu/%zu] %s %s (%s)\n  %s\n", index + 1, review->nitems,
		    mw_review_kind_name(it->kind), it->path, mw_review_touch_name(it->touch),
		    it->title ? it->title : "");
	if (it->comment)
		mw_buf_addf(out, "  Comment: %s\n", it->comment);
	if (it->nrows) {
		mw_buf_adds(out, it->kind == MW_REVIEW_CHANGE ? "  Before/after:\n" : "  Tables:\n");
		text_rows(out, it);
	}
	if (it->doc) {
		mw_buf_adds(out, "  SQL per platform:\n");
		text_sql_status(out, it);
	}
	if (it->kind == MW_REVIEW_CHANGE && it->doc) {
		mw_buf_addf(out, "  Schema file: %s %s\n", it->schema_file ? it->schema_file : "-",
			    mw_review_schema_state_name(it->schema_state));
		mw_buf_adds(out, "  SQLite round trip: ");
		roundtrip_words(out, it);
		mw_buf_addc(out, '\n');
	}
	text_findings(out, it);
	mw_buf_adds(out, "  Result: ");
	if (it->problems)
		mw_review_problems_describe(out, it->problems);
	else
		mw_buf_adds(out, "ok");
	mw_buf_addc(out, '\n');
	text_sql(out, it);
}

void
mw_review_text(mw_buf *out, const mw_review *review)
{
	mw_buf_addf(out, "Review of %s\n", review->title);
	for (size_t i = 0; review->ncommits > 1 && i < review->ncommits; i++)
		mw_buf_addf(out, "  %.12s %s\n", review->commits[i].oid, review->commits[i].subject);
	mw_buf_addf(out, "%zu file%s changed, %zu schema item%s\n", review->nfiles,
		    review->nfiles == 1 ? "" : "s", review->nitems, review->nitems == 1 ? "" : "s");
	for (size_t i = 0; i < review->nitems; i++) {
		mw_buf_addc(out, '\n');
		mw_review_item_text(out, review, &review->items[i]);
	}
	mw_buf_adds(out, "\nReview result: ");
	if (review->problems)
		mw_review_problems_describe(out, review->problems);
	else
		mw_buf_adds(out, review->nitems ? "ok" : "no schema changes");
	mw_buf_addc(out, '\n');
}

/*
 * Markdown
 */

/* Table cells: a '|' would end the cell, a newline the row. */
static void
md_cell(mw_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			mw_buf_adds(out, "\\|");
		else
			mw_buf_addc(out, *s == '\n' ? ' ' : *s);
	}
}

static void
md_code_cell(mw_buf *out, const char *s)
{
	if (!s || !*s)
		return;
	mw_buf_addc(out, '`');
	md_cell(out, s);
	mw_buf_addc(out, '`');
}

static void
md_rows(mw_buf *out, const mw_review_item *it)
{
	mw_buf_adds(out, "| | | before | after |\n|---|---|---|---|\n");
	for (size_t i = 0; i < it->nrows; i++) {
		const mw_review_row *r = &it->rows[i];

		mw_buf_addf(out, "| %s | %s ", r->mark == ' ' ? "" : r->mark == '~' ? "changed" :
			    r->mark == '+' ? "added" : "dropped", r->what);
		md_code_cell(out, r->name);
		mw_buf_adds(out, " | ");
		md_code_cell(out, r->before);
		mw_buf_adds(out, " | ");
		md_code_cell(out, r->after);
		mw_buf_adds(out, " |\n");
	}
	mw_buf_addc(out, '\n');
}

static void
md_status_table(mw_buf *out, const mw_review_item *it)
{
	bool change = it->kind == MW_REVIEW_CHANGE;

	mw_buf_addf(out, "| DBMS | SQL generated | committed file in sync |%s\n",
		    change ? " updater entry | SQLite round trip |" : "");
	mw_buf_addf(out, "|---|---|---|%s\n", change ? "---|---|" : "");
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_review_sql *s = &it->sql[d];
		bool sync_bad = s->sync == MW_REVIEW_SYNC_DIFFERS || s->sync == MW_REVIEW_SYNC_EXTRA ||
				s->sync == MW_REVIEW_SYNC_HANDWRITTEN ||
				(s->problem && s->sync == MW_REVIEW_SYNC_MISSING);

		mw_buf_addf(out, "| %s | %s | %s%s", mw_dbms_title((mw_dbms)d),
			    s->generated ? "yes" : "no", sync_bad ? "**" : "",
			    mw_review_sync_name(s->sync));
		if (s->sync == MW_REVIEW_SYNC_DIFFERS)
			mw_buf_addf(out, " at line %d", s->first_line);
		mw_buf_addf(out, "%s ", sync_bad ? "**" : "");
		if (s->path)
			md_code_cell(out, s->path);
		mw_buf_adds(out, " |");
		if (change) {
			mw_buf_addf(out, " %s%s%s |", s->updater == MW_REVIEW_UPD_MISSING ? "**" : "",
				    mw_review_updater_name(s->updater),
				    s->updater == MW_REVIEW_UPD_MISSING ? "**" : "");
			if (d == MW_DBMS_SQLITE) {
				mw_buf round = MW_BUF_INIT;

				roundtrip_words(&round, it);
				mw_buf_addc(out, ' ');
				md_cell(out, mw_buf_cstr(&round));
				mw_buf_adds(out, " |");
				mw_buf_release(&round);
			} else {
				mw_buf_adds(out, " — |");
			}
		}
		mw_buf_addc(out, '\n');
	}
	mw_buf_addc(out, '\n');
}

static void
md_findings(mw_buf *out, const mw_review_item *it)
{
	const mw_diags *lists[] = { &it->load_errors, &it->findings };

	mw_buf_adds(out, "**Lint:**");
	if (!it->load_errors.n && !it->findings.n)
		mw_buf_addf(out, " no %sfindings", it->known_findings ? "new " : "");
	if (it->known_findings)
		mw_buf_addf(out, " (%zu the file had before this revision not shown)",
			    it->known_findings);
	mw_buf_adds(out, "\n\n");
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const mw_diag *d = &lists[l]->items[i];

			mw_buf_addf(out, "- **%s** ", mw_severity_name(d->severity));
			if (d->rule)
				mw_buf_addf(out, "`%s` ", d->rule);
			mw_buf_addf(out, "%s (line %d", d->message, d->line);
			if (d->path)
				mw_buf_addf(out, ", `%s`", d->path);
			mw_buf_adds(out, ")");
			if (d->hint)
				mw_buf_addf(out, " — %s", d->hint);
			mw_buf_addc(out, '\n');
		}
	if (it->load_errors.n || it->findings.n)
		mw_buf_addc(out, '\n');
}

static void
md_details(mw_buf *out, const char *summary, const char *path, const char *sql)
{
	mw_buf_addf(out, "<details><summary>%s", summary);
	if (path)
		mw_buf_addf(out, ", committed as <code>%s</code>", path);
	mw_buf_addf(out, "</summary>\n\n```sql\n%s```\n\n</details>\n\n", sql);
}

static void
md_sql(mw_buf *out, const mw_review_item *it)
{
	if (it->kind != MW_REVIEW_CHANGE)
		return;
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		const mw_review_sql *s = &it->sql[d];
		char title[64];

		if (s->generated) {
			snprintf(title, sizeof(title), "%s SQL (generated)", mw_dbms_title((mw_dbms)d));
			md_details(out, title, s->path, s->generated);
		}
		if (s->rollback) {
			snprintf(title, sizeof(title), "%s rollback", mw_dbms_title((mw_dbms)d));
			md_details(out, title, NULL, s->rollback);
		}
	}
}

static void
md_item(mw_buf *out, const mw_review_item *it, size_t index)
{
	mw_buf_addf(out, "### %zu. ", index + 1);
	md_cell(out, it->title);
	mw_buf_addf(out, "\n\n`%s` (%s %s)", it->path, mw_review_kind_name(it->kind),
		    mw_review_touch_name(it->touch));
	mw_buf_adds(out, it->problems ? " — **problems:** " : " — ok");
	mw_review_problems_describe(out, it->problems);
	mw_buf_adds(out, "\n\n");
	if (it->comment)
		mw_buf_addf(out, "> %s\n\n", it->comment);
	if (it->nrows)
		md_rows(out, it);
	if (it->doc)
		md_status_table(out, it);
	if (it->kind == MW_REVIEW_CHANGE && it->doc && it->schema_file)
		mw_buf_addf(out, "Schema file `%s`: %s\n\n", it->schema_file,
			    mw_review_schema_state_name(it->schema_state));
	else if (it->kind == MW_REVIEW_CHANGE && it->doc)
		mw_buf_addf(out, "Schema file: %s\n\n", mw_review_schema_state_name(it->schema_state));
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (it->sql[d].sync == MW_REVIEW_SYNC_DIFFERS)
			mw_buf_addf(out, "`%s` line %d is `%s`; the JSON generates `%s`\n\n",
				    it->sql[d].path, it->sql[d].first_line, it->sql[d].committed_line,
				    it->sql[d].generated_line);
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (it->sql[d].updater_hint)
			mw_buf_addf(out, "Missing updater entry in `%s`: `%s`\n\n",
				    it->sql[d].updater_file, it->sql[d].updater_hint);
	md_findings(out, it);
	md_sql(out, it);
}

void
mw_review_markdown(mw_buf *out, const mw_review *review)
{
	mw_buf_adds(out, "## Schema review: ");
	md_cell(out, review->title);
	mw_buf_adds(out, "\n\n");
	for (size_t i = 0; review->ncommits > 1 && i < review->ncommits; i++)
		mw_buf_addf(out, "- `%.12s` %s\n%s", review->commits[i].oid,
			    review->commits[i].subject, i + 1 == review->ncommits ? "\n" : "");
	mw_buf_addf(out, "**Result:** %s", review->problems ? "problems found: " :
		    review->nitems ? "everything in order" : "no schema changes");
	mw_review_problems_describe(out, review->problems);
	mw_buf_addf(out, " (%zu schema item%s, %zu file%s changed)\n\n", review->nitems,
		    review->nitems == 1 ? "" : "s", review->nfiles, review->nfiles == 1 ? "" : "s");
	for (size_t i = 0; i < review->nitems; i++)
		md_item(out, &review->items[i], i);
	mw_buf_adds(out, "<sub>Generated by mwschema review.</sub>\n");
}
