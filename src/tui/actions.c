/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Editing actions behind the named requests. Forms collect text; the text
 * is parsed into model values here, the core (adapt.h until edit.h lands)
 * validates and applies, the session recomputes every preview.
 */
#include <config.h>

#include "tui/form.h"
#include "tui/actions.h"
#include "tui/display.h"
#include "mwschema/gen.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *type_choices[MW_T__COUNT + 1];

static const char *const *
types(void)
{
	if (!type_choices[0])
		for (int i = 0; i < MW_T__COUNT; i++)
			type_choices[i] = mw_type_name((mw_type)i);
	return type_choices;
}

static const mw_table *
current(struct app *a)
{
	return session_table(a->s, a->s->cur);
}

/* Begins an edit of the table on screen, or reports why not. */
static mw_table *
begin(struct app *a)
{
	mw_buf err = MW_BUF_INIT;
	mw_table *t = session_edit_begin(a->s, a->s->cur, &err);

	if (!t)
		app_error(a, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return t;
}

static void
done(struct app *a, mw_table *t, const char *what)
{
	session_edit_end(a->s, t, true);
	tables_sync_cursor(a);
	app_info(a, "%s; change %s", what, a->s->change_name);
}

/*
 * Columns
 */

static bool
parse_length(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtoll(s, &end, 10);
	return !*end;
}

static bool
is_number(const char *s)
{
	const char *p = s + (*s == '-');
	int digits = 0, dots = 0;

	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p == '.' && !dots++)
			;
		else
			return false;
	}
	return digits > 0;
}

/* Typed default -> value: NULL, numbers, 'quoted' or bare strings. */
static int
parse_default(mw_value *out, const char *s, mw_type type, struct form *f)
{
	size_t n = strlen(s);
	bool numeric = mw_type_is_integer(type) || type == MW_T_DECIMAL || type == MW_T_FLOAT;

	memset(out, 0, sizeof(*out));
	if (!n)
		return 0;
	if (!strcmp(s, "NULL") || !strcmp(s, "null")) {
		out->kind = MW_V_NULL;
		return 0;
	}
	if (is_number(s)) {
		out->kind = strchr(s, '.') ? MW_V_REAL : MW_V_INT;
		out->text = mw_xstrdup(s);
		out->raw = mw_xstrdup(s);
		return 0;
	}
	if (numeric) {
		form_set_error(f, "default", "a number (or NULL) for this type");
		return -1;
	}
	out->kind = MW_V_STRING;
	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0])
		out->text = mw_xstrndup(s + 1, n - 2);
	else
		out->text = mw_xstrdup(s);
	return 0;
}

int
column_from_form(mw_column *out, struct form *f, const mw_column *base)
{
	const char *type = form_value(f, "type"), *len = form_value(f, "length");
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (base)
		mw_column_copy(out, base);
	free(out->name);
	out->name = mw_xstrdup(form_value(f, "name"));
	if (!mw_type_from_name(type, &out->type)) {
		char *msg = mw_strdupf("unknown type '%s' (Space cycles through the types)", type);

		form_set_error(f, "type", msg);
		free(msg);
		rc = -1;
	}
	out->has_length = *len != 0;
	out->length = 0;
	if (*len && !parse_length(len, &out->length)) {
		form_set_error(f, "length", "a whole number, or empty");
		out->has_length = false;
		rc = -1;
	}
	out->notnull = form_bool(f, "notnull");
	out->is_unsigned = form_bool(f, "unsigned");
	out->autoincrement = form_bool(f, "autoincrement");
	mw_value_clear(&out->deflt);
	/* An unknown type has no number rule: only the type is reported. */
	if (parse_default(&out->deflt, form_value(f, "default"), rc ? MW_T_TEXT : out->type, f))
		rc = -1;
	free(out->comment);
	out->comment = *form_value(f, "comment") ? mw_xstrdup(form_value(f, "comment")) : NULL;
	out->opt_present |= MW_OPT_NOTNULL | (out->has_length ? MW_OPT_LENGTH : 0);
	return rc;
}

struct column_form {
	const mw_table *table;
	long self;		/* position being edited, -1 for a new column */
	const mw_column *base;
	mw_column result;
};

static int
validate_column(struct form *f, void *data)
{
	struct column_form *cf = data;
	mw_diags errs = MW_DIAGS_INIT;
	int rc;

	mw_column_clear(&cf->result);
	rc = column_from_form(&cf->result, f, cf->base);
	if (adapt_column_check(cf->table, &cf->result, cf->self, &errs))
		rc = -1;
	form_set_errors(f, &errs);
	mw_diags_free(&errs);
	return rc;
}

