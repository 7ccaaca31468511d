/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Updater entries: choosing the verb from a change and rendering it (see
 * mwschema/updater.h). Insertion into PHP files is in updater_php.c.
 */
#include <config.h>

#include "mwschema/ident.h"
#include "mwschema/updater.h"
#include "core/checkout/internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const verb_names[] = {
	[MW_UPD_ADD_TABLE] = "addTable",
	[MW_UPD_DROP_TABLE] = "dropTable",
	[MW_UPD_ADD_FIELD] = "addField",
	[MW_UPD_DROP_FIELD] = "dropField",
	[MW_UPD_MODIFY_FIELD] = "modifyField",
	[MW_UPD_ADD_INDEX] = "addIndex",
	[MW_UPD_DROP_INDEX] = "dropIndex",
	[MW_UPD_RENAME_INDEX] = "renameIndex",
	[MW_UPD_MODIFY_PK] = "modifyPrimaryKey",
	[MW_UPD_MODIFY_TABLE] = "modifyTable",
};

/* The DatabaseUpdater convenience method for extensions; NULL where there is none. */
static const char *const ext_methods[] = {
	[MW_UPD_ADD_TABLE] = "addExtensionTable",
	[MW_UPD_DROP_TABLE] = "dropExtensionTable",
	[MW_UPD_ADD_FIELD] = "addExtensionField",
	[MW_UPD_DROP_FIELD] = "dropExtensionField",
	[MW_UPD_MODIFY_FIELD] = "modifyExtensionField",
	[MW_UPD_ADD_INDEX] = "addExtensionIndex",
	[MW_UPD_DROP_INDEX] = "dropExtensionIndex",
	[MW_UPD_RENAME_INDEX] = "renameExtensionIndex",
	[MW_UPD_MODIFY_PK] = NULL,
	[MW_UPD_MODIFY_TABLE] = "modifyExtensionTable",
};

const char *
mw_updater_verb_name(mw_updater_verb verb)
{
	return verb_names[verb];
}

const char *
mw_updater__ext_method(mw_updater_verb verb)
{
	return ext_methods[verb];
}

/* Comments are documentation only: a comment edit is not a schema change. */
static bool
column_same(const mw_column *a, const mw_column *b)
{
	mw_column ca = *a, cb = *b;

	ca.comment = cb.comment = NULL;
	return mw_column_equal(&ca, &cb);
}

static bool
index_same_but_name(const mw_index *a, const mw_index *b)
{
	mw_index ia = *a, ib = *b;

	ia.comment = ib.comment = NULL;
	ia.name = ib.name = NULL;
	return mw_index_equal(&ia, &ib);
}

static bool
pk_changed(const mw_table *a, const mw_table *b)
{
	if (a->npk != b->npk)
		return true;
	for (size_t i = 0; i < a->npk; i++)
		if (strcmp(a->pk[i], b->pk[i]))
			return true;
	return false;
}

/* First column of `a` missing from `b`, or NULL. */
static const mw_column *
column_missing(const mw_table *a, const mw_table *b)
{
	for (size_t i = 0; i < a->ncolumns; i++)
		if (!mw_table_column(b, a->columns[i].name))
			return &a->columns[i];
	return NULL;
}

static const mw_column *
column_changed(const mw_table *before, const mw_table *after)
{
	for (size_t i = 0; i < after->ncolumns; i++) {
		const mw_column *old = mw_table_column(before, after->columns[i].name);

		if (old && !column_same(old, &after->columns[i]))
			return &after->columns[i];
	}
	return NULL;
}

static const mw_index *
index_missing(const mw_table *a, const mw_table *b)
{
	for (size_t i = 0; i < a->nindexes; i++)
		if (!mw_table_index(b, a->indexes[i].name))
			return &a->indexes[i];
	return NULL;
}

/* A dropped index whose definition reappears under a new name. */
static bool
find_rename(const mw_table *before, const mw_table *after, const mw_index **old_out,
	    const mw_index **new_out)
{
	for (size_t i = 0; i < before->nindexes; i++) {
		const mw_index *old = &before->indexes[i];

		if (mw_table_index(after, old->name))
			continue;
		for (size_t j = 0; j < after->nindexes; j++) {
			const mw_index *nw = &after->indexes[j];

			if (!mw_table_index(before, nw->name) && index_same_but_name(old, nw)) {
				*old_out = old;
				*new_out = nw;
				return true;
			}
		}
	}
	return false;
}

