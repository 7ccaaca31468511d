/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for everything downstream of the loader: any bytes go
 * through the pretty-printer and MediaWiki's clean-up; any input that loads
 * (shape-only, as lint loads it, so dangling index columns and duplicate
 * names reach the generators too) goes through the diff, the three
 * generators, the rollback and every lint rule. Nothing may crash, read
 * out of bounds or leak; every generated file must end in one newline.
 */
#include <config.h>

#include "mwschema/gen.h"
#include "mwschema/json.h"
#include "mwschema/lint.h"
#include "mwschema/sqlfmt.h"

#include <stdint.h>
#include <stdlib.h>

static void
check_file(const mw_buf *out)
{
	if (!out->len || out->data[out->len - 1] != '\n')
		abort();
}

static void
fuzz_printer(const char *data, size_t size)
{
	mw_buf pretty = MW_BUF_INIT;

	mw_sqlfmt_format(&pretty, data, size);
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf clean = MW_BUF_INIT;

		mw_sqlfmt_cleanup(&clean, mw_buf_cstr(&pretty), pretty.len, (mw_dbms)d);
		check_file(&clean);
		mw_buf_release(&clean);
	}
	mw_buf_release(&pretty);
}

static void
fuzz_generators(const mw_doc *doc)
{
	for (int d = 0; d < MW_DBMS__COUNT; d++) {
		mw_buf out = MW_BUF_INIT;

		if (doc->kind == MW_DOC_CHANGE) {
			if (mw_gen_change(&out, doc->change.before, doc->change.after, (mw_dbms)d,
					  "fuzz.json", 0) == 0)
				check_file(&out);
			mw_buf_reset(&out);
			if (mw_gen_rollback(&out, doc->change.before, doc->change.after,
					    (mw_dbms)d, "fuzz.json", 0) == 0)
				check_file(&out);
		} else {
			mw_gen_schema(&out, &doc->schema, (mw_dbms)d, "fuzz.json", 0);
			check_file(&out);
		}
		mw_buf_release(&out);
	}
}

static void
fuzz_lint(const mw_doc *doc)
{
	mw_lint *lint = mw_lint_new();
	mw_diags findings = MW_DIAGS_INIT;

	mw_lint_doc(lint, doc, NULL, &findings);
	mw_diags_free(&findings);
	mw_lint_free(lint);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mw_diags diags = MW_DIAGS_INIT;
	mw_doc *doc = NULL;

	fuzz_printer((const char *)data, size);
	if (mw_doc_load_buffer_flags(&doc, (const char *)data, size, "fuzz.json",
				     MW_LOAD_SHAPE_ONLY, &diags) == 0) {
		fuzz_generators(doc);
		fuzz_lint(doc);
	}
	mw_doc_free(doc);
	mw_diags_free(&diags);
	return 0;
}