static void
default_text(mw_buf *out, const mw_value *v)
{
	if (v->kind == MW_V_NULL)
		mw_buf_adds(out, "NULL");
	else if (v->kind == MW_V_STRING)
		mw_buf_addf(out, "'%s'", v->text);
	else if (v->kind != MW_V_NONE && v->text)
		mw_buf_adds(out, v->text);
}

static void
column_form_fill(struct form *f, const mw_column *c, const char *title)
{
	mw_buf len = MW_BUF_INIT, def = MW_BUF_INIT;

	if (c && c->has_length)
		mw_buf_addf(&len, "%lld", c->length);
	if (c)
		default_text(&def, &c->deflt);
	form_init(f, title, 8);
	form_field(f, 0, FIELD_TEXT, "name", "name", c ? c->name : NULL);
	form_field(f, 1, FIELD_CHOICE, "type", "type", c ? mw_type_name(c->type) : NULL)->choices =
		types();
	form_field(f, 2, FIELD_TEXT, "length", "length", mw_buf_cstr(&len));
	form_field(f, 3, FIELD_BOOL, "not null", "notnull", !c || c->notnull ? "yes" : "no");
	form_field(f, 4, FIELD_BOOL, "unsigned", "unsigned", c && c->is_unsigned ? "yes" : "no");
	form_field(f, 5, FIELD_TEXT, "default", "default", mw_buf_cstr(&def));
	form_field(f, 6, FIELD_BOOL, "autoincrement", "autoincrement",
		   c && c->autoincrement ? "yes" : "no");
	form_field(f, 7, FIELD_TEXT, "comment", "comment", c ? c->comment : NULL);
	mw_buf_release(&len);
	mw_buf_release(&def);
}

/* Runs the column form over table `t`; on accept applies it to a fresh edit. */
static void
column_dialog(struct app *a, const mw_column *c, long pos, const char *title)
{
	struct column_form cf = { current(a), pos, c, { 0 } };
	struct form f;
	mw_table *t;

	column_form_fill(&f, c, title);
	f.validate = validate_column;
	f.data = &cf;
	if (form_run(a, &f) == 1 && (t = begin(a))) {
		/* New columns go last, where ALTER TABLE ... ADD puts them. */
		if (pos >= 0)
			adapt_replace_column(t, (size_t)pos, &cf.result);
		else
			adapt_insert_column(t, t->ncolumns, &cf.result);
		done(a, t, pos >= 0 ? "column changed" : "column added");
		editor_select_column(a, cf.result.name);
	}
	mw_column_clear(&cf.result);
	form_free(&f);
}

void
action_add_column(struct app *a)
{
	if (!current(a)) {
		app_error(a, "no table selected");
		return;
	}
	column_dialog(a, NULL, -1, "Add column");
}

/*
 * Indexes and the primary key
 */

/* "a, b c" -> ["a", "b", "c"] */
static char **
split_names(const char *s, size_t *n)
{
	char **v = NULL;

	*n = 0;
	while (*s) {
		size_t len;

		s += strspn(s, ", \t");
		len = strcspn(s, ", \t");
		if (!len)
			break;
		v = mw_xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = mw_xstrndup(s, len);
		s += len;
	}
	return v;
}

static void
join_names(mw_buf *out, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", v[i]);
}

struct index_form {
	const mw_table *table;
	long self;
	mw_index result;
};

static int
validate_index(struct form *f, void *data)
{
	struct index_form *xf = data;
	mw_diags errs = MW_DIAGS_INIT;
	int rc;

	mw_index_clear(&xf->result);
	xf->result.name = mw_xstrdup(form_value(f, "name"));
	xf->result.columns = split_names(form_value(f, "columns"), &xf->result.ncolumns);
	xf->result.unique = form_bool(f, "unique");
	rc = adapt_index_check(xf->table, &xf->result, xf->self, &errs);
	form_set_errors(f, &errs);
	mw_diags_free(&errs);
	return rc;
}

