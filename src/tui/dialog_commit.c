/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commit dialog: message from a template, Bug id, branch, the files
 * that go in, and the blocking lint errors, which must be fixed or
 * overridden explicitly before the commit goes through the git API.
 */
#include <config.h>

#include "tui/actions.h"
#include "tui/display.h"
#include "tui/form.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *verb;
	const char *fmt;	/* %s = the object (column, index) */
} subjects[] = {
	{ "addField", "Add the %s column" },
	{ "dropField", "Drop the %s column" },
	{ "modifyField", "Change the %s column" },
	{ "addIndex", "Add the %s index" },
	{ "dropIndex", "Drop the %s index" },
	{ "modifyPrimaryKey", "Change the primary key%s" },
	{ "addTable", "Add the table%s" },
};

/* Copies the n-th '...' string of `entry` into out. */
static void
quoted(mw_buf *out, const char *entry, int n)
{
	const char *p = entry;

	for (int i = 0; p && i < n * 2 + 1; i++) {
		p = strchr(p, '\'');
		if (p)
			p++;
	}
	if (p)
		mw_buf_add(out, p, strcspn(p, "'"));
}

/* "actor: Add the actor_email column", from the first updater entry. */
static void
message_template(mw_buf *out, const struct session *s)
{
	const char *entry = mw_buf_cstr(&s->updater);
	mw_buf verb = MW_BUF_INIT, table = MW_BUF_INIT, object = MW_BUF_INIT;

	quoted(&verb, entry, 0);
	quoted(&table, entry, 1);
	quoted(&object, entry, 2);
	if (!strcmp(mw_buf_cstr(&verb), "modifyPrimaryKey") || !strcmp(mw_buf_cstr(&verb), "addTable"))
		mw_buf_reset(&object);
	mw_buf_addf(out, "%s: ", mw_buf_cstr(&table));
	for (size_t i = 0; i < sizeof(subjects) / sizeof(*subjects); i++) {
		if (!strcmp(subjects[i].verb, mw_buf_cstr(&verb))) {
			mw_buf_addf(out, subjects[i].fmt, mw_buf_cstr(&object));
			break;
		}
	}
	if (out->len == table.len + 2)
		mw_buf_addf(out, "Schema change %s", s->change_name);
	mw_buf_release(&verb);
	mw_buf_release(&table);
	mw_buf_release(&object);
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

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
	if (*bug && (bug[0] != 'T' || !bug[1] || strspn(bug + 1, "0123456789") != strlen(bug + 1))) {
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

/* Rows: message, bug, branch, one per file, one per blocking error, override. */
static void
fill_commit_form(struct form *f, const struct session *s, size_t nfiles, size_t blocking)
{
	mw_buf msg = MW_BUF_INIT;
	const char *p = mw_buf_cstr(&s->files);
	size_t row = 3;

	message_template(&msg, s);
	form_init(f, "Commit the change", 3 + nfiles + blocking + (blocking ? 1 : 0));
	form_field(f, 0, FIELD_TEXT, "message", "message", mw_buf_cstr(&msg));
	form_field(f, 1, FIELD_TEXT, "Bug", "bug", NULL);
	form_field(f, 2, FIELD_TEXT, "branch", "branch", s->ws->branch);
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
		form_field(f, row, FIELD_NOTE, row == 3 + nfiles ? "lint errors" : "", NULL,
			   d->message);
		row++;
	}
	if (blocking)
		form_field(f, row, FIELD_BOOL, "override", "override", "no");
	mw_buf_release(&msg);
}

void
action_commit(struct app *a)
{
	struct session *s = a->s;
	size_t blocking, nfiles = count_lines(mw_buf_cstr(&s->files));
	struct form f;

	if (s->dirty) {
		if (!display_ask(a, "The change is not written yet. Write it now? (y/n)"))
			return;
		action_write(a);
		if (s->dirty)
			return;
	}
	if (!s->written) {
		app_error(a, "nothing to commit: write a change first");
		return;
	}
	blocking = mw_diags_count(&s->findings, MW_SEV_ERROR);
	fill_commit_form(&f, s, nfiles, blocking);
	f.validate = validate_commit;
	f.data = &blocking;
	if (form_run(a, &f) == 1) {
		mw_buf msg = MW_BUF_INIT, err = MW_BUF_INIT;

		mw_buf_adds(&msg, form_value(&f, "message"));
		if (*form_value(&f, "bug"))
			mw_buf_addf(&msg, "\n\nBug: %s", form_value(&f, "bug"));
		mw_buf_addc(&msg, '\n');
		if (session_commit(s, mw_buf_cstr(&msg), form_value(&f, "branch"), &err))
			app_error(a, "not committed: %s", mw_buf_cstr(&err));
		else
			app_info(a, "committed on %s: %s", s->ws->branch ? s->ws->branch : "?",
				 form_value(&f, "message"));
		mw_buf_release(&msg);
		mw_buf_release(&err);
	}
	form_free(&f);
}

/* vim: set ts=8 sw=8 noexpandtab: */
