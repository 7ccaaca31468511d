/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema-edit: the curses front end as a program of its own, started by
 * mwschema (src/main.c) for the editor, the review mode and the tutorial.
 * Keeping it apart is what lets the headless commands run without loading
 * curses or readline. mwschema has checked the arguments already; this
 * reads the forms it passes:
 *
 *   mwschema-edit [--demo] [DIR]
 *   mwschema-edit --review [--no-roundtrip] [--] [REV | PATCH.json]
 *   mwschema-edit --tutorial [--restart]
 *   mwschema-edit --tutorial-markdown
 */
#include <config.h>

#include "mwschema/review.h"
#include "tui/tui.h"
#include "tui/tutorial.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

enum mode { EDIT, REVIEW, TUTORIAL, TUTORIAL_MARKDOWN };

struct args {
	enum mode mode;
	struct tui_start start;
	mw_review_opts review;
};

static int
usage(const char *arg)
{
	fprintf(stderr, "mwschema-edit: unexpected argument '%s'\n"
		"This program is run by mwschema: see 'mwschema --help'.\n", arg);
	return 2;
}

static int
parse(struct args *a, int argc, char **argv)
{
	bool dashdash = false;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (dashdash || arg[0] != '-') {
			if (a->mode == REVIEW && !a->review.rev)
				a->review.rev = arg;
			else if (a->mode == EDIT && !a->start.dir)
				a->start.dir = arg;
			else
				return usage(arg);
		} else if (!strcmp(arg, "--")) {
			dashdash = true;
		} else if (!strcmp(arg, "--demo") && a->mode == EDIT) {
			a->start.demo = true;
		} else if (i == 1 && !strcmp(arg, "--review")) {
			a->mode = REVIEW;
		} else if (i == 1 && !strcmp(arg, "--tutorial")) {
			a->mode = TUTORIAL;
			a->start.tutorial = 1;
		} else if (i == 1 && !strcmp(arg, "--tutorial-markdown")) {
			a->mode = TUTORIAL_MARKDOWN;
		} else if (!strcmp(arg, "--restart") && a->mode == TUTORIAL) {
			a->start.tutorial = 2;
		} else if (!strcmp(arg, "--no-roundtrip") && a->mode == REVIEW) {
			a->review.no_roundtrip = true;
		} else {
			return usage(arg);
		}
	}
	return 0;
}

static int
print_tutorial(void)
{
	mw_buf md = MW_BUF_INIT;

	tutorial_markdown(&md);
	fwrite(md.data, 1, md.len, stdout);
	mw_buf_release(&md);
	return fflush(stdout) || ferror(stdout) ? 3 : 0;
}

/* One session, then as many tutorial sessions as :tutorial asks for. */
static int
run(struct tui_start *start)
{
	int next, rc = tui_run(start, &next);

	while (rc == 0 && next) {
		struct tui_start tutorial = { NULL, false, next, NULL };

		rc = tui_run(&tutorial, &next);
	}
	return rc;
}

static int
review(struct args *a)
{
	const char *target = a->review.rev;
	size_t n = target ? strlen(target) : 0;
	mw_review *r = NULL;
	mw_buf err = MW_BUF_INIT;
	int rc;

	/* A change file of the work tree, or a revision (as mwschema review decides). */
	if (n > 5 && !strcmp(target + n - 5, ".json")) {
		a->review.file = target;
		a->review.rev = NULL;
	}
	if (mw_review_open(&r, &a->review, &err) < 0) {
		fprintf(stderr, "mwschema review: %s\n", mw_buf_cstr(&err));
		mw_buf_release(&err);
		return 3;
	}
	a->start.review = r;
	rc = run(&a->start);
	if (!rc)
		rc = mw_review_ok(r) ? 0 : 1;
	mw_review_free(r);
	return rc;
}

int
main(int argc, char **argv)
{
	struct args a;
	int rc;

	/* Curses needs the user's character set; numbers stay "C" for the JSON loader. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	memset(&a, 0, sizeof(a));
	if ((rc = parse(&a, argc, argv)))
		return rc;
	switch (a.mode) {
	case TUTORIAL_MARKDOWN:
		return print_tutorial();
	case REVIEW:
		return review(&a);
	default:
		return run(&a.start);
	}
}
