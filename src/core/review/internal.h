/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the review files: where files are read from (a git
 * revision or the work tree) and what every item's checks need.
 */
#ifndef MWSCHEMA_REVIEW_INTERNAL_H
#define MWSCHEMA_REVIEW_INTERNAL_H

#include "mwschema/code.h"
#include "mwschema/engine.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/review.h"
#include "mwschema/workspace.h"

/* The files of the checkout as the reviewed revision has them. */
struct review_src {
	mw_git *git;		/* NULL: read the work tree */
	const char *rev;	/* the tip commit id */
	const char *base;	/* what the tip is compared with; "" = nothing */
	char *prefix;		/* the root relative to the git work tree: "" or "ext/X/" */
	const char *root;	/* the checkout's root (absolute) */
};

struct review_ctx {
	mw_workspace *ws;		/* the layout: schema dirs, updater files */
	struct review_src src;
	mw_doc **schemas;		/* schema documents at the revision */
	size_t nschemas;
	mw_lint_others others;		/* the same schemas, for lint's schema-wide rules */
	mw_lint *lint;
	mw_engine *sqlite;		/* NULL: no round trip */
	mw_code *code;			/* the checkout's PHP at the revision, read once a
					   change needs it (code-still-uses) */
	bool code_read;
	mw_ws_registries updaters;	/* as the revision has them, each read once */
};

/* Reads root-relative `rel`: 0, 1 when there is no such file, negative on errors. */
int mw_review__read(mw_buf *out, const struct review_src *src, const char *rel, mw_buf *err);
/* Sorted names of the files in root-relative `dir` ending in `suffix`. */
size_t mw_review__list(char ***names, const struct review_src *src, const char *dir,
		       const char *suffix);
/*
 * Does Source label `label` (of the file at `near`) name JSON `rel`? Any of
 * MediaWiki's spellings counts, unless it names another document of the
 * work tree better.
 */
bool mw_review__label_names(const mw_workspace *ws, const char *label, const char *rel,
			    const char *near);

/* Loads and checks one item (path and touch set); negative with err on I/O errors. */
int mw_review__check_item(mw_review_item *item, struct review_ctx *ctx, mw_buf *err);
/*
 * The rows and the title of a loaded item; `old` is a schema file as it was
 * before the revision (NULL when new, or in file mode).
 */
void mw_review__rows(mw_review_item *item, const mw_schema *old);
void mw_review__item_clear(mw_review_item *item);

#endif /* MWSCHEMA_REVIEW_INTERNAL_H */
