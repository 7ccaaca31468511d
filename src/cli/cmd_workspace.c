/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema check / sync / commit: the workflow around a schema change in a
 * checkout (see mwschema/drift.h and mwschema/commit.h).
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/commit.h"
#include "mwschema/drift.h"
#include "mwschema/fs.h"
#include "mwschema/report.h"
#include "mwschema/workspace.h"

#include <stdlib.h>
#include <string.h>

static const char check_help[] =
	"usage: mwschema check [--format=text|json|sarif] [--strict] [--layout] [DIR]\n\n"
	"Finds the MediaWiki checkout (core or extension) containing DIR (default: the\n"
	"current directory) and reports what is out of step with its JSON files:\n"
	"  generated-in-sync       generated SQL missing, stale or edited by hand\n"
	"  generated-source-label  only the '-- Source:' line differs from MediaWiki's\n"
	"  tables-json-in-sync     a schema table that differs from its newest change\n"
	"  updater-entry-missing   a patch that no updater entry registers\n"
	"Paths are relative to the checkout's root. Where the JSON and SQL live is\n"
	"read from .mwschemarc, MediaWiki's schema test (AbstractSchemaTestBase), the\n"
	"LoadExtensionSchemaUpdates handlers and conventional folders, in that order.\n\n"
	"  --format=F   text (default), json or sarif, as for 'mwschema lint'\n"
	"  --strict     also report generated files that differ only in layout\n"
	"               (files left by older generator versions)\n"
	"  --layout     print where the JSON and SQL files were found, and why\n\n"
	"Exit status: 0 nothing found (or no abstract schema at all, which is said),\n"
	"1 findings, 2 usage error, 3 I/O error.\n";

static const char sync_help[] =
	"usage: mwschema sync [--strict] [DIR]\n\n"
	"Writes missing and stale generated SQL files and adds missing updater entries\n"
	"in the checkout containing DIR, then prints what it changed. Hand-written SQL\n"
	"files (without the generated header) are never touched. Where no updater entry\n"
	"can be placed safely, the entry is printed for you to paste.\n\n"
	"Exit status: 0 in sync, 1 findings remain that need you, 2 usage error,\n"
	"3 a file could not be written (nothing was changed).\n";

static const char commit_help[] =
	"usage: mwschema commit [--message=MSG | --message-file=FILE] [--bug=T123456]\n"
	"                       [--branch=NAME] [--force] [DIR]\n\n"
	"Commits the schema change in the work tree: the new or modified schema and\n"
	"change JSON files, their generated SQL, the schema file of the table and the\n"
	"updater entries, after running the same steps as 'mwschema sync'. Nothing else\n"
	"is committed, and other changes (staged or not) stay as they are.\n\n"
	"  --message=MSG        the commit message (subject of at most 72 characters,\n"
	"                       blank line, body); default: made from the change\n"
	"  --message-file=FILE  read the message from FILE\n"
	"  --bug=T123456        add a 'Bug:' footer\n"
	"  --branch=NAME        commit on topic branch NAME (created from HEAD)\n"
	"  --force              commit even with lint errors or drift\n\n"
	"A 'Change-Id:' footer is added as Gerrit's commit-msg hook does.\n\n"
	"Exit status: 0 committed, 1 refused (lint errors or drift), 2 usage error,\n"
	"3 git or file error.\n";

static const char *
opt_value(const char *arg, const char *name)
{
	size_t l = strlen(name);

	return !strncmp(arg, name, l) && arg[l] == '=' ? arg + l + 1 : NULL;
}

/* The one optional DIR argument; NULL on a usage error (already printed). */
static int
take_dir(const char **dir, const char *cmd, const char *arg)
{
	if (arg[0] == '-' && arg[1])
		return cli_usage_error(cmd, "unknown option '%s'", arg);
	if (*dir)
		return cli_usage_error(cmd, "only one directory may be given");
	if (!mw_is_dir(arg))
		return cli_usage_error(cmd, "'%s' is not a directory", arg);
	*dir = arg;
	return 0;
}

static void
print_report(FILE *fp, mw_report_format fmt, const mw_diags *diags)
{
	mw_report_tool tool = { "mwschema", PACKAGE_VERSION, NULL, 0 };
	mw_buf out = MW_BUF_INIT;

	tool.rules = mw_drift_report_rules(&tool.nrules);
	mw_report_write(&out, fmt, diags, &tool);
	fputs(mw_buf_cstr(&out), fp);
	mw_buf_release(&out);
}

