/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema review: the schema changes of a commit, a range, a branch or one
 * change file, as text or as markdown for a code review (see
 * mwschema/review.h; the curses review view renders the same data).
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"
#include "mwschema/review.h"
#include "tui/tui.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char review_help[] =
	"usage: mwschema review [REV | PATCH.json] [--format=text|markdown] [--no-roundtrip]\n"
	"                       [-C DIR]\n\n"
	"Shows, for each schema change a revision holds (change JSON files it adds or\n"
	"modifies, or whose generated SQL it touches) and each schema file it changes:\n"
	"the before/after table, the SQL per DBMS and its rollback, whether the\n"
	"committed SQL files equal what the JSON generates, the updater entries, lint\n"
	"findings and an SQLite round trip. Files are read as the revision has them.\n"
	"On a terminal without --format it opens a read-only review in the editor\n"
	"(] and [ move between changes, :export FILE writes the markdown, q quits).\n\n"
	"  REV          HEAD (default), a commit, A..B (the commits of B not in A), or\n"
	"               a branch name (the branch since it forked from its upstream,\n"
	"               main or master)\n"
	"  PATCH.json   a change file of the work tree instead of a revision\n"
	"  --format=F   print text or markdown (a summary to paste into Gerrit or\n"
	"               GitHub, with the SQL in collapsible blocks), even on a\n"
	"               terminal; text is the default when not on a terminal\n"
	"  --no-roundtrip  skip the SQLite round trip\n"
	"  -C DIR       run as if started in DIR (any directory of the checkout)\n\n"
	"Exit status: 0 everything in order, 1 the review found problems (drift, lint\n"
	"errors, a failed round trip, missing updater entries), 2 usage error, 3 git\n"
	"or I/O error (e.g. an unknown revision).\n";

struct review_args {
	mw_review_opts opts;
	const char *target;
	bool markdown;
	bool format_given;	/* --format: print even on a terminal */
	char *file;		/* PATCH.json, resolved against -C */
};

static bool
is_json_name(const char *s)
{
	size_t l = strlen(s);

	return l > 5 && !strcmp(s + l - 5, ".json");
}

static int
parse_option(struct review_args *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (!strncmp(arg, "--format=", 9)) {
		if (strcmp(arg + 9, "text") && strcmp(arg + 9, "markdown"))
			return cli_usage_error("review", "unknown format '%s' (text or markdown)",
					       arg + 9);
		a->markdown = !strcmp(arg + 9, "markdown");
		a->format_given = true;
	} else if (!strcmp(arg, "--no-roundtrip")) {
		a->opts.no_roundtrip = true;
	} else if (!strncmp(arg, "-C", 2)) {
		a->opts.dir = arg[2] ? arg + 2 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!a->opts.dir)
			return cli_usage_error("review", "-C needs a directory");
		if (!mw_is_dir(a->opts.dir))
			return cli_usage_error("review", "'%s' is not a directory", a->opts.dir);
	} else {
		return cli_usage_error("review", "unknown option '%s'", arg);
	}
	return 0;
}

static int
parse_args(struct review_args *a, int argc, char **argv)
{
	bool dashdash = false;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!dashdash && !strcmp(argv[i], "--")) {
			dashdash = true;
		} else if (!dashdash && argv[i][0] == '-' && argv[i][1]) {
			if ((rc = parse_option(a, argc, argv, &i)))
				return rc;
		} else if (a->target) {
			return cli_usage_error("review", "only one revision or change file may be "
					       "given");
		} else {
			a->target = argv[i];
		}
	}
	if (a->target && is_json_name(a->target)) {
		/* Like git -C, a relative path is relative to DIR. */
		a->file = a->opts.dir && a->target[0] != '/' ?
			  mw_path_join(a->opts.dir, a->target) : mw_xstrdup(a->target);
		a->opts.file = a->file;
	} else {
		a->opts.rev = a->target;
	}
	return 0;
}

/* A terminal gets control characters of names and values escaped; a pipe the bytes. */
static void
print_text(const mw_buf *text)
{
	mw_buf safe = MW_BUF_INIT;

	if (!isatty(STDOUT_FILENO)) {
		fputs(mw_buf_cstr(text), stdout);
		return;
	}
	mw_terminal_escape(&safe, mw_buf_cstr(text), text->len);
	fputs(mw_buf_cstr(&safe), stdout);
	mw_buf_release(&safe);
}

int
cmd_review(int argc, char **argv)
{
	struct review_args a;
	mw_review *review = NULL;
	mw_buf out = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc;

	if (cli_wants_help(argc, argv, review_help))
		return CLI_OK;
	memset(&a, 0, sizeof(a));
	if ((rc = parse_args(&a, argc, argv)))
		goto out;
	if (a.file && !mw_file_exists(a.file)) {
		fprintf(stderr, "mwschema review: %s: no such change file\n", a.file);
		rc = CLI_IO;
		goto out;
	}
	if (mw_review_open(&review, &a.opts, &err) < 0) {
		fprintf(stderr, "mwschema review: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
		goto out;
	}
	if (!a.format_given && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		rc = tui_review(review) ? CLI_IO : mw_review_ok(review) ? CLI_OK : CLI_PROBLEMS;
		goto out;
	}
	if (a.markdown)
		mw_review_markdown(&out, review);
	else
		mw_review_text(&out, review);
	print_text(&out);
	rc = mw_review_ok(review) ? CLI_OK : CLI_PROBLEMS;
	if (fflush(stdout) != 0)
		rc = CLI_IO;
out:
	mw_review_free(review);
	mw_buf_release(&out);
	mw_buf_release(&err);
	free(a.file);
	return rc;
}
