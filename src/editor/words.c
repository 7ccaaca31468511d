/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The editor's words for a change (words.h).
 */
#include <config.h>

#include "editor/words.h"
#include "mwschema/commit.h"

#include <stdlib.h>
#include <string.h>

/* The verb and the object of one edit: "add" "field". */
static void
item_words(const mw_diff_item *it, const char **verb, const char **object)
{
	static const char *const verbs[MW_DIFF__COUNT] = {
		[MW_DIFF_TABLE_CREATE] = "create", [MW_DIFF_TABLE_DROP] = "drop",
		[MW_DIFF_COLUMN_ADD] = "add", [MW_DIFF_COLUMN_DROP] = "drop",
		[MW_DIFF_COLUMN_MODIFY] = "change", [MW_DIFF_COLUMN_RENAME] = "rename",
		[MW_DIFF_INDEX_ADD] = "add", [MW_DIFF_INDEX_DROP] = "drop",
		[MW_DIFF_INDEX_MODIFY] = "change", [MW_DIFF_INDEX_RENAME] = "rename",
		[MW_DIFF_PK_ADD] = "add", [MW_DIFF_PK_DROP] = "drop", [MW_DIFF_PK_MODIFY] = "change",
	};

	*verb = verbs[it->kind];
	switch (it->kind) {
	case MW_DIFF_TABLE_CREATE: case MW_DIFF_TABLE_DROP: *object = "table"; break;
	case MW_DIFF_COLUMN_ADD: case MW_DIFF_COLUMN_DROP:
	case MW_DIFF_COLUMN_MODIFY: case MW_DIFF_COLUMN_RENAME: *object = "field"; break;
	case MW_DIFF_PK_ADD: case MW_DIFF_PK_DROP: case MW_DIFF_PK_MODIFY: *object = NULL; break;
	default: *object = "index";
	}
}

static void
item_phrase(mw_buf *out, const mw_diff_item *it)
{
	const char *verb, *object;

	item_words(it, &verb, &object);
	if (!object)
		mw_buf_addf(out, "%s the primary key", verb);
	else if (it->kind == MW_DIFF_COLUMN_RENAME || it->kind == MW_DIFF_INDEX_RENAME)
		mw_buf_addf(out, "rename %s %s to %s", object, it->old_name, it->name);
	else
		mw_buf_addf(out, "%s %s %s", verb, object, it->name);
}

void
words_edits(mw_buf *out, const mw_table_diff *summary)
{
	for (size_t i = 0; i < summary->nitems; i++) {
		if (i)
			mw_buf_adds(out, ", ");
		item_phrase(out, &summary->items[i]);
	}
}

void
words_edits_between(mw_buf *out, const mw_table *older, const mw_table *newer)
{
	mw_table_diff d = MW_TABLE_DIFF_INIT;

	if (older && newer && !mw_table_diff_summary(&d, older, newer))
		words_edits(out, &d);
	else if (newer)
		mw_buf_addf(out, "create table %s", newer->name);
	else if (older)
		mw_buf_addf(out, "drop table %s", older->name);
	mw_table_diff_clear(&d);
}

/* More than one edit, and not a new or dropped table. */
static bool
several(const mw_table *after, const mw_table_diff *summary)
{
	if (!after || summary->nitems < 2)
		return false;
	for (size_t i = 0; i < summary->nitems; i++)
		if (summary->items[i].kind == MW_DIFF_TABLE_CREATE ||
		    summary->items[i].kind == MW_DIFF_TABLE_DROP)
			return false;
	return true;
}

char *
words_change_name(const mw_table *after, const mw_table_diff *summary)
{
	mw_buf out = MW_BUF_INIT;
	const char *last_verb = NULL;

	if (!several(after, summary))
		return NULL;
	mw_buf_addf(&out, "patch-%s", after->name);
	/*
	 * As the convention names one edit (patch-page-page_model,
	 * patch-drop-...): additions and changes by their object alone, drops
	 * and renames after their verb, once per run: patch-page-a-b-drop-c.
	 */
	for (size_t i = 0; i < summary->nitems && i < 4; i++) {
		const mw_diff_item *it = &summary->items[i];
		const char *verb, *object;

		item_words(it, &verb, &object);
		if (strcmp(verb, "drop") && strcmp(verb, "rename"))
			verb = "";
		if (*verb && (!last_verb || strcmp(last_verb, verb)))
			mw_buf_addf(&out, "-%s", verb);
		last_verb = verb;
		mw_buf_addf(&out, "-%s", object ? it->name : "pk");
	}
	if (summary->nitems > 4)
		mw_buf_adds(&out, "-more");
	return mw_buf_detach(&out);
}

