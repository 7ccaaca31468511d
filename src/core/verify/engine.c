/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The engine front: dispatch to the back ends (scripts are split into
 * statements by the SQL lexer, sqllex.h), and the shape / row records with
 * the normalisation every back end shares.
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/model.h"
#include "mwschema/sqllex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b);

static const struct engine_ops *
ops_for(mw_dbms dbms)
{
	switch (dbms) {
	case MW_DBMS_MYSQL:
		return &mw_engine_mariadb_ops;
	case MW_DBMS_POSTGRES:
		return &mw_engine_pg_ops;
	default:
		return &mw_engine_sqlite_ops;
	}
}

bool
mw_engine_available(mw_dbms dbms)
{
	return ops_for(dbms)->unavailable == NULL;
}

/* The engine can connect: built in, and its client library loads. */
static bool
usable(const struct engine_ops *ops, mw_buf *err)
{
	if (ops->unavailable) {
		mw_buf_addf(err, "%s", ops->unavailable);
		return false;
	}
	return !ops->load || ops->load(err) == 0;
}

/* A new engine for `dbms`, not yet connected; NULL (err says why) when it cannot connect. */
static mw_engine *
engine_new(mw_dbms dbms, mw_buf *err)
{
	const struct engine_ops *ops = ops_for(dbms);
	mw_engine *e;

	if (!usable(ops, err))
		return NULL;
	e = mw_xcalloc(1, sizeof(*e));
	e->ops = ops;
	e->dbms = dbms;
	return e;
}

/* Frees what the front owns, once the back end has closed its connection. */
static void
engine_free(mw_engine *e)
{
	free(e->ns);
	free(e->dsn);
	free(e);
}

int
mw_engine_open(mw_engine **out, mw_dbms dbms, const char *dsn, mw_buf *err)
{
	mw_engine *e;

	*out = NULL;
	if (!(e = engine_new(dbms, err)))
		return -1;
	if (e->ops->open(e, dsn, err) < 0) {
		engine_free(e);
		return -1;
	}
	mw_engine__live(e, true);
	if (mw_engine_fresh(e, err) < 0) {
		mw_engine_close(e);
		return -1;
	}
	*out = e;
	return 0;
}

void
mw_engine_close(mw_engine *e)
{
	mw_buf ignored = MW_BUF_INIT;

	if (!e)
		return;
	/* Scratch namespaces are ours: leave nothing behind, even after Ctrl-C. */
	e->dropping = true;
	if (e->ns && e->conn)
		e->ops->drop(e, e->ns, &ignored);
	mw_buf_release(&ignored);
	mw_engine__live(e, false);
	e->ops->close(e);
	engine_free(e);
}

int
mw_engine_attach(mw_engine **out, mw_dbms dbms, const char *dsn, const char *database,
		 mw_buf *err)
{
	mw_engine *e;

	*out = NULL;
	if (!(e = engine_new(dbms, err)))
		return -1;
	/* no scratch namespace: close() then has nothing to drop */
	if (e->ops->attach(e, dsn, database, err) < 0) {
		e->ops->close(e);
		engine_free(e);
		return -1;
	}
	mw_engine__live(e, true);
	*out = e;
	return 0;
}

int
mw_engine_use(mw_engine *e, const char *database, mw_buf *err)
{
	return e->ops->use(e, database, err);
}

int
mw_engine_list_databases(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	*out = NULL;
	*n = 0;
	if (!e->ops->list_databases) {
		mw_buf_addf(err, "%s: a file holds one database; name each with --db",
			    mw_dbms_title(e->dbms));
		return -1;
	}
	if (e->ops->list_databases(out, n, e, err) < 0)
		return -1;
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_str);
	return 0;
}

void
mw_shapes_free(mw_shape *shapes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mw_shape_clear(&shapes[i]);
	free(shapes);
}

static int
cmp_shape(const void *a, const void *b)
{
	return strcmp(((const mw_shape *)a)->name, ((const mw_shape *)b)->name);
}

