/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libsqlite3, opened on first use (mwschema/dl.h): generate --db, verify and
 * review's round trip need it, and loading it costs about a million
 * instructions (Debian builds it with BIND_NOW: 1,600 symbol look-ups), more
 * than the rest of a small command. Included by engine_sqlite.c alone, after
 * <sqlite3.h>. Each function is listed once in the table and once as a
 * macro that routes the call through its pointer.
 */
#ifndef MWSCHEMA_CORE_VERIFY_SQLITE_API_H
#define MWSCHEMA_CORE_VERIFY_SQLITE_API_H

#include "mwschema/dl.h"

#define LIBSQLITE3_FUNCTIONS(X) \
	X(sqlite3_bind_text) \
	X(sqlite3_close) \
	X(sqlite3_column_bytes) \
	X(sqlite3_column_count) \
	X(sqlite3_column_int) \
	X(sqlite3_column_name) \
	X(sqlite3_column_text) \
	X(sqlite3_errmsg) \
	X(sqlite3_exec) \
	X(sqlite3_finalize) \
	X(sqlite3_free) \
	X(sqlite3_open) \
	X(sqlite3_open_v2) \
	X(sqlite3_prepare_v2) \
	X(sqlite3_step) \

static struct {
	LIBSQLITE3_FUNCTIONS(MW_DL_POINTER)
} libsqlite3;

static mw_dl_lib libsqlite3_lib = { MW_SQLITE_SONAME, MW_SQLITE_PACKAGE, "SQLite support", NULL, NULL };

/* 0 once the library is loaded, or -1 with the package to install in err. */
static int
sqlite_api_load(mw_buf *err)
{
#define LIBSQLITE3_SYMBOL(f) MW_DL_SYMBOL(libsqlite3, f)
	static const mw_dl_sym syms[] = { LIBSQLITE3_FUNCTIONS(LIBSQLITE3_SYMBOL) };
#undef LIBSQLITE3_SYMBOL

	return mw_dl_load(&libsqlite3_lib, syms, sizeof(syms) / sizeof(*syms), err);
}

#define sqlite3_bind_text (*libsqlite3.sqlite3_bind_text)
#define sqlite3_close (*libsqlite3.sqlite3_close)
#define sqlite3_column_bytes (*libsqlite3.sqlite3_column_bytes)
#define sqlite3_column_count (*libsqlite3.sqlite3_column_count)
#define sqlite3_column_int (*libsqlite3.sqlite3_column_int)
#define sqlite3_column_name (*libsqlite3.sqlite3_column_name)
#define sqlite3_column_text (*libsqlite3.sqlite3_column_text)
#define sqlite3_errmsg (*libsqlite3.sqlite3_errmsg)
#define sqlite3_exec (*libsqlite3.sqlite3_exec)
#define sqlite3_finalize (*libsqlite3.sqlite3_finalize)
#define sqlite3_free (*libsqlite3.sqlite3_free)
#define sqlite3_open (*libsqlite3.sqlite3_open)
#define sqlite3_open_v2 (*libsqlite3.sqlite3_open_v2)
#define sqlite3_prepare_v2 (*libsqlite3.sqlite3_prepare_v2)
#define sqlite3_step (*libsqlite3.sqlite3_step)

#endif /* MWSCHEMA_CORE_VERIFY_SQLITE_API_H */
