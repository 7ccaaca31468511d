/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Round-trip verification of a change on one engine (see mwschema/verify.h).
 */
#include <config.h>

#include "core/verify/internal.h"

#include "mwschema/gen.h"
#include "mwschema/sqllex.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const step_titles[MW_VSTEP__COUNT] = {
	[MW_VSTEP_CREATE] = "create before",
	[MW_VSTEP_ROWS] = "insert sample rows",
	[MW_VSTEP_PATCH] = "apply patch",
	[MW_VSTEP_COMPARE] = "compare with a fresh CREATE",
	[MW_VSTEP_SURVIVE] = "sample rows survived",
};

const char *
mw_verify_step_title(mw_verify_step step)
{
	return step < MW_VSTEP__COUNT ? step_titles[step] : "?";
}

const char *
mw_verify_status_name(mw_verify_status st)
{
	return st == MW_VERIFY_PASS ? "ok" : st == MW_VERIFY_FAIL ? "FAIL" : "skip";
}

/* Everything one verification run carries from step to step. */
struct run {
	mw_engine *e;
	mw_dbms dbms;
	const mw_change *ch;
	const mw_table *target;		/* after, or before for a round trip */
	const mw_verify_opts *o;
	mw_verify_result *r;
	mw_shape before;		/* `before` as created */
	mw_rows before_rows;
	size_t nrows;
	mw_shape got;			/* the target table after the patch */
	bool have_got;
	mw_rows got_rows;
	char **kept;			/* columns whose values must survive */
	size_t nkept;
};

static void
set_step(struct run *run, mw_verify_step step, mw_verify_status st, const char *fmt, ...)
	MW_PRINTF(4, 5);

static void
set_step(struct run *run, mw_verify_step step, mw_verify_status st, const char *fmt, ...)
{
	mw_buf b = MW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mw_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(run->r->detail[step]);
	run->r->detail[step] = mw_buf_detach(&b);
	run->r->status[step] = st;
	if (st == MW_VERIFY_FAIL)
		run->r->passed = false;
}

/* The name the engine knows the table by. */
static char *
table_name(const struct run *run, const mw_table *t)
{
	if (run->dbms == MW_DBMS_POSTGRES)
		return mw_xstrdup(t->name);
	return mw_strdupf("%s%s", run->o->prefix ? run->o->prefix : "", t->name);
}

static char *
fill(const struct run *run, const char *sql)
{
	return mw_verify_fill_placeholders(sql, run->o->prefix, run->o->table_options);
}

/*
 * Runs generated SQL (`expected` statements, as the generator counted them)
 * or given SQL (expected 0); 0, or -1 with the engine's message in err.
 */
static int
exec_sql(struct run *run, const char *sql, size_t expected, size_t *nstmts, mw_buf *err)
{
	char *filled = fill(run, sql);
	char **stmts;
	int rc = mw_verify__split_as_generated(&stmts, filled, run->dbms, expected, err);

	if (rc == 0) {
		for (*nstmts = 0; stmts[*nstmts]; (*nstmts)++)
			;
		mw_strv_free(stmts, *nstmts);
		rc = mw_engine_exec(run->e, filled, err);
	}
	free(filled);
	return rc;
}

/* How many statements the generator writes for a whole schema / a change. */
static size_t
schema_statements(const mw_schema *s, mw_dbms dbms)
{
	mw_buf raw = MW_BUF_INIT;
	size_t n = mw_gen_schema_raw(&raw, s, dbms);

	mw_buf_release(&raw);
	return n;
}

static size_t
change_statements(const mw_table *from, const mw_table *to, mw_dbms dbms)
{
	mw_buf raw = MW_BUF_INIT;
	size_t n = mw_gen_change_raw(&raw, from, to, dbms);

	mw_buf_release(&raw);
	return n;
}

/* Creates `t` alone from its generated CREATE statements. */
static int
create_table(struct run *run, const mw_table *t, size_t *nstmts, mw_buf *err)
{
	mw_schema one = { (mw_table *)t, 1 };
	mw_buf sql = MW_BUF_INIT;
	int rc;

	mw_gen_schema(&sql, &one, run->dbms, run->o->label ? run->o->label : t->name, 0);
	rc = exec_sql(run, mw_buf_cstr(&sql), schema_statements(&one, run->dbms), nstmts, err);
	mw_buf_release(&sql);
	return rc;
}