/* Engines without a bulk reader: one table at a time. */
static int
read_each(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err)
{
	char **names;
	size_t nnames;
	int rc = 0;

	if (mw_engine_list_tables(&names, &nnames, e, err) < 0)
		return -1;
	*out = mw_xcalloc(nnames + 1, sizeof(**out));
	for (size_t i = 0; i < nnames && rc == 0; i++) {
		rc = mw_engine_read_shape(&(*out)[*n], e, names[i], err);
		if (rc == 0)
			(*n)++;
		else if (rc == MW_ENGINE_NO_TABLE)
			rc = 0;	/* dropped meanwhile */
	}
	mw_strv_free(names, nnames);
	return rc < 0 ? -1 : 0;
}

int
mw_engine_read_all(mw_shape **out, size_t *n, mw_engine *e, mw_buf *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	rc = e->ops->read_all ? e->ops->read_all(out, n, e, err) : read_each(out, n, e, err);
	if (rc < 0) {
		mw_shapes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	for (size_t i = 0; i < *n; i++)
		mw_shape_sort_indexes(&(*out)[i]);
	mw_shapes_sort(*out, *n);
	return 0;
}

void
mw_shapes_sort(mw_shape *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_shape);
}

mw_shape *
mw_shapes_next(mw_shape **v, size_t *n, const char *name)
{
	mw_shape *s;

	if (*n && !strcmp((*v)[*n - 1].name, name))
		return &(*v)[*n - 1];
	*v = mw_xrealloc(*v, (*n + 1) * sizeof(**v));
	s = &(*v)[(*n)++];
	memset(s, 0, sizeof(*s));
	s->name = mw_xstrdup(name);
	return s;
}

long
mw_shapes_find(const mw_shape *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].name, name);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

mw_dbms
mw_engine_dbms(const mw_engine *e)
{
	return e->dbms;
}

int
mw_engine_fresh(mw_engine *e, mw_buf *err)
{
	char *name;

	if (mw_engine__interrupted()) {
		mw_buf_adds(err, "interrupted");
		return -1;
	}
	name = mw_strdupf("mwverify_%ld_%u", (long)getpid(), ++e->serial);
	if (e->ns && e->ops->drop(e, e->ns, err) < 0) {
		free(name);
		return -1;
	}
	free(e->ns);
	e->ns = NULL;
	if (e->ops->fresh(e, name, err) < 0) {
		free(name);
		return -1;
	}
	e->ns = name;
	return 0;
}

/* The statement on one line, for messages: whitespace runs become one space. */
static void
add_one_line(mw_buf *out, const char *s)
{
	bool space = false;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = true;
			continue;
		}
		if (space)
			mw_buf_addc(out, ' ');
		space = false;
		mw_buf_addc(out, *s);
	}
}

/*
 * One statement per call, read as the engine reads it, and only those the
 * guard lets through (engine_guard.c).
 */
int
mw_engine_exec(mw_engine *e, const char *script, mw_buf *err)
{
	char **stmts;
	long n = mw_sql_statements(&stmts, script, strlen(script), e->dbms);
	int rc = 0;

	if (n < 0) {
		mw_buf_addf(err, "a quote or a comment never ends (as %s reads the SQL): nothing "
			    "was run", mw_dbms_title(e->dbms));
		return -1;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		mw_buf msg = MW_BUF_INIT;
		const char *refused = mw_engine__stmt_refused(stmts[i], e->dbms);

		if (refused || mw_engine__interrupted() ||
		    e->ops->exec_one(e, stmts[i], &msg) < 0) {
			mw_buf_addf(err, "statement %ld: ", i + 1);
			add_one_line(err, stmts[i]);
			mw_buf_addf(err, ": %s", refused ? refused : mw_engine__interrupted() &&
				    !msg.len ? "interrupted" : mw_buf_cstr(&msg));
			rc = -1;
		}
		mw_buf_release(&msg);
	}
	mw_strv_free(stmts, (size_t)n);
	return rc;
}

int
mw_engine_query(mw_rows *out, mw_engine *e, const char *sql, mw_buf *err)
{
	memset(out, 0, sizeof(*out));
	if (mw_engine__interrupted()) {
		mw_buf_adds(err, "interrupted");
		return -1;
	}
	return e->ops->query(out, e, sql, err);
}

