/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Change rules about the patch as a whole: its file name, and whether the
 * generator produces SQL for it on each DBMS.
 */
#include <config.h>

#include "core/lint/lint_rules.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"

#include <stdlib.h>
#include <string.h>

static bool
starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "patch-<table>" exactly or followed by "-". */
static bool
names_table(const char *base, const char *prefix, const char *table)
{
	size_t n = strlen(prefix), m = strlen(table);

	return starts_with(base, prefix) && !strncmp(base + n, table, m) &&
	       (base[n + m] == '\0' || base[n + m] == '-');
}

/* `word` appears in `base`, '-' and '_' taken as the same (patch-add-ce-event-goals). */
static bool
mentions(const char *base, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = base; n && *p; p++) {
		size_t i = 0;

		while (i < n && p[i] && (p[i] == word[i] || (strchr("-_", p[i]) && strchr("-_", word[i]))))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* The first column of `from` missing in `to`, or NULL. */
static const char *
first_missing_column(const mw_table *from, const mw_table *to)
{
	for (size_t i = 0; i < from->ncolumns; i++)
		if (!mw_table_column(to, from->columns[i].name))
			return from->columns[i].name;
	return NULL;
}

static const char *
first_changed_column(const mw_table *before, const mw_table *after)
{
	for (size_t i = 0; i < after->ncolumns; i++) {
		const mw_column *b = mw_table_column(before, after->columns[i].name);

		if (b && !mw_column_equal(b, &after->columns[i]))
			return after->columns[i].name;
	}
	return NULL;
}

static const char *
first_new_index(const mw_table *from, const mw_table *to)
{
	for (size_t i = 0; i < from->nindexes; i++)
		if (!mw_table_index(to, from->indexes[i].name))
			return from->indexes[i].name;
	return NULL;
}

/* The first index of `after` whose definition differs from the one of that name in `before`. */
static const char *
first_changed_index(const mw_table *before, const mw_table *after)
{
	for (size_t i = 0; i < after->nindexes; i++) {
		const mw_index *b = mw_table_index(before, after->indexes[i].name);
		mw_index tmp;

		if (!b)
			continue;
		tmp = *b;
		tmp.comment = after->indexes[i].comment;
		if (!mw_index_equal(&tmp, &after->indexes[i]))
			return after->indexes[i].name;
	}
	return NULL;
}

static bool
pk_differs(const mw_table *b, const mw_table *a)
{
	if (a->npk != b->npk)
		return true;
	for (size_t i = 0; i < a->npk; i++)
		if (strcmp(a->pk[i], b->pk[i]))
			return true;
	return false;
}

/* `base` names some column or index the change adds, drops or redefines. */
static bool
mentions_any(const char *base, const mw_table *b, const mw_table *a)
{
	const mw_table *sides[2] = { b, a };

	for (int k = 0; k < 2; k++) {
		const mw_table *t = sides[k], *o = sides[1 - k];

		for (size_t i = 0; i < t->ncolumns; i++) {
			const mw_column *x = mw_table_column(o, t->columns[i].name);

			if ((!x || !mw_column_equal(x, &t->columns[i])) && mentions(base, t->columns[i].name))
				return true;
		}
		for (size_t i = 0; i < t->nindexes; i++) {
			const mw_index *x = mw_table_index(o, t->indexes[i].name);

			if ((!x || !mw_index_equal(x, &t->indexes[i])) && mentions(base, t->indexes[i].name))
				return true;
		}
	}
	return false;
}

/* The name the policy asks for; *ok tells whether `base` already fits. */
static char *
expected_name(const mw_change *ch, const char *base, bool *ok)
{
	const mw_table *b = ch->before, *a = ch->after;
	const char *field;

	if (!b) {
		*ok = names_table(base, "patch-", a->name) || mentions(base, a->name);
		return mw_strdupf("patch-%s", a->name);
	}
	if (!a) {
		*ok = strstr(base, "drop") && strstr(base, b->name);
		return mw_strdupf("patch-drop-%s", b->name);
	}
	/* "patch-add-af_actor" names the field: as clear as the table (AbuseFilter, CentralAuth) */
	*ok = names_table(base, "patch-", a->name) || names_table(base, "patch-drop-", a->name) ||
	      mentions_any(base, b, a);
	if ((field = first_missing_column(a, b)) || (field = first_changed_column(b, a)) ||
	    (field = first_new_index(a, b))) {
		return mw_strdupf("patch-%s-%s", a->name, field);
	}
	/* a new key (often replacing a unique index: "unique-to-pk") */
	if (pk_differs(b, a))
		return mw_strdupf("patch-%s-pk", a->name);
	if ((field = first_missing_column(b, a)) || (field = first_new_index(b, a))) {
		/* a pure drop says so in its name */
		*ok = *ok && strstr(base, "drop");
		return mw_strdupf("patch-drop-%s-%s", a->name, field);
	}
	/* an index redefined under its name, e.g. no longer unique */
	if ((field = first_changed_index(b, a))) {
		return mw_strdupf("patch-%s-%s", a->name, field);
	}
	return mw_strdupf("patch-%s", a->name);
}

void
check_patch_name(struct lint_ctx *ctx)
{
	char *base, *want;
	size_t n;
	bool ok;

	if (!ctx->file || (!ctx->change->before && !ctx->change->after))
		return;
	base = mw_path_basename(ctx->file);
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json")) {
		base[n - 5] = '\0';
		want = expected_name(ctx->change, base, &ok);
		if (!ok)
			lint_report(ctx, "", NULL,
				    "file name '%s' does not say what the change does; "
				    "suggested: %s.json",
				    base, want);
		free(want);
	}
	free(base);
}

