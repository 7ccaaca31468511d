/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The review as JSON (mw_review_json, format "mwschema-review/1"): for bots
 * and CI. doc/review-json.md describes every member; a change to the shape
 * is a new format name. Identifiers are stable words, never the sentences
 * of the text rendering.
 */
#include <config.h>

#include "core/review/internal.h"
#include "mwschema/report.h"

#include <string.h>

static const char *const touch_ids[] = { "added", "modified", "sql-only", "file" };
static const char *const sync_ids[] = {
	"equal", "layout", "differs", "missing", "handwritten", "none", "extra", "unknown",
};
static const char *const updater_ids[] = { "present", "missing", "no-patch", "no-file", "n/a" };
static const char *const schema_ids[] = { "n/a", "in-sync", "behind", "other", "absent", "left" };
static const char *const problem_ids[] = { "load", "lint", "drift", "roundtrip", "updater",
					   "schema" };

/* "key": "value" (or null), with a comma before every member but the first. */
static void
member(mw_buf *out, bool *first, const char *key)
{
	mw_buf_addf(out, "%s\"%s\": ", *first ? "" : ", ", key);
	*first = false;
}

static void
str_member(mw_buf *out, bool *first, const char *key, const char *value)
{
	member(out, first, key);
	if (value)
		mw_report_json_string(out, value);
	else
		mw_buf_adds(out, "null");
}

static void
int_member(mw_buf *out, bool *first, const char *key, long value)
{
	member(out, first, key);
	mw_buf_addf(out, "%ld", value);
}

static void
bool_member(mw_buf *out, bool *first, const char *key, bool value)
{
	member(out, first, key);
	mw_buf_adds(out, value ? "true" : "false");
}

static void
problems_member(mw_buf *out, bool *first, unsigned problems)
{
	bool none = true;

	member(out, first, "problems");
	mw_buf_addc(out, '[');
	for (size_t i = 0; i < sizeof(problem_ids) / sizeof(*problem_ids); i++) {
		if (!(problems & (1u << i)))
			continue;
		mw_buf_addf(out, "%s\"%s\"", none ? "" : ", ", problem_ids[i]);
		none = false;
	}
	mw_buf_addc(out, ']');
}

static void
json_diag(mw_buf *out, const mw_diag *d)
{
	bool first = true;

	mw_buf_addc(out, '{');
	str_member(out, &first, "severity", mw_severity_name(d->severity));
	str_member(out, &first, "rule", d->rule);
	str_member(out, &first, "file", d->file);
	int_member(out, &first, "line", d->line);
	int_member(out, &first, "column", d->column);
	str_member(out, &first, "path", d->path);
	str_member(out, &first, "message", d->message);
	str_member(out, &first, "hint", d->hint);
	mw_buf_addc(out, '}');
}

static void
json_findings(mw_buf *out, bool *first, const mw_review_item *it)
{
	const mw_diags *lists[] = { &it->load_errors, &it->findings };
	bool none = true;

	member(out, first, "findings");
	mw_buf_addc(out, '[');
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			mw_buf_adds(out, none ? "" : ", ");
			json_diag(out, &lists[l]->items[i]);
			none = false;
		}
	mw_buf_addc(out, ']');
}

static const char *
mark_id(char mark)
{
	switch (mark) {
	case '+': return "added";
	case '-': return "dropped";
	case '~': return "changed";
	default: return "same";
	}
}

static void
json_rows(mw_buf *out, bool *first, const mw_review_item *it)
{
	member(out, first, "rows");
	mw_buf_addc(out, '[');
	for (size_t i = 0; i < it->nrows; i++) {
		const mw_review_row *r = &it->rows[i];
		bool f = true;

		mw_buf_adds(out, i ? ", {" : "{");
		str_member(out, &f, "change", mark_id(r->mark));
		str_member(out, &f, "what", r->what);
		str_member(out, &f, "name", r->name);
		str_member(out, &f, "before", r->before);
		str_member(out, &f, "after", r->after);
		mw_buf_addc(out, '}');
	}
	mw_buf_addc(out, ']');
}

static void
json_sql_one(mw_buf *out, const mw_review_sql *s)
{
	bool f = true;

	mw_buf_addc(out, '{');
	str_member(out, &f, "path", s->path);
	str_member(out, &f, "sync", sync_ids[s->sync]);
	member(out, &f, "first_line");
	if (s->sync == MW_REVIEW_SYNC_DIFFERS)
		mw_buf_addf(out, "%d", s->first_line);
	else
		mw_buf_adds(out, "null");
	str_member(out, &f, "committed_line", s->committed_line);
	str_member(out, &f, "generated_line", s->generated_line);
	str_member(out, &f, "updater", updater_ids[s->updater]);
	str_member(out, &f, "updater_file", s->updater_file);
	str_member(out, &f, "updater_hint", s->updater_hint);
	bool_member(out, &f, "problem", s->problem);
	str_member(out, &f, "generated", s->generated);
	str_member(out, &f, "rollback", s->rollback);
	mw_buf_addc(out, '}');
}