static void
index_dialog(struct app *a, const mw_index *ix, long pos)
{
	struct index_form xf = { current(a), pos, { 0 } };
	mw_buf cols = MW_BUF_INIT;
	struct form f;
	mw_table *t;
	size_t col;

	if (ix)
		join_names(&cols, ix->columns, ix->ncolumns);
	else if (editor_selected(a, &col) == ITEM_COLUMN)
		mw_buf_adds(&cols, xf.table->columns[col].name);
	form_init(&f, ix ? "Edit index" : "Add index", 3);
	form_field(&f, 0, FIELD_TEXT, "name", "name", ix ? ix->name : NULL);
	form_field(&f, 1, FIELD_TEXT, "columns", "columns", mw_buf_cstr(&cols));
	form_field(&f, 2, FIELD_BOOL, "unique", "unique", ix && ix->unique ? "yes" : "no");
	f.validate = validate_index;
	f.data = &xf;
	if (form_run(a, &f) == 1 && (t = begin(a))) {
		if (ix) {
			mw_index merged;

			/* Keep what the form does not show (flags, lengths, where). */
			mw_index_copy(&merged, ix);
			mw_strv_free(merged.columns, merged.ncolumns);
			merged.columns = mw_strv_dup(xf.result.columns, xf.result.ncolumns);
			merged.ncolumns = xf.result.ncolumns;
			free(merged.name);
			merged.name = mw_xstrdup(xf.result.name);
			merged.unique = xf.result.unique;
			adapt_replace_index(t, (size_t)pos, &merged);
			mw_index_clear(&merged);
		} else
			adapt_insert_index(t, t->nindexes, &xf.result);
		done(a, t, ix ? "index changed" : "index added");
	}
	mw_index_clear(&xf.result);
	mw_buf_release(&cols);
	form_free(&f);
}

void
action_add_index(struct app *a)
{
	if (current(a))
		index_dialog(a, NULL, -1);
}

static int
validate_pk(struct form *f, void *data)
{
	const mw_table *t = data;
	size_t n;
	char **v = split_names(form_value(f, "columns"), &n);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (!mw_table_column(t, v[i])) {
			char *msg = mw_strdupf("no column '%s' in %s", v[i], t->name);

			form_set_error(f, "columns", msg);
			free(msg);
			rc = -1;
		}
	}
	mw_strv_free(v, n);
	return rc;
}

void
action_set_pk(struct app *a)
{
	const mw_table *cur = current(a);
	mw_buf cols = MW_BUF_INIT;
	struct form f;
	mw_table *t;

	if (!cur)
		return;
	join_names(&cols, cur->pk, cur->npk);
	form_init(&f, "Primary key (columns, in order; empty = none)", 1);
	form_field(&f, 0, FIELD_TEXT, "columns", "columns", mw_buf_cstr(&cols));
	f.validate = validate_pk;
	f.data = (void *)cur;
	if (form_run(a, &f) == 1 && (t = begin(a))) {
		size_t n;
		char **v = split_names(form_value(&f, "columns"), &n);

		adapt_set_pk(t, v, n);
		mw_strv_free(v, n);
		done(a, t, "primary key set");
	}
	mw_buf_release(&cols);
	form_free(&f);
}

/*
 * Selection-dependent: edit, drop, rename
 */

void
action_edit(struct app *a)
{
	size_t i;
	const mw_table *t = current(a);

	switch (t ? editor_selected(a, &i) : ITEM_NONE) {
	case ITEM_COLUMN:
		column_dialog(a, &t->columns[i], (long)i, "Edit column");
		break;
	case ITEM_INDEX:
		index_dialog(a, &t->indexes[i], (long)i);
		break;
	case ITEM_PK:
		action_set_pk(a);
		break;
	default:
		app_error(a, "select a column, an index or the primary key first");
	}
}

void
action_drop(struct app *a)
{
	size_t i;
	const mw_table *cur = current(a);
	enum editor_item item = cur ? editor_selected(a, &i) : ITEM_NONE;
	mw_table *t;
	char *what;

	if (item != ITEM_COLUMN && item != ITEM_INDEX) {
		app_error(a, "select a column or an index to drop");
		return;
	}
	what = mw_strdupf("Drop %s '%s'? (y/n)", item == ITEM_COLUMN ? "column" : "index",
			  item == ITEM_COLUMN ? cur->columns[i].name : cur->indexes[i].name);
	if (display_ask(a, what) && (t = begin(a))) {
		if (item == ITEM_COLUMN)
			adapt_drop_column(t, i);
		else
			adapt_drop_index(t, i);
		done(a, t, item == ITEM_COLUMN ? "column dropped" : "index dropped");
	} else
		app_info(a, "nothing dropped");
	free(what);
}

struct rename_form {
	const mw_table *table;
	enum editor_item item;
	size_t pos;
};