int
mw_engine_read_shape(mw_shape *out, mw_engine *e, const char *table, mw_buf *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = e->ops->read_shape(out, e, table, err);
	if (rc != 0) {
		mw_shape_clear(out);
		return rc;
	}
	if (!out->name)
		out->name = mw_xstrdup(table);
	mw_shape_sort_indexes(out);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
mw_engine_list_tables(char ***out, size_t *n, mw_engine *e, mw_buf *err)
{
	*out = NULL;
	*n = 0;
	if (e->ops->list_tables(out, n, e, err) < 0)
		return -1;
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_str);
	return 0;
}

void
mw_engine_quote_ident(mw_buf *out, const mw_engine *e, const char *name)
{
	char q = e->ops->quote;

	mw_buf_addc(out, q);
	for (const char *p = name; *p; p++) {
		if (*p == q)
			mw_buf_addc(out, q);
		mw_buf_addc(out, *p);
	}
	mw_buf_addc(out, q);
}

/*
 * Shapes
 */

static void
index_clear(mw_shape_index *ix)
{
	free(ix->name);
	mw_strv_free(ix->columns, ix->ncolumns);
	free(ix->kind);
	free(ix->where);
}

void
mw_shape_clear(mw_shape *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncolumns; i++) {
		free(s->columns[i].name);
		free(s->columns[i].type);
		free(s->columns[i].deflt);
	}
	free(s->columns);
	mw_strv_free(s->pk, s->npk);
	for (size_t i = 0; i < s->nindexes; i++)
		index_clear(&s->indexes[i]);
	free(s->indexes);
	free(s->name);
	free(s->engine);
	free(s->charset);
	memset(s, 0, sizeof(*s));
}

mw_shape_column *
mw_shape_add_column(mw_shape *s, const char *name)
{
	mw_shape_column *c;

	s->columns = mw_xrealloc(s->columns, (s->ncolumns + 1) * sizeof(*s->columns));
	c = &s->columns[s->ncolumns++];
	memset(c, 0, sizeof(*c));
	c->name = mw_xstrdup(name);
	return c;
}

mw_shape_index *
mw_shape_index_get(mw_shape *s, const char *name)
{
	mw_shape_index *ix;

	for (size_t i = 0; i < s->nindexes; i++)
		if (!strcmp(s->indexes[i].name, name))
			return &s->indexes[i];
	s->indexes = mw_xrealloc(s->indexes, (s->nindexes + 1) * sizeof(*s->indexes));
	ix = &s->indexes[s->nindexes++];
	memset(ix, 0, sizeof(*ix));
	ix->name = mw_xstrdup(name);
	return ix;
}

void
mw_shape_index_add_column(mw_shape_index *ix, const char *col)
{
	ix->columns = mw_xrealloc(ix->columns, (ix->ncolumns + 1) * sizeof(*ix->columns));
	ix->columns[ix->ncolumns++] = mw_xstrdup(col);
}

void
mw_shape_add_pk(mw_shape *s, const char *col)
{
	s->pk = mw_xrealloc(s->pk, (s->npk + 1) * sizeof(*s->pk));
	s->pk[s->npk++] = mw_xstrdup(col);
}

static int
cmp_index(const void *a, const void *b)
{
	return strcmp(((const mw_shape_index *)a)->name, ((const mw_shape_index *)b)->name);
}

void
mw_shape_sort_indexes(mw_shape *s)
{
	if (s->nindexes > 1)
		qsort(s->indexes, s->nindexes, sizeof(*s->indexes), cmp_index);
}

const mw_shape_column *
mw_shape_column_find(const mw_shape *s, const char *name)
{
	for (size_t i = 0; i < s->ncolumns; i++)
		if (!strcasecmp(s->columns[i].name, name))
			return &s->columns[i];
	return NULL;
}

void
mw_shape_column_describe(mw_buf *out, const mw_shape_column *c)
{
	mw_buf_addf(out, "%s %s", c->name, c->type);
	if (c->autoincrement)
		mw_buf_adds(out, " autoincrement");
	if (c->deflt)
		mw_buf_addf(out, " default '%s'", c->deflt);
	mw_buf_adds(out, c->notnull ? " not null" : " null");
}

void
mw_shape_index_describe(mw_buf *out, const mw_shape_index *ix)
{
	mw_buf_addf(out, "%s%s%sindex %s (", ix->unique ? "unique " : "",
		    ix->kind ? ix->kind : "", ix->kind ? " " : "", ix->name);
	for (size_t i = 0; i < ix->ncolumns; i++)
		mw_buf_addf(out, "%s%s", i ? ", " : "", ix->columns[i]);
	mw_buf_adds(out, ")");
	if (ix->where)
		mw_buf_addf(out, " where %s", ix->where);
}

