/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Placeholder pretty-printer: copies its input until the real one lands.
 */
#include <config.h>

#include "mwschema/sqlfmt.h"

void
mw_sqlfmt_format(mw_buf *out, const char *sql, size_t len)
{
	mw_buf_add(out, sql, len);
}

void
mw_sqlfmt_cleanup(mw_buf *out, const char *text, size_t len, mw_dbms dbms)
{
	(void)dbms;
	mw_buf_add(out, text, len);
	if (!len || text[len - 1] != '\n')
		mw_buf_addc(out, '\n');
}

bool
mw_sql_is_reserved(mw_dbms dbms, const char *word)
{
	(void)dbms;
	(void)word;
	return false;
}
