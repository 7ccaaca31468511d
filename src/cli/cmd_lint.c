/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema lint: run the policy rules over schema, change and SQL files
 * (or whole checkouts) and report the findings as text, JSON or SARIF.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"
#include "mwschema/git.h"
#include "mwschema/lint.h"
#include "mwschema/rc.h"
#include "mwschema/report.h"
#include "mwschema/workspace.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char lint_help[] =
	"usage: mwschema lint [--format=text|json|sarif] [--severity=info|warning|error]\n"
	"                     [--config=FILE] [--no-config] [--baseline=FILE]\n"
	"                     [--write-baseline=FILE] [--new-since=REV] PATH...\n"
	"       mwschema lint --explain RULE\n"
	"       mwschema lint --list-rules\n\n"
	"Checks abstract-schema files against MediaWiki's database policy. PATH is a\n"
	"schema file, a change file, a .sql patch, or a directory (every schema,\n"
	"change and hand-written SQL file below it; the schemas found are used to\n"
	"check references from the change files).\n\n"
	"  --format=F      text (default: file:line:col: severity: message [rule]),\n"
	"                  json (an array of findings) or sarif (SARIF 2.1.0)\n"
	"  --severity=S    report only findings at S or above (default: info)\n"
	"  --config=FILE   read FILE after the standard configuration\n"
	"  --no-config     ignore ~/.config/mwschema/config and .mwschemarc\n"
	"  --baseline=FILE report only findings FILE does not list (CI on a repository\n"
	"                  with old findings gates on new ones)\n"
	"  --write-baseline=FILE\n"
	"                  write the findings to FILE as the baseline and exit 0\n"
	"  --new-since=REV report only findings the files did not have at git revision\n"
	"                  REV (e.g. origin/master, HEAD~1)\n"
	"  --explain RULE  say why RULE exists and how to fix its findings\n"
	"  --list-rules    list every rule with its default severity\n\n"
	"A change file that drops or renames a column, index or table is also checked\n"
	"against the PHP of its checkout (code-still-uses: every remaining use, as\n"
	"file:line:col; uses in tests/ as information).\n\n"
	"Configuration (~/.config/mwschema/config, then .mwschemarc at the repository\n"
	"root):  set lint.RULE = off|info|warning|error    lint-ignore RULE PATH-GLOB\n\n"
	"Exit status: 0 no finding at error severity, 1 errors found, 2 usage error.\n";

struct lint_opts {
	mw_report_format format;
	mw_severity threshold;
	const char *config;
	bool no_config;
	const char *baseline;		/* --baseline */
	const char *write_baseline;	/* --write-baseline */
	const char *since;		/* --new-since */
	char **paths;
	int npaths;
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
		return cli_usage_error("lint", "unknown rule '%s' (see --list-rules)", id);
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

/* The value of --opt=VALUE or --opt VALUE; NULL if argv[*i] is not --opt. */
static const char *
option_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

/* 0 to go on, or an exit code (help, explain, list, usage error). */
static int
parse_args(struct lint_opts *o, int argc, char **argv, bool *done)
{
	const char *v;

	*done = true;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list-rules"))
			return list_rules();
		if ((v = option_value(argc, argv, &i, "--explain")))
			return explain(v);
		if ((v = option_value(argc, argv, &i, "--format"))) {
			if (!mw_report_format_from_name(v, &o->format))
				return cli_usage_error("lint", "unknown format '%s'", v);
		} else if ((v = option_value(argc, argv, &i, "--severity"))) {
			if (!mw_severity_from_name(v, &o->threshold))
				return cli_usage_error("lint", "unknown severity '%s'", v);
		} else if ((v = option_value(argc, argv, &i, "--config"))) {
			o->config = v;
		} else if ((v = option_value(argc, argv, &i, "--baseline"))) {
			o->baseline = v;
		} else if ((v = option_value(argc, argv, &i, "--write-baseline"))) {
			o->write_baseline = v;
		} else if ((v = option_value(argc, argv, &i, "--new-since"))) {
			o->since = v;
		} else if (!strcmp(argv[i], "--no-config")) {
			o->no_config = true;
		} else if (!strcmp(argv[i], "--")) {
			o->paths = argv + i + 1;
			o->npaths = argc - i - 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("lint", "unknown or incomplete option '%s'", argv[i]);
		} else {
			/* paths are collected in place: move this one to the front */
			o->paths = o->paths ? o->paths : argv + i;
			o->paths[o->npaths++] = argv[i];
		}
	}
	if (!o->npaths)
		return cli_usage_error("lint", "no PATH given");
	*done = false;
	return 0;
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
	cli_print_diags(stderr, &diags);
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
	mw_lint_others others = in->schemas;

	if (mw_lint_needs_code(lint, in->docs[i]))
		others.code = code_for(in, in->files[i]);
	mw_lint_doc(lint, in->docs[i], &others, diags);
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
write_report(const struct lint_opts *o, const mw_diags *diags)
{
	mw_report_tool tool = { .name = "mwschema", .version = PACKAGE_VERSION };
	mw_buf out = MW_BUF_INIT;

	tool.rules = mw_lint_report_rules(&tool.nrules);
	mw_report_write(&out, o->format, diags, &tool);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	mw_buf_release(&out);
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

int
cmd_lint(int argc, char **argv)
{
	struct lint_opts o = { .format = MW_REPORT_TEXT, .threshold = MW_SEV_INFO };
	struct inputs in = { 0 };
	mw_diags diags = MW_DIAGS_INIT;
	mw_lint *lint;
	bool done;
	int rc;

	if (cli_wants_help(argc, argv, lint_help))
		return CLI_OK;
	if ((rc = parse_args(&o, argc, argv, &done)) || done)
		return rc;
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
	if (o.write_baseline) {
		rc = write_baseline(&o, &diags);
		goto out;
	}
	if ((rc = drop_known(&o, lint, &in, &diags)))
		goto out;
	write_report(&o, &diags);
	rc = mw_diags_count(&diags, MW_SEV_ERROR) ? CLI_PROBLEMS : CLI_OK;
out:
	mw_diags_free(&diags);
	inputs_free(&in);
	mw_lint_free(lint);
	return rc;
}
