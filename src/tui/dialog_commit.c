/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commit dialog: subject and body from a template, Bug id, branch, the files
 * that go in, and the blocking lint errors, which must be fixed or
 * overridden explicitly before the commit goes through the git API.
 */
#include <config.h>

#include "tui/actions.h"
#include "tui/display.h"
#include "tui/form.h"
#include "tui/startup.h"
#include "editor/words.h"
#include "mwschema/commit.h"

#include <stdlib.h>
#include <string.h>

static int
validate_commit(struct form *f, void *data)
{
	size_t blocking = *(size_t *)data;
	const char *bug = form_value(f, "bug");
	int rc = 0;

	if (!*form_value(f, "message")) {
		form_set_error(f, "message", "a commit message is needed");
		rc = -1;
	}
	if (*bug && !mw_commit_bug_valid(bug)) {
		form_set_error(f, "bug", "a Phabricator task id like T12345, or empty");
		rc = -1;
	}
	if (!*form_value(f, "branch")) {
		form_set_error(f, "branch", "a branch name is needed");
		rc = -1;
	}
	if (blocking && !form_bool(f, "override")) {
		form_set_error(f, "override", "blocking lint errors: fix them, or set this to yes");
		rc = -1;
	}
	return rc;
}

#define HEAD_ROWS 6

/* The subject: all the change does when it does several things. */
static char *
default_subject(const struct session *s)
{
	char *words = words_commit_subject(s->after, &s->plan.summary);

	return words ? words : adapt_commit_subject(s->change_name, session_before(s), s->after);
}

/*
 * Rows: subject, Bug, branch, the body's template (why, optional?,
 * rollback), one per file, one per blocking error, override.
 */
static void
fill_commit_form(struct form *f, const struct session *s, size_t nfiles, size_t blocking)
{
	char *subject = default_subject(s);
	const char *p = mw_buf_cstr(&s->files);
	size_t row = HEAD_ROWS;

	form_init(f, "Commit the change", HEAD_ROWS + nfiles + blocking + (blocking ? 1 : 0));
	form_field(f, 0, FIELD_TEXT, "message", "message", subject);
	form_field(f, 1, FIELD_TEXT, "Bug", "bug", NULL);
	form_field(f, 2, FIELD_TEXT, "branch", "branch", s->ws->branch);
	form_field(f, 3, FIELD_TEXT, "body: why", "why", NULL);
	form_field(f, 4, FIELD_TEXT, "optional?", "optional",
		   "no: the code needs it");
	form_field(f, 5, FIELD_TEXT, "rollback", "rollback",
		   "revert; SQL: mwschema generate --reverse");
	for (size_t i = 0; i < nfiles; i++) {
		char *path = mw_xstrndup(p, strcspn(p, "\n"));

		form_field(f, row++, FIELD_NOTE, i ? "" : "files", NULL, path);
		p += strlen(path) + 1;
		free(path);
	}
	for (size_t i = 0; i < s->findings.n; i++) {
		const mw_diag *d = &s->findings.items[i];

		if (d->severity != MW_SEV_ERROR)
			continue;
		form_field(f, row, FIELD_NOTE, row == HEAD_ROWS + nfiles ? "lint errors" : "", NULL,
			   d->message);
		row++;
	}
	if (blocking)
		form_field(f, row, FIELD_BOOL, "override", "override", "no");
	free(subject);
}

/* The core refused: its reasons go to the status line, the first one shown. */
static void
report_refusal(struct app *a, const mw_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		if (diags->items[i].severity == MW_SEV_ERROR) {
			app_error(a, "not committed: %s", diags->items[i].message);
			return;
		}
	}
	app_error(a, "not committed: lint errors or drift");
}

/* A branch other than the current one is created from HEAD: only when the user says so. */
static bool
branch_agreed(struct app *a, const char *branch)
{
	const char *cur = a->s->ws->branch;
	char *q;
	bool yes;

	if (!*branch || (cur && !strcmp(cur, branch)))
		return true;
	q = mw_strdupf("Branch '%s' is not the current one (%s): create it from HEAD and commit "
		       "there? (y/n)", branch, cur ? cur : "detached HEAD");
	yes = display_ask(a, q);
	free(q);
	if (!yes)
		app_info(a, "not committed: the branch stays %s", cur ? cur : "detached HEAD");
	return yes;
}

static void
run_commit(struct app *a, struct form *f, bool force)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf err = MW_BUF_INIT, msg = MW_BUF_INIT, body = MW_BUF_INIT;
	char *subject = mw_xstrdup(form_value(f, "message"));
	int rc;

	if (!branch_agreed(a, form_value(f, "branch"))) {
		free(subject);
		return;
	}
	words_commit_body(&body, form_value(f, "why"), form_value(f, "optional"),
			  form_value(f, "rollback"));
	mw_buf_addf(&msg, "%s\n%s%s", subject, body.len ? "\n" : "", mw_buf_cstr(&body));
	rc = session_commit(a->s, mw_buf_cstr(&msg), form_value(f, "bug"), form_value(f, "branch"),
			    force, &diags, &err);
	if (rc > 0)
		report_refusal(a, &diags);
	else if (rc < 0)
		app_error(a, "not committed: %s", mw_buf_cstr(&err));
	else
		app_info(a, "committed %.12s on %s: %s", a->s->last_commit,
			 a->s->ws->branch ? a->s->ws->branch : "?", subject);
	mw_buf_release(&msg);
	mw_buf_release(&body);
	free(subject);
	mw_diags_free(&diags);
	mw_buf_release(&err);
}

void
action_commit(struct app *a)
{
	struct session *s = a->s;
	size_t blocking;
	struct form f;

	if (s->dirty) {
		if (!display_ask(a, "The change is not written yet. Write it now? (y/n)"))
			return;
		action_write(a);
		if (s->dirty)
			return;
	}
	/* A change written earlier (another run, another editor) is committed too. */
	if (!s->written && !startup_resume_pending(a))
		return;
	blocking = mw_diags_count(&s->findings, MW_SEV_ERROR);
	fill_commit_form(&f, s, count_lines(mw_buf_cstr(&s->files)), blocking);
	f.validate = validate_commit;
	f.data = &blocking;
	if (form_run(a, &f) == 1)
		run_commit(a, &f, blocking > 0);
	form_free(&f);
}

/* vim: set ts=8 sw=8 noexpandtab: */
