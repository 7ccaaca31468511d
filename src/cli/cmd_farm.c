/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema provision / upgrade / audit: a wiki farm's databases and the
 * schema of a core checkout plus extension checkouts (see mwschema/farm.h).
 */
#include <config.h>

#include "cli/commands.h"
#include "cli/farm.h"
#include "mwschema/engine.h"
#include "mwschema/farm.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TYPE_HELP "mysql, postgres or sqlite"

enum { OPT_DB = CLI_LONG, OPT_FROM, OPT_TO, OPT_DROP };

static const struct cli_option provision_options[] = {
	FARM_TYPE_OPTION
	FARM_PREFIX_OPTIONS
	FARM_SQL_OPTION
	{ OPT_DB, "db", "FILE", "create the SQLite database FILE with the tables (implies "
	  "--type=sqlite; FILE must not exist yet)", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_provision(int argc, char **argv);

const struct cli_command cmd_provision = {
	"provision", "write the SQL that creates a wiki: core plus extensions",
	"[OPTIONS] [--sql=FILE | --db=FILE] DIR...",
	"Writes one script that creates every table of a wiki: the schema files of the\n"
	"MediaWiki core checkout and of each extension checkout given (found as 'mwschema\n"
	"check' finds them), generated as MediaWiki generates them, with the table prefix\n"
	"and table options filled in. One header names each checkout, its revision and\n"
	"its schema files. The summary goes to standard error.\n",
	provision_options, "dirs", -1,
	"Exit status: 0 success, 1 a checkout's schema has problems, 2 usage error,\n"
	"3 I/O or database error.\n"
	"\n"
	"Example:\n"
	"  mwschema provision --prefix=mw_ --sql=new-wiki.sql core extensions/Echo\n",
	run_provision, CLI_PAGED,
};

static const struct cli_option upgrade_options[] = {
	{ OPT_FROM, "from", "REV", "the revision the databases were created at (required)", NULL },
	{ OPT_TO, "to", "REV", "the target revision (default: the work trees)", NULL },
	{ OPT_DROP, "drop", NULL, "drop the tables the target no longer has", NULL },
	FARM_TYPE_OPTION
	FARM_PREFIX_OPTIONS
	FARM_SQL_OPTION
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_upgrade(int argc, char **argv);

const struct cli_command cmd_upgrade = {
	"upgrade", "write the DDL from the schemas at one revision to another",
	"--from=REV [--to=REV] [OPTIONS] DIR...",
	"Writes the DDL that takes a database created from the checkouts' schema files at\n"
	"revision REV (a branch such as REL1_43, a tag or a commit, resolved in each\n"
	"checkout's git repository) to their schema files at --to (default: the work\n"
	"trees): for each table that changed, the statements MediaWiki's generator writes\n"
	"for its before and after; new tables are created. A table the target no longer\n"
	"has is listed with a warning that dropping it loses its rows, and is dropped\n"
	"only with --drop.\n"
	"\n"
	"Only tables change: data migrations (maintenance scripts, updatelog rows, the\n"
	"other steps of update.php) are not part of the output.\n",
	upgrade_options, "dirs", -1,
	"Exit status: 0 success, 1 a checkout's schema has problems, 2 usage error,\n"
	"3 I/O or git error.\n",
	run_upgrade, CLI_PAGED,
};

bool
farm_take_option(struct sql_args *a, int key, const char *value)
{
	switch (key) {
	case FARM_TYPE: a->type = value; return true;
	case FARM_PREFIX: a->sql.prefix = value; return true;
	case FARM_TABLE_OPTIONS: a->sql.table_options = value; return true;
	case FARM_SQL: a->out = value; return true;
	default: return false;
	}
}

int
farm_take_dirs(struct sql_args *a, const char *cmd, const struct cli_args *args)
{
	a->dirs = mw_xcalloc((size_t)args->noperands + 1, sizeof(*a->dirs));
	for (int i = 0; i < args->noperands; i++) {
		if (!mw_is_dir(args->operands[i]))
			return cli_usage_error(cmd, "'%s' is not a directory", args->operands[i]);
		a->dirs[a->ndirs++] = args->operands[i];
	}
	return 0;
}

/*
 * The prefix is pasted in front of every table name, unquoted in places:
 * it is checked here, once, like the names of a schema file.
 */
int
farm_check_prefix(const char *cmd, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;

	if (n > 32 || (prefix && prefix[strspn(prefix, "abcdefghijklmnopqrstuvwxyz"
						  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")]))
		return cli_usage_error(cmd, "--prefix takes letters, digits and _ only (at most 32), "
				       "as MediaWiki's $wgDBprefix");
	return 0;
}

/* The checkouts are required; --type becomes a platform. */
static int
check_sql_args(struct sql_args *a, const char *cmd, const char *default_type)
{
	if (!a->ndirs)
		return cli_usage_error(cmd, "name the checkouts: the MediaWiki core directory "
				       "and each extension's");
	if (!a->type)
		a->type = default_type;
	if (!mw_dbms_from_name(a->type, &a->sql.dbms))
		return cli_usage_error(cmd, "unknown --type '%s' (" TYPE_HELP ")", a->type);
	if (farm_check_prefix(cmd, a->sql.prefix))
		return 2;
	if (a->sql.dbms == MW_DBMS_POSTGRES && a->sql.prefix && *a->sql.prefix)
		return cli_usage_error(cmd, "PostgreSQL tables take no prefix (MediaWiki uses a "
				       "schema per wiki there)");
	return 0;
}

int
farm_load_schema(mw_farm_schema *s, const struct sql_args *a, const char *rev)
{
	mw_diags diags = MW_DIAGS_INIT;
	int rc = mw_farm_schema_load(s, (char *const *)a->dirs, a->ndirs, rev, &diags);

	mw_diags_sort(&diags);
	cli_print_diags(stderr, NULL, &diags);
	mw_diags_free(&diags);
	return rc < 0 ? CLI_PROBLEMS : 0;
}

int
farm_write_out(const char *cmd, const char *path, const mw_buf *data)
{
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	if (!path) {
		if (fwrite(data->data, 1, data->len, stdout) != data->len || fflush(stdout))
			rc = CLI_IO;
	} else if (mw_write_file_atomic(path, data->data, data->len, &err) < 0) {
		fprintf(stderr, "mwschema %s: %s\n", cmd, mw_buf_cstr(&err));
		rc = CLI_IO;
	}
	mw_buf_release(&err);
	return rc;
}

/*
 * provision
 */

static int
parse_provision(struct sql_args *a, const char **db, int argc, char **argv)
{
	struct cli_args args;
	int key, rc = 0;

	cli_args_init(&args, &cmd_provision, argc, argv);
	while ((key = cli_next(&args)) > 0)
		if (!farm_take_option(a, key, args.value) && key == OPT_DB)
			*db = args.value;
	if (key == CLI_STOP)
		rc = args.status ? args.status : -1;
	else
		rc = farm_take_dirs(a, "provision", &args);
	cli_args_release(&args);
	if (rc)
		return rc;
	if (*db && a->out)
		return cli_usage_error("provision", "--sql and --db exclude each other");
	if (*db && a->type && strcmp(a->type, "sqlite"))
		return cli_usage_error("provision", "--db creates a SQLite database: it needs "
				       "--type=sqlite");
	return check_sql_args(a, "provision", *db ? "sqlite" : "mysql");
}

/* A new SQLite file with the script run in it; removed again when that fails. */
static int
create_db(const char *path, const mw_buf *sql)
{
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	if (mw_file_exists(path)) {
		fprintf(stderr, "mwschema provision: %s exists; provision creates new databases "
			"only (use 'mwschema audit' or 'mwschema upgrade' on existing ones)\n", path);
		return CLI_IO;
	}
	if (mw_sqlite_exec_file(path, mw_buf_cstr(sql), &err) < 0) {
		fprintf(stderr, "mwschema provision: %s\n", mw_buf_cstr(&err));
		unlink(path);
		rc = CLI_IO;
	}
	mw_buf_release(&err);
	return rc;
}

static int
run_provision(int argc, char **argv)
{
	struct sql_args a = { 0 };
	mw_farm_schema s;
	mw_buf out = MW_BUF_INIT;
	const char *db = NULL;
	int rc;

	if ((rc = parse_provision(&a, &db, argc, argv))) {
		rc = rc < 0 ? CLI_OK : rc;
		goto out;
	}
	if ((rc = farm_load_schema(&s, &a, NULL)) == 0) {
		mw_farm_provision(&out, &s, &a.sql);
		rc = db ? create_db(db, &out) : farm_write_out("provision", a.out, &out);
		if (!rc)
			fprintf(stderr, "mwschema provision: %zu tables from %zu checkout%s (%s)%s%s\n",
				s.schema.ntables, s.nsources, s.nsources == 1 ? "" : "s",
				mw_dbms_title(a.sql.dbms), db ? " in " : "", db ? db : "");
	}
	mw_farm_schema_clear(&s);
	mw_buf_release(&out);
out:
	free(a.dirs);
	return rc;
}

/*
 * upgrade
 */

static int
parse_upgrade(struct sql_args *a, const char **from, const char **to, bool *drop, int argc,
	      char **argv)
{
	struct cli_args args;
	int key, rc = 0;

	cli_args_init(&args, &cmd_upgrade, argc, argv);
	while ((key = cli_next(&args)) > 0) {
		if (farm_take_option(a, key, args.value))
			continue;
		if (key == OPT_FROM)
			*from = args.value;
		else if (key == OPT_TO)
			*to = args.value;
		else if (key == OPT_DROP)
			*drop = true;
	}
	if (key == CLI_STOP)
		rc = args.status ? args.status : -1;
	else
		rc = farm_take_dirs(a, "upgrade", &args);
	cli_args_release(&args);
	if (rc)
		return rc;
	if (!*from || !**from)
		return cli_usage_error("upgrade", "--from=REV is required (the revision the "
				       "databases were created at, e.g. REL1_43)");
	return check_sql_args(a, "upgrade", "mysql");
}

static void
report_upgrade(const mw_farm_upgrade *res, bool drop)
{
	fprintf(stderr, "mwschema upgrade: %zu table%s changed, %zu new, %zu unchanged", res->nchanged,
		res->nchanged == 1 ? "" : "s", res->ncreated, res->nunchanged);
	if (res->ndropped)
		fprintf(stderr, "; %zu no longer in the schema (%s)", res->ndropped,
			drop ? "dropped: their rows are lost" : "left in place; --drop drops them");
	fputs("\nmwschema upgrade: data migrations (maintenance scripts, updatelog rows) are not "
	      "part of it\n", stderr);
}

static int
run_upgrade(int argc, char **argv)
{
	struct sql_args a = { 0 };
	const char *from = NULL, *to = NULL;
	bool drop = false;
	mw_farm_schema before, after;
	mw_farm_upgrade res = { 0 };
	mw_buf out = MW_BUF_INIT;
	int rc;

	if ((rc = parse_upgrade(&a, &from, &to, &drop, argc, argv))) {
		rc = rc < 0 ? CLI_OK : rc;
		goto out;
	}
	rc = farm_load_schema(&before, &a, from);
	if (!rc)
		rc = farm_load_schema(&after, &a, to);
	else
		memset(&after, 0, sizeof(after));
	if (!rc) {
		mw_farm_upgrade_sql(&out, &res, &before, &after, &a.sql, drop);
		rc = farm_write_out("upgrade", a.out, &out);
		if (!rc)
			report_upgrade(&res, drop);
	}
	mw_farm_upgrade_clear(&res);
	mw_farm_schema_clear(&before);
	mw_farm_schema_clear(&after);
	mw_buf_release(&out);
out:
	free(a.dirs);
	return rc;
}