static int
read_shape(mw_shape *out, struct run *run, const mw_table *t, mw_buf *err)
{
	char *name = table_name(run, t);
	int rc = mw_engine_read_shape(out, run->e, name, err);

	if (rc == MW_ENGINE_NO_TABLE)
		mw_buf_addf(err, "table %s does not exist", name);
	free(name);
	return rc;
}

static int
step_create(struct run *run)
{
	mw_buf err = MW_BUF_INIT;
	size_t n = 0;
	int rc = 0;

	if (mw_engine_fresh(run->e, &err) < 0) {
		set_step(run, MW_VSTEP_CREATE, MW_VERIFY_FAIL, "%s", mw_buf_cstr(&err));
		rc = -1;
	} else if (!run->ch->before) {
		set_step(run, MW_VSTEP_CREATE, MW_VERIFY_SKIP, "no `before` table (the change creates it)");
	} else if (create_table(run, run->ch->before, &n, &err) < 0 ||
		   read_shape(&run->before, run, run->ch->before, &err) != 0) {
		set_step(run, MW_VSTEP_CREATE, MW_VERIFY_FAIL, "%s", mw_buf_cstr(&err));
		rc = -1;
	} else {
		set_step(run, MW_VSTEP_CREATE, MW_VERIFY_PASS, "%s: %zu column%s, %zu statement%s",
			 run->before.name, run->before.ncolumns, run->before.ncolumns == 1 ? "" : "s",
			 n, n == 1 ? "" : "s");
	}
	mw_buf_release(&err);
	return rc;
}

/* SELECT of `cols` (catalog names) from `table`, every value as text. */
static int
select_rows(mw_rows *out, struct run *run, const char *table, char *const *cols, size_t n,
	    mw_buf *err)
{
	mw_buf sql = MW_BUF_INIT;
	int rc;

	mw_buf_adds(&sql, "SELECT ");
	for (size_t i = 0; i < n; i++) {
		mw_buf_adds(&sql, i ? ", " : "");
		mw_engine_quote_ident(&sql, run->e, cols[i]);
	}
	if (!n)
		mw_buf_adds(&sql, "1");
	mw_buf_adds(&sql, " FROM ");
	mw_engine_quote_ident(&sql, run->e, table);
	rc = mw_engine_query(out, run->e, mw_buf_cstr(&sql), err);
	mw_buf_release(&sql);
	return rc;
}

static char **
shape_column_names(const mw_shape *s)
{
	char **v = mw_xcalloc(s->ncolumns + 1, sizeof(*v));

	for (size_t i = 0; i < s->ncolumns; i++)
		v[i] = s->columns[i].name;
	return v;
}

static int
step_rows(struct run *run)
{
	struct sample_ctx ctx = { run->e, run->ch->before, run->ch->after, &run->before };
	mw_buf sql = MW_BUF_INIT, err = MW_BUF_INIT;
	char **cols;
	int rc = 0;

	if (!run->ch->before) {
		set_step(run, MW_VSTEP_ROWS, MW_VERIFY_SKIP, "no `before` table");
		return 0;
	}
	run->nrows = mw_verify_sample_inserts(&sql, &ctx);
	cols = shape_column_names(&run->before);
	if (mw_engine_exec(run->e, mw_buf_cstr(&sql), &err) < 0 ||
	    select_rows(&run->before_rows, run, run->before.name, cols, run->before.ncolumns,
			&err) < 0) {
		set_step(run, MW_VSTEP_ROWS, MW_VERIFY_FAIL, "%s", mw_buf_cstr(&err));
		rc = -1;
	} else {
		set_step(run, MW_VSTEP_ROWS, MW_VERIFY_PASS, "%zu row%s", run->nrows,
			 run->nrows == 1 ? "" : "s");
	}
	free(cols);
	mw_buf_release(&sql);
	mw_buf_release(&err);
	return rc;
}

/* Generates the SQL from `from` to `to`; false when the platform sees no change. */
static bool
gen_patch(mw_buf *out, const struct run *run, const mw_table *from, const mw_table *to,
	  unsigned flags)
{
	const char *label = run->o->label ? run->o->label : "change";

	return mw_gen_change(out, from, to, run->dbms, label, flags) != MW_GEN_NOCHANGE;
}