static void
json_sql(mw_buf *out, bool *first, const mw_review_item *it)
{
	member(out, first, "sql");
	mw_buf_addc(out, '{');
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf_addf(out, "%s\"%s\": ", d ? ", " : "", mw_dbms_name((mw_dbms)d));
		json_sql_one(out, &it->sql[d]);
	}
	mw_buf_addc(out, '}');
}

static void
json_roundtrip(mw_buf *out, bool *first, const mw_review_item *it)
{
	int bad = -1;
	bool f = true;

	for (int s = 0; it->roundtrip_ran && s < MW_VSTEP__COUNT; s++)
		if (bad < 0 && it->roundtrip.status[s] == MW_VERIFY_FAIL)
			bad = s;
	member(out, first, "roundtrip");
	mw_buf_addc(out, '{');
	bool_member(out, &f, "ran", it->roundtrip_ran);
	member(out, &f, "passed");
	mw_buf_adds(out, !it->roundtrip_ran ? "null" : bad < 0 ? "true" : "false");
	str_member(out, &f, "failed_step", bad < 0 ? NULL : mw_verify_step_title((mw_verify_step)bad));
	str_member(out, &f, "detail", bad < 0 ? NULL : it->roundtrip.detail[bad]);
	mw_buf_addc(out, '}');
}

static void
json_item(mw_buf *out, const mw_review_item *it)
{
	mw_buf verdict = MW_BUF_INIT;
	bool f = true;

	mw_review_item_verdict(&verdict, it);
	mw_buf_addc(out, '{');
	str_member(out, &f, "kind", mw_review_kind_name(it->kind));
	str_member(out, &f, "touch", touch_ids[it->touch]);
	str_member(out, &f, "path", it->path);
	str_member(out, &f, "title", it->title);
	str_member(out, &f, "comment", it->comment);
	bool_member(out, &f, "loaded", it->doc != NULL);
	bool_member(out, &f, "ok", !it->problems);
	str_member(out, &f, "verdict", mw_buf_cstr(&verdict));
	problems_member(out, &f, it->problems);
	int_member(out, &f, "warnings", (long)(mw_diags_count(&it->findings, MW_SEV_WARNING) -
					       mw_diags_count(&it->findings, MW_SEV_ERROR)));
	json_findings(out, &f, it);
	json_rows(out, &f, it);
	json_sql(out, &f, it);
	str_member(out, &f, "schema_file", it->schema_file);
	str_member(out, &f, "schema_state", schema_ids[it->schema_state]);
	json_roundtrip(out, &f, it);
	mw_buf_addc(out, '}');
	mw_buf_release(&verdict);
}

static void
json_commits(mw_buf *out, bool *first, const mw_review *review)
{
	member(out, first, "commits");
	mw_buf_addc(out, '[');
	for (size_t i = 0; i < review->ncommits; i++) {
		bool f = true;

		mw_buf_adds(out, i ? ", {" : "{");
		str_member(out, &f, "oid", review->commits[i].oid);
		str_member(out, &f, "subject", review->commits[i].subject);
		str_member(out, &f, "author", review->commits[i].author);
		mw_buf_addc(out, '}');
	}
	mw_buf_addc(out, ']');
}

void
mw_review_json(mw_buf *out, const mw_review *review)
{
	mw_buf verdict = MW_BUF_INIT;
	bool f = true;

	mw_review_verdict(&verdict, review);
	mw_buf_addc(out, '{');
	str_member(out, &f, "format", "mwschema-review/1");
	str_member(out, &f, "title", review->title);
	str_member(out, &f, "root", review->root);
	str_member(out, &f, "tip", review->tip[0] ? review->tip : NULL);
	str_member(out, &f, "base", review->base[0] ? review->base : NULL);
	json_commits(out, &f, review);
	int_member(out, &f, "files_changed", (long)review->nfiles);
	bool_member(out, &f, "ok", mw_review_ok(review));
	str_member(out, &f, "verdict", mw_buf_cstr(&verdict));
	problems_member(out, &f, review->problems);
	member(out, &f, "items");
	mw_buf_addc(out, '[');
	for (size_t i = 0; i < review->nitems; i++) {
		mw_buf_adds(out, i ? ",\n" : "\n");
		json_item(out, &review->items[i]);
	}
	mw_buf_adds(out, "]}\n");
	mw_buf_release(&verdict);
}
