/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the generators' Check tests share: a document loaded from a JSON
 * string, and the declaration of a one-column table's column. Static on
 * purpose: each test program includes it once.
 */
#ifndef MWSCHEMA_TESTS_SQL_GEN_DOC_H
#define MWSCHEMA_TESTS_SQL_GEN_DOC_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"

static inline mw_doc *
load(const char *json)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	ck_assert_int_eq(mw_doc_load_buffer(&doc, json, strlen(json), "test.json", &diags), 0);
	mw_diags_free(&diags);
	return doc;
}

/* The declaration of the only column of a one-table document. */
static inline char *
decl(const char *column_json, mw_dbms dbms)
{
	char *json = mw_strdupf("{\"name\":\"t\",\"columns\":[%s],\"indexes\":[]}", column_json);
	mw_doc *doc = load(json);
	mw_buf out = MW_BUF_INIT;

	mw_gen_column_decl(&out, &doc->schema.tables[0].columns[0], dbms,
			   doc->schema.tables[0].columns[0].name);
	mw_doc_free(doc);
	free(json);
	return mw_buf_detach(&out);
}

#endif /* MWSCHEMA_TESTS_SQL_GEN_DOC_H */