/* Applies one patch; appends "N statements" or "no SQL" to what. */
static int
apply(struct run *run, const char *sql, bool have_sql, size_t expected, mw_buf *what,
      mw_buf *err)
{
	size_t n = 0;

	if (!have_sql) {
		mw_buf_adds(what, "no SQL for this platform (no schema change detected)");
		return 0;
	}
	if (exec_sql(run, sql, expected, &n, err) < 0)
		return -1;
	mw_buf_addf(what, "%zu statement%s", n, n == 1 ? "" : "s");
	return 0;
}

static int
apply_patches(struct run *run, mw_buf *what, mw_buf *err)
{
	mw_buf sql = MW_BUF_INIT, msg = MW_BUF_INIT;
	bool have = true;
	int rc;

	if (run->o->patch_sql)
		mw_buf_adds(&sql, run->o->patch_sql);
	else
		have = gen_patch(&sql, run, run->ch->before, run->ch->after, 0);
	rc = apply(run, mw_buf_cstr(&sql), have, run->o->patch_sql ? 0 :
		   change_statements(run->ch->before, run->ch->after, run->dbms), what, err);
	if (rc == 0 && run->o->rollback) {
		mw_buf_reset(&sql);
		have = gen_patch(&sql, run, run->ch->after, run->ch->before, MW_GEN_ROLLBACK);
		mw_buf_adds(what, ", then the rollback: ");
		if (apply(run, mw_buf_cstr(&sql), have,
			  change_statements(run->ch->after, run->ch->before, run->dbms), what,
			  &msg) < 0) {
			mw_buf_addf(err, "rollback: %s", mw_buf_cstr(&msg));
			rc = -1;
		}
	}
	mw_buf_release(&sql);
	mw_buf_release(&msg);
	return rc;
}

/* A table the patch must have removed (dropped, or renamed away). */
static const mw_table *
gone_table(const struct run *run)
{
	const mw_table *other = run->o->rollback ? run->ch->after : run->ch->before;

	if (!other || (run->target && !strcasecmp(other->name, run->target->name)))
		return NULL;
	return other;
}

static bool
in_table(const mw_table *t, const char *name)
{
	for (size_t i = 0; t && i < t->ncolumns; i++)
		if (!strcasecmp(t->columns[i].name, name))
			return true;
	return false;
}

/* Columns of `before` still there with the same type (and, for a round trip, never dropped). */
static void
find_kept(struct run *run)
{
	run->kept = mw_xcalloc(run->before.ncolumns + 1, sizeof(*run->kept));
	for (size_t i = 0; i < run->before.ncolumns; i++) {
		const mw_shape_column *b = &run->before.columns[i];
		const mw_shape_column *g = mw_shape_column_find(&run->got, b->name);

		if (!g || strcmp(g->type, b->type))
			continue;
		if (run->o->rollback && !in_table(run->ch->after, b->name))
			continue;
		run->kept[run->nkept++] = g->name;
	}
}

static bool
same_table(const struct run *run)
{
	return run->ch->before && run->target && !strcasecmp(run->ch->before->name, run->target->name);
}

/* Reads what the patch left, before the next namespace replaces it. */
static int
capture(struct run *run, mw_buf *err)
{
	const mw_table *gone = gone_table(run);
	mw_shape s;
	int rc;

	if (gone) {
		rc = read_shape(&s, run, gone, err);
		if (rc == 0) {
			mw_shape_clear(&s);
			mw_buf_addf(err, "table %s still exists after the patch", gone->name);
		}
		if (rc != MW_ENGINE_NO_TABLE)
			return -1;
		mw_buf_reset(err);
	}
	if (!run->target)
		return 0;
	rc = read_shape(&run->got, run, run->target, err);
	if (rc < 0)
		return -1;
	run->have_got = rc == 0;
	mw_buf_reset(err);
	if (!run->have_got || !same_table(run) || run->r->status[MW_VSTEP_ROWS] != MW_VERIFY_PASS)
		return 0;
	find_kept(run);
	return select_rows(&run->got_rows, run, run->got.name, run->kept, run->nkept, err);
}

