/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing documents with minimal diffs (see mwschema/json.h).
 *
 * The model is turned into a tree of what the file should say now
 * (json_build.c) and rendered against the tree loaded from the original
 * text: a value equal to its loaded counterpart is copied byte for byte; a
 * changed object or array keeps its original whitespace, key order and the
 * bytes of its unchanged members, and only what changed is written anew.
 * New values take the style of a neighbour in the same role (a new column
 * looks like the column next to it), else of the first value of that role
 * in the file, else MediaWiki core's fully expanded style.
 */
#include <config.h>

#include "core/json/internal.h"
#include "mwschema/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a value sits in an abstract-schema file; decides its default style. */
typedef enum jrole {
	R_OTHER,
	R_TABLES,
	R_CHANGE,
	R_TABLE,
	R_COLUMNS,
	R_COLUMN,
	R_COPTS,
	R_BAG,
	R_ENUMVALS,
	R_INDEXES,
	R_INDEX,
	R_ICOLS,
	R_IFLAGS,
	R_IOPTS,
	R_ILENGTHS,
	R_PK,
	R_TOPTS,
	R__COUNT
} jrole;

struct jwriter {
	mw_buf *out;
	const char *text;		/* original bytes, NULL for a new document */
	const char *unit;		/* one level of indentation */
	bool inline_doc;		/* the file writes short objects on one line */
	const jnode *role_tmpl[R__COUNT];
};

static const struct { jrole parent; const char *key; jrole child; } role_edges[] = {
	{ R_CHANGE, "before", R_TABLE }, { R_CHANGE, "after", R_TABLE },
	{ R_TABLE, "columns", R_COLUMNS }, { R_TABLE, "indexes", R_INDEXES },
	{ R_TABLE, "pk", R_PK }, { R_TABLE, "table_options", R_TOPTS },
	{ R_COLUMN, "options", R_COPTS }, { R_COPTS, "PlatformOptions", R_BAG },
	{ R_COPTS, "CustomSchemaOptions", R_BAG }, { R_BAG, "enum_values", R_ENUMVALS },
	{ R_INDEX, "columns", R_ICOLS }, { R_INDEX, "flags", R_IFLAGS },
	{ R_INDEX, "options", R_IOPTS }, { R_IOPTS, "lengths", R_ILENGTHS },
};

static jrole
member_role(jrole parent, const char *key)
{
	for (size_t i = 0; i < sizeof(role_edges) / sizeof(*role_edges); i++)
		if (role_edges[i].parent == parent && !strcmp(role_edges[i].key, key))
			return role_edges[i].child;
	return R_OTHER;
}

static jrole
element_role(jrole parent)
{
	return parent == R_TABLES ? R_TABLE : parent == R_COLUMNS ? R_COLUMN :
	       parent == R_INDEXES ? R_INDEX : R_OTHER;
}

static bool
is_container(const jnode *n)
{
	return n && (n->kind == J_ARRAY || n->kind == J_OBJECT);
}

static bool
spans_lines(const struct jwriter *w, const jnode *n)
{
	return memchr(w->text + n->start, '\n', n->end - n->start) != NULL;
}

static void
collect_templates(struct jwriter *w, const jnode *n, jrole role)
{
	if (!is_container(n) || !n->n)
		return;
	if (!w->role_tmpl[role])
		w->role_tmpl[role] = n;
	for (size_t i = 0; i < n->n; i++)
		collect_templates(w, n->kids[i], n->kind == J_OBJECT ?
				  member_role(role, n->keys[i].name) : element_role(role));
}