static void
note_updaters(const mw_workspace *ws)
{
	for (int i = 0; i < MW_DBMS__COUNT; i++)
		if (ws->updater[i])
			return;
	fprintf(stderr, "mwschema: note: no %s found in %s; updater entries were not checked\n",
		ws->kind == MW_WS_CORE ? "includes/installer/*Updater.php" :
		"LoadExtensionSchemaUpdates handler", ws->root);
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

int
cmd_check(int argc, char **argv)
{
	mw_report_format fmt = MW_REPORT_TEXT;
	const char *dir = NULL, *v;
	unsigned flags = 0;
	bool layout = false;
	mw_diags diags = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;
	mw_drift drift;
	int rc;

	if (cli_wants_help(argc, argv, check_help))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argv[i], "--format"))) {
			if (!mw_report_format_from_name(v, &fmt))
				return cli_usage_error("check", "unknown format '%s'", v);
		} else if (!strcmp(argv[i], "--strict")) {
			flags |= MW_DRIFT_STRICT;
		} else if (!strcmp(argv[i], "--layout")) {
			layout = true;
		} else if ((rc = take_dir(&dir, "check", argv[i]))) {
			return rc;
		}
	}
	if (mw_workspace_open(&ws, dir ? dir : ".", &diags) < 0) {
		cli_print_diags(stderr, &diags);
		mw_diags_free(&diags);
		return CLI_USAGE;
	}
	if (layout || (say_if_empty("check", ws) && fmt == MW_REPORT_TEXT)) {
		rc = layout ? print_layout(ws) : CLI_OK;
		mw_workspace_free(ws);
		mw_diags_free(&diags);
		return rc;
	}
	note_updaters(ws);
	mw_drift_check(&drift, ws, flags, NULL, 0, &diags);
	mw_diags_sort(&diags);
	print_report(stdout, fmt, &diags);
	if (fmt == MW_REPORT_TEXT)
		fprintf(stderr, "mwschema check: %zu finding%s in %s (%s %s)\n", diags.n,
			diags.n == 1 ? "" : "s", ws->root, mw_workspace_kind_name(ws->kind),
			ws->name ? ws->name : "");
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

int
cmd_sync(int argc, char **argv)
{
	const char *dir = NULL;
	unsigned flags = 0;
	mw_diags diags = MW_DIAGS_INIT, rest = MW_DIAGS_INIT;
	mw_workspace *ws = NULL;
	mw_sync_result res;
	mw_drift drift;
	int rc;

	if (cli_wants_help(argc, argv, sync_help))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--strict"))
			flags |= MW_DRIFT_STRICT;
		else if ((rc = take_dir(&dir, "sync", argv[i])))
			return rc;
	}
	dir = dir ? dir : ".";
	if (mw_workspace_open(&ws, dir, &diags) < 0) {
		cli_print_diags(stderr, &diags);
		mw_diags_free(&diags);
		return CLI_USAGE;
	}
	if (say_if_empty("sync", ws)) {
		mw_workspace_free(ws);
		mw_diags_free(&diags);
		return CLI_OK;
	}
	mw_drift_check(&drift, ws, flags, NULL, 0, &rest);
	mw_diags_clear(&rest);
	rc = mw_drift_apply(&res, ws, &drift, NULL, 0, &diags) < 0 ? CLI_IO : CLI_OK;
	for (size_t i = 0; i < res.ndone; i++)
		printf("%s\n", res.done[i]);
	if (rc == CLI_OK && !res.ndone)
		printf("%s: already in sync\n", ws->root);
	cli_print_diags(stderr, &diags);
	if (rc == CLI_OK && recheck(dir, flags, &rest)) {
		fputs("mwschema sync: these need you:\n", stderr);
		mw_diags_sort(&rest);
		cli_print_diags(stderr, &rest);
		rc = CLI_PROBLEMS;
	}
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
parse_commit(mw_commit_opts *o, char **msg_file_text, int argc, char **argv)
{
	const char *v;
	int rc;

	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argv[i], "--message")))
			o->message = v;
		else if ((v = opt_value(argv[i], "--message-file"))) {
			if ((rc = read_message(msg_file_text, v)))
				return rc;
			o->message = *msg_file_text;
		} else if ((v = opt_value(argv[i], "--bug")))
			o->bug = v;
		else if ((v = opt_value(argv[i], "--branch")))
			o->branch = v;
		else if (!strcmp(argv[i], "--force"))
			o->force = true;
		else if ((rc = take_dir(&o->dir, "commit", argv[i])))
			return rc;
	}
	if (o->bug && !mw_commit_bug_valid(o->bug))
		return cli_usage_error("commit", "'%s' is not a Phabricator task id (T123456)",
				       o->bug);
	if (o->message) {
		mw_buf tmp = MW_BUF_INIT, err = MW_BUF_INIT;

		rc = mw_commit_message(&tmp, o->message, NULL, NULL, NULL, &err) < 0 ?
		     cli_usage_error("commit", "%s", mw_buf_cstr(&err)) : 0;
		mw_buf_release(&tmp);
		mw_buf_release(&err);
		return rc;
	}
	return 0;
}

int
cmd_commit(int argc, char **argv)
{
	mw_commit_opts o = { NULL, NULL, NULL, NULL, false };
	mw_commit_result res;
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf err = MW_BUF_INIT;
	char *msg_text = NULL;
	int rc;

	if (cli_wants_help(argc, argv, commit_help))
		return CLI_OK;
	if ((rc = parse_commit(&o, &msg_text, argc, argv)))
		goto out;
	o.dir = o.dir ? o.dir : ".";
	rc = mw_commit_run(&res, &o, &diags, &err);
	for (size_t i = 0; i < res.ndone; i++)
		printf("%s\n", res.done[i]);
	mw_diags_sort(&diags);
	cli_print_diags(stderr, &diags);
	if (rc == MW_COMMIT_REFUSED) {
		fputs("mwschema commit: refused because of the problems above "
		      "(fix them, or use --force)\n", stderr);
		rc = CLI_PROBLEMS;
	} else if (rc < 0) {
		fprintf(stderr, "mwschema commit: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	} else {
		printf("[%s %.12s] %s\n", res.branch ? res.branch : "HEAD", res.oid, res.subject);
		for (size_t i = 0; i < res.nfiles; i++)
			printf("  %s\n", res.files[i]);
		rc = CLI_OK;
	}
	mw_commit_result_clear(&res);
out:
	free(msg_text);
	mw_diags_free(&diags);
	mw_buf_release(&err);
	return rc;
}
