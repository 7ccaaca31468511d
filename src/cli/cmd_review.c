/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema review: the schema changes of a commit, a range, a branch or one
 * change file, as text, markdown for a code review, or JSON for bots (see
 * mwschema/review.h). On a terminal without --format, the review opens in
 * the editor's review mode (mwschema-edit), which renders the same data.
 */
#include <config.h>

#include "cli/commands.h"
#include "mwschema/diag.h"
#include "mwschema/fs.h"
#include "mwschema/review.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD "review"

enum { OPT_FORMAT = CLI_LONG, OPT_NO_ROUNDTRIP };

static const struct cli_option options[] = {
	{ OPT_FORMAT, "format", "F", "print text, markdown (a summary to paste into Gerrit or "
	  "GitHub, with the SQL in collapsible blocks) or json (for bots and CI: see "
	  "doc/review-json.md), even on a terminal; text is the default when not on a terminal",
	  "text|markdown|json" },
	{ OPT_NO_ROUNDTRIP, "no-roundtrip", NULL, "skip the SQLite round trip", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_review(int argc, char **argv);

const struct cli_command cmd_review = {
	"review", "inspect the schema changes of a commit or a change file",
	"[OPTIONS] [REV | PATCH.json]",
	"Shows, for each schema change a revision holds (change JSON files it adds or\n"
	"modifies, or whose generated SQL it touches) and each schema file it changes:\n"
	"the before/after table, the SQL per DBMS and its rollback, whether the\n"
	"committed SQL files equal what the JSON generates, the updater entries, lint\n"
	"findings and an SQLite round trip. Files are read as the revision has them,\n"
	"and named relative to the checkout's root (as git show does). The first lines\n"
	"give the verdict, warnings included. On a terminal without --format it opens\n"
	"a read-only review in the editor (] and [ move between changes, :export FILE\n"
	"writes the markdown, q quits).\n"
	"\n"
	"  REV          HEAD (default), a commit, A..B (the commits of B not in A), or\n"
	"               a branch name (the branch since it forked from its upstream,\n"
	"               main or master)\n"
	"  PATCH.json   a change file of the work tree instead of a revision\n",
	options, "files", 1,
	"Exit status: 0 nothing needs the author (warnings may remain), 1 the review\n"
	"found problems (drift, lint errors, a failed round trip, missing updater\n"
	"entries), 2 usage error, 3 no checkout, git or I/O error (e.g. an unknown\n"
	"revision).\n",
	run_review, CLI_PAGED,
};

struct review_args {
	mw_review_opts opts;
	const char *target;
	const char *format;	/* NULL: the editor on a terminal, else text */
};

static bool
is_json_name(const char *s)
{
	size_t l = strlen(s);

	return l > 5 && !strcmp(s + l - 5, ".json");
}

/* 0 to go on, -1 after --help, or the exit code. */
static int
parse_args(struct review_args *r, int argc, char **argv)
{
	struct cli_args a;
	int key, rc = 0;

	cli_args_init(&a, &cmd_review, argc, argv);
	while ((key = cli_next(&a)) > 0) {
		if (key == OPT_FORMAT)
			r->format = a.value;
		else if (key == OPT_NO_ROUNDTRIP)
			r->opts.no_roundtrip = true;
	}
	if (key == CLI_STOP)
		rc = a.status ? a.status : -1;
	else if (a.noperands)
		r->target = a.operands[0];
	cli_args_release(&a);
	if (rc || !r->target)
		return rc;
	if (is_json_name(r->target))
		r->opts.file = r->target;
	else
		r->opts.rev = r->target;
	return 0;
}

/* The review UI is the editor's: hand the same arguments over. */
static int
open_in_editor(const struct review_args *r)
{
	char *argv[6] = { NULL };
	int n = 1;

	argv[n++] = (char *)"--review";
	if (r->opts.no_roundtrip)
		argv[n++] = (char *)"--no-roundtrip";
	if (r->target) {
		argv[n++] = (char *)"--";
		argv[n++] = (char *)r->target;
	}
	return cli_exec_editor(CMD, argv);
}

/*
 * A terminal gets control characters of names and values escaped (through
 * the pager too); a pipe gets the bytes. JSON escapes them itself.
 */
static void
print_review(const mw_buf *text, bool escape)
{
	mw_buf safe = MW_BUF_INIT;

	if (!escape) {
		fputs(mw_buf_cstr(text), stdout);
		return;
	}
	mw_terminal_escape(&safe, mw_buf_cstr(text), text->len);
	fputs(mw_buf_cstr(&safe), stdout);
	mw_buf_release(&safe);
}

static void
render(mw_buf *out, const mw_review *review, const char *format)
{
	if (!strcmp(format, "markdown"))
		mw_review_markdown(out, review);
	else if (!strcmp(format, "json"))
		mw_review_json(out, review);
	else
		mw_review_text(out, review);
}

static int
run_review(int argc, char **argv)
{
	struct review_args r;
	mw_review *review = NULL;
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;
	bool escape;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = parse_args(&r, argc, argv)))
		return rc < 0 ? CLI_OK : rc;
	if (r.opts.file && cli_check_input(CMD, r.opts.file))
		return CLI_IO;
	if (!r.format && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return open_in_editor(&r);
	if (mw_review_open(&review, &r.opts, &err) < 0) {
		rc = cli_fail(CLI_IO, CMD, "%s", mw_buf_cstr(&err));
		goto out;
	}
	render(&out, review, r.format ? r.format : "text");
	escape = !(r.format && !strcmp(r.format, "json"));
	cli_pager_start();
	print_review(&out, escape && cli_output_is_terminal());
	rc = mw_review_ok(review) ? CLI_OK : CLI_PROBLEMS;
	if (fflush(stdout) != 0)
		rc = CLI_IO;
out:
	mw_review_free(review);
	mw_buf_release(&out);
	mw_buf_release(&err);
	return rc;
}
