/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema verify: run a change (or a whole schema) on real SQLite,
 * MariaDB and PostgreSQL and report each step per engine.
 */
#include <config.h>

#include "cli/commands.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/verify.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define CMD "verify"

enum {
	OPT_JSON = CLI_LONG, OPT_TYPE, OPT_MYSQL, OPT_PG, OPT_SQL, OPT_ROLLBACK, OPT_PREFIX,
	OPT_OPTIONS, OPT_DB, OPT_TSV,
};

static const struct cli_option options[] = {
	{ OPT_JSON, "json", "FILE", "a change or schema file, as the FILE arguments (repeatable)",
	  NULL },
	{ OPT_TYPE, "type", "TYPE", "sqlite, mysql, postgres or all (default), or a comma list",
	  NULL },
	{ OPT_MYSQL, "mysql", "DSN", "MariaDB: 'unix_socket=PATH user=U' or 'host=H port=P user=U "
	  "password=W' or mysql://U:W@H:P (default: $MW_MYSQL_DSN, then MYSQL_HOST, "
	  "MYSQL_TCP_PORT, MYSQL_UNIX_PORT, MYSQL_PWD)", NULL },
	{ OPT_PG, "postgres", "DSN", "PostgreSQL conninfo or URI (default: $MW_PG_DSN, then PG*)",
	  NULL },
	{ OPT_SQL, "sql", "FILE", "verify this patch instead of the generated one (one --type); "
	  "for a schema file, the full-schema SQL to apply and check", NULL },
	{ OPT_ROLLBACK, "rollback", NULL, "apply the patch, then the generated rollback, and "
	  "compare with `before`", NULL },
	{ OPT_PREFIX, "prefix", "P", "table prefix for /*_*/ (default: none)", NULL },
	{ OPT_OPTIONS, "table-options", "O", "MySQL table options (default: "
	  MW_VERIFY_TABLE_OPTIONS ")", NULL },
	{ OPT_DB, "db", "FILE", "schema files, SQLite: check this existing database instead of "
	  "creating one", NULL },
	{ OPT_TSV, "tsv", NULL, "tab-separated values: a header line, then one line per file and "
	  "engine: file, engine, result (pass|fail|unavailable), failed step, first difference",
	  NULL },
	{ 'q', "quiet", NULL, "print only failures and the summary", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_verify(int argc, char **argv);

const struct cli_command cmd_verify = {
	"verify", "run a change on real SQLite, MariaDB and PostgreSQL", "[OPTIONS] FILE...",
	"Runs a schema change on real engines: creates `before`, inserts sample rows,\n"
	"applies the patch, compares the table with a fresh CREATE of `after` (columns,\n"
	"types, nullability, defaults, indexes, primary key) and checks that the rows\n"
	"survived. For a schema file (tables.json), creates every table and compares\n"
	"each with a fresh CREATE of that table alone.\n",
	options, "files", -1,
	"MariaDB runs with sql_mode TRADITIONAL,ONLY_FULL_GROUP_BY; any warning fails.\n"
	"Scratch databases / schemas named mwverify_<pid>_<n> are created and dropped,\n"
	"also on Ctrl-C. Only statements the generators write run, one per call.\n"
	"Passwords: MYSQL_PWD or MW_MYSQL_PASSWORD_FILE, PGPASSWORD, PGPASSFILE or\n"
	"MW_PG_PASSWORD_FILE (a file's first line; chmod 600) rather than a DSN on the\n"
	"command line. Time limits: MWSCHEMA_CONNECT_TIMEOUT (default 10 s) and\n"
	"MWSCHEMA_STATEMENT_TIMEOUT (default 60 s).\n"
	"The summary goes to standard error.\n"
	"\n"
	"Exit status: 0 every step passed on every engine, 1 a step failed, 2 usage\n"
	"error, 3 an engine could not be reached (and nothing failed) or a file cannot\n"
	"be read, 130 interrupted (the scratch databases are dropped).\n",
	run_verify, CLI_PAGED,
};

struct verify_cli {
	char **files;
	size_t nfiles;
	bool want[MW_DBMS__COUNT];
	const char *dsn[MW_DBMS__COUNT];
	char *dsn_copy[MW_DBMS__COUNT];	/* DSNs from argv, whose passwords are blanked there */
	const char *sql_file;
	const char *db_file;
	bool tsv, quiet;
	mw_verify_opts opts;
	char *patch;
	mw_engine *engine[MW_DBMS__COUNT];
	char *open_error[MW_DBMS__COUNT];
	size_t passed[MW_DBMS__COUNT], total[MW_DBMS__COUNT];
	bool failed;
};

static int
parse_types(struct verify_cli *c, const char *arg)
{
	char *copy = mw_xstrdup(arg), *save = NULL;
	int rc = 0;

	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		mw_dbms d;

		if (!strcmp(t, "all")) {
			for (int i = 0; i < MW_DBMS__COUNT; i++)
				c->want[i] = true;
		} else if (mw_dbms_from_name(t, &d)) {
			c->want[d] = true;
		} else {
			rc = cli_usage_error(CMD, "unknown --type '%s' (sqlite, mysql, postgres, all)",
					     t);
			break;
		}
	}
	free(copy);
	return rc;
}

static void
add_file(struct verify_cli *c, const char *path)
{
	c->files = mw_xrealloc(c->files, (c->nfiles + 1) * sizeof(*c->files));
	c->files[c->nfiles++] = (char *)path;
}

static int
take_option(struct verify_cli *c, int key, const char *v, bool *typed)
{
	switch (key) {
	case OPT_JSON: add_file(c, v); break;
	case OPT_TYPE:
		*typed = true;
		return parse_types(c, v);
	case OPT_MYSQL: c->dsn[MW_DBMS_MYSQL] = v; break;
	case OPT_PG: c->dsn[MW_DBMS_POSTGRES] = v; break;
	case OPT_SQL: c->sql_file = v; break;
	case OPT_ROLLBACK: c->opts.rollback = true; break;
	case OPT_PREFIX: c->opts.prefix = v; break;
	case OPT_OPTIONS: c->opts.table_options = v; break;
	case OPT_DB: c->db_file = v; break;
	case OPT_TSV: c->tsv = true; break;
	case 'q': c->quiet = true; break;
	}
	return 0;
}

/* 0 to go on, -1 after --help, or the exit code. */
static int
parse_args(struct verify_cli *c, int argc, char **argv)
{
	struct cli_args a;
	bool typed = false;
	int key, rc = 0;

	cli_args_init(&a, &cmd_verify, argc, argv);
	while (!rc && (key = cli_next(&a)) > 0)
		rc = take_option(c, key, a.value, &typed);
	if (!rc && key == CLI_STOP)
		rc = a.status ? a.status : -1;
	for (int i = 0; !rc && i < a.noperands; i++)
		add_file(c, a.operands[i]);
	if (!typed)
		parse_types(c, "all");
	cli_args_release(&a);
	return rc;
}

static int
count_types(const struct verify_cli *c)
{
	int n = 0;

	for (int i = 0; i < MW_DBMS__COUNT; i++)
		n += c->want[i];
	return n;
}

/*
 * A password in a DSN on the command line shows in ps: the copy in argv is
 * blanked once read (as the mysql client does), and the user is told.
 */
static void
hide_password(char *arg)
{
	char *p = strstr(arg, "password="), *at;

	if (p) {
		for (p += 9; *p && *p != ' ' && *p != '\t'; p++)
			*p = 'x';
	} else if (strstr(arg, "://") && (at = strchr(arg, '@')) &&
		   (p = memchr(strstr(arg, "://") + 3, ':', (size_t)(at - strstr(arg, "://") - 3)))) {
		for (p++; p < at; p++)
			*p = 'x';
	} else {
		return;
	}
	fputs("mwschema verify: warning: a password on the command line is visible to other "
	      "users; use MYSQL_PWD, MW_MYSQL_PASSWORD_FILE, PGPASSWORD or MW_PG_PASSWORD_FILE\n",
	      stderr);
}

static void
on_signal(int sig)
{
	(void)sig;
	mw_engine_interrupt();
}

/* Ctrl-C and SIGTERM stop the statement running; the scratch namespaces are then dropped. */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static int
check_args(struct verify_cli *c)
{
	mw_buf err = MW_BUF_INIT;

	if (!c->nfiles)
		return cli_usage_error(CMD, "no input: give FILE (a change or schema file)");
	if ((c->sql_file || c->db_file) && count_types(c) != 1)
		return cli_usage_error(CMD, "--sql and --db need exactly one --type");
	if (c->sql_file && (c->nfiles != 1 || c->opts.rollback))
		return cli_usage_error(CMD, "--sql goes with one input file and no --rollback");
	if (c->db_file && !c->want[MW_DBMS_SQLITE])
		return cli_usage_error(CMD, "--db is for --type=sqlite");
	for (size_t i = 0; i < c->nfiles; i++)
		if (cli_check_input(CMD, c->files[i]))
			return CLI_IO;
	if (c->sql_file) {
		mw_buf sql = MW_BUF_INIT;

		if (mw_read_file(&sql, c->sql_file, &err) < 0) {
			fprintf(stderr, "mwschema verify: %s\n", mw_buf_cstr(&err));
			mw_buf_release(&err);
			return CLI_IO;
		}
		c->patch = mw_buf_detach(&sql);
		c->opts.patch_sql = c->patch;
	}
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		if (!c->dsn[d] || d == MW_DBMS_SQLITE)
			continue;
		c->dsn_copy[d] = mw_xstrdup(c->dsn[d]);
		hide_password((char *)c->dsn[d]);
		c->dsn[d] = c->dsn_copy[d];
	}
	if (!c->dsn[MW_DBMS_MYSQL])
		c->dsn[MW_DBMS_MYSQL] = getenv("MW_MYSQL_DSN");
	if (!c->dsn[MW_DBMS_POSTGRES])
		c->dsn[MW_DBMS_POSTGRES] = getenv("MW_PG_DSN");
	if (c->db_file)
		c->dsn[MW_DBMS_SQLITE] = c->db_file;
	return CLI_OK;
}