static int
validate_rename(struct form *f, void *data)
{
	struct rename_form *rf = data;
	mw_diags errs = MW_DIAGS_INIT;
	int rc;

	if (rf->item == ITEM_COLUMN) {
		mw_column c;

		mw_column_copy(&c, &rf->table->columns[rf->pos]);
		free(c.name);
		c.name = mw_xstrdup(form_value(f, "name"));
		rc = adapt_column_check(rf->table, &c, (long)rf->pos, &errs);
		mw_column_clear(&c);
	} else {
		mw_index ix;

		mw_index_copy(&ix, &rf->table->indexes[rf->pos]);
		free(ix.name);
		ix.name = mw_xstrdup(form_value(f, "name"));
		rc = adapt_index_check(rf->table, &ix, (long)rf->pos, &errs);
		mw_index_clear(&ix);
	}
	form_set_errors(f, &errs);
	mw_diags_free(&errs);
	return rc;
}

void
action_rename(struct app *a)
{
	struct rename_form rf = { current(a), ITEM_NONE, 0 };
	const char *old;
	struct form f;
	mw_table *t;

	if (rf.table)
		rf.item = editor_selected(a, &rf.pos);
	if (rf.item != ITEM_COLUMN && rf.item != ITEM_INDEX) {
		app_error(a, "select a column or an index to rename");
		return;
	}
	old = rf.item == ITEM_COLUMN ? rf.table->columns[rf.pos].name : rf.table->indexes[rf.pos].name;
	form_init(&f, rf.item == ITEM_COLUMN ? "Rename column" : "Rename index", 1);
	form_field(&f, 0, FIELD_TEXT, "new name", "name", old);
	f.validate = validate_rename;
	f.data = &rf;
	if (form_run(a, &f) == 1 && (t = begin(a))) {
		const char *name = form_value(&f, "name");

		if (rf.item == ITEM_COLUMN) {
			mw_column c;

			mw_column_copy(&c, &t->columns[rf.pos]);
			free(c.name);
			c.name = mw_xstrdup(name);
			adapt_replace_column(t, rf.pos, &c);
			mw_column_clear(&c);
		} else {
			free(t->indexes[rf.pos].name);
			t->indexes[rf.pos].name = mw_xstrdup(name);
		}
		done(a, t, "renamed");
	}
	form_free(&f);
}

/*
 * Tables and the change
 */

void
action_new_table(struct app *a)
{
	struct form f;
	mw_buf err = MW_BUF_INIT;

	form_init(&f, "New table", 1);
	form_field(&f, 0, FIELD_TEXT, "table name", "name", NULL);
	while (form_run(a, &f) == 1) {
		mw_buf_reset(&err);
		form_clear_errors(&f);
		if (!session_new_table(a->s, form_value(&f, "name"), &err)) {
			tables_sync_cursor(a);
			a->focus = PANE_EDITOR;
			app_info(a, "table %s created: a adds its columns, p sets its key",
				 form_value(&f, "name"));
			break;
		}
		form_set_error(&f, "name", mw_buf_cstr(&err));
	}
	mw_buf_release(&err);
	form_free(&f);
}

void
action_change_name(struct app *a)
{
	struct form f;

	form_init(&f, "Change file name (without .json / .sql)", 1);
	form_field(&f, 0, FIELD_TEXT, "name", "name", a->s->change_name);
	while (form_run(a, &f) == 1) {
		const char *name = form_value(&f, "name");

		if (*name && !strchr(name, '/')) {
			session_set_name(a->s, name);
			app_info(a, "change name: %s", name);
			break;
		}
		form_clear_errors(&f);
		form_set_error(&f, "name", "a file name, without '/'");
	}
	form_free(&f);
}

void
action_write(struct app *a)
{
	mw_buf err = MW_BUF_INIT;

	if (session_write(a->s, &err))
		app_error(a, "not written: %s", mw_buf_cstr(&err));
	else
		app_info(a, "written: %s (c to commit)", a->s->change_name);
	mw_buf_release(&err);
}

void
action_lint(struct app *a)
{
	session_update(a->s);
	a->tab = TAB_POLICY;
	if (!a->s->lint_available)
		app_error(a, "policy checks need the lint module, not merged yet");
	else
		app_info(a, "%zu errors, %zu findings", mw_diags_count(&a->s->findings, MW_SEV_ERROR),
			 a->s->findings.n);
}

void
action_verify(struct app *a)
{
	mw_buf out = MW_BUF_INIT;
	int rc = adapt_verify(&out, session_before(a->s), a->s->after);

	display_pager(a, rc ? "Verify (SQLite round trip): FAILED" : "Verify (SQLite round trip): ok",
		      mw_buf_cstr(&out));
	mw_buf_release(&out);
}

/* vim: set ts=8 sw=8 noexpandtab: */
