/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Editing actions behind the named requests. Forms collect text; the text
 * is parsed into model values here, the core (edit.h) validates and gives
 * the edited table, the session recomputes every preview.
 */
#include <config.h>

#include "tui/form.h"
#include "tui/actions.h"
#include "tui/display.h"
#include "editor/words.h"
#include "mwschema/edit.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"

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

size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The table on screen, when it may be edited now; else reports why not. */
static const mw_table *
target(struct app *a)
{
	mw_buf err = MW_BUF_INIT;
	const mw_table *t = session_edit_target(a->s, a->s->cur, &err);

	if (!t)
		app_error(a, "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
	return t;
}

/* Makes `after` the new state of the table on screen. */
static void
done(struct app *a, mw_table *after, const char *what)
{
	session_edit_apply(a->s, a->s->cur, after);
	tables_sync_cursor(a);
	app_info(a, "%s; change %s", what, a->s->change_name);
}

/* A core refusal shown on the form field its JSON pointer names. */
static int
refused(struct form *f, const mw_diags *errs)
{
	form_set_errors(f, errs);
	return -1;
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
	else
		out->precision = 10;	/* the spec's default, so it is not written out */
	free(out->name);
	out->name = mw_xstrdup(form_value(f, "name"));
	if (!mw_type_from_name(type, &out->type)) {
		const char *pick = *type ? mw_type_suggest(type) : NULL;
		char *msg = pick ? mw_strdupf("unknown type '%s' (did you mean '%s'?)", type, pick)
				 : mw_strdupf("unknown type '%s' (Space cycles through the types)", type);

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
	mw_table *after;	/* the table with the edit, once valid */
	struct app *app;
	int type;		/* the type last seen, -1 = none yet */
};

/* A new type drops the options it does not take, and says so. */
static void
column_changed(struct form *f, void *data)
{
	struct column_form *cf = data;
	mw_type type;
	bool uns = form_bool(f, "unsigned"), ai = form_bool(f, "autoincrement");
	mw_buf def = MW_BUF_INIT, said = MW_BUF_INIT;

	if (!mw_type_from_name(form_value(f, "type"), &type) || (int)type == cf->type)
		return;
	cf->type = (int)type;
	mw_buf_adds(&def, form_value(f, "default"));
	if (words_fit_options(type, &uns, &ai, &def, &said)) {
		form_set_value(f, "unsigned", uns ? "yes" : "no");
		form_set_value(f, "autoincrement", ai ? "yes" : "no");
		form_set_value(f, "default", mw_buf_cstr(&def));
		app_info(cf->app, "%s", mw_buf_cstr(&said));
	}
	mw_buf_release(&def);
	mw_buf_release(&said);
}

static int
try_column(mw_table **out, const struct column_form *cf, const mw_column *c, mw_diags *errs)
{
	if (cf->self < 0)
		return mw_edit_add_column(out, cf->table, c, -1, errs);
	return mw_edit_modify_column(out, cf->table, cf->base->name, c, errs);
}

static int
validate_column(struct form *f, void *data)
{
	struct column_form *cf = data;
	mw_diags errs = MW_DIAGS_INIT;
	mw_column c;
	int rc;

	mw_table_free(cf->after);
	cf->after = NULL;
	rc = column_from_form(&c, f, cf->base);
	if (rc) {
		/*
		 * Some fields do not parse: still ask the core about the rest (the
		 * name), with neutral values in their place, so every problem shows.
		 */
		c.type = MW_T_TEXT;
		c.has_length = false;
		mw_value_clear(&c.deflt);
		c.autoincrement = false;
	}
	if (try_column(&cf->after, cf, &c, &errs) < 0)
		refused(f, &errs);
	if (rc) {
		mw_table_free(cf->after);
		cf->after = NULL;
	}
	mw_column_clear(&c);
	mw_diags_free(&errs);
	return rc || !cf->after ? -1 : 0;
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

/* Runs the column form; on accept the edit becomes part of the change. */
static void
column_dialog(struct app *a, const mw_table *t, const mw_column *c, long pos, const char *title)
{
	struct column_form cf = { t, pos, c, NULL, a, c ? (int)c->type : -1 };
	struct form f;

	column_form_fill(&f, c, title);
	f.validate = validate_column;
	f.data = &cf;
	f.live = &cf.after;
	f.changed = column_changed;
	if (form_run(a, &f) == 1) {
		char *name = mw_xstrdup(form_value(&f, "name"));

		done(a, cf.after, pos >= 0 ? "column changed" : "column added");
		editor_select_column(a, name);
		free(name);
	} else
		mw_table_free(cf.after);
	form_free(&f);
}

void
action_add_column(struct app *a)
{
	const mw_table *t = target(a);

	if (t)
		column_dialog(a, t, NULL, -1, "Add column");
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

struct index_form {
	const mw_table *table;
	const mw_index *base;	/* the index edited, NULL for a new one */
	mw_table *after;
};

static int
validate_index(struct form *f, void *data)
{
	struct index_form *xf = data;
	mw_diags errs = MW_DIAGS_INIT;
	mw_index ix;
	int rc;

	mw_table_free(xf->after);
	xf->after = NULL;
	/* Keep what the form does not show (flags, lengths, where, comment). */
	if (xf->base)
		mw_index_copy(&ix, xf->base);
	else
		memset(&ix, 0, sizeof(ix));
	free(ix.name);
	ix.name = mw_xstrdup(form_value(f, "name"));
	mw_strv_free(ix.columns, ix.ncolumns);
	ix.columns = split_names(form_value(f, "columns"), &ix.ncolumns);
	ix.unique = form_bool(f, "unique");
	if (xf->base)
		rc = mw_edit_modify_index(&xf->after, xf->table, xf->base->name, &ix, &errs);
	else
		rc = mw_edit_add_index(&xf->after, xf->table, &ix, &errs);
	if (rc)
		refused(f, &errs);
	mw_index_clear(&ix);
	mw_diags_free(&errs);
	return rc;
}

/* The table's column names, for completing a column list (NULL-terminated). */
static const char **
column_names(const mw_table *t)
{
	const char **v = mw_xcalloc(t->ncolumns + 1, sizeof(*v));

	for (size_t i = 0; i < t->ncolumns; i++)
		v[i] = t->columns[i].name;
	return v;
}

static void
complete_columns(struct field *fd, const char **names)
{
	fd->choices = names;
	fd->list = true;
}

static void
index_dialog(struct app *a, const mw_table *t, const mw_index *ix)
{
	const char **names = column_names(t);
	struct index_form xf = { t, ix, NULL };
	mw_buf cols = MW_BUF_INIT;
	struct form f;
	size_t col;

	if (ix)
		view_join_names(&cols, ix->columns, ix->ncolumns);
	else if (editor_selected(a, &col) == ITEM_COLUMN)
		mw_buf_adds(&cols, t->columns[col].name);
	form_init(&f, ix ? "Edit index" : "Add index", 3);
	form_field(&f, 0, FIELD_TEXT, "name", "name", ix ? ix->name : NULL);
	complete_columns(form_field(&f, 1, FIELD_TEXT, "columns", "columns", mw_buf_cstr(&cols)),
			 names);
	form_field(&f, 2, FIELD_BOOL, "unique", "unique", ix && ix->unique ? "yes" : "no");
	f.validate = validate_index;
	f.data = &xf;
	f.live = &xf.after;
	if (form_run(a, &f) == 1)
		done(a, xf.after, ix ? "index changed" : "index added");
	else
		mw_table_free(xf.after);
	mw_buf_release(&cols);
	form_free(&f);
	free(names);
}

void
action_add_index(struct app *a)
{
	const mw_table *t = target(a);

	if (t)
		index_dialog(a, t, NULL);
}

struct pk_form {
	const mw_table *table;
	mw_table *after;
};

static int
validate_pk(struct form *f, void *data)
{
	struct pk_form *pf = data;
	mw_diags errs = MW_DIAGS_INIT;
	size_t n;
	char **v = split_names(form_value(f, "columns"), &n);
	int rc;

	mw_table_free(pf->after);
	pf->after = NULL;
	rc = mw_edit_set_pk(&pf->after, pf->table, v, n, &errs);
	if (rc)
		refused(f, &errs);
	mw_strv_free(v, n);
	mw_diags_free(&errs);
	return rc;
}

void
action_set_pk(struct app *a)
{
	struct pk_form pf = { target(a), NULL };
	mw_buf cols = MW_BUF_INIT;
	const char **names;
	struct form f;

	if (!pf.table)
		return;
	view_join_names(&cols, pf.table->pk, pf.table->npk);
	names = column_names(pf.table);
	form_init(&f, "Primary key (columns, in order; empty = none)", 1);
	complete_columns(form_field(&f, 0, FIELD_TEXT, "columns", "columns", mw_buf_cstr(&cols)),
			 names);
	f.validate = validate_pk;
	f.data = &pf;
	f.live = &pf.after;
	if (form_run(a, &f) == 1) {
		mw_buf what = MW_BUF_INIT;

		words_pk(&what, pf.after);
		done(a, pf.after, mw_buf_cstr(&what));
		mw_buf_release(&what);
	}
	else
		mw_table_free(pf.after);
	mw_buf_release(&cols);
	form_free(&f);
	free(names);
}

/*
 * Selection-dependent: edit, drop, rename
 */

void
action_edit(struct app *a)
{
	size_t i;
	const mw_table *t = target(a);

	switch (t ? editor_selected(a, &i) : ITEM_NONE) {
	case ITEM_COLUMN:
		column_dialog(a, t, &t->columns[i], (long)i, "Edit column");
		break;
	case ITEM_INDEX:
		index_dialog(a, t, &t->indexes[i]);
		break;
	case ITEM_PK:
		action_set_pk(a);
		break;
	case ITEM_DROPPED:
		app_error(a, "the change drops it: u undoes the drop");
		break;
	default:
		if (t)
			app_error(a, "select a column, an index or the primary key first");
	}
}

/* The core refuses first (a key column...): the question comes only for a drop it allows. */
void
action_drop(struct app *a)
{
	size_t i;
	const mw_table *t = target(a);
	enum editor_item item = t ? editor_selected(a, &i) : ITEM_NONE;
	const char *name;
	mw_table *after = NULL;
	mw_diags errs = MW_DIAGS_INIT;
	char *question;

	if (item == ITEM_DROPPED) {
		app_error(a, "the change drops it already (u undoes the drop)");
		return;
	}
	if (item != ITEM_COLUMN && item != ITEM_INDEX) {
		if (t)
			app_error(a, "select a column or an index to drop");
		return;
	}
	name = item == ITEM_COLUMN ? t->columns[i].name : t->indexes[i].name;
	if (item == ITEM_COLUMN ? mw_edit_drop_column(&after, t, name, &errs)
				: mw_edit_drop_index(&after, t, name, &errs)) {
		app_error(a, "%s", errs.items[0].message);
		mw_diags_free(&errs);
		return;
	}
	question = mw_strdupf("Drop %s '%s'? (y/n)", item == ITEM_COLUMN ? "column" : "index", name);
	if (!display_ask(a, question)) {
		app_info(a, "nothing dropped");
		mw_table_free(after);
	} else
		done(a, after, item == ITEM_COLUMN ? "column dropped" : "index dropped");
	mw_diags_free(&errs);
	free(question);
}

struct rename_form {
	const mw_table *table;
	enum editor_item item;
	size_t pos;
	mw_table *after;
};

static int
validate_rename(struct form *f, void *data)
{
	struct rename_form *rf = data;
	const char *name = form_value(f, "name");
	mw_diags errs = MW_DIAGS_INIT;
	int rc;

	mw_table_free(rf->after);
	rf->after = NULL;
	if (rf->item == ITEM_COLUMN) {
		const mw_column *old = &rf->table->columns[rf->pos];
		mw_column c;

		/* An explicit rename: the same definition under a new name. */
		mw_column_copy(&c, old);
		free(c.name);
		c.name = mw_xstrdup(name);
		rc = mw_edit_modify_column(&rf->after, rf->table, old->name, &c, &errs);
		mw_column_clear(&c);
	} else {
		rc = mw_edit_rename_index(&rf->after, rf->table, rf->table->indexes[rf->pos].name,
					  name, &errs);
	}
	if (rc)
		refused(f, &errs);
	mw_diags_free(&errs);
	return rc;
}

void
action_rename(struct app *a)
{
	struct rename_form rf = { target(a), ITEM_NONE, 0, NULL };
	const char *old;
	struct form f;

	if (rf.table)
		rf.item = editor_selected(a, &rf.pos);
	if (rf.item != ITEM_COLUMN && rf.item != ITEM_INDEX) {
		if (rf.table)
			app_error(a, "select a column or an index to rename");
		return;
	}
	old = rf.item == ITEM_COLUMN ? rf.table->columns[rf.pos].name : rf.table->indexes[rf.pos].name;
	form_init(&f, rf.item == ITEM_COLUMN ? "Rename column" : "Rename index", 1);
	form_field(&f, 0, FIELD_TEXT, "new name", "name", old);
	f.validate = validate_rename;
	f.data = &rf;
	f.live = &rf.after;
	if (form_run(a, &f) == 1)
		done(a, rf.after, "renamed");
	else
		mw_table_free(rf.after);
	form_free(&f);
}

/*
 * Tables and the change
 */

/* A new table: its name and a key column, as the policy wants every table to have. */
static mw_table *
table_from_form(struct form *f)
{
	mw_table *t = mw_xcalloc(1, sizeof(*t));
	mw_column *key;
	mw_type type = MW_T_INTEGER;

	t->name = mw_xstrdup(form_value(f, "name"));
	t->columns = key = mw_xcalloc(1, sizeof(*key));
	t->ncolumns = 1;
	key->name = mw_xstrdup(form_value(f, "columns/0/name"));
	mw_type_from_name(form_value(f, "type"), &type);
	key->type = type;
	key->notnull = true;
	key->is_unsigned = mw_type_is_integer(type);
	key->autoincrement = mw_type_is_integer(type);
	key->opt_present = MW_OPT_NOTNULL | (key->is_unsigned ? MW_OPT_UNSIGNED : 0) |
			   (key->autoincrement ? MW_OPT_AUTOINCREMENT : 0);
	t->pk = mw_strv_dup(&key->name, 1);
	t->npk = 1;
	t->has_pk_key = true;
	return t;
}

static int
validate_table(struct form *f, void *data)
{
	struct app *a = data;
	mw_diags errs = MW_DIAGS_INIT;
	mw_table *t;
	mw_type type;
	int rc = 0;

	if (!mw_type_from_name(form_value(f, "type"), &type)) {
		form_set_error(f, "type", "unknown type (Space cycles through the types)");
		return -1;
	}
	t = table_from_form(f);
	if (mw_edit_check_new_table(&a->s->doc->schema, t, &errs))
		rc = refused(f, &errs);
	mw_table_free(t);
	mw_diags_free(&errs);
	return rc;
}

void
action_new_table(struct app *a)
{
	struct form f;
	mw_buf err = MW_BUF_INIT;

	form_init(&f, "New table", 3);
	form_field(&f, 0, FIELD_TEXT, "table name", "name", NULL);
	/* Keys are the JSON pointers' tails, so the core's errors find their field. */
	form_field(&f, 1, FIELD_TEXT, "key column", "columns/0/name", NULL);
	form_field(&f, 2, FIELD_CHOICE, "key type", "type", "integer")->choices = types();
	f.validate = validate_table;
	f.data = a;
	if (form_run(a, &f) == 1) {
		if (session_new_table(a->s, table_from_form(&f), &err))
			app_error(a, "%s", mw_buf_cstr(&err));
		else {
			tables_sync_cursor(a);
			a->focus = PANE_EDITOR;
			app_info(a, "table %s created: a adds columns, i indexes",
				 form_value(&f, "name"));
		}
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
action_lint(struct app *a)
{
	session_update(a->s);
	a->tab = TAB_POLICY;
	app_info(a, "%zu errors, %zu findings", mw_diags_count(&a->s->findings, MW_SEV_ERROR),
		 a->s->findings.n);
}

void
action_verify(struct app *a)
{
	mw_buf out = MW_BUF_INIT;
	char *label = session_change_rel(a->s);
	int rc;

	if (!session_has_change(a->s)) {
		app_error(a, "nothing to verify: no change yet");
		free(label);
		return;
	}
	rc = adapt_verify(&out, label, session_before(a->s), a->s->after);
	free(label);
	a->s->verify_gen = a->s->gen;
	a->s->verify_ok = rc == 0;

	display_pager(a, rc ? "Verify (SQLite round trip): FAILED" : "Verify (SQLite round trip): ok",
		      mw_buf_cstr(&out));
	mw_buf_release(&out);
}

/* vim: set ts=8 sw=8 noexpandtab: */