static int
step_patch(struct run *run)
{
	mw_buf what = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc = 0;

	if (apply_patches(run, &what, &err) < 0 || capture(run, &err) < 0) {
		set_step(run, MW_VSTEP_PATCH, MW_VERIFY_FAIL, "%s", mw_buf_cstr(&err));
		rc = -1;
	} else {
		set_step(run, MW_VSTEP_PATCH, MW_VERIFY_PASS, "%s", mw_buf_cstr(&what));
	}
	mw_buf_release(&what);
	mw_buf_release(&err);
	return rc;
}

static int
step_compare(struct run *run)
{
	mw_buf err = MW_BUF_INIT;
	mw_shape want = { 0 };
	size_t n = 0;
	int rc = -1;

	if (!run->target) {
		set_step(run, MW_VSTEP_COMPARE, MW_VERIFY_PASS, "the table is gone, as it should be");
		return 0;
	}
	if (!run->have_got)
		set_step(run, MW_VSTEP_COMPARE, MW_VERIFY_FAIL, "table %s does not exist after the patch",
			 run->target->name);
	else if (mw_engine_fresh(run->e, &err) < 0 || create_table(run, run->target, &n, &err) < 0 ||
		 read_shape(&want, run, run->target, &err) != 0)
		set_step(run, MW_VSTEP_COMPARE, MW_VERIFY_FAIL, "fresh CREATE of %s: %s",
			 run->target->name, mw_buf_cstr(&err));
	else if (mw_verify_compare_shapes(&err, &run->got, &want) > 0)
		set_step(run, MW_VSTEP_COMPARE, MW_VERIFY_FAIL, "%s", mw_buf_cstr(&err));
	else
		rc = 0;
	if (rc == 0)
		set_step(run, MW_VSTEP_COMPARE, MW_VERIFY_PASS,
			 "same columns, primary key and %zu index%s", want.nindexes,
			 want.nindexes == 1 ? "" : "es");
	mw_shape_clear(&want);
	mw_buf_release(&err);
	return rc;
}

/* "(v1, v2, NULL)"; padding that fixed-width types add is not a change of value. */
static char *
render_row(const mw_rows *r, size_t row, const size_t *idx, size_t n)
{
	mw_buf b = MW_BUF_INIT;

	mw_buf_addc(&b, '(');
	for (size_t i = 0; i < n; i++) {
		const char *v = r->cells[row * r->ncols + idx[i]];
		size_t len = r->lens[row * r->ncols + idx[i]];

		mw_buf_adds(&b, i ? ", " : "");
		if (!v) {
			mw_buf_adds(&b, "NULL");
			continue;
		}
		while (len && (v[len - 1] == '\0' || v[len - 1] == ' '))
			len--;
		mw_buf_addc(&b, '\'');
		for (size_t k = 0; k < len; k++) {
			unsigned char ch = (unsigned char)v[k];

			if (ch < 0x20 || ch >= 0x7f || ch == '\\')
				mw_buf_addf(&b, "\\x%02x", ch);
			else
				mw_buf_addc(&b, (char)ch);
		}
		mw_buf_addc(&b, '\'');
	}
	mw_buf_addc(&b, ')');
	return mw_buf_detach(&b);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rows of r as sorted strings over the columns idx. */
static char **
rendered(const mw_rows *r, const size_t *idx, size_t n)
{
	char **v = mw_xcalloc(r->nrows + 1, sizeof(*v));

	for (size_t i = 0; i < r->nrows; i++)
		v[i] = render_row(r, i, idx, n);
	if (r->nrows > 1)
		qsort(v, r->nrows, sizeof(*v), cmp_str);
	return v;
}

static void
compare_rows(struct run *run)
{
	size_t *bidx = mw_xcalloc(run->nkept + 1, sizeof(*bidx));
	size_t *gidx = mw_xcalloc(run->nkept + 1, sizeof(*gidx));
	char **bv, **gv;
	size_t nb = run->before_rows.nrows, ng = run->got_rows.nrows, i;

	for (i = 0; i < run->nkept; i++) {
		const mw_shape_column *c = mw_shape_column_find(&run->before, run->kept[i]);

		bidx[i] = (size_t)(c - run->before.columns);
		gidx[i] = i;
	}
	bv = rendered(&run->before_rows, bidx, run->nkept);
	gv = rendered(&run->got_rows, gidx, run->nkept);
	for (i = 0; i < nb && i < ng && !strcmp(bv[i], gv[i]); i++)
		;
	if (nb != ng)
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_FAIL, "%zu rows before the patch, %zu after",
			 nb, ng);
	else if (i < nb)
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_FAIL,
			 "sample row %s became %s in the kept columns", bv[i], gv[i]);
	else
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_PASS, "%zu row%s, %zu kept column%s", nb,
			 nb == 1 ? "" : "s", run->nkept, run->nkept == 1 ? "" : "s");
	mw_strv_free(bv, nb);
	mw_strv_free(gv, ng);
	free(bidx);
	free(gidx);
}