/* The engine for d, connected on first use; NULL after a failure (reported once). */
static mw_engine *
engine_for(struct verify_cli *c, mw_dbms d)
{
	mw_buf err = MW_BUF_INIT;

	if (c->engine[d] || c->open_error[d])
		return c->engine[d];
	if (mw_engine_open(&c->engine[d], d, c->dsn[d], &err) < 0) {
		c->open_error[d] = mw_buf_detach(&err);
		fprintf(stderr, "mwschema verify: %s\n", c->open_error[d]);
	}
	mw_buf_release(&err);
	return c->engine[d];
}

/* A TSV field: engine messages may span lines or hold tabs. */
static void
print_field(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar('\n');
}

/* "PASS" or "FAIL", coloured on a terminal. */
static const char *
verdict(bool passed)
{
	static char text[64];

	snprintf(text, sizeof(text), "%s%s%s", cli_style(stdout, passed ? CLI_S_GOOD : CLI_S_ERROR),
		 passed ? "PASS" : "FAIL", cli_style(stdout, CLI_S_RESET));
	return text;
}

static void
print_result(struct verify_cli *c, const char *file, const mw_verify_result *r)
{
	const char *title = mw_dbms_title(r->dbms);
	int bad = -1;

	for (int s = 0; s < MW_VSTEP__COUNT; s++)
		if (bad < 0 && r->status[s] == MW_VERIFY_FAIL)
			bad = s;
	if (c->tsv) {
		printf("%s\t%s\t%s\t%s\t", file, mw_dbms_name(r->dbms), r->passed ? "pass" : "fail",
		       bad < 0 ? "-" : mw_verify_step_title(bad));
		print_field(bad < 0 ? "-" : r->detail[bad]);
		return;
	}
	if (c->quiet && r->passed)
		return;
	for (int s = 0; s < MW_VSTEP__COUNT; s++)
		if (!c->quiet || s == bad)
			printf("  %s: %s: %s (%s)\n", title, mw_verify_step_title(s),
			       mw_verify_status_name(r->status[s]), r->detail[s]);
	printf("  %s: %s\n", title, verdict(r->passed));
}

