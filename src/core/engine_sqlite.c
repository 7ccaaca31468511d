/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite through libsqlite3 (see mwschema/engine.h).
 */
#include <config.h>

#include "mwschema/engine.h"

#include <sqlite3.h>

int
mw_sqlite_exec_file(const char *db_path, const char *sql, mw_buf *err)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc;

	if (sqlite3_open(db_path, &db) != SQLITE_OK) {
		mw_buf_addf(err, "%s: %s", db_path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		mw_buf_addf(err, "%s: %s", db_path, msg ? msg : sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}
