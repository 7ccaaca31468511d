/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema verify: run a change (or a whole schema) on real SQLite,
 * MariaDB and PostgreSQL and report each step per engine.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"
#include "mwschema/json.h"
#include "mwschema/verify.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"usage: mwschema verify --json=FILE [--json=FILE...] [OPTIONS]\n\n"
	"Runs a schema change on real engines: creates `before`, inserts sample rows,\n"
	"applies the patch, compares the table with a fresh CREATE of `after` (columns,\n"
	"types, nullability, defaults, indexes, primary key) and checks that the rows\n"
	"survived. For a schema file (tables.json), creates every table and compares\n"
	"each with a fresh CREATE of that table alone.\n\n"
	"Options:\n"
	"  --json=FILE          change or schema file (repeatable; also as arguments)\n"
	"  --type=TYPE          sqlite, mysql, postgres or all (default), or a comma list\n"
	"  --mysql=DSN          MariaDB: 'unix_socket=PATH user=U' or 'host=H port=P user=U\n"
	"                       password=W' or mysql://U:W@H:P (default: $MW_MYSQL_DSN, then\n"
	"                       MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_UNIX_PORT, MYSQL_PWD)\n"
	"  --postgres=DSN       PostgreSQL conninfo or URI (default: $MW_PG_DSN, then PG*)\n"
	"  --sql=FILE           verify this patch instead of the generated one (one --type);\n"
	"                       for a schema file, the full-schema SQL to apply and check\n"
	"  --rollback           apply the patch, then the generated rollback, and compare\n"
	"                       with `before`\n"
	"  --prefix=P           table prefix for /*_*/ (default: none)\n"
	"  --table-options=O    MySQL table options (default: " MW_VERIFY_TABLE_OPTIONS ")\n"
	"  --db=FILE            schema files, SQLite: check this existing database instead\n"
	"                       of creating one\n"
	"  --tsv                one line per file and engine: FILE, ENGINE, pass|fail,\n"
	"                       failed step, first difference\n"
	"  -q, --quiet          print only failures and the summary\n\n"
	"MariaDB runs with sql_mode TRADITIONAL,ONLY_FULL_GROUP_BY; any warning fails.\n"
	"Scratch databases / schemas named mwverify_<pid>_<n> are created and dropped,\n"
	"also on Ctrl-C. Only statements the generators write run, one per call.\n"
	"Passwords: MYSQL_PWD or MW_MYSQL_PASSWORD_FILE, PGPASSWORD, PGPASSFILE or\n"
	"MW_PG_PASSWORD_FILE (a file's first line; chmod 600) rather than a DSN on the\n"
	"command line. Time limits: MWSCHEMA_CONNECT_TIMEOUT (default 10 s) and\n"
	"MWSCHEMA_STATEMENT_TIMEOUT (default 60 s).\n"
	"Exit status: 0 every step passed on every engine, 1 something failed, 2 usage.\n";

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
			rc = cli_usage_error("verify", "unknown --type '%s' (sqlite, mysql, postgres, all)",
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

enum { OPT_MYSQL = 256, OPT_PG, OPT_SQL, OPT_ROLLBACK, OPT_PREFIX, OPT_OPTIONS, OPT_DB, OPT_TSV };

static int
parse_args(struct verify_cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", required_argument, NULL, 'j' },
		{ "type", required_argument, NULL, 't' },
		{ "mysql", required_argument, NULL, OPT_MYSQL },
		{ "postgres", required_argument, NULL, OPT_PG },
		{ "sql", required_argument, NULL, OPT_SQL },
		{ "rollback", no_argument, NULL, OPT_ROLLBACK },
		{ "prefix", required_argument, NULL, OPT_PREFIX },
		{ "table-options", required_argument, NULL, OPT_OPTIONS },
		{ "db", required_argument, NULL, OPT_DB },
		{ "tsv", no_argument, NULL, OPT_TSV },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	bool typed = false;
	int opt;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': add_file(c, optarg); break;
		case 't':
			typed = true;
			if (parse_types(c, optarg))
				return CLI_USAGE;
			break;
		case OPT_MYSQL: c->dsn[MW_DBMS_MYSQL] = optarg; break;
		case OPT_PG: c->dsn[MW_DBMS_POSTGRES] = optarg; break;
		case OPT_SQL: c->sql_file = optarg; break;
		case OPT_ROLLBACK: c->opts.rollback = true; break;
		case OPT_PREFIX: c->opts.prefix = optarg; break;
		case OPT_OPTIONS: c->opts.table_options = optarg; break;
		case OPT_DB: c->db_file = optarg; break;
		case OPT_TSV: c->tsv = true; break;
		case 'q': c->quiet = true; break;
		default:
			return cli_usage_error("verify", "unknown or incomplete option '%s'",
					       argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		add_file(c, argv[i]);
	if (!typed)
		parse_types(c, "all");
	return CLI_OK;
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
		return cli_usage_error("verify", "no input: give --json=FILE");
	if ((c->sql_file || c->db_file) && count_types(c) != 1)
		return cli_usage_error("verify", "--sql and --db need exactly one --type");
	if (c->sql_file && (c->nfiles != 1 || c->opts.rollback))
		return cli_usage_error("verify", "--sql goes with one --json and no --rollback");
	if (c->db_file && !c->want[MW_DBMS_SQLITE])
		return cli_usage_error("verify", "--db is for --type=sqlite");
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
	printf("  %s: %s\n", title, r->passed ? "PASS" : "FAIL");
}

static void
record(struct verify_cli *c, mw_dbms d, bool passed)
{
	c->total[d]++;
	c->passed[d] += passed;
	if (!passed)
		c->failed = true;
}

static void
unavailable(struct verify_cli *c, const char *file, mw_dbms d)
{
	if (c->tsv)
		printf("%s\t%s\tfail\tconnect\t%s\n", file, mw_dbms_name(d), c->open_error[d]);
	else if (!c->quiet)
		printf("  %s: FAIL (%s)\n", mw_dbms_title(d), c->open_error[d]);
	record(c, d, false);
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
			       nfail ? "FAIL" : "PASS", schema->ntables);
		record(c, d, nfail == 0);
		mw_buf_release(&report);
	}
}

