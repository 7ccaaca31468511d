/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper: `gentool before CHANGE.json DBMS` prints the apply-ready
 * CREATE statements of the change's `before` table (nothing if it is {}),
 * which the CLI has no reason to offer.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_buf sql = MW_BUF_INIT, ready = MW_BUF_INIT;
	mw_doc *doc;
	mw_dbms dbms;

	if (argc != 4 || strcmp(argv[1], "before") || !mw_dbms_from_name(argv[3], &dbms)) {
		fprintf(stderr, "usage: gentool before CHANGE.json DBMS\n");
		return 2;
	}
	if (mw_doc_load_file(&doc, argv[2], &diags) < 0 || doc->kind != MW_DOC_CHANGE)
		return 1;
	if (doc->change.before &&
	    mw_gen_change(&sql, NULL, doc->change.before, dbms, "x", MW_GEN_NO_HEADER) == 0)
		mw_gen_apply_ready(&ready, mw_buf_cstr(&sql), sql.len, NULL, NULL);
	fputs(mw_buf_cstr(&ready), stdout);
	mw_buf_release(&sql);
	mw_buf_release(&ready);
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return 0;
}