static size_t
skip_ws(const char *s, size_t at)
{
	while (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r')
		at++;
	return at;
}

/* Offset just after the '{' / '[' / ',' that precedes child i. */
static size_t
lead_start(const struct jwriter *w, const jnode *n, size_t i)
{
	return i == 0 ? n->start + 1 : skip_ws(w->text, n->kids[i - 1]->end) + 1;
}

static size_t
child_start(const jnode *n, size_t i)
{
	return n->kind == J_OBJECT ? n->keys[i].start : n->kids[i]->start;
}

static void
add_span(struct jwriter *w, size_t from, size_t to)
{
	mw_buf_add(w->out, w->text + from, to - from);
}

/* The indentation that a lead such as "\n\t\t\t" sets up. */
static char *
indent_of_lead(const char *lead, size_t len, const char *outer)
{
	const char *nl = NULL;

	for (size_t i = 0; i < len; i++)
		if (lead[i] == '\n')
			nl = lead + i;
	return nl ? mw_xstrndup(nl + 1, len - (size_t)(nl + 1 - lead)) : mw_xstrdup(outer);
}

static void
write_string(mw_buf *out, const char *s)
{
	mw_buf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': mw_buf_adds(out, "\\\""); break;
		case '\\': mw_buf_adds(out, "\\\\"); break;
		case '\n': mw_buf_adds(out, "\\n"); break;
		case '\t': mw_buf_adds(out, "\\t"); break;
		case '\r': mw_buf_adds(out, "\\r"); break;
		case '\b': mw_buf_adds(out, "\\b"); break;
		case '\f': mw_buf_adds(out, "\\f"); break;
		default:
			if (c < 0x20)
				mw_buf_addf(out, "\\u%04x", c);
			else
				mw_buf_addc(out, (char)c);
		}
	}
	mw_buf_addc(out, '"');
}

static void
write_scalar(mw_buf *out, const jnode *d)
{
	switch (d->kind) {
	case J_NULL: mw_buf_adds(out, "null"); break;
	case J_TRUE: mw_buf_adds(out, "true"); break;
	case J_FALSE: mw_buf_adds(out, "false"); break;
	case J_NUMBER: mw_buf_adds(out, d->str); break;
	case J_STRING: write_string(out, d->str); break;
	default: break;
	}
}

static void render(struct jwriter *w, const jnode *d, const jnode *o, const jnode *tmpl,
		   jrole role, const char *indent, bool force_inline);

/*
 * Output order of an object's keys: those of `ref` (the loaded object or a
 * template) in its order, then each other key of d after the key that
 * precedes it in d. Fills order[] with indexes into d.
 */
static void
key_order(const jnode *d, const jnode *ref, size_t *order)
{
	size_t n = 0;

	for (size_t i = 0; ref && i < ref->n; i++) {
		for (size_t j = 0; j < d->n; j++) {
			if (!strcmp(d->keys[j].name, ref->keys[i].name)) {
				order[n++] = j;
				break;
			}
		}
	}
	for (size_t j = 0; j < d->n; j++) {
		size_t at = 0, k;

		if (ref && jtree_key_pos(ref, d->keys[j].name) >= 0)
			continue;
		for (k = 0; k < n; k++)
			if (j > 0 && order[k] == j - 1)
				at = k + 1;
		memmove(order + at + 1, order + at, (n - at) * sizeof(*order));
		order[at] = j;
		n++;
	}
}

static bool
default_inline(const struct jwriter *w, jrole role)
{
	switch (role) {
	case R_COPTS: case R_BAG: case R_ENUMVALS: case R_ICOLS: case R_IFLAGS:
	case R_IOPTS: case R_ILENGTHS: case R_PK: case R_TOPTS:
		return w->inline_doc;
	default:
		return false;
	}
}

static const jnode *
template_child(const jnode *t, const jnode *d, size_t i)
{
	if (!t || t->kind != d->kind || !t->n)
		return NULL;
	if (t->kind == J_OBJECT)
		return jtree_get(t, d->keys[i].name);
	return t->kids[i < t->n ? i : t->n - 1];
}

