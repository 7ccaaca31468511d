/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mwschema generate: MediaWiki's generateSchemaSql.php and
 * generateSchemaChangeSql.php in one command, plus rollbacks, apply-ready
 * output and direct application to an SQLite file.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/engine.h"
#include "mwschema/fs.h"
#include "mwschema/gen.h"
#include "mwschema/json.h"
#include "mwschema/rc.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char generate_help[] =
	"usage: mwschema generate --json=PATH [--json=PATH...] [OPTIONS]\n"
	"\n"
	"Writes the SQL MediaWiki's maintenance scripts would write for an abstract\n"
	"schema file (a JSON array of tables, or one table object: CREATE statements,\n"
	"as generateSchemaSql.php) or a schema-change file ({\"before\", \"after\"}: the\n"
	"ALTER statements, as generateSchemaChangeSql.php). The output is byte for\n"
	"byte what MediaWiki produces, header included.\n"
	"\n"
	"Options:\n"
	"  --json=PATH          input file; repeat it to process several files, in order\n"
	"  --type=TYPE          mysql (default, as in MediaWiki), postgres, sqlite or all\n"
	"  --sql=PATH           output file (default: standard output); with --type=all\n"
	"                       a directory receiving mysql/NAME, postgres/NAME and\n"
	"                       sqlite/NAME, where NAME is MediaWiki's name for the file\n"
	"                       (tables.json -> tables-generated.sql, patch-x.json ->\n"
	"                       patch-x.sql)\n"
	"  --source=LABEL       the path shown after '-- Source: ' (default: PATH relative\n"
	"                       to the root of the git repository containing it)\n"
	"  --reverse            write the rollback instead: the SQL turning 'after' back\n"
	"                       into 'before' (for a schema file: dropping its tables);\n"
	"                       steps whose data cannot come back are flagged at the top\n"
	"  --apply-ready        replace the /*_*/ table prefix and /*$wgDBTableOptions*/\n"
	"                       placeholders so the SQL runs as is (mariadb, psql, sqlite3)\n"
	"  --prefix=P           table prefix for --apply-ready (default: none)\n"
	"  --table-options=OPTS table options for --apply-ready\n"
	"                       (default: " MW_GEN_DEFAULT_TABLE_OPTIONS ")\n"
	"  --db=FILE            with --type=sqlite: create or update that SQLite database\n"
	"                       by running the (apply-ready) SQL, in one transaction\n"
	"  -h, --help           show this help\n"
	"\n"
	"When a change makes no difference on a platform, nothing is written for it and\n"
	"'no schema changes for PLATFORM' is noted on standard error (as MediaWiki's\n"
	"'No schema changes detected!').\n"
	"\n"
	"Exit status: 0 success, 1 invalid input, 2 usage error, 3 I/O or database error.\n"
	"\n"
	"Examples:\n"
	"  mwschema generate --json=sql/tables.json --type=postgres\n"
	"  mwschema generate --json=sql/abstractSchemaChanges/patch-x.json --type=all --sql=sql\n"
	"  mwschema generate --reverse --json=sql/abstractSchemaChanges/patch-x.json\n"
	"  mwschema generate --apply-ready --type=sqlite --db=wiki.sqlite --json=sql/tables.json\n";

#define CMD "generate"

struct options {
	const char **json;
	size_t njson;
	bool types[MW_DBMS__COUNT];
	bool all;
	const char *type;
	const char *sql;
	const char *source;
	const char *prefix;
	const char *table_options;
	const char *db;
	bool reverse;
	bool apply_ready;
};

/* "--name=value" or "--name value"; advances *i over a separate value. */
static bool
take_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return false;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] == '\0' && *i + 1 < argc) {
		*value = argv[++*i];
		return true;
	}
	return false;
}

static int
parse_type(struct options *o)
{
	mw_dbms d;

	if (!o->type)
		o->type = o->db ? "sqlite" : "mysql";
	if (!strcmp(o->type, "all")) {
		o->all = true;
		for (int p = 0; p < MW_DBMS__COUNT; p++)
			o->types[p] = true;
		return 0;
	}
	if (!mw_dbms_from_name(o->type, &d))
		return cli_usage_error(CMD, "unknown --type '%s' (mysql, postgres, sqlite or all)",
				       o->type);
	o->types[d] = true;
	return 0;
}

static int
check_options(struct options *o)
{
	if (!o->njson)
		return cli_usage_error(CMD, "--json=PATH is required");
	if (parse_type(o))
		return CLI_USAGE;
	if (o->source && o->njson > 1)
		return cli_usage_error(CMD, "--source applies to one --json only");
	if ((o->prefix || o->table_options) && !o->apply_ready && !o->db)
		return cli_usage_error(CMD, "--prefix and --table-options need --apply-ready");
	if (o->db && (o->all || !o->types[MW_DBMS_SQLITE]))
		return cli_usage_error(CMD, "--db needs --type=sqlite");
	if (o->all && !o->sql && o->njson > 1)
		return cli_usage_error(CMD, "--type=all with several --json needs --sql=DIR");
	if (o->db)
		o->apply_ready = true;
	return 0;
}