/* Equal up to comments and column/index order: no DBMS can see a difference. */
static bool
same_structure(const mw_table *b, const mw_table *a)
{
	if (strcmp(a->name, b->name) || a->ncolumns != b->ncolumns || a->nindexes != b->nindexes ||
	    a->npk != b->npk || a->ntable_options != b->ntable_options)
		return false;
	for (size_t i = 0; i < a->ncolumns; i++) {
		const mw_column *c = mw_table_column(b, a->columns[i].name);
		mw_column tmp;

		if (!c)
			return false;
		tmp = *c;
		tmp.comment = a->columns[i].comment;
		if (!mw_column_equal(&tmp, &a->columns[i]))
			return false;
	}
	for (size_t i = 0; i < a->nindexes; i++) {
		const mw_index *x = mw_table_index(b, a->indexes[i].name);
		mw_index tmp;

		if (!x)
			return false;
		tmp = *x;
		tmp.comment = a->indexes[i].comment;
		if (!mw_index_equal(&tmp, &a->indexes[i]))
			return false;
	}
	for (size_t i = 0; i < a->npk; i++)
		if (strcmp(a->pk[i], b->pk[i]))
			return false;
	for (size_t i = 0; i < a->ntable_options; i++)
		if (strcmp(a->table_options[i], b->table_options[i]))
			return false;
	return true;
}

void
check_no_sql(struct lint_ctx *ctx)
{
	const mw_change *ch = ctx->change;
	mw_buf sql = MW_BUF_INIT, none = MW_BUF_INIT;
	int silent = 0;

	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf_reset(&sql);
		if (mw_gen_change(&sql, ch->before, ch->after, (mw_dbms)d, ctx->file,
				  MW_GEN_NO_HEADER) != MW_GEN_NOCHANGE)
			continue;
		mw_buf_addf(&none, "%s%s", none.len ? ", " : "", mw_dbms_title((mw_dbms)d));
		silent++;
	}
	if (silent == MW_DBMS__COUNT ||
	    (ch->before && ch->after && same_structure(ch->before, ch->after)))
		lint_report(ctx, "", "change something, or drop the file",
			    "the change produces no SQL on any DBMS; MediaWiki rejects an empty "
			    "change");
	else if (silent)
		lint_report(ctx, "", "write no patch file and no updater entry for it",
			    "the change produces no SQL on %s", mw_buf_cstr(&none));
	mw_buf_release(&sql);
	mw_buf_release(&none);
}