/* A value with nothing to copy from: written in the style of `tmpl`. */
static void
render_fresh(struct jwriter *w, const jnode *d, const jnode *tmpl, jrole role,
	     const char *indent, bool force_inline)
{
	const jnode *t = tmpl && tmpl->kind == d->kind && tmpl->n ? tmpl : NULL;
	bool multi, pad = true;
	size_t *order;
	char *inner;

	if (!is_container(d)) {
		write_scalar(w->out, d);
		return;
	}
	if (!t && w->role_tmpl[role] && w->role_tmpl[role]->kind == d->kind)
		t = w->role_tmpl[role];
	multi = !force_inline && (t && w->text ? spans_lines(w, t) : !default_inline(w, role));
	if (t && w->text && !multi)
		pad = w->text[t->start + 1] == ' ';
	mw_buf_addc(w->out, d->kind == J_OBJECT ? '{' : '[');
	if (!d->n) {
		mw_buf_addc(w->out, d->kind == J_OBJECT ? '}' : ']');
		return;
	}
	inner = mw_strdupf("%s%s", indent, w->unit);
	order = mw_xcalloc(d->n, sizeof(*order));
	if (d->kind == J_OBJECT)
		key_order(d, t, order);
	else
		for (size_t i = 0; i < d->n; i++)
			order[i] = i;
	for (size_t k = 0; k < d->n; k++) {
		size_t i = order[k];

		if (multi)
			mw_buf_addf(w->out, "\n%s", inner);
		else if (pad || k)
			mw_buf_addc(w->out, ' ');
		if (d->kind == J_OBJECT) {
			write_string(w->out, d->keys[i].name);
			mw_buf_adds(w->out, ": ");
		}
		render_fresh(w, d->kids[i], template_child(t, d, i),
			     d->kind == J_OBJECT ? member_role(role, d->keys[i].name) :
			     element_role(role), inner, !multi);
		if (k + 1 < d->n)
			mw_buf_addc(w->out, ',');
	}
	if (multi)
		mw_buf_addf(w->out, "\n%s", indent);
	else if (pad)
		mw_buf_addc(w->out, ' ');
	mw_buf_addc(w->out, d->kind == J_OBJECT ? '}' : ']');
	free(order);
	free(inner);
}

static const char *
name_of(const jnode *n)
{
	const jnode *v = n->kind == J_OBJECT ? jtree_get(n, "name") : NULL;

	return v && v->kind == J_STRING ? v->str : NULL;
}

/*
 * Pairs each element of d with an element of o (match[i], or -1): named
 * objects by name, then leftovers in order (a renamed column stays where it
 * was); scalars with an equal unused element.
 */