static void
verify_file(struct verify_cli *c, const char *file)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;

	if (!c->tsv && !c->quiet)
		printf("%s\n", file);
	if (mw_doc_load_file(&doc, file, &diags) < 0) {
		cli_print_diags(stderr, &diags);
		mw_diags_free(&diags);
		c->failed = true;
		return;
	}
	c->opts.label = file;
	if (doc->kind == MW_DOC_CHANGE)
		verify_change(c, file, &doc->change);
	else
		verify_schema(c, file, &doc->schema);
	mw_doc_free(doc);
	mw_diags_free(&diags);
}

static void
print_summary(const struct verify_cli *c)
{
	FILE *fp = c->tsv ? stderr : stdout;

	fprintf(fp, "verify: %zu file%s:", c->nfiles, c->nfiles == 1 ? "" : "s");
	for (int d = 0; d < MW_DBMS__COUNT; d++)
		if (c->want[d])
			fprintf(fp, " %s %zu/%zu passed;", mw_dbms_title(d), c->passed[d], c->total[d]);
	fputc('\n', fp);
}

int
cmd_verify(int argc, char **argv)
{
	struct verify_cli c = { 0 };
	int rc;

	if (cli_wants_help(argc, argv, help))
		return CLI_OK;
	if ((rc = parse_args(&c, argc, argv)) != CLI_OK || (rc = check_args(&c)) != CLI_OK) {
		free(c.files);
		free(c.patch);
		return rc;
	}
	catch_signals();
	for (size_t i = 0; i < c.nfiles && !mw_engine_interrupted(); i++)
		verify_file(&c, c.files[i]);
	if (!mw_engine_interrupted())
		print_summary(&c);
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
	return c.failed ? CLI_PROBLEMS : CLI_OK;
}
