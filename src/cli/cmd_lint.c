/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema lint: run the policy rules over schema, change and SQL files
 * (or whole checkouts) and report the findings as text, JSON or SARIF.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"
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
	"                     [--config=FILE] [--no-config] PATH...\n"
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
	write_report(&o, &diags);
	rc = mw_diags_count(&diags, MW_SEV_ERROR) ? CLI_PROBLEMS : CLI_OK;
	mw_diags_free(&diags);
	inputs_free(&in);
	mw_lint_free(lint);
	return rc;
}