static int
parse_args(struct options *o, int argc, char **argv)
{
	o->json = mw_xcalloc((size_t)argc + 1, sizeof(*o->json));
	for (int i = 1; i < argc; i++) {
		const char *v;

		if (take_value(argc, argv, &i, "--json", &v))
			o->json[o->njson++] = v;
		else if (take_value(argc, argv, &i, "--type", &o->type) ||
			 take_value(argc, argv, &i, "--sql", &o->sql) ||
			 take_value(argc, argv, &i, "--source", &o->source) ||
			 take_value(argc, argv, &i, "--prefix", &o->prefix) ||
			 take_value(argc, argv, &i, "--table-options", &o->table_options) ||
			 take_value(argc, argv, &i, "--db", &o->db))
			continue;
		else if (!strcmp(argv[i], "--reverse"))
			o->reverse = true;
		else if (!strcmp(argv[i], "--apply-ready"))
			o->apply_ready = true;
		else
			return cli_usage_error(CMD, "unexpected argument '%s'", argv[i]);
	}
	return check_options(o);
}

/* PATH relative to the root of the git repository holding it, else PATH as given. */
static char *
default_label(const char *path)
{
	char real[PATH_MAX];
	char *dir, *root, *label;
	size_t n;

	if (!realpath(path, real))
		return mw_xstrdup(path);
	dir = mw_path_dirname(real);
	root = mw_rc_find_repo_root(dir);
	free(dir);
	if (!root)
		return mw_xstrdup(path);
	n = strlen(root);
	label = mw_xstrdup(real + n + (root[n - 1] == '/' ? 0 : 1));
	free(root);
	return label;
}

/* One input file on one platform; 0, MW_GEN_NOCHANGE. */
static int
generate_doc(mw_buf *out, const mw_doc *doc, mw_dbms dbms, const char *label,
	     const struct options *o)
{
	mw_buf sql = MW_BUF_INIT;
	int rc;

	if (doc->kind == MW_DOC_CHANGE && o->reverse)
		rc = mw_gen_rollback(&sql, doc->change.before, doc->change.after, dbms, label, 0);
	else if (doc->kind == MW_DOC_CHANGE)
		rc = mw_gen_change(&sql, doc->change.before, doc->change.after, dbms, label, 0);
	else if (o->reverse)
		rc = mw_gen_schema_rollback(&sql, &doc->schema, dbms, label, 0);
	else
		rc = mw_gen_schema(&sql, &doc->schema, dbms, label, 0);
	if (rc == 0 && o->apply_ready)
		mw_gen_apply_ready(out, mw_buf_cstr(&sql), sql.len, o->prefix, o->table_options);
	else if (rc == 0)
		mw_buf_add(out, sql.data, sql.len);
	mw_buf_release(&sql);
	return rc;
}

/*
 * With `inside`, `path` is relative to that directory and must stay in it
 * once symbolic links are resolved.
 */