static void
step_survive(struct run *run)
{
	if (!run->ch->before)
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_SKIP, "no `before` table, no rows");
	else if (!run->target)
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_SKIP, "the table is dropped with its rows");
	else if (!same_table(run))
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_SKIP,
			 "the table is replaced by a new one under another name");
	else if (!run->ch->after || strcasecmp(run->ch->before->name, run->ch->after->name))
		set_step(run, MW_VSTEP_SURVIVE, MW_VERIFY_SKIP,
			 "the patch drops the table: the rollback cannot bring its rows back");
	else
		compare_rows(run);
}

/* The guard's verdict before anything runs; a refusal fails the first step. */
static int
inputs_safe(struct run *run)
{
	mw_buf why = MW_BUF_INIT;
	int rc = mw_verify__opts_safe(run->o, &why);

	if (rc == 0)
		rc = mw_verify__table_safe(run->ch->before, run->dbms, &why);
	if (rc == 0)
		rc = mw_verify__table_safe(run->ch->after, run->dbms, &why);
	if (rc < 0)
		set_step(run, MW_VSTEP_CREATE, MW_VERIFY_FAIL, "nothing was run: %s",
			 mw_buf_cstr(&why));
	mw_buf_release(&why);
	return rc;
}

int
mw_verify_change(mw_verify_result *out, mw_engine *e, const mw_change *change,
		 const mw_verify_opts *opts)
{
	struct run run = { 0 };

	memset(out, 0, sizeof(*out));
	out->dbms = mw_engine_dbms(e);
	out->passed = true;
	for (int i = 0; i < MW_VSTEP__COUNT; i++) {
		out->status[i] = MW_VERIFY_SKIP;
		out->detail[i] = mw_xstrdup("not run: an earlier step failed");
	}
	run.e = e;
	run.dbms = out->dbms;
	run.ch = change;
	run.o = opts;
	run.r = out;
	run.target = opts->rollback ? change->before : change->after;
	if (inputs_safe(&run) == 0 && step_create(&run) == 0 && step_rows(&run) == 0 &&
	    step_patch(&run) == 0 && step_compare(&run) == 0)
		step_survive(&run);
	mw_shape_clear(&run.before);
	mw_shape_clear(&run.got);
	mw_rows_clear(&run.before_rows);
	mw_rows_clear(&run.got_rows);
	free(run.kept);
	return out->passed ? 0 : 1;
}

void
mw_verify_result_clear(mw_verify_result *r)
{
	if (!r)
		return;
	for (int i = 0; i < MW_VSTEP__COUNT; i++)
		free(r->detail[i]);
	memset(r, 0, sizeof(*r));
}

/* One "ok TABLE" / "FAIL TABLE: ..." line; returns 1 for a failure. */
static int
check_one_table(mw_buf *report, struct run *run, const mw_table *t, const mw_shape *got)
{
	mw_buf err = MW_BUF_INIT;
	mw_shape want = { 0 };
	size_t n = 0;
	int failed = 1;

	if (mw_engine_fresh(run->e, &err) < 0 || create_table(run, t, &n, &err) < 0 ||
	    read_shape(&want, run, t, &err) != 0)
		mw_buf_addf(report, "FAIL %s: fresh CREATE: %s\n", t->name, mw_buf_cstr(&err));
	else if (mw_verify_compare_shapes(&err, got, &want) > 0)
		mw_buf_addf(report, "FAIL %s: %s\n", t->name, mw_buf_cstr(&err));
	else
		failed = 0;
	if (!failed)
		mw_buf_addf(report, "ok %s\n", t->name);
	mw_shape_clear(&want);
	mw_buf_release(&err);
	return failed;
}