static void
record(struct verify_cli *c, mw_dbms d, bool passed)
{
	c->total[d]++;
	c->passed[d] += passed;
	if (!passed)
		c->failed = true;
}

/* The engine could not be opened: said once on stderr, noted per file here. */
static void
unavailable(struct verify_cli *c, const char *file, mw_dbms d)
{
	if (c->tsv)
		printf("%s\t%s\tunavailable\tconnect\t-\n", file, mw_dbms_name(d));
	else if (!c->quiet)
		printf("  %s: not run (no connection, see above)\n", mw_dbms_title(d));
	c->total[d]++;
}

static void
verify_change(struct verify_cli *c, const char *file, const mw_change *ch)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_verify_result r;
		mw_engine *e;

		if (!c->want[d])
			continue;
		if (!(e = engine_for(c, d))) {
			unavailable(c, file, d);
			continue;
		}
		mw_verify_change(&r, e, ch, &c->opts);
		print_result(c, file, &r);
		record(c, d, r.passed);
		mw_verify_result_clear(&r);
	}
}

static void
verify_schema(struct verify_cli *c, const char *file, const mw_schema *schema)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf report = MW_BUF_INIT;
		mw_engine *e;
		int nfail;

		if (!c->want[d])
			continue;
		if (!(e = engine_for(c, d))) {
			unavailable(c, file, d);
			continue;
		}
		nfail = mw_verify_schema(&report, e, schema, &c->opts, c->db_file != NULL);
		if (c->tsv) {
			const char *first = strstr(mw_buf_cstr(&report), "FAIL ");

			printf("%s\t%s\t%s\tschema\t", file, mw_dbms_name(d), nfail ? "fail" : "pass");
			if (first)
				printf("%.*s\n", (int)strcspn(first, "\n"), first);
			else
				printf("%zu tables\n", schema->ntables);
		}
		else if (!c->quiet || nfail)
			printf("%s  %s: %s (%zu tables)\n", mw_buf_cstr(&report), mw_dbms_title(d),
			       verdict(nfail == 0), schema->ntables);
		record(c, d, nfail == 0);
		mw_buf_release(&report);
	}
}

