/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema lint: run the policy rules over schema, change and SQL files
 * (or whole checkouts) and report the findings as text, JSON or SARIF.
 */
#include <config.h>

#include "cli/commands.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/plan.h"
#include "mwschema/rc.h"
#include "mwschema/report.h"
#include "mwschema/workspace.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "lint"

enum {
	OPT_FORMAT = CLI_LONG, OPT_SEVERITY, OPT_CONFIG, OPT_NO_CONFIG, OPT_BASELINE,
	OPT_WRITE_BASELINE, OPT_NEW_SINCE, OPT_EXPLAIN, OPT_LIST_RULES,
};

static const struct cli_option options[] = {
	{ OPT_FORMAT, "format", "F", "text (default: file:line:col: severity: message [rule]), "
	  "json (an array of findings) or sarif (SARIF 2.1.0)", "text|json|sarif" },
	{ OPT_SEVERITY, "severity", "S", "report only findings at S or above (default: info)",
	  "info|warning|error" },
	{ OPT_CONFIG, "config", "FILE", "read FILE after the standard configuration", NULL },
	{ OPT_NO_CONFIG, "no-config", NULL, "ignore ~/.config/mwschema/config and .mwschemarc",
	  NULL },
	{ OPT_BASELINE, "baseline", "FILE", "report only findings FILE does not list (CI on a "
	  "repository with old findings gates on new ones)", NULL },
	{ OPT_WRITE_BASELINE, "write-baseline", "FILE", "write the findings to FILE as the "
	  "baseline and exit 0", NULL },
	{ OPT_NEW_SINCE, "new-since", "REV", "report only findings the files did not have at git "
	  "revision REV (e.g. origin/master, HEAD~1)", NULL },
	{ OPT_EXPLAIN, "explain", "RULE", "say why RULE exists and how to fix its findings", NULL },
	{ OPT_LIST_RULES, "list-rules", NULL, "list every rule with its default severity", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_lint(int argc, char **argv);

const struct cli_command cmd_lint = {
	"lint", "check schema, change and SQL files against the database policy",
	"[OPTIONS] [PATH...]\n--explain=RULE\n--list-rules",
	"Checks abstract-schema files against MediaWiki's database policy. PATH is a\n"
	"schema file, a change file, a .sql patch, or a directory (every schema,\n"
	"change and hand-written SQL file below it; the schemas found are used to\n"
	"check references from the change files). Without PATH, lints the schema\n"
	"directories of the MediaWiki checkout containing the current directory and\n"
	"names the files relative to its root. The summary goes to standard error.\n\n"
	"A change file that drops or renames a column, index or table is also checked\n"
	"against the PHP of its checkout (code-still-uses: every remaining use, as\n"
	"file:line:col; uses in tests/ as information).\n",
	options, "files", -1,
	"Configuration (~/.config/mwschema/config, then .mwschemarc at the repository\n"
	"root):  set lint.RULE = off|info|warning|error    lint-ignore RULE PATH-GLOB\n"
	"\n"
	"Exit status: 0 no finding at error severity, 1 errors found, 2 usage error,\n"
	"3 a PATH cannot be read or, without PATH, no checkout was found.\n",
	run_lint, CLI_PAGED,
};

struct lint_opts {
	mw_report_format format;
	mw_severity threshold;
	const char *config;
	bool no_config;
	const char *explain;
	bool list_rules;
	const char *baseline;		/* --baseline */
	const char *write_baseline;	/* --write-baseline */
	const char *since;		/* --new-since */
	char **paths;
	int npaths;
	char *root;		/* without PATH: the checkout's root, paths are below it */
	char **owned;		/* the checkout's schema directories */
};

/* Prints `text` wrapped at 76 columns, indented by two spaces. */
static void
print_wrapped(const char *text)
{
	int col = 0;

	while (*text) {
		size_t n = strcspn(text, " ");

		if (col && col + 1 + (int)n > 76) {
			putchar('\n');
			col = 0;
		}
		printf("%s%.*s", col ? " " : "  ", (int)n, text);
		col += (int)n + (col ? 1 : 2);
		text += n;
		text += strspn(text, " ");
	}
	putchar('\n');
}

static int
explain(const char *id)
{
	const mw_lint_rule *r = mw_lint_rule_find(id);

	if (!r)
		return cli_usage_error(CMD, "unknown rule '%s' (see --list-rules)", id);
	printf("%s (%s, %s rule)\n\n", r->id, mw_severity_name(r->severity),
	       mw_lint_scope_name(r->scope));
	print_wrapped(r->summary);
	putchar('\n');
	print_wrapped(r->explanation);
	printf("\nConfigure with 'set lint.%s = off|info|warning|error' or\n"
	       "'lint-ignore %s PATH-GLOB' in .mwschemarc.\n",
	       r->id, r->id);
	return CLI_OK;
}

static int
list_rules(void)
{
	for (size_t i = 0; i < mw_lint_rule_count(); i++) {
		const mw_lint_rule *r = mw_lint_rule_at(i);

		printf("%-22s %-8s %-7s %s\n", r->id, mw_severity_name(r->severity),
		       mw_lint_scope_name(r->scope), r->summary);
	}
	return CLI_OK;
}

static void
take_option(struct lint_opts *o, int key, const char *v)
{
	switch (key) {
	case OPT_FORMAT: mw_report_format_from_name(v, &o->format); break;
	case OPT_SEVERITY: mw_severity_from_name(v, &o->threshold); break;
	case OPT_CONFIG: o->config = v; break;
	case OPT_NO_CONFIG: o->no_config = true; break;
	case OPT_BASELINE: o->baseline = v; break;
	case OPT_WRITE_BASELINE: o->write_baseline = v; break;
	case OPT_NEW_SINCE: o->since = v; break;
	case OPT_EXPLAIN: o->explain = v; break;
	case OPT_LIST_RULES: o->list_rules = true; break;
	}
}

/* `dir` is inside another schema directory of the checkout. */
static bool
below_any(const mw_workspace *ws, const char *dir)
{
	for (size_t i = 0; i < ws->nschema_dirs; i++) {
		const char *d = ws->schema_dirs[i];
		size_t n = strlen(d);

		while (n && d[n - 1] == '/')
			n--;
		if (n == 1 && d[0] == '.')
			n = 0;		/* the root itself */
		if (d != dir && (!n || (!strncmp(dir, d, n) && dir[n] == '/' && dir[n + 1])))
			return true;
	}
	return false;
}

/* No PATH: the schema directories of the checkout around the current directory. */
static int
checkout_paths(struct lint_opts *o)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;

	if (mw_workspace_open(&ws, ".", &diags) < 0) {
		mw_diags_free(&diags);
		return cli_fail(CLI_IO, CMD, "not inside a MediaWiki checkout: give the PATH of "
				"the files or directories to lint");
	}
	o->root = mw_xstrdup(ws->root);
	o->owned = mw_xcalloc(ws->nschema_dirs + 1, sizeof(*o->owned));
	for (size_t i = 0; i < ws->nschema_dirs; i++) {
		char *dir = mw_workspace_path(ws, ws->schema_dirs[i]);

		/* A folder below another one (sql/abstractSchemaChanges) is walked with it. */
		if (mw_is_dir(dir) && !below_any(ws, ws->schema_dirs[i]))
			o->owned[o->npaths++] = dir;
		else
			free(dir);
	}
	o->paths = o->owned;
	mw_workspace_free(ws);
	mw_diags_free(&diags);
	return 0;
}

/* 0 to go on, or an exit code (help, explain, list, usage error, no input). */
static int
parse_args(struct lint_opts *o, int argc, char **argv, bool *done)
{
	struct cli_args a;
	int key, rc = 0;

	*done = true;
	cli_args_init(&a, &cmd_lint, argc, argv);
	while ((key = cli_next(&a)) > 0)
		take_option(o, key, a.value);
	if (key == CLI_STOP) {
		rc = a.status;
	} else if (o->list_rules) {
		rc = list_rules();
	} else if (o->explain) {
		rc = explain(o->explain);
	} else {
		o->paths = mw_xcalloc((size_t)a.noperands + 1, sizeof(*o->paths));
		for (int i = 0; i < a.noperands; i++)
			o->paths[o->npaths++] = a.operands[i];
		for (int i = 0; i < o->npaths && !rc; i++)
			if (!mw_is_dir(o->paths[i]))
				rc = cli_check_input(CMD, o->paths[i]);
		if (!rc && !o->npaths) {
			free(o->paths);
			o->paths = NULL;
			rc = checkout_paths(o);
		}
		*done = rc != 0;
	}
	cli_args_release(&a);
	return rc;
}

/* Standard configuration, relative to the first path's repository. */
static mw_lint *
configured_linter(const struct lint_opts *o)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_rc *rc = mw_rc_new();
	mw_lint *lint = mw_lint_new();
	char *start = mw_is_dir(o->paths[0]) ? mw_xstrdup(o->paths[0])
					     : mw_path_dirname(o->paths[0]);

	if (!o->no_config)
		mw_rc_load_default(rc, start, &diags);
	if (o->config)
		mw_rc_load_file(rc, o->config, &diags);
	mw_lint_configure(lint, rc, &diags);
	/* Bad configuration lines are reported but do not stop the run. */
	cli_print_diags(stderr, NULL, &diags);
	mw_diags_free(&diags);
	mw_rc_free(rc);
	free(start);
	return lint;
}

