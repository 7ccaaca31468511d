/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpq, opened on first use (mwschema/dl.h): only verify (and audit) on
 * PostgreSQL need it, and it brings TLS, Kerberos and LDAP libraries with it.
 * Included by engine_pg.c alone, after <libpq-fe.h>. Each function is listed
 * once in the table and once as a macro that routes the call through its
 * pointer.
 */
#ifndef MWSCHEMA_CORE_VERIFY_PQ_API_H
#define MWSCHEMA_CORE_VERIFY_PQ_API_H

#include "mwschema/dl.h"

#define LIBPQ_FUNCTIONS(X) \
	X(PQclear) \
	X(PQconnectdb) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQfinish) \
	X(PQfname) \
	X(PQgetisnull) \
	X(PQgetlength) \
	X(PQgetvalue) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQresultErrorMessage) \
	X(PQresultStatus) \
	X(PQsetNoticeProcessor) \
	X(PQstatus) \

static struct {
	LIBPQ_FUNCTIONS(MW_DL_POINTER)
} libpq;

static mw_dl_lib libpq_lib = { MW_LIBPQ_SONAME, MW_LIBPQ_PACKAGE, "PostgreSQL support", NULL, NULL };

/* 0 once the client library is loaded, or -1 with the package to install in err. */
static int
pq_api_load(mw_buf *err)
{
#define LIBPQ_SYMBOL(f) MW_DL_SYMBOL(libpq, f)
	static const mw_dl_sym syms[] = { LIBPQ_FUNCTIONS(LIBPQ_SYMBOL) };
#undef LIBPQ_SYMBOL

	return mw_dl_load(&libpq_lib, syms, sizeof(syms) / sizeof(*syms), err);
}

#define PQclear (*libpq.PQclear)
#define PQconnectdb (*libpq.PQconnectdb)
#define PQerrorMessage (*libpq.PQerrorMessage)
#define PQexec (*libpq.PQexec)
#define PQexecParams (*libpq.PQexecParams)
#define PQfinish (*libpq.PQfinish)
#define PQfname (*libpq.PQfname)
#define PQgetisnull (*libpq.PQgetisnull)
#define PQgetlength (*libpq.PQgetlength)
#define PQgetvalue (*libpq.PQgetvalue)
#define PQnfields (*libpq.PQnfields)
#define PQntuples (*libpq.PQntuples)
#define PQresultErrorMessage (*libpq.PQresultErrorMessage)
#define PQresultStatus (*libpq.PQresultStatus)
#define PQsetNoticeProcessor (*libpq.PQsetNoticeProcessor)
#define PQstatus (*libpq.PQstatus)

#endif /* MWSCHEMA_CORE_VERIFY_PQ_API_H */
