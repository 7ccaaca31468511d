/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the farm commands (cmd_farm.c, cmd_farm_audit.c): the options
 * they share and their parsing helpers.
 */
#ifndef MWSCHEMA_CLI_FARM_H
#define MWSCHEMA_CLI_FARM_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/farm.h"

struct sql_args {
	const char *type;
	mw_farm_sql_opts sql;
	const char *out;
	const char **dirs;
	size_t ndirs;
};

/* "--name=value" or "--name value"; advances *i over a separate value. */
bool farm_take_value(int argc, char **argv, int *i, const char *name, const char **value);
/* --prefix, --table-options (and --type when `with_type`); true when argv[*i] was one. */
bool farm_take_sql_option(struct sql_args *a, int argc, char **argv, int *i, bool with_type);
/* A checkout directory argument, or a usage error for anything else. */
int farm_take_dir(struct sql_args *a, const char *cmd, const char *arg);
/* The checkouts' schema, diagnostics on stderr: 0 or CLI_PROBLEMS. */
int farm_load_schema(mw_farm_schema *s, const struct sql_args *a, const char *rev);
/* `data` to `path` (atomically) or to stdout when NULL: 0 or CLI_IO. */
int farm_write_out(const char *cmd, const char *path, const mw_buf *data);

#endif /* MWSCHEMA_CLI_FARM_H */
