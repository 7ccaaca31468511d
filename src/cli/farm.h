/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the farm commands (cmd_farm.c, cmd_farm_audit.c): the options
 * they share and their helpers.
 */
#ifndef MWSCHEMA_CLI_FARM_H
#define MWSCHEMA_CLI_FARM_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "mwschema/farm.h"

struct sql_args {
	const char *type;
	mw_farm_sql_opts sql;
	const char *out;
	char **dirs;
	size_t ndirs;
};

/* Keys of the options the farm commands share (FARM_SQL_OPTIONS). */
enum { FARM_TYPE = CLI_LONG + 100, FARM_PREFIX, FARM_TABLE_OPTIONS, FARM_SQL };

#define FARM_TYPE_OPTION \
	{ FARM_TYPE, "type", "TYPE", "mysql (default), postgres or sqlite", \
	  "mysql|postgres|sqlite" },
#define FARM_PREFIX_OPTIONS \
	{ FARM_PREFIX, "prefix", "P", "the table prefix ($wgDBprefix; not on PostgreSQL, where " \
	  "MediaWiki keeps a schema per wiki)", NULL }, \
	{ FARM_TABLE_OPTIONS, "table-options", "O", "MySQL table options ($wgDBTableOptions; " \
	  "default: " MW_GEN_DEFAULT_TABLE_OPTIONS ")", NULL },
#define FARM_SQL_OPTION \
	{ FARM_SQL, "sql", "FILE", "write the script to FILE, atomically (default: standard " \
	  "output)", NULL },

/* One of the shared options (FARM_*): true when `key` was one. */
bool farm_take_option(struct sql_args *a, int key, const char *value);
/* The operands as checkout directories; 0 or a usage error. */
int farm_take_dirs(struct sql_args *a, const char *cmd, const struct cli_args *args);
/* 0 when --prefix is empty or letters, digits and _ (as MediaWiki's
 * installer asks); a usage error otherwise. */
int farm_check_prefix(const char *cmd, const char *prefix);
/* The checkouts' schema, diagnostics on stderr: 0 or CLI_PROBLEMS. */
int farm_load_schema(mw_farm_schema *s, const struct sql_args *a, const char *rev);
/* `data` to `path` (atomically) or to stdout when NULL: 0 or CLI_IO. */
int farm_write_out(const char *cmd, const char *path, const mw_buf *data);

#endif /* MWSCHEMA_CLI_FARM_H */
