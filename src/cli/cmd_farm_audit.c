/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema audit: live databases compared with the checkouts' schema, many
 * at once, with the DDL that brings them back on request (see mw_audit_run
 * in mwschema/farm.h). Never writes to a database.
 */
#include <config.h>

#include "cli/commands.h"
#include "cli/farm.h"
#include "mwschema/engine.h"
#include "mwschema/farm.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CMD "audit"

enum {
	OPT_DB = CLI_LONG, OPT_MYSQL, OPT_POSTGRES, OPT_DSN_FILE, OPT_DATABASE, OPT_ALL, OPT_JOBS,
	OPT_STRICT, OPT_FIX, OPT_FORMAT, OPT_QUIET,
};

static const struct cli_option options[] = {
	{ OPT_DB, "db", "FILE", "a SQLite database file (repeat it for many)", NULL },
	{ OPT_MYSQL, "mysql", "[DSN]", "a MariaDB/MySQL server: 'host=H port=N user=U "
	  "unix_socket=S database=D' or mysql://user@host:port/db; MYSQL_HOST, MYSQL_TCP_PORT, "
	  "MYSQL_UNIX_PORT, MYSQL_USER and MYSQL_PWD are read too", NULL },
	{ OPT_POSTGRES, "postgres", "[DSN]", "a PostgreSQL server: a libpq conninfo or URI; PG* "
	  "variables and ~/.pgpass are read too", NULL },
	{ OPT_DSN_FILE, "dsn-file", "FILE", "read the DSN from the first line of FILE (keep "
	  "passwords out of the command line; the DSN is never printed)", NULL },
	{ OPT_DATABASE, "database", "NAME", "a database on the server (repeat it for many; "
	  "default: the DSN's own)", NULL },
	{ OPT_ALL, "all-databases", NULL, "every database on the server but the system ones", NULL },
	FARM_PREFIX_OPTIONS
	{ OPT_JOBS, "jobs", "N", "connections at once (default: 4)", NULL },
	{ OPT_STRICT, "strict", NULL, "count tables outside the schema as drift (default: listed)",
	  NULL },
	{ OPT_FIX, "fix", "[FILE]", "write the DDL that brings each database to the schema to "
	  "FILE, or to standard output (the report then goes to standard error): the "
	  "generators' ALTER/CREATE for the live table as 'before' and the schema's as 'after'. "
	  "Review it; mwschema does not run it, and never drops a table", NULL },
	{ OPT_FORMAT, "format", "F", "text (default), json or sarif", "text|json|sarif" },
	{ 'q', "quiet", NULL, "no progress line and no summary", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static int run_audit(int argc, char **argv);

const struct cli_command cmd_audit = {
	"audit", "compare live wiki databases with the schema files",
	"--db=FILE... [OPTIONS] DIR...\n(--mysql[=DSN] | --postgres[=DSN]) [OPTIONS] DIR...",
	"Compares every table of live wiki databases with the schema files of the\n"
	"MediaWiki core checkout and extension checkouts given: missing and extra tables,\n"
	"columns, indexes and primary keys; type, length, unsigned, nullability and\n"
	"default of each column. Read-only: the sessions are opened read-only and\n"
	"nothing is run but catalog queries. The summary goes to standard error.\n",
	options, "dirs", -1,
	"Exit status: 0 every database as the schema, 1 drift (or a checkout's schema\n"
	"has problems), 2 usage error, 3 a database could not be read.\n",
	run_audit, CLI_PAGED,
};

struct audit_args {
	struct sql_args a;
	mw_audit_opts o;
	bool have_engine;
	const char *dsn;		/* --mysql=DSN / --postgres=DSN */
	const char *dsn_file;
	const char **dbs;		/* --db files or --database names */
	size_t ndbs;
	bool all, quiet, fix_stdout;
	const char *fix_file;
	const char *jobs;
	mw_report_format fmt;
};

static void
take_server(struct audit_args *x, const char *dsn, mw_dbms dbms)
{
	x->dsn = dsn;
	x->o.sql.dbms = dbms;
	x->have_engine = true;
}

static void
take_option(struct audit_args *x, int key, const char *v)
{
	if (farm_take_option(&x->a, key, v))
		return;
	switch (key) {
	case OPT_DB:
		x->o.sql.dbms = MW_DBMS_SQLITE;
		x->have_engine = true;
		x->dbs[x->ndbs++] = v;
		break;
	case OPT_DATABASE: x->dbs[x->ndbs++] = v; break;
	case OPT_MYSQL: take_server(x, v, MW_DBMS_MYSQL); break;
	case OPT_POSTGRES: take_server(x, v, MW_DBMS_POSTGRES); break;
	case OPT_DSN_FILE: x->dsn_file = v; break;
	case OPT_ALL: x->all = true; break;
	case OPT_JOBS: x->jobs = v; break;
	case OPT_STRICT: x->o.strict = true; break;
	case OPT_FIX:
		x->o.fix = true;
		x->fix_file = v;
		x->fix_stdout = !v;
		break;
	case OPT_FORMAT: mw_report_format_from_name(v, &x->fmt); break;
	case 'q': x->quiet = true; break;
	}
}

/* 0 to go on, -1 after --help, or the exit code. */
static int
parse_args(struct audit_args *x, int argc, char **argv)
{
	struct cli_args args;
	int key, rc;

	x->dbs = mw_xcalloc((size_t)argc + 1, sizeof(*x->dbs));
	cli_args_init(&args, &cmd_audit, argc, argv);
	while ((key = cli_next(&args)) > 0)
		take_option(x, key, args.value);
	if (key == CLI_STOP)
		rc = args.status ? args.status : -1;
	else
		rc = farm_take_dirs(&x->a, CMD, &args);
	cli_args_release(&args);
	return rc;
}

static int
check_args(struct audit_args *x, unsigned *jobs)
{
	bool sqlite = x->o.sql.dbms == MW_DBMS_SQLITE;
	char *end;

	if (!x->have_engine)
		return cli_usage_error(CMD, "name the databases: --db=FILE, --mysql or --postgres");
	if (!x->a.ndirs)
		return cli_usage_error(CMD, "name the checkouts: the MediaWiki core directory and "
				       "each extension's");
	if (sqlite && (x->all || x->dsn || x->dsn_file))
		return cli_usage_error(CMD, "--db names SQLite files; --all-databases, --dsn-file, "
				       "--mysql and --postgres are for servers");
	if (x->all && x->ndbs)
		return cli_usage_error(CMD, "--database and --all-databases exclude each other");
	if (x->dsn && x->dsn_file)
		return cli_usage_error(CMD, "give the DSN once: on the option or in --dsn-file");
	if (farm_check_prefix(CMD, x->a.sql.prefix))
		return 2;
	if (x->o.sql.dbms == MW_DBMS_POSTGRES && x->a.sql.prefix && *x->a.sql.prefix)
		return cli_usage_error(CMD, "PostgreSQL tables take no prefix");
	*jobs = x->jobs ? (unsigned)strtoul(x->jobs, &end, 10) : 4;
	if (x->jobs && (*end || !*jobs || *jobs > 256))
		return cli_usage_error(CMD, "--jobs takes a number from 1 to 256");
	return 0;
}

/* The first line of FILE; a warning when others may read it. */
static int
read_dsn_file(char **out, const char *path)
{
	mw_buf text = MW_BUF_INIT, err = MW_BUF_INIT;
	struct stat st;

	if (mw_read_file(&text, path, &err) < 0) {
		fprintf(stderr, "mwschema audit: %s\n", mw_buf_cstr(&err));
		mw_buf_release(&err);
		return CLI_IO;
	}
	if (stat(path, &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "mwschema audit: warning: %s can be read by other users "
			"(chmod 600 it)\n", path);
	*out = mw_xstrndup(mw_buf_cstr(&text), strcspn(mw_buf_cstr(&text), "\r\n"));
	mw_buf_release(&text);
	return 0;
}

/* --all-databases: one connection lists them. */
static int
list_all(struct audit_args *x, const char *dsn, char ***names, size_t *n)
{
	mw_engine *e = NULL;
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	if (mw_engine_attach(&e, x->o.sql.dbms, dsn, NULL, &err) < 0 ||
	    mw_engine_list_databases(names, n, e, &err) < 0) {
		fprintf(stderr, "mwschema audit: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	}
	mw_engine_close(e);
	mw_buf_release(&err);
	return rc;
}

/*
 * Progress and reports
 */

struct progress {
	bool tty;
	size_t drift, errors;
};

static void
on_progress(void *arg, size_t done, size_t total, const mw_audit_db *db)
{
	struct progress *p = arg;

	p->drift += db->status == 1;
	p->errors += db->status < 0;
	if (p->tty)
		fprintf(stderr, "\r\033[Kaudit: %zu/%zu databases, %zu drift, %zu unreadable", done,
			total, p->drift, p->errors);
}

static void
add_unreadable(mw_diags *d, const mw_audit_db *db)
{
	mw_diags_add(d, MW_SEV_ERROR, "unreadable", db->name, 0, 0, NULL, NULL,
		     "cannot read the database: %s", db->error ? db->error : "?");
}

static void
report_text_or_sarif(mw_buf *out, const struct audit_args *x, const mw_audit_db *dbs, size_t n)
{
	mw_report_tool tool = { "mwschema", PACKAGE_VERSION, NULL, 0 };
	mw_diags all = MW_DIAGS_INIT;

	tool.rules = mw_audit_rules(&tool.nrules);
	for (size_t i = 0; i < n; i++) {
		if (dbs[i].status < 0)
			add_unreadable(&all, &dbs[i]);
		for (size_t k = 0; k < dbs[i].findings.n; k++) {
			const mw_diag *d = &dbs[i].findings.items[k];

			mw_diags_add(&all, d->severity, d->rule, d->file, 0, 0, d->path, d->hint, "%s",
				     d->message);
		}
	}
	mw_report_write(out, x->fmt, &all, &tool);
	mw_diags_free(&all);
}

static void
json_names(mw_buf *out, char *const *v, size_t n)
{
	mw_buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			mw_buf_adds(out, ", ");
		mw_report_json_string(out, v[i]);
	}
	mw_buf_addc(out, ']');
}

static void
json_database(mw_buf *out, const mw_audit_db *db)
{
	mw_buf findings = MW_BUF_INIT;

	mw_report_write(&findings, MW_REPORT_JSON, &db->findings, NULL);
	while (findings.len && findings.data[findings.len - 1] == '\n')
		mw_buf_truncate(&findings, findings.len - 1);
	mw_buf_adds(out, "    {\"name\": ");
	mw_report_json_string(out, db->name);
	mw_buf_addf(out, ", \"status\": \"%s\", \"error\": ",
		    db->status < 0 ? "unreadable" : db->status ? "drift" : "clean");
	mw_report_json_string(out, db->error);
	mw_buf_addf(out, ", \"seconds\": %.4f, \"tables\": %zu, \"drifted_tables\": ", db->seconds,
		    db->ntables);
	json_names(out, db->drifted, db->ndrifted);
	mw_buf_adds(out, ", \"outside_tables\": ");
	json_names(out, db->outside, db->noutside);
	mw_buf_addf(out, ", \"other_tables\": %zu, \"findings\": %s}", db->nother,
		    findings.len ? findings.data : "[]");
	mw_buf_release(&findings);
}

static void
report_json(mw_buf *out, const mw_audit_db *dbs, size_t n)
{
	size_t drift = 0, errors = 0;

	mw_buf_adds(out, "{\n  \"databases\": [\n");
	for (size_t i = 0; i < n; i++) {
		json_database(out, &dbs[i]);
		mw_buf_adds(out, i + 1 < n ? ",\n" : "\n");
		drift += dbs[i].status == 1;
		errors += dbs[i].status < 0;
	}
	mw_buf_addf(out, "  ],\n  \"summary\": {\"databases\": %zu, \"clean\": %zu, \"drift\": %zu, "
		    "\"unreadable\": %zu}\n}\n", n, n - drift - errors, drift, errors);
}

/* Which schema tables drift, and in how many databases: "page (3), user (1)". */
static void
tally_tables(mw_buf *out, const mw_farm_schema *s, const mw_audit_db *dbs, size_t n)
{
	for (size_t t = 0; t < s->schema.ntables; t++) {
		size_t count = 0;

		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < dbs[i].ndrifted; k++)
				count += !strcmp(dbs[i].drifted[k], s->schema.tables[t].name);
		if (count)
			mw_buf_addf(out, "%s%s (%zu)", out->len ? ", " : "", s->schema.tables[t].name,
				    count);
	}
}

static void
print_summary(const mw_farm_schema *s, const mw_audit_db *dbs, size_t n, double seconds)
{
	size_t drift = 0, errors = 0, shown = 0;
	mw_buf tables = MW_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		drift += dbs[i].status == 1;
		errors += dbs[i].status < 0;
	}
	fprintf(stderr, "mwschema audit: %zu database%s, %zu as the schema, %zu drift, %zu "
		"unreadable (%zu tables each; %.2f s)\n", n, n == 1 ? "" : "s", n - drift - errors,
		drift, errors, s->schema.ntables, seconds);
	for (size_t i = 0; i < n && shown < 20; i++) {
		if (dbs[i].status != 1)
			continue;
		size_t nf = mw_diags_count(&dbs[i].findings, MW_SEV_WARNING);

		fprintf(stderr, "  drift: %s: %zu table%s, %zu finding%s\n", dbs[i].name,
			dbs[i].ndrifted, dbs[i].ndrifted == 1 ? "" : "s", nf, nf == 1 ? "" : "s");
		shown++;
	}
	if (drift > shown)
		fprintf(stderr, "  (and %zu more drifting databases)\n", drift - shown);
	tally_tables(&tables, s, dbs, n);
	if (tables.len)
		fprintf(stderr, "mwschema audit: drifting tables (databases): %s\n", tables.data);
	mw_buf_release(&tables);
}

/* The DDL of every drifting database, one after the other. */
static void
fix_script(mw_buf *out, const struct audit_args *x, const mw_audit_db *dbs, size_t n)
{
	size_t written = 0;

	mw_buf_adds(out, "-- Generated by mwschema audit --fix: the DDL that brings each database "
		    "below to the\n-- schema files. Review it before running it; mwschema does not "
		    "run it.\n");
	for (size_t i = 0; i < n; i++) {
		if (!dbs[i].fix.len)
			continue;
		mw_buf_adds(out, "\n-- Database: ");
		for (const char *p = dbs[i].name; *p; p++)
			mw_buf_addc(out, (unsigned char)*p < 0x20 ? '?' : *p);
		/* only MySQL can change databases inside a script */
		mw_buf_adds(out, x->o.sql.dbms == MW_DBMS_MYSQL ? "\n"
			    : " (run this part connected to that database)\n");
		if (x->o.sql.dbms == MW_DBMS_MYSQL && strcmp(dbs[i].name, "(the DSN's database)")) {
			mw_buf_adds(out, "USE `");
			for (const char *p = dbs[i].name; *p; p++) {
				if (*p == '`')
					mw_buf_addc(out, '`');
				mw_buf_addc(out, *p);
			}
			mw_buf_adds(out, "`;\n");
		}
		mw_buf_add(out, dbs[i].fix.data, dbs[i].fix.len);
		written++;
	}
	if (!written)
		mw_buf_adds(out, "\n-- Nothing to fix: every database is as the schema.\n");
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the audit over the named databases and writes the reports. */
static int
audit_all(struct audit_args *x, const mw_farm_schema *s, const char *dsn, char *const *names,
	  size_t n, unsigned jobs)
{
	mw_audit_db *dbs = mw_xcalloc(n + 1, sizeof(*dbs));
	struct progress p = { isatty(STDERR_FILENO) && !x->quiet, 0, 0 };
	mw_buf err = MW_BUF_INIT, out = MW_BUF_INIT, fix = MW_BUF_INIT;
	double start = now();
	int rc;

	x->o.sql.prefix = x->a.sql.prefix;
	x->o.sql.table_options = x->a.sql.table_options;
	if (mw_audit_run(dbs, dsn, names, n, s, &x->o, jobs, on_progress, &p, &err) < 0) {
		fprintf(stderr, "mwschema audit: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
		goto out;
	}
	if (p.tty)
		fputs("\r\033[K", stderr);
	if (x->fmt == MW_REPORT_JSON)
		report_json(&out, dbs, n);
	else
		report_text_or_sarif(&out, x, dbs, n);
	fputs(mw_buf_cstr(&out), x->fix_stdout ? stderr : stdout);
	if (!x->quiet)
		print_summary(s, dbs, n, now() - start);
	rc = p.errors ? CLI_IO : p.drift ? CLI_PROBLEMS : CLI_OK;
	if (x->o.fix) {
		fix_script(&fix, x, dbs, n);
		if (farm_write_out(CMD, x->fix_file, &fix))
			rc = CLI_IO;
	}
out:
	for (size_t i = 0; i < n; i++)
		mw_audit_db_clear(&dbs[i]);
	free(dbs);
	mw_buf_release(&err);
	mw_buf_release(&out);
	mw_buf_release(&fix);
	return rc;
}

/* Which databases: the --db files, the --database names, all, or the DSN's own. */
static int
resolve_databases(struct audit_args *x, const char *dsn, char ***names, size_t *n)
{
	if (x->all)
		return list_all(x, dsn, names, n);
	*n = x->ndbs ? x->ndbs : 1;
	*names = mw_xcalloc(*n + 1, sizeof(char *));
	for (size_t i = 0; i < x->ndbs; i++)
		(*names)[i] = mw_xstrdup(x->dbs[i]);
	return 0;
}

static int
run_audit(int argc, char **argv)
{
	struct audit_args x = { 0 };
	mw_farm_schema s = { 0 };
	char *dsn = NULL, **names = NULL;
	size_t n = 0;
	unsigned jobs = 4;
	int rc;

	if ((rc = parse_args(&x, argc, argv)) < 0) {
		free(x.a.dirs);
		free(x.dbs);
		return CLI_OK;
	}
	if (!rc)
		rc = check_args(&x, &jobs);
	if (!rc && x.dsn_file)
		rc = read_dsn_file(&dsn, x.dsn_file);
	if (!rc && !dsn)
		dsn = mw_xstrdup(x.dsn);
	if (!rc)
		rc = farm_load_schema(&s, &x.a, NULL);
	if (!rc)
		rc = resolve_databases(&x, dsn, &names, &n);
	if (!rc && !n)
		fputs("mwschema audit: the server has no databases to audit\n", stderr);
	else if (!rc)
		rc = audit_all(&x, &s, dsn, names, n, jobs);
	mw_farm_schema_clear(&s);
	mw_strv_free(names, n);
	free(dsn);
	free(x.a.dirs);
	free(x.dbs);
	return rc;
}