/* The PHP of one checkout, indexed for code-still-uses. */
struct checkout_code {
	char *root;
	mw_code *code;
};

struct inputs {
	char **files;
	size_t nfiles;
	mw_doc **docs;		/* per file: the loaded JSON document, or NULL */
	mw_lint_others schemas;	/* the schema documents among them */
	struct checkout_code *codes;	/* indexed when a change first needs them */
	size_t ncodes;
};

static bool
is_sql(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".sql");
}

/* Expands directories, loads every JSON document and registers its tables. */
static void
gather(struct inputs *in, const struct lint_opts *o, mw_diags *out)
{
	for (int i = 0; i < o->npaths; i++) {
		if (mw_is_dir(o->paths[i])) {
			mw_lint_collect(&in->files, &in->nfiles, o->paths[i], out);
		} else {
			in->files = mw_xrealloc(in->files, (in->nfiles + 1) * sizeof(char *));
			in->files[in->nfiles++] = mw_xstrdup(o->paths[i]);
		}
	}
	in->docs = mw_xcalloc(in->nfiles + 1, sizeof(*in->docs));
	for (size_t i = 0; i < in->nfiles; i++) {
		if (is_sql(in->files[i]) || mw_doc_load_file_flags(&in->docs[i], in->files[i], MW_LOAD_SHAPE_ONLY,
							   out) < 0)
			continue;
		if (in->docs[i]->kind != MW_DOC_CHANGE)
			mw_lint_others_add(&in->schemas, &in->docs[i]->schema);
	}
}