static void
verify_file(struct verify_cli *c, const char *file)
{
	mw_diags diags = MW_DIAGS_INIT;
	char *shown = cli_path(NULL, file);
	mw_doc *doc;

	if (!c->tsv && !c->quiet)
		printf("%s\n", shown);
	if (mw_doc_load_file(&doc, file, &diags) < 0) {
		cli_print_diags(stderr, NULL, &diags);
		mw_diags_free(&diags);
		c->failed = true;
		free(shown);
		return;
	}
	c->opts.label = file;
	if (doc->kind == MW_DOC_CHANGE)
		verify_change(c, shown, &doc->change);
	else
		verify_schema(c, shown, &doc->schema);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	free(shown);
}

/* "2 files: SQLite 2/2 passed, MariaDB not reachable, PostgreSQL 1/2 passed" */
static void
print_summary(const struct verify_cli *c)
{
	mw_buf line = MW_BUF_INIT;

	mw_buf_addf(&line, "%zu file%s:", c->nfiles, c->nfiles == 1 ? "" : "s");
	for (int d = 0, n = 0; d < MW_DBMS__COUNT; d++) {
		if (!c->want[d])
			continue;
		mw_buf_addf(&line, "%s %s ", n++ ? "," : "", mw_dbms_title(d));
		if (c->open_error[d])
			mw_buf_adds(&line, "not reachable");
		else
			mw_buf_addf(&line, "%zu/%zu passed", c->passed[d], c->total[d]);
	}
	cli_summary(CMD, "%s", mw_buf_cstr(&line));
	mw_buf_release(&line);
}

/* 1 when a step failed; else 3 when an engine could not be reached. */
static int
exit_status(const struct verify_cli *c)
{
	if (c->failed)
		return CLI_PROBLEMS;
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (c->want[d] && c->open_error[d])
			return CLI_IO;
	return CLI_OK;
}

static int
run_verify(int argc, char **argv)
{
	struct verify_cli c = { 0 };
	int rc;

	if ((rc = parse_args(&c, argc, argv)) != CLI_OK || (rc = check_args(&c)) != CLI_OK) {
		free(c.files);
		free(c.patch);
		return rc < 0 ? CLI_OK : rc;
	}
	cli_pager_start();
	if (c.tsv)
		puts("file\tengine\tresult\tstep\tdetail");
	catch_signals();
	for (size_t i = 0; i < c.nfiles && !mw_engine_interrupted(); i++)
		verify_file(&c, c.files[i]);
	if (!mw_engine_interrupted())
		print_summary(&c);
	rc = exit_status(&c);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_engine_close(c.engine[d]);
		free(c.open_error[d]);
		free(c.dsn_copy[d]);
	}
	if (mw_engine_interrupted()) {
		fputs("mwschema verify: interrupted; the scratch databases were dropped\n", stderr);
		free(c.files);
		free(c.patch);
		return 130;
	}
	free(c.files);
	free(c.patch);
	return rc;
}