static void
entry_set(mw_updater_entry *e, mw_updater_verb verb, const char *table, const char *name)
{
	e->verb = verb;
	e->table = mw_xstrdup(table);
	e->name = mw_xstrdup(name);
}

/* Everything between "same table before and after" and "modifyTable". */
static void
choose_alter_verb(mw_updater_entry *e, const mw_table *b, const mw_table *a)
{
	const mw_column *col;
	const mw_index *ix, *ix2;

	if (pk_changed(b, a)) {
		entry_set(e, MW_UPD_MODIFY_PK, a->name, NULL);
		e->columns = mw_strv_dup(a->pk, a->npk);
		e->ncolumns = a->npk;
	} else if ((col = column_missing(a, b))) {
		entry_set(e, MW_UPD_ADD_FIELD, a->name, col->name);
	} else if ((col = column_missing(b, a))) {
		entry_set(e, MW_UPD_DROP_FIELD, a->name, col->name);
	} else if ((col = column_changed(b, a))) {
		entry_set(e, MW_UPD_MODIFY_FIELD, a->name, col->name);
	} else if (find_rename(b, a, &ix, &ix2)) {
		entry_set(e, MW_UPD_RENAME_INDEX, a->name, ix->name);
		e->new_name = mw_xstrdup(ix2->name);
	} else if ((ix = index_missing(a, b))) {
		entry_set(e, MW_UPD_ADD_INDEX, a->name, ix->name);
	} else if ((ix = index_missing(b, a))) {
		entry_set(e, MW_UPD_DROP_INDEX, a->name, ix->name);
	} else {
		entry_set(e, MW_UPD_MODIFY_TABLE, a->name, NULL);
	}
}

int
mw_updater_entry_from_change(mw_updater_entry *out, const mw_change *change, const char *patch)
{
	const mw_table *b = change->before, *a = change->after;

	memset(out, 0, sizeof(*out));
	if (!a && !b)
		return -1;
	if (!b || (a && strcmp(a->name, b->name)))
		entry_set(out, MW_UPD_ADD_TABLE, a->name, NULL);
	else if (!a)
		entry_set(out, MW_UPD_DROP_TABLE, b->name, NULL);
	else
		choose_alter_verb(out, b, a);
	out->patch = mw_xstrdup(patch);
	return 0;
}

void
mw_updater_entry_clear(mw_updater_entry *e)
{
	if (!e)
		return;
	free(e->table);
	free(e->name);
	free(e->new_name);
	mw_strv_free(e->columns, e->ncolumns);
	free(e->patch);
	memset(e, 0, sizeof(*e));
}

/* A PHP single-quoted literal (caller frees). */
static char *
php_string(const char *s)
{
	mw_buf out = MW_BUF_INIT;

	mw_buf_addc(&out, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			mw_buf_addc(&out, '\\');
		mw_buf_addc(&out, *s);
	}
	mw_buf_addc(&out, '\'');
	return mw_buf_detach(&out);
}

/*
 * The arguments after the verb as PHP expressions, with `path` where the
 * patch goes. `raw` selects the raw verb's argument order (renameIndex has
 * its flag before the path; renameExtensionIndex after it, defaulted).
 */
size_t
mw_updater__args(char ***out, const mw_updater_entry *e, const char *path, bool raw)
{
	char **v = mw_xcalloc(8, sizeof(*v));
	size_t n = 0;
	mw_buf tmp = MW_BUF_INIT;

	v[n++] = php_string(e->table);
	if (e->name)
		v[n++] = php_string(e->name);
	if (e->new_name) {
		v[n++] = php_string(e->new_name);
		if (raw)
			v[n++] = mw_xstrdup("false");
	}
	if (e->verb == MW_UPD_MODIFY_PK) {
		mw_buf_adds(&tmp, "[ ");
		for (size_t i = 0; i < e->ncolumns; i++) {
			char *col = php_string(e->columns[i]);

			mw_buf_addf(&tmp, "%s%s", i ? ", " : "", col);
			free(col);
		}
		mw_buf_adds(&tmp, " ]");
		v[n++] = mw_buf_detach(&tmp);
	}
	v[n++] = mw_xstrdup(path);
	*out = v;
	return n;
}