static void
match_elements(const jnode *d, const jnode *o, long *match)
{
	bool *used = mw_xcalloc(o->n, sizeof(*used));
	size_t next = 0;

	for (size_t i = 0; i < d->n; i++) {
		const char *name = name_of(d->kids[i]);

		match[i] = -1;
		for (size_t j = 0; j < o->n && match[i] < 0; j++) {
			const char *oname = name_of(o->kids[j]);

			if (used[j] || (name ? !oname || strcmp(name, oname) :
					!jtree_equal(d->kids[i], o->kids[j])))
				continue;
			match[i] = (long)j;
			used[j] = true;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		if (match[i] >= 0 || !is_container(d->kids[i]))
			continue;
		while (next < o->n && used[next])
			next++;
		if (next < o->n && o->kids[next]->kind == d->kids[i]->kind) {
			match[i] = (long)next;
			used[next] = true;
		}
	}
	free(used);
}

/* One child of a re-rendered container: lead, key, value. */
static void
render_child(struct jwriter *w, const jnode *d, size_t i, const jnode *o, long j,
	     const jnode *tmpl, jrole role, const char *indent, bool force_inline, size_t k)
{
	size_t ref = j >= 0 ? (size_t)j : (k == 0 || o->n == 1 ? 0 : 1);
	size_t ls = lead_start(w, o, ref), cs = child_start(o, ref);
	const jnode *oc = j >= 0 ? o->kids[j] : NULL;
	char *inner = indent_of_lead(w->text + ls, cs - ls, indent);
	bool inl = force_inline || !spans_lines(w, o);
	jrole crole = d->kind == J_OBJECT ? member_role(role, d->keys[i].name) :
		      element_role(role);
	const jnode *ct = oc ? NULL : template_child(tmpl, d, i);

	add_span(w, ls, cs);
	if (d->kind == J_OBJECT) {
		if (oc) {
			add_span(w, o->keys[j].start, oc->start);
		} else {
			write_string(w->out, d->keys[i].name);
			add_span(w, o->keys[0].end, o->kids[0]->start);
		}
	}
	if (!oc && d->kind == J_ARRAY)
		ct = o->kids[ref];
	if (oc)
		render(w, d->kids[i], oc, NULL, crole, inner, inl);
	else
		render_fresh(w, d->kids[i], ct, crole, inner, inl);
	free(inner);
}

/* A changed container whose loaded version had children: keep its layout. */
static void
render_layout(struct jwriter *w, const jnode *d, const jnode *o, const jnode *tmpl,
	      jrole role, const char *indent, bool force_inline)
{
	size_t *order = mw_xcalloc(d->n, sizeof(*order));
	long *match = mw_xcalloc(d->n, sizeof(*match));
	size_t last_end = o->kids[o->n - 1]->end;

	if (d->kind == J_OBJECT) {
		key_order(d, o, order);
		for (size_t i = 0; i < d->n; i++)
			match[i] = jtree_key_pos(o, d->keys[i].name);
	} else {
		for (size_t i = 0; i < d->n; i++)
			order[i] = i;
		match_elements(d, o, match);
	}
	mw_buf_addc(w->out, d->kind == J_OBJECT ? '{' : '[');
	for (size_t k = 0; k < d->n; k++) {
		size_t i = order[k];
		long j = match[i];

		render_child(w, d, i, o, j, tmpl ? tmpl : o, role, indent, force_inline, k);
		if (k + 1 < d->n) {
			if (j >= 0 && (size_t)j + 1 < o->n)
				add_span(w, o->kids[j]->end, skip_ws(w->text, o->kids[j]->end));
			mw_buf_addc(w->out, ',');
		}
	}
	add_span(w, last_end, o->end - 1);
	mw_buf_addc(w->out, d->kind == J_OBJECT ? '}' : ']');
	free(order);
	free(match);
}

static void
render(struct jwriter *w, const jnode *d, const jnode *o, const jnode *tmpl, jrole role,
       const char *indent, bool force_inline)
{
	if (o && o->from_text && jtree_equal(d, o)) {
		add_span(w, o->start, o->end);
		return;
	}
	if (o && o->from_text && is_container(d) && o->kind == d->kind && o->n && d->n) {
		render_layout(w, d, o, tmpl, role, indent, force_inline);
		return;
	}
	render_fresh(w, d, o && o->kind == d->kind && o->n ? o : tmpl, role, indent,
		     force_inline);
}

static void
writer_init(struct jwriter *w, mw_buf *out, const mw_doc *doc)
{
	const jnode *root = doc && doc->layout ? doc->layout->root : NULL;

	memset(w, 0, sizeof(*w));
	w->out = out;
	w->unit = "\t";
	if (!root)
		return;
	w->text = doc->text;
	collect_templates(w, root, doc->kind == MW_DOC_SCHEMA ? R_TABLES :
			  doc->kind == MW_DOC_CHANGE ? R_CHANGE : R_TABLE);
	w->inline_doc = w->role_tmpl[R_COPTS] && !spans_lines(w, w->role_tmpl[R_COPTS]);
}

void
mw_doc_serialize(mw_buf *out, const mw_doc *doc)
{
	struct jarena *arena = jarena_new();
	const jnode *d = jw_build_doc(arena, doc);
	const jnode *root = doc->layout ? doc->layout->root : NULL;
	struct jwriter w;
	char *unit = NULL;
	jrole role = doc->kind == MW_DOC_SCHEMA ? R_TABLES :
		     doc->kind == MW_DOC_CHANGE ? R_CHANGE : R_TABLE;

	writer_init(&w, out, doc);
	if (root && is_container(root) && root->n && spans_lines(&w, root)) {
		size_t ls = lead_start(&w, root, 0), cs = child_start(root, 0);

		unit = indent_of_lead(doc->text + ls, cs - ls, "\t");
		if (*unit)
			w.unit = unit;
	}
	if (root) {
		add_span(&w, 0, root->start);
		render(&w, d, root, NULL, role, "", false);
		add_span(&w, root->end, doc->len);
	} else {
		render_fresh(&w, d, NULL, role, "", false);
		mw_buf_addc(out, '\n');
	}
	free(unit);
	jarena_free(arena);
}

int
mw_doc_save(const mw_doc *doc, const char *path, mw_buf *err)
{
	mw_buf out = MW_BUF_INIT;
	int rc;

	mw_doc_serialize(&out, doc);
	rc = mw_write_file_atomic(path, mw_buf_cstr(&out), out.len, err);
	mw_buf_release(&out);
	return rc;
}

void
mw_json_write_table(mw_buf *out, const mw_table *t, int depth)
{
	struct jarena *arena = jarena_new();
	struct jwriter w;
	char *indent = mw_xcalloc((size_t)(depth > 0 ? depth : 0) + 1, 1);

	memset(indent, '\t', (size_t)(depth > 0 ? depth : 0));
	writer_init(&w, out, NULL);
	render_fresh(&w, jw_build_table(arena, t), NULL, R_TABLE, indent, false);
	free(indent);
	jarena_free(arena);
}