/* How to spell paths below `root` from the current directory: "", "sub/", "../", "/abs/". */
static char *
prefix_from_cwd(const char *root)
{
	char *cwd = realpath(".", NULL), *prefix;
	size_t n = cwd ? strlen(cwd) : 0;

	if (cwd && !strcmp(cwd, root)) {
		prefix = mw_xstrdup("");
	} else if (cwd && !strncmp(root, cwd, n) && root[n] == '/') {
		prefix = mw_strdupf("%s/", root + n + 1);
	} else if (cwd && !strncmp(cwd, root, strlen(root)) && cwd[strlen(root)] == '/') {
		mw_buf up = MW_BUF_INIT;

		for (const char *p = cwd + strlen(root); *p; p++)
			if (*p == '/')
				mw_buf_adds(&up, "../");
		prefix = mw_buf_detach(&up);
	} else {
		prefix = mw_strdupf("%s/", root);
	}
	free(cwd);
	return prefix;
}

/* The indexed PHP of the checkout holding `file`, or NULL when it is in none. */
static const mw_code *
code_for(struct inputs *in, const char *file)
{
	char *dir = mw_path_dirname(file), *root = mw_workspace_find_root(dir, NULL), *prefix;
	mw_buf err = MW_BUF_INIT;
	struct checkout_code *c;

	free(dir);
	if (!root)
		return NULL;
	for (size_t i = 0; i < in->ncodes; i++)
		if (!strcmp(in->codes[i].root, root)) {
			free(root);
			return in->codes[i].code;
		}
	in->codes = mw_xrealloc(in->codes, (in->ncodes + 1) * sizeof(*in->codes));
	c = &in->codes[in->ncodes++];
	prefix = prefix_from_cwd(root);
	c->root = root;
	c->code = mw_code_new(prefix);
	if (mw_code_scan_dir(c->code, root, &err) < 0)
		fprintf(stderr, "mwschema lint: %s\n", mw_buf_cstr(&err));
	mw_buf_release(&err);
	free(prefix);
	return c->code;
}

