/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libmariadb, opened on first use (mwschema/dl.h): only verify (and audit) on
 * MariaDB need it, and it brings TLS and Kerberos libraries with it. Included
 * by engine_mariadb.c alone, after <mysql.h>. Each function is listed once in
 * the table and once as a macro that routes the call through its pointer.
 */
#ifndef MWSCHEMA_CORE_VERIFY_MARIADB_API_H
#define MWSCHEMA_CORE_VERIFY_MARIADB_API_H

#include "mwschema/dl.h"

#define LIBMARIADB_FUNCTIONS(X) \
	X(mysql_close) \
	X(mysql_errno) \
	X(mysql_error) \
	X(mysql_fetch_fields) \
	X(mysql_fetch_lengths) \
	X(mysql_fetch_row) \
	X(mysql_free_result) \
	X(mysql_init) \
	X(mysql_num_fields) \
	X(mysql_options) \
	X(mysql_query) \
	X(mysql_real_connect) \
	X(mysql_real_escape_string) \
	X(mysql_real_query) \
	X(mysql_select_db) \
	X(mysql_store_result) \
	X(mysql_warning_count) \

static struct {
	LIBMARIADB_FUNCTIONS(MW_DL_POINTER)
} libmariadb;

static mw_dl_lib libmariadb_lib = { MW_MARIADB_SONAME, MW_MARIADB_PACKAGE, "MariaDB support", NULL, NULL };

/* 0 once the client library is loaded, or -1 with the package to install in err. */
static int
mariadb_api_load(mw_buf *err)
{
#define LIBMARIADB_SYMBOL(f) MW_DL_SYMBOL(libmariadb, f)
	static const mw_dl_sym syms[] = { LIBMARIADB_FUNCTIONS(LIBMARIADB_SYMBOL) };
#undef LIBMARIADB_SYMBOL

	return mw_dl_load(&libmariadb_lib, syms, sizeof(syms) / sizeof(*syms), err);
}

#define mysql_close (*libmariadb.mysql_close)
#define mysql_errno (*libmariadb.mysql_errno)
#define mysql_error (*libmariadb.mysql_error)
#define mysql_fetch_fields (*libmariadb.mysql_fetch_fields)
#define mysql_fetch_lengths (*libmariadb.mysql_fetch_lengths)
#define mysql_fetch_row (*libmariadb.mysql_fetch_row)
#define mysql_free_result (*libmariadb.mysql_free_result)
#define mysql_init (*libmariadb.mysql_init)
#define mysql_num_fields (*libmariadb.mysql_num_fields)
#define mysql_options (*libmariadb.mysql_options)
#define mysql_query (*libmariadb.mysql_query)
#define mysql_real_connect (*libmariadb.mysql_real_connect)
#define mysql_real_escape_string (*libmariadb.mysql_real_escape_string)
#define mysql_real_query (*libmariadb.mysql_real_query)
#define mysql_select_db (*libmariadb.mysql_select_db)
#define mysql_store_result (*libmariadb.mysql_store_result)
#define mysql_warning_count (*libmariadb.mysql_warning_count)

#endif /* MWSCHEMA_CORE_VERIFY_MARIADB_API_H */