static int
write_output(const char *path, const char *inside, const mw_buf *data)
{
	mw_buf err = MW_BUF_INIT;
	char *dir = mw_path_dirname(path);
	int rc = 0;

	if (inside ? mw_mkdirs(inside, &err) < 0 ||
		     mw_write_file_confined(inside, path, data->data, data->len, &err) < 0 :
		     mw_mkdirs(dir, &err) < 0 ||
		     mw_write_file_atomic(path, data->data, data->len, &err) < 0) {
		fprintf(stderr, "mwschema generate: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	}
	free(dir);
	mw_buf_release(&err);
	return rc;
}

/* --type=all --sql=DIR: one file per input and platform, named as MediaWiki does. */
static int
write_per_file(const struct options *o, const mw_doc *doc, const char *json, mw_dbms dbms,
	       const mw_buf *sql)
{
	char *name = mw_gen_output_name(json, doc->kind != MW_DOC_CHANGE, o->reverse);
	char *path = mw_path_join(mw_dbms_name(dbms), name);
	int rc = write_output(path, o->sql, sql);

	free(name);
	free(path);
	return rc;
}

/* MediaWiki's four "-- " header lines: one combined header replaces them. */
static void
add_without_header(mw_buf *out, const mw_buf *sql)
{
	const char *p = mw_buf_cstr(sql), *end = p + sql->len;

	for (int line = 0; line < 4 && end - p > 3 && !strncmp(p, "-- ", 3); line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	mw_buf_add(out, p, (size_t)(end - p));
}

/*
 * Apply-ready output of several inputs is one file: one header naming every
 * source instead of a "Do not modify" block per input.
 */
static void
combined_header(mw_buf *out, const struct options *o)
{
	mw_buf_adds(out, "-- This file is automatically generated using mwschema generate "
		    "--apply-ready.\n-- Sources: ");
	for (size_t i = 0; i < o->njson; i++) {
		char *label = default_label(o->json[i]);

		mw_buf_addf(out, "%s%s", i ? ", " : "", label);
		free(label);
	}
	mw_buf_adds(out, "\n-- Do not modify this file directly.\n"
		    "-- See https://www.mediawiki.org/wiki/Manual:Schema_changes\n");
}

struct run {
	const struct options *o;
	mw_buf combined[MW_DBMS__COUNT];	/* single-destination output per platform */
	int status;
};

static void
run_file(struct run *r, const char *json)
{
	const struct options *o = r->o;
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc;
	char *label;

	if (mw_doc_load_file(&doc, json, &diags) < 0) {
		cli_print_diags(stderr, &diags);
		mw_diags_free(&diags);
		r->status = r->status ? r->status : CLI_PROBLEMS;
		return;
	}
	label = o->source ? mw_xstrdup(o->source) : default_label(json);
	for (int p = 0; p < MW_DBMS__COUNT; p++) {
		mw_buf sql = MW_BUF_INIT;

		if (!o->types[p])
			continue;
		if (generate_doc(&sql, doc, (mw_dbms)p, label, o) == MW_GEN_NOCHANGE) {
			fprintf(stderr, "mwschema generate: %s: no schema changes for %s\n", json,
				mw_dbms_name((mw_dbms)p));
		} else if (o->all && o->sql) {
			int rc = write_per_file(o, doc, json, (mw_dbms)p, &sql);

			r->status = r->status ? r->status : rc;
		} else if (o->apply_ready && o->njson > 1) {
			add_without_header(&r->combined[p], &sql);
		} else {
			mw_buf_add(&r->combined[p], sql.data, sql.len);
		}
		mw_buf_release(&sql);
	}
	free(label);
	mw_diags_free(&diags);
	mw_doc_free(doc);
}

static int
apply_to_db(const char *db, const mw_buf *sql)
{
	mw_buf err = MW_BUF_INIT;
	int rc = 0;

	if (mw_sqlite_exec_file(db, mw_buf_cstr(sql), &err) < 0) {
		fprintf(stderr, "mwschema generate: %s\n", mw_buf_cstr(&err));
		rc = CLI_IO;
	}
	mw_buf_release(&err);
	return rc;
}

/*
 * The SQL, byte for byte, to a file or a pipe; on a terminal, control
 * characters a default may hold are shown escaped instead of run.
 */
static int
write_stdout(const mw_buf *sql)
{
	mw_buf safe = MW_BUF_INIT;
	int rc = 0;

	if (!isatty(STDOUT_FILENO))
		return fwrite(sql->data, 1, sql->len, stdout) == sql->len ? 0 : -1;
	mw_terminal_escape(&safe, mw_buf_cstr(sql), sql->len);
	if (fwrite(mw_buf_cstr(&safe), 1, safe.len, stdout) != safe.len)
		rc = -1;
	mw_buf_release(&safe);
	return rc;
}

/* Single-destination outputs: stdout, one --sql file, or the --db database. */
static int
flush_combined(struct run *r)
{
	const struct options *o = r->o;

	for (int p = 0; p < MW_DBMS__COUNT; p++) {
		const mw_buf *sql = &r->combined[p];
		int rc = 0;

		if (!sql->len)
			continue;
		if (o->db)
			rc = apply_to_db(o->db, sql);
		if (o->sql && !rc)
			rc = write_output(o->sql, NULL, sql);
		else if (!o->db && write_stdout(sql) < 0)
			rc = CLI_IO;
		if (rc)
			return rc;
	}
	return 0;
}

int
cmd_generate(int argc, char **argv)
{
	struct options o = { 0 };
	struct run r = { &o, { MW_BUF_INIT, MW_BUF_INIT, MW_BUF_INIT }, 0 };
	int rc;

	if (cli_wants_help(argc, argv, generate_help))
		return CLI_OK;
	if ((rc = parse_args(&o, argc, argv))) {
		free(o.json);
		return rc;
	}
	for (size_t i = 0; i < o.njson; i++)
		run_file(&r, o.json[i]);
	for (int p = 0; o.apply_ready && o.njson > 1 && !(o.all && o.sql) && p < MW_DBMS__COUNT; p++) {
		mw_buf body = r.combined[p];

		if (!body.len)
			continue;
		mw_buf_init(&r.combined[p]);
		combined_header(&r.combined[p], &o);
		mw_buf_add(&r.combined[p], body.data, body.len);
		mw_buf_release(&body);
	}
	if (!r.status)
		r.status = flush_combined(&r);
	for (int p = 0; p < MW_DBMS__COUNT; p++)
		mw_buf_release(&r.combined[p]);
	free(o.json);
	return r.status;
}