/*
 * Normalisation
 */

char *
mw_norm_type(const char *type)
{
	mw_buf b = MW_BUF_INIT;
	bool space = false;

	/* lower case, one space between words, none around ( ) and , */
	for (const char *p = type ? type : ""; *p; p++) {
		if (isspace((unsigned char)*p)) {
			space = b.len > 0;
			continue;
		}
		if (space && !strchr("(),", *p) && !strchr("(,", b.data[b.len - 1]))
			mw_buf_addc(&b, ' ');
		space = false;
		mw_buf_addc(&b, (char)tolower((unsigned char)*p));
	}
	return mw_buf_detach(&b);
}

/* Position of the first "::" cast outside strings and quoted names (the lexer's), or NULL. */
static const char *
find_cast(const char *s)
{
	mw_sql_token *t;
	size_t n = mw_sql_tokenize(&t, s, strlen(s));
	const char *at = NULL;

	for (size_t i = 0; i < n && !at; i++)
		if (t[i].type == MW_TOK_BOUNDARY && t[i].len == 2 &&
		    !strncmp(s + t[i].start, "::", 2))
			at = s + t[i].start;
	free(t);
	return at;
}

static char *
strip_parens(char *s)
{
	size_t len = strlen(s);

	while (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		memmove(s, s + 1, len - 2);
		len -= 2;
		s[len] = '\0';
	}
	return s;
}

static char *
unquote(const char *s, size_t len)
{
	mw_buf b = MW_BUF_INIT;

	for (size_t i = 1; i + 1 < len; i++) {
		/* MySQL's \0 is a NUL byte (BINARY(n) pads with them): keep it visible */
		if (s[i] == '\\' && s[i + 1] == '0' && i + 2 < len)
			mw_buf_addc(&b, s[i++]);
		else if ((s[i] == '\'' && s[i + 1] == '\'') || (s[i] == '\\' && i + 2 < len))
			i++;
		mw_buf_addc(&b, s[i]);
	}
	/* an empty default ('') is a value, not "no default" */
	return b.data ? mw_buf_detach(&b) : mw_xstrdup("");
}

char *
mw_norm_default(const char *literal)
{
	char *s, *res;
	const char *cast;
	size_t len;

	if (!literal)
		return NULL;
	s = strip_parens(mw_xstrdup(literal));
	/* PostgreSQL spells a typed literal 'x'::type, possibly several times */
	while ((cast = find_cast(s))) {
		s[cast - s] = '\0';
		strip_parens(s);
	}
	len = strlen(s);
	if (len == 0 || !strcasecmp(s, "null")) {
		free(s);
		return NULL;
	}
	if (len >= 2 && s[0] == '\'' && s[len - 1] == '\'')
		res = unquote(s, len);
	else
		res = mw_xstrdup(s);
	free(s);
	return res;
}

/*
 * Rows
 */

void
mw_rows_set_names(mw_rows *r, size_t ncols, char *const *names)
{
	r->ncols = ncols;
	r->names = mw_xcalloc(ncols ? ncols : 1, sizeof(*r->names));
	for (size_t i = 0; i < ncols; i++)
		r->names[i] = mw_xstrdup(names[i]);
}

void
mw_rows_add(mw_rows *r, char *const *cells, const size_t *lens)
{
	size_t base = r->nrows * r->ncols;

	r->cells = mw_xrealloc(r->cells, (base + r->ncols + 1) * sizeof(*r->cells));
	r->lens = mw_xrealloc(r->lens, (base + r->ncols + 1) * sizeof(*r->lens));
	for (size_t i = 0; i < r->ncols; i++) {
		size_t len = cells[i] ? (lens && lens[i] != (size_t)-1 ? lens[i]
								     : strlen(cells[i]))
				      : 0;

		r->cells[base + i] = cells[i] ? mw_xstrndup(cells[i], len) : NULL;
		r->lens[base + i] = len;
	}
	r->nrows++;
}

void
mw_rows_clear(mw_rows *r)
{
	if (!r)
		return;
	mw_strv_free(r->names, r->ncols);
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}