static void
lint_doc(mw_lint *lint, struct inputs *in, size_t i, mw_diags *diags)
{
	const mw_doc *doc = in->docs[i];
	mw_lint_others others = in->schemas;
	mw_change_plan plan;

	if (doc->kind != MW_DOC_CHANGE) {
		mw_lint_doc(lint, doc, &others, diags);
		return;
	}
	/* one plan (three diffs) for both questions: does the code matter, and the change rules */
	mw_change_plan_build(&plan, doc->change.before, doc->change.after, doc->label);
	if (mw_lint_needs_code(lint, doc, &plan))
		others.code = code_for(in, in->files[i]);
	mw_lint_change(lint, doc, &plan, &others, diags);
	mw_change_plan_clear(&plan);
}

static void
inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->nfiles; i++) {
		mw_doc_free(in->docs[i]);
		free(in->files[i]);
	}
	free(in->docs);
	free(in->files);
	mw_lint_others_release(&in->schemas);
	for (size_t i = 0; i < in->ncodes; i++) {
		mw_code_free(in->codes[i].code);
		free(in->codes[i].root);
	}
	free(in->codes);
}

/* Keeps the findings at or above the threshold (load errors always). */
static void
filter(mw_diags *d, mw_severity threshold)
{
	size_t kept = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (d->items[i].severity >= threshold || !d->items[i].rule) {
			d->items[kept++] = d->items[i];
		} else {
			mw_diags tmp = { &d->items[i], 1, 1 };
			mw_diags_clear(&tmp);
		}
	}
	d->n = kept;
}

static void
write_report(const struct lint_opts *o, mw_diags *diags)
{
	mw_report_tool tool = { .name = "mwschema", .version = PACKAGE_VERSION };
	mw_buf out = MW_BUF_INIT;

	if (o->format == MW_REPORT_TEXT) {
		cli_print_diags(stdout, o->root, diags);
		return;
	}
	cli_diags_paths(diags, o->root);
	tool.rules = mw_lint_report_rules(&tool.nrules);
	mw_report_write(&out, o->format, diags, &tool);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	mw_buf_release(&out);
}

static void
summary(const struct inputs *in, const mw_diags *diags)
{
	size_t errors = mw_diags_count(diags, MW_SEV_ERROR);
	size_t warnings = mw_diags_count(diags, MW_SEV_WARNING) - errors;
	size_t infos = diags->n - errors - warnings;

	cli_summary(CMD, "%zu file%s: %zu error%s, %zu warning%s, %zu info", in->nfiles,
		    in->nfiles == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
		    warnings == 1 ? "" : "s", infos);
}

static void
lint_options_free(struct lint_opts *o)
{
	if (o->owned)
		mw_strv_free(o->owned, (size_t)o->npaths);
	else
		free(o->paths);
	free(o->root);
}

/* Each input as git revision `rev` has it, under its current name (NULL when absent). */
static void
load_at(mw_doc **docs, char **sql, mw_git *git, const char *rev, const struct inputs *in)
{
	char *wd = realpath(mw_git_workdir(git), NULL);
	size_t wl = wd ? strlen(wd) : 0;

	for (size_t i = 0; wd && i < in->nfiles; i++) {
		char *abs = realpath(in->files[i], NULL);
		mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
		mw_diags ignore = MW_DIAGS_INIT;

		if (abs && !strncmp(abs, wd, wl) && abs[wl] == '/' &&
		    mw_git_blob_read(&text, git, rev, abs + wl + 1, &err) == 0) {
			if (is_sql(in->files[i]))
				sql[i] = mw_buf_detach(&text);
			else if (mw_doc_load_buffer_flags(&docs[i], mw_buf_cstr(&text), text.len,
							  in->files[i], MW_LOAD_SHAPE_ONLY,
							  &ignore) < 0)
				docs[i] = NULL;
		}
		mw_diags_free(&ignore);
		mw_buf_release(&text);
		mw_buf_release(&err);
		free(abs);
	}
	free(wd);
}