void
mw_updater__join(mw_buf *out, char *const *v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s%s", i ? sep : "", v[i]);
}

void
mw_updater_render_core(mw_buf *out, const mw_updater_entry *e)
{
	char *path = php_string(e->patch);
	char **args;
	size_t n = mw_updater__args(&args, e, path, true);

	mw_buf_addf(out, "[ '%s', ", verb_names[e->verb]);
	mw_updater__join(out, args, n, ", ");
	mw_buf_adds(out, " ]");
	mw_strv_free(args, n);
	free(path);
}

/*
 * `s` escaped for the inside of a PHP string opened with `quote`: nothing
 * can end the string early or, in double quotes, interpolate a variable.
 * Names were checked when loaded; this keeps the PHP safe regardless.
 */
void
mw_updater__php_escape(mw_buf *out, const char *s, char quote)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == quote || (quote == '"' && *s == '$'))
			mw_buf_addc(out, '\\');
		mw_buf_addc(out, *s);
	}
}

/* The quote of the string literal still open at the end of `code`, or 0. */
static char
open_quote(const char *code)
{
	char q = 0;

	for (const char *p = code; *p; p++) {
		if (q && *p == '\\' && p[1])
			p++;
		else if (q && *p == q)
			q = 0;
		else if (!q && (*p == '\'' || *p == '"'))
			q = *p;
	}
	return q;
}

char *
mw_updater__path_in(const char *prefix, const char *patch, const char *suffix)
{
	mw_buf b = MW_BUF_INIT;

	mw_buf_adds(&b, prefix);
	mw_updater__php_escape(&b, patch, open_quote(prefix));
	mw_buf_adds(&b, suffix);
	return mw_buf_detach(&b);
}

/* A PHP string of code (not of a comment) ending in `patch`, after its quote or a '/'. */
bool
mw_updater_mentions(const char *php, size_t len, const char *patch)
{
	php_toks t;
	size_t pl = strlen(patch);
	bool hit = false;

	/* a file, or a piece of code without its "<?php" */
	if (memmem(php, len, "<?php", 5))
		php_lex(&t, php, len);
	else
		php_lex_code(&t, php, len);
	for (size_t i = 0; i < t.n && !hit; i++) {
		const char *s = t.v[i].text;
		size_t n = s ? strlen(s) : 0;

		hit = (t.v[i].kind == PHP_T_STR || t.v[i].kind == PHP_T_DSTR) && n >= pl &&
		      !strcmp(s + n - pl, patch) && (n == pl || s[n - pl - 1] == '/');
	}
	php_toks_free(&t);
	return hit;
}

bool
mw_updater_entry_is_safe(const mw_updater_entry *e, mw_buf *why)
{
	const char *bad = mw_ident_check(e->table, NULL) ? e->table :
			  e->name && mw_ident_check(e->name, NULL) ? e->name :
			  e->new_name && mw_ident_check(e->new_name, NULL) ? e->new_name : NULL;

	for (size_t i = 0; !bad && i < e->ncolumns; i++)
		if (mw_ident_check(e->columns[i], NULL))
			bad = e->columns[i];
	if (!bad && mw_ident_check_file_name(e->patch, NULL) == 0)
		return true;
	if (why)
		mw_buf_addf(why, "%s is not a valid %s", bad ? "a name" : "the patch file name",
			    bad ? "identifier" : "file name");
	return false;
}

void
mw_updater_render_extension(mw_buf *out, const mw_updater_entry *e)
{
	mw_buf quoted = MW_BUF_INIT;
	char *path;

	mw_buf_adds(&quoted, "\"$dir/$dbType/");
	mw_updater__php_escape(&quoted, e->patch, '"');
	mw_buf_addc(&quoted, '"');
	path = mw_buf_detach(&quoted);
	const char *method = ext_methods[e->verb];
	char **args;
	size_t n = mw_updater__args(&args, e, path, !method);

	if (method) {
		mw_buf_addf(out, "$updater->%s( ", method);
		mw_updater__join(out, args, n, ", ");
		mw_buf_adds(out, " );");
	} else {
		mw_buf_addf(out, "$updater->addExtensionUpdate( [ '%s', ", verb_names[e->verb]);
		mw_updater__join(out, args, n, ", ");
		mw_buf_adds(out, ", true ] );");
	}
	mw_strv_free(args, n);
	free(path);
}