char *
words_commit_subject(const mw_table *after, const mw_table_diff *summary)
{
	mw_buf out = MW_BUF_INIT;

	if (!several(after, summary))
		return NULL;
	mw_buf_addf(&out, "Change %s: ", after->name);
	words_edits(&out, summary);
	if (out.len > MW_COMMIT_SUBJECT_MAX) {
		/* Gerrit's limit: the first edit and a count; the body can say more. */
		mw_buf_reset(&out);
		mw_buf_addf(&out, "Change %s: ", after->name);
		item_phrase(&out, &summary->items[0]);
		mw_buf_addf(&out, " and %zu more edit%s", summary->nitems - 1,
			    summary->nitems == 2 ? "" : "s");
	}
	if (out.len > MW_COMMIT_SUBJECT_MAX) {
		mw_buf_release(&out);
		return NULL;
	}
	return mw_buf_detach(&out);
}

void
words_commit_body(mw_buf *out, const char *why, const char *optional, const char *rollback)
{
	if (why && *why)
		mw_buf_addf(out, "%s\n", why);
	if ((optional && *optional) || (rollback && *rollback))
		mw_buf_adds(out, out->len ? "\n" : "");
	if (optional && *optional)
		mw_buf_addf(out, "Optional: %s\n", optional);
	if (rollback && *rollback)
		mw_buf_addf(out, "Rollback: %s\n", rollback);
}

static bool
is_bare_number(const char *s)
{
	const char *p = s + (*s == '-');

	if (!*p)
		return false;
	for (; *p; p++)
		if (!strchr("0123456789.", *p))
			return false;
	return true;
}

bool
words_fit_options(mw_type type, bool *is_unsigned, bool *autoincrement, mw_buf *deflt,
		  mw_buf *said)
{
	bool numeric = mw_type_is_integer(type) || type == MW_T_DECIMAL || type == MW_T_FLOAT;
	size_t start = said->len;

	if (*is_unsigned && !numeric) {
		*is_unsigned = false;
		mw_buf_adds(said, "unsigned off");
	}
	if (*autoincrement && !mw_type_is_integer(type)) {
		*autoincrement = false;
		mw_buf_addf(said, "%sautoincrement off", said->len > start ? ", " : "");
	}
	if (!numeric && type != MW_T_BOOLEAN && is_bare_number(mw_buf_cstr(deflt))) {
		char *quoted = mw_strdupf("'%s'", mw_buf_cstr(deflt));

		mw_buf_reset(deflt);
		mw_buf_adds(deflt, quoted);
		free(quoted);
		mw_buf_addf(said, "%sdefault quoted as text", said->len > start ? ", " : "");
	}
	if (said->len == start)
		return false;
	mw_buf_addf(said, " for a %s column", mw_type_name(type));
	return true;
}

/* Levenshtein distance, with a swap of two neighbours as one edit; capped at 9. */
static size_t
distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), d[32][32];

	if (n > 30 || m > 30)
		return 9;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

const char *
words_suggest(const char *word, const char *const *names, size_t n)
{
	const char *pick = NULL, *prefixed = NULL;
	size_t best = strlen(word) <= 3 ? 2 : 3, nprefixed = 0;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);

		if (d < best) {
			best = d;
			pick = names[i];
		}
		if (*word && !strncmp(names[i], word, strlen(word))) {
			prefixed = names[i];
			nprefixed++;
		}
	}
	return pick ? pick : nprefixed == 1 ? prefixed : NULL;
}

void
words_pk(mw_buf *out, const mw_table *after)
{
	if (!after || !after->npk) {
		mw_buf_adds(out, "primary key cleared");
		return;
	}
	mw_buf_adds(out, "primary key set to (");
	for (size_t i = 0; i < after->npk; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", after->pk[i]);
	mw_buf_adds(out, ")");
}

/* vim: set ts=8 sw=8 noexpandtab: */