/* The findings the same files had at `rev`: what --new-since leaves out. */
static int
findings_at(mw_diags *out, mw_lint *lint, const struct inputs *in, const char *rev)
{
	mw_doc **docs = mw_xcalloc(in->nfiles + 1, sizeof(*docs));
	char **sql = mw_xcalloc(in->nfiles + 1, sizeof(*sql)), *dir;
	mw_lint_others others = MW_LINT_OTHERS_INIT;
	mw_buf err = MW_BUF_INIT;
	mw_git *git = NULL;
	int rc;

	dir = mw_is_dir(in->files[0]) ? mw_xstrdup(in->files[0]) : mw_path_dirname(in->files[0]);
	rc = mw_git_open(&git, dir, &err);
	if (rc == 0) {
		load_at(docs, sql, git, rev, in);
		for (size_t i = 0; i < in->nfiles; i++)
			if (docs[i] && docs[i]->kind != MW_DOC_CHANGE)
				mw_lint_others_add(&others, &docs[i]->schema);
		for (size_t i = 0; i < in->nfiles; i++) {
			if (docs[i])
				mw_lint_doc(lint, docs[i], &others, out);
			else if (sql[i])
				mw_lint_sql(lint, in->files[i], sql[i], strlen(sql[i]), out);
		}
	} else {
		fprintf(stderr, "mwschema lint: --new-since: %s\n", mw_buf_cstr(&err));
	}
	for (size_t i = 0; i < in->nfiles; i++) {
		mw_doc_free(docs[i]);
		free(sql[i]);
	}
	mw_lint_others_release(&others);
	mw_git_free(git);
	mw_buf_release(&err);
	free(docs);
	free(sql);
	free(dir);
	return rc;
}

/* --baseline and --new-since: drop what was known; 0, or an exit code. */
static int
drop_known(const struct lint_opts *o, mw_lint *lint, const struct inputs *in, mw_diags *diags)
{
	mw_diags known = MW_DIAGS_INIT;
	mw_buf err = MW_BUF_INIT;
	size_t n = 0;
	int rc = CLI_OK;

	if (o->baseline && mw_lint_baseline_read(&known, o->baseline, &err) < 0) {
		fprintf(stderr, "mwschema lint: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	} else if (o->since && in->nfiles && findings_at(&known, lint, in, o->since) < 0) {
		rc = CLI_IO;
	} else {
		cli_diags_paths(&known, o->root);
		n = mw_lint_drop_known(diags, &known);
	}
	if (n && o->format == MW_REPORT_TEXT)
		fprintf(stderr, "mwschema lint: %zu known finding%s (%s) not shown\n", n,
			n == 1 ? "" : "s", o->baseline ? o->baseline : o->since);
	mw_diags_free(&known);
	mw_buf_release(&err);
	return rc;
}

static int
write_baseline(const struct lint_opts *o, const mw_diags *diags)
{
	mw_buf err = MW_BUF_INIT;
	int rc = CLI_OK;

	if (mw_lint_baseline_write(diags, o->write_baseline, &err) < 0) {
		fprintf(stderr, "mwschema lint: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	} else {
		fprintf(stderr, "mwschema lint: wrote %zu finding%s to %s\n", diags->n,
			diags->n == 1 ? "" : "s", o->write_baseline);
	}
	mw_buf_release(&err);
	return rc;
}

static int
run_lint(int argc, char **argv)
{
	struct lint_opts o = { .format = MW_REPORT_TEXT, .threshold = MW_SEV_INFO };
	struct inputs in = { 0 };
	mw_diags diags = MW_DIAGS_INIT;
	mw_lint *lint;
	bool done;
	int rc;

	if ((rc = parse_args(&o, argc, argv, &done)) || done) {
		lint_options_free(&o);
		return rc;
	}
	if (!o.npaths) {
		rc = cli_fail(CLI_IO, CMD, "no schema directory found in %s", o.root);
		lint_options_free(&o);
		return rc;
	}
	cli_pager_start();
	lint = configured_linter(&o);
	gather(&in, &o, &diags);
	for (size_t i = 0; i < in.nfiles; i++) {
		if (in.docs[i])
			lint_doc(lint, &in, i, &diags);
		else if (is_sql(in.files[i]))
			mw_lint_file(lint, in.files[i], &diags);
	}
	filter(&diags, o.threshold);
	mw_diags_sort(&diags);
	/* Paths as every command prints them, also in baselines (see cli_path). */
	cli_diags_paths(&diags, o.root);
	if (o.write_baseline) {
		rc = write_baseline(&o, &diags);
		goto out;
	}
	if ((rc = drop_known(&o, lint, &in, &diags)))
		goto out;
	write_report(&o, &diags);
	if (o.format == MW_REPORT_TEXT)
		summary(&in, &diags);
	rc = mw_diags_count(&diags, MW_SEV_ERROR) ? CLI_PROBLEMS : CLI_OK;
out:
	mw_diags_free(&diags);
	inputs_free(&in);
	mw_lint_free(lint);
	lint_options_free(&o);
	return rc;
}