/* Tables in the namespace that the schema does not describe. */
static int
report_extra_tables(mw_buf *report, struct run *run, const mw_schema *schema)
{
	char **names = NULL;
	size_t n = 0;
	int nfail = 0;
	mw_buf err = MW_BUF_INIT;

	if (mw_engine_list_tables(&names, &n, run->e, &err) < 0) {
		mw_buf_addf(report, "FAIL listing tables: %s\n", mw_buf_cstr(&err));
		nfail = 1;
	}
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (size_t k = 0; k < schema->ntables && !known; k++) {
			char *name = table_name(run, &schema->tables[k]);

			known = !strcasecmp(name, names[i]);
			free(name);
		}
		if (!known) {
			mw_buf_addf(report, "FAIL %s: not in the schema\n", names[i]);
			nfail++;
		}
	}
	mw_strv_free(names, n);
	mw_buf_release(&err);
	return nfail;
}

static int
create_schema(mw_buf *report, struct run *run, const mw_schema *schema)
{
	mw_buf sql = MW_BUF_INIT, err = MW_BUF_INIT;
	size_t n = 0;
	int rc = 0;

	if (run->o->patch_sql)
		mw_buf_adds(&sql, run->o->patch_sql);	/* e.g. apply-ready output to check */
	else
		mw_gen_schema(&sql, schema, run->dbms, run->o->label ? run->o->label : "schema", 0);
	if (mw_engine_fresh(run->e, &err) < 0 ||
	    exec_sql(run, mw_buf_cstr(&sql), run->o->patch_sql ? 0 :
		     schema_statements(schema, run->dbms), &n, &err) < 0) {
		mw_buf_addf(report, "FAIL creating the schema: %s\n", mw_buf_cstr(&err));
		rc = -1;
	}
	mw_buf_release(&sql);
	mw_buf_release(&err);
	return rc;
}

static bool
schema_unsafe(mw_buf *report, struct run *run, const mw_schema *schema)
{
	mw_buf why = MW_BUF_INIT;
	bool bad = mw_verify__opts_safe(run->o, &why) < 0;

	for (size_t i = 0; !bad && i < schema->ntables; i++)
		bad = mw_verify__table_safe(&schema->tables[i], run->dbms, &why) < 0;
	if (bad)
		mw_buf_addf(report, "FAIL creating the schema: nothing was run: %s\n",
			    mw_buf_cstr(&why));
	mw_buf_release(&why);
	return bad;
}

int
mw_verify_schema(mw_buf *report, mw_engine *e, const mw_schema *schema,
		 const mw_verify_opts *opts, bool existing)
{
	struct run run = { .e = e, .dbms = mw_engine_dbms(e), .o = opts };
	mw_shape *got = mw_xcalloc(schema->ntables + 1, sizeof(*got));
	bool *have = mw_xcalloc(schema->ntables + 1, sizeof(*have));
	mw_buf err = MW_BUF_INIT;
	int nfail = 0;

	if (schema_unsafe(report, &run, schema) ||
	    (!existing && create_schema(report, &run, schema) < 0)) {
		free(got);
		free(have);
		return -1;
	}
	/* read everything first: each comparison needs a namespace of its own */
	for (size_t i = 0; i < schema->ntables; i++) {
		mw_buf_reset(&err);
		have[i] = read_shape(&got[i], &run, &schema->tables[i], &err) == 0;
		if (!have[i]) {
			mw_buf_addf(report, "FAIL %s: %s\n", schema->tables[i].name, mw_buf_cstr(&err));
			nfail++;
		}
	}
	nfail += report_extra_tables(report, &run, schema);
	for (size_t i = 0; i < schema->ntables; i++) {
		if (have[i])
			nfail += check_one_table(report, &run, &schema->tables[i], &got[i]);
		mw_shape_clear(&got[i]);
	}
	free(got);
	free(have);
	mw_buf_release(&err);
	return nfail;
}
