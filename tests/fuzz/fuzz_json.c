/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the JSON loader: any input must give either a
 * document or diagnostics, never a crash or a leak; a loaded document must
 * serialise back to its own bytes, and after an edit to text that loads
 * again to the same model.
 */
#include <config.h>

#include "mwschema/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
check_round_trip(const mw_doc *doc)
{
	mw_buf out = MW_BUF_INIT;

	mw_doc_serialize(&out, doc);
	if (out.len != doc->len || memcmp(out.data, doc->text, out.len))
		abort();
	mw_buf_release(&out);
}

/* Renames the first column and checks that the written text loads back. */
static void
check_edit(mw_doc *doc)
{
	mw_schema *s = &doc->schema;
	mw_diags d = MW_DIAGS_INIT;
	mw_buf out = MW_BUF_INIT;
	mw_doc *again = NULL;

	if (doc->kind == MW_DOC_CHANGE || !s->ntables || !s->tables[0].ncolumns)
		return;
	free(s->tables[0].columns[0].comment);
	s->tables[0].columns[0].comment = mw_xstrdup("fuzz \"edit\"\n");
	s->tables[0].columns[0].notnull = !s->tables[0].columns[0].notnull;
	mw_doc_serialize(&out, doc);
	if (mw_doc_load_buffer(&again, out.data, out.len, "edited", &d) < 0)
		abort();
	if (!mw_table_equal(&again->schema.tables[0], &s->tables[0]))
		abort();
	mw_doc_free(again);
	mw_diags_free(&d);
	mw_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mw_diags d = MW_DIAGS_INIT;
	mw_buf msg = MW_BUF_INIT;
	mw_doc *doc = NULL;

	if (mw_doc_load_buffer(&doc, (const char *)data, size, "fuzz.json", &d) == 0) {
		check_round_trip(doc);
		check_edit(doc);
		mw_doc_free(doc);
	} else if (d.n == 0) {
		abort();	/* a failure must say why */
	}
	for (size_t i = 0; i < d.n; i++)
		mw_diag_format(&msg, &d.items[i]);
	mw_buf_release(&msg);
	mw_diags_free(&d);
	return 0;
}
