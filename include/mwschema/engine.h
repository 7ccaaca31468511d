/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running generated SQL on real database engines. The only module that
 * knows about libsqlite3 (and the optional MariaDB / PostgreSQL clients).
 */
#ifndef MWSCHEMA_ENGINE_H
#define MWSCHEMA_ENGINE_H

#include "mwschema/buf.h"

/*
 * Opens (creating if needed) the SQLite database file `db_path` and runs the
 * statements of `sql` in one transaction. 0, or -1 with the engine's message
 * (and the failing statement) in `err`; on failure nothing is committed.
 */
int mw_sqlite_exec_file(const char *db_path, const char *sql, mw_buf *err);

#endif /* MWSCHEMA_ENGINE_H */
