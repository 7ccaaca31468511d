/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema check / sync / commit: the workflow around a schema change in a
 * checkout (see mwschema/drift.h and mwschema/commit.h).
 */
#include <config.h>

#include "cli/commands.h"
#include "mwschema/commit.h"
#include "mwschema/diag.h"
#include "mwschema/drift.h"
#include "mwschema/fs.h"
#include "mwschema/report.h"
#include "mwschema/workspace.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = CLI_LONG, OPT_STRICT, OPT_LAYOUT, OPT_BUG, OPT_BRANCH, OPT_FORCE };

static const struct cli_option check_options[] = {
	{ OPT_FORMAT, "format", "F", "text (default), json or sarif, as for 'mwschema lint'",
	  "text|json|sarif" },
	{ OPT_STRICT, "strict", NULL, "also report generated files that differ only in layout, "
	  "and as errors those an older generator wrote with their JSON", NULL },
	{ OPT_LAYOUT, "layout", NULL, "print where the JSON and SQL files were found, and why",
	  NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_check(int argc, char **argv);

const struct cli_command cmd_check = {
	"check", "report generated files and updater entries that are out of date", "[OPTIONS] [DIR]",
	"Finds the MediaWiki checkout (core or extension) containing DIR (default: the\n"
	"current directory) and reports what is out of step with its JSON files:\n"
	"  generated-in-sync       generated SQL missing, stale or edited by hand\n"
	"  generated-source-label  only the '-- Source:' line differs from MediaWiki's\n"
	"  tables-json-in-sync     a schema table that differs from its newest change\n"
	"  updater-entry-missing   a patch that no updater entry registers\n"
	"Paths are relative to the checkout's root; the summary goes to standard error.\n"
	"Where the JSON and SQL live is read from .mwschemarc, MediaWiki's schema test\n"
	"(AbstractSchemaTestBase), the LoadExtensionSchemaUpdates handlers and\n"
	"conventional folders, in that order.\n",
	check_options, "dirs", 1,
	"Exit status: 0 nothing found (or no abstract schema at all, which is said),\n"
	"1 findings, 2 usage error, 3 no checkout found or a file cannot be read.\n",
	run_check, CLI_PAGED,
};

static const struct cli_option sync_options[] = {
	{ OPT_STRICT, "strict", NULL, "also rewrite generated files that differ only in layout",
	  NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_sync(int argc, char **argv);

const struct cli_command cmd_sync = {
	"sync", "regenerate stale files and add missing updater entries", "[--strict] [DIR]",
	"Writes missing and stale generated SQL files and adds missing updater entries\n"
	"in the checkout containing DIR, then prints what it changed. Hand-written SQL\n"
	"files (without the generated header) are never touched. Where no updater entry\n"
	"can be placed safely, the entry is printed for you to paste.\n",
	sync_options, "dirs", 1,
	"Exit status: 0 in sync, 1 findings remain that need you, 2 usage error,\n"
	"3 no checkout found, or a file could not be written (nothing was changed).\n",
	run_sync, 0,
};

static const struct cli_option commit_options[] = {
	{ 'm', "message", "MSG", "the commit message (subject of at most 72 characters, blank "
	  "line, body); default: made from the change", NULL },
	{ 'F', "message-file", "FILE", "read the message from FILE", NULL },
	{ OPT_BUG, "bug", "T123456", "add a 'Bug:' footer", NULL },
	{ OPT_BRANCH, "branch", "NAME", "commit on topic branch NAME (created from HEAD)", NULL },
	{ OPT_FORCE, "force", NULL, "commit even with lint errors or drift", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_commit(int argc, char **argv);

const struct cli_command cmd_commit = {
	"commit", "sync, lint and commit a schema change with git", "[OPTIONS] [DIR]",
	"Commits the schema change in the work tree: the new or modified schema and\n"
	"change JSON files, their generated SQL, the schema file of the table and the\n"
	"updater entries, after running the same steps as 'mwschema sync'. Nothing else\n"
	"is committed, and other changes (staged or not) stay as they are. Lint errors\n"
	"and drift that sync cannot repair are found before anything is written: a\n"
	"refused commit leaves the work tree as it was.\n"
	"A 'Change-Id:' footer is added as Gerrit's commit-msg hook does.\n",
	commit_options, "dirs", 1,
	"Exit status: 0 committed, 1 refused (nothing to commit, lint errors or drift),\n"
	"2 usage error, 3 no checkout found, git or file error.\n",
	run_commit, 0,
};

/* --layout travels with the drift flags, above theirs. */
#define LAYOUT (1u << 16)

/*
 * Opens the checkout around `dir`, keeping in `diags` what opening found
 * (configuration problems, discovery warnings) to report with the rest;
 * CLI_IO after printing why not (once).
 */
static int
open_checkout(mw_workspace **ws, const char *cmd, const char *dir, mw_diags *diags)
{
	char *shown;

	if (mw_workspace_open(ws, dir ? dir : ".", diags) == 0)
		return 0;
	mw_diags_free(diags);
	shown = cli_path(NULL, dir ? dir : ".");
	cli_fail(CLI_IO, cmd, "%s is not inside a MediaWiki checkout (core or extension)",
		 !strcmp(shown, ".") ? "the current directory" : shown);
	free(shown);
	return CLI_IO;
}

/* "extension AbuseFilter", "core MediaWiki": how summaries name the checkout. */
static char *
checkout_name(const mw_workspace *ws)
{
	return mw_strdupf("%s %s", mw_workspace_kind_name(ws->kind), ws->name ? ws->name : "");
}

static void
print_report(mw_report_format fmt, const mw_workspace *ws, mw_diags *diags)
{
	mw_report_tool tool = { "mwschema", PACKAGE_VERSION, NULL, 0 };
	mw_buf out = MW_BUF_INIT;

	if (fmt == MW_REPORT_TEXT) {
		cli_print_diags(stdout, ws->root, diags);
		return;
	}
	cli_diags_paths(diags, ws->root);
	tool.rules = mw_drift_report_rules(&tool.nrules);
	mw_report_write(&out, fmt, diags, &tool);
	fputs(mw_buf_cstr(&out), stdout);
	mw_buf_release(&out);
}

static void
note_updaters(const mw_workspace *ws)
{
	char *root;

	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (ws->updater[i])
			return;
	root = cli_path(ws->root, ".");
	fprintf(stderr, "mwschema: note: no %s found in %s; updater entries were not checked\n",
		ws->kind == MW_WS_CORE ? "includes/installer/*Updater.php" :
		"LoadExtensionSchemaUpdates handler", root);
	free(root);
}

/* Nothing to check is not "0 findings": say what was searched. */
static bool
say_if_empty(const char *cmd, const mw_workspace *ws)
{
	mw_buf where = MW_BUF_INIT;

	if (!mw_workspace_empty(ws))
		return false;
	mw_workspace_describe_search(&where, ws);
	fprintf(stderr, "mwschema %s: no abstract schema found in %s (%s %s); %s\n", cmd, ws->root,
		mw_workspace_kind_name(ws->kind), ws->name ? ws->name : "", mw_buf_cstr(&where));
	mw_buf_release(&where);
	return true;
}

static int
print_layout(const mw_workspace *ws)
{
	mw_buf out = MW_BUF_INIT;

	printf("%s (%s %s)\n", ws->root, mw_workspace_kind_name(ws->kind), ws->name ? ws->name : "");
	mw_workspace_describe(&out, ws);
	fputs(mw_buf_cstr(&out), stdout);
	if (mw_workspace_empty(ws))
		say_if_empty("check", ws);
	mw_buf_release(&out);
	return CLI_OK;
}

/* The options of check and sync; 0, -1 after help, or the exit code. */
static int
parse_workspace_args(const struct cli_command *cmd, int argc, char **argv,
		     mw_report_format *fmt, unsigned *flags, char **dir)
{
	struct cli_args a;
	int key, rc = 0;

	cli_args_init(&a, cmd, argc, argv);
	while ((key = cli_next(&a)) > 0) {
		if (key == OPT_FORMAT)
			mw_report_format_from_name(a.value, fmt);
		else if (key == OPT_STRICT)
			*flags |= MW_DRIFT_STRICT;
		else if (key == OPT_LAYOUT)
			*flags |= LAYOUT;
	}
	if (key == CLI_STOP)
		rc = a.status ? a.status : -1;
	else if (a.noperands && !mw_is_dir(a.operands[0]))
		rc = cli_usage_error(cmd->name, "'%s' is not a directory", a.operands[0]);
	else
		*dir = a.noperands ? mw_xstrdup(a.operands[0]) : NULL;
	cli_args_release(&a);
	return rc;
}

static int
run_check(int argc, char **argv)
{
	mw_report_format fmt = MW_REPORT_TEXT;
	unsigned flags = 0;
	char *dir = NULL, *name;
	mw_diags diags = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;
	mw_drift drift;
	int rc;

	if ((rc = parse_workspace_args(&cmd_check, argc, argv, &fmt, &flags, &dir)))
		return rc < 0 ? CLI_OK : rc;
	rc = open_checkout(&ws, "check", dir, &diags);
	free(dir);
	if (rc)
		return rc;
	if ((flags & LAYOUT) || (say_if_empty("check", ws) && fmt == MW_REPORT_TEXT)) {
		rc = flags & LAYOUT ? print_layout(ws) : CLI_OK;
		mw_workspace_free(ws);
		mw_diags_free(&diags);
		return rc;
	}
	flags &= ~LAYOUT;
	cli_pager_start();
	note_updaters(ws);
	mw_drift_check(&drift, ws, flags, NULL, 0, &diags);
	mw_diags_sort(&diags);
	print_report(fmt, ws, &diags);
	name = checkout_name(ws);
	cli_summary("check", "%zu finding%s in %s", diags.n, diags.n == 1 ? "" : "s", name);
	free(name);
	rc = mw_diags_count(&diags, MW_SEV_WARNING) ? CLI_PROBLEMS : CLI_OK;
	mw_drift_clear(&drift);
	mw_workspace_free(ws);
	mw_diags_free(&diags);
	return rc;
}

/* What is still wrong after a sync: only findings sync could not fix. */
static size_t
recheck(const char *dir, unsigned flags, mw_diags *diags)
{
	mw_workspace *ws = NULL;
	mw_drift drift;
	size_t n;

	if (mw_workspace_open(&ws, dir, diags) < 0)
		return diags->n;
	mw_drift_check(&drift, ws, flags, NULL, 0, diags);
	n = mw_diags_count(diags, MW_SEV_WARNING);
	mw_drift_clear(&drift);
	mw_workspace_free(ws);
	return n;
}

/* "sql/mysql/x.sql: regenerated", the path shown as every command shows it. */
static void
print_done(const mw_workspace *ws, const mw_sync_result *res)
{
	for (size_t i = 0; i < res->ndone; i++) {
		size_t n = i < res->nchanged ? strlen(res->changed[i]) : 0;
		char *shown = n ? cli_path(ws->root, res->changed[i]) : NULL;

		if (shown && !strncmp(res->done[i], res->changed[i], n))
			printf("%s%s\n", shown, res->done[i] + n);
		else
			printf("%s\n", res->done[i]);
		free(shown);
	}
}

static int
run_sync(int argc, char **argv)
{
	mw_report_format fmt = MW_REPORT_TEXT;
	unsigned flags = 0;
	char *dir = NULL, *name;
	mw_diags diags = MW_DIAGS_INIT, rest = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;
	mw_sync_result res;
	mw_drift drift;
	int rc;

	if ((rc = parse_workspace_args(&cmd_sync, argc, argv, &fmt, &flags, &dir)))
		return rc < 0 ? CLI_OK : rc;
	if ((rc = open_checkout(&ws, "sync", dir, &diags))) {
		free(dir);
		return rc;
	}
	if (say_if_empty("sync", ws)) {
		mw_workspace_free(ws);
		mw_diags_free(&diags);
		free(dir);
		return CLI_OK;
	}
	mw_drift_check(&drift, ws, flags, NULL, 0, &rest);
	mw_diags_clear(&rest);
	rc = mw_drift_apply(&res, ws, &drift, NULL, 0, &diags) < 0 ? CLI_IO : CLI_OK;
	print_done(ws, &res);
	cli_print_diags(stderr, ws->root, &diags);
	name = checkout_name(ws);
	if (rc == CLI_OK && !res.ndone)
		cli_summary("sync", "%s was already in sync", name);
	else if (rc == CLI_OK)
		cli_summary("sync", "%zu file%s written in %s", res.nchanged,
			    res.nchanged == 1 ? "" : "s", name);
	if (rc == CLI_OK && recheck(dir ? dir : ".", flags, &rest)) {
		fputs("mwschema sync: these need you:\n", stderr);
		mw_diags_sort(&rest);
		cli_print_diags(stderr, ws->root, &rest);
		rc = CLI_PROBLEMS;
	}
	free(name);
	free(dir);
	mw_sync_result_clear(&res);
	mw_drift_clear(&drift);
	mw_workspace_free(ws);
	mw_diags_free(&diags);
	mw_diags_free(&rest);
	return rc;
}

static int
read_message(char **out, const char *file)
{
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;

	if (mw_read_file(&text, file, &err) < 0) {
		fprintf(stderr, "mwschema commit: %s\n", mw_buf_cstr(&err));
		mw_buf_release(&err);
		return CLI_IO;
	}
	*out = mw_buf_detach(&text);
	return 0;
}

static int
take_commit_option(mw_commit_opts *o, char **msg_file_text, int key, const char *v)
{
	switch (key) {
	case 'm': o->message = v; break;
	case 'F':
		free(*msg_file_text);
		*msg_file_text = NULL;
		if (read_message(msg_file_text, v))
			return CLI_IO;
		o->message = *msg_file_text;
		break;
	case OPT_BUG: o->bug = v; break;
	case OPT_BRANCH: o->branch = v; break;
	case OPT_FORCE: o->force = true; break;
	}
	return 0;
}

/* A bad --bug or --message is a usage error, found before anything runs. */
static int
check_commit_options(const mw_commit_opts *o)
{
	mw_buf tmp = MW_BUF_INIT, err = MW_BUF_INIT;
	int rc = 0;

	if (o->bug && !mw_commit_bug_valid(o->bug))
		return cli_usage_error("commit", "'%s' is not a Phabricator task id (T123456)",
				       o->bug);
	if (o->message && mw_commit_message(&tmp, o->message, NULL, NULL, NULL, &err) < 0)
		rc = cli_usage_error("commit", "%s", mw_buf_cstr(&err));
	mw_buf_release(&tmp);
	mw_buf_release(&err);
	return rc;
}

static int
parse_commit(mw_commit_opts *o, char **msg_file_text, int argc, char **argv)
{
	struct cli_args a;
	int key, rc = 0;

	cli_args_init(&a, &cmd_commit, argc, argv);
	while ((key = cli_next(&a)) > 0 && !rc)
		rc = take_commit_option(o, msg_file_text, key, a.value);
	if (key == CLI_STOP)
		rc = a.status ? a.status : -1;
	else if (!rc && a.noperands && !mw_is_dir(a.operands[0]))
		rc = cli_usage_error("commit", "'%s' is not a directory", a.operands[0]);
	else if (!rc && a.noperands)
		o->dir = mw_xstrdup(a.operands[0]);
	cli_args_release(&a);
	return rc ? rc : check_commit_options(o);
}

/* As git prints it; the branch is the repository's (a clone names it), shown escaped. */
static void
print_committed(const mw_commit_result *res)
{
	mw_buf branch = MW_BUF_INIT, subject = MW_BUF_INIT;

	mw_diag_escape(&branch, res->branch ? res->branch : "HEAD");
	mw_diag_escape(&subject, res->subject);
	printf("[%s %.12s] %s\n", mw_buf_cstr(&branch), res->oid, mw_buf_cstr(&subject));
	for (size_t i = 0; i < res->nfiles; i++)
		printf("  %s\n", res->files[i]);
	mw_buf_release(&branch);
	mw_buf_release(&subject);
}

static int
run_commit(int argc, char **argv)
{
	mw_commit_opts o = { NULL, NULL, NULL, NULL, false };
	mw_commit_result res;
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf err = MW_BUF_INIT;
	char *msg_text = NULL, *dir = NULL;
	int rc;

	if ((rc = parse_commit(&o, &msg_text, argc, argv))) {
		rc = rc < 0 ? CLI_OK : rc;
		goto out;
	}
	dir = (char *)o.dir;
	o.dir = dir ? dir : ".";
	rc = mw_commit_run(&res, &o, &diags, &err);
	for (size_t i = 0; i < res.ndone; i++)
		printf("%s\n", res.done[i]);
	mw_diags_sort(&diags);
	cli_print_diags(stderr, NULL, &diags);
	if (rc == MW_COMMIT_REFUSED) {
		rc = cli_fail(CLI_PROBLEMS, "commit", "refused because of the problems above (fix "
			      "them, or use --force); nothing was written");
	} else if (rc == MW_COMMIT_NOTHING) {
		rc = cli_fail(CLI_PROBLEMS, "commit", "%s", mw_buf_cstr(&err));
	} else if (rc < 0) {
		rc = cli_fail(CLI_IO, "commit", "%s", mw_buf_cstr(&err));
	} else {
		print_committed(&res);
		rc = CLI_OK;
	}
	mw_commit_result_clear(&res);
out:
	free(dir);
	free(msg_text);
	mw_diags_free(&diags);
	mw_buf_release(&err);
	return rc;
}
