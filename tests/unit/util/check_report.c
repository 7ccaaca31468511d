/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Report writers: the JSON string escaper, URIs, and the shape of the text,
 * JSON and SARIF reports. (The SARIF structure is validated further by
 * tests/lint/lint-cli.sh with a JSON-schema validator.)
 */
#include <config.h>

#include "mwschema/report.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void
assert_escaped(const char *in, const char *want)
{
	mw_buf out = MW_BUF_INIT;

	mw_report_json_string(&out, in);
	ck_assert_str_eq(mw_buf_cstr(&out), want);
	mw_buf_release(&out);
}

START_TEST(test_json_string)
{
	assert_escaped(NULL, "null");
	assert_escaped("", "\"\"");
	assert_escaped("plain", "\"plain\"");
	assert_escaped("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	assert_escaped("\n\t\r\b\f\x01\x1f\x7f", "\"\\n\\t\\r\\u0008\\u000c\\u0001\\u001f\\u007f\"");
	assert_escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* invalid UTF-8: lone continuation, truncated, overlong, surrogate, > U+10FFFF */
	assert_escaped("a\x80z", "\"a\\ufffdz\"");
	assert_escaped("a\xc3", "\"a\\ufffd\"");
	assert_escaped("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	assert_escaped("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	assert_escaped("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}
END_TEST

START_TEST(test_uri)
{
	mw_buf out = MW_BUF_INIT;

	mw_report_uri(&out, "sql/patch-a b%.json");
	ck_assert_str_eq(mw_buf_cstr(&out), "sql/patch-a%20b%25.json");
	mw_buf_reset(&out);
	mw_report_uri(&out, "/abs/caf\xc3\xa9#1?.sql");
	ck_assert_str_eq(mw_buf_cstr(&out), "file:///abs/caf%C3%A9%231%3F.sql");
	mw_buf_release(&out);
}
END_TEST

static void
sample(mw_diags *d)
{
	mw_diags_add(d, MW_SEV_WARNING, "no-enum", "t.json", 3, 5, "/0/columns/1/type",
		     "use \"binary\"", "column 'x' is an \"mwenum\"");
	mw_diags_add(d, MW_SEV_ERROR, NULL, "bad.json", 0, 0, NULL, NULL, "cannot parse");
	mw_diags_add(d, MW_SEV_INFO, "no-sql", "p.json", 1, 1, "", NULL, "no SQL");
}

static const mw_report_rule rules[] = {
	{ "no-sql", "No SQL.", "Explanation of no-sql.", MW_SEV_INFO },
	{ "no-enum", "No enum.", "Explanation of no-enum.", MW_SEV_WARNING },
};

START_TEST(test_formats)
{
	mw_report_tool tool = { "mwschema", "1.0", rules, 2 };
	mw_diags d = MW_DIAGS_INIT;
	mw_buf out = MW_BUF_INIT;
	mw_report_format fmt;

	ck_assert(mw_report_format_from_name("sarif", &fmt) && fmt == MW_REPORT_SARIF);
	ck_assert(!mw_report_format_from_name("xml", &fmt));
	mw_report_write(&out, MW_REPORT_TEXT, &d, &tool);
	ck_assert_str_eq(mw_buf_cstr(&out), "");
	mw_report_write(&out, MW_REPORT_JSON, &d, &tool);
	ck_assert_str_eq(mw_buf_cstr(&out), "[]\n");
	mw_buf_reset(&out);

	sample(&d);
	mw_report_write(&out, MW_REPORT_TEXT, &d, &tool);
	ck_assert_str_eq(mw_buf_cstr(&out),
			 "t.json:3:5: warning: column 'x' is an \"mwenum\" [no-enum]\n"
			 "    hint: use \"binary\"\n"
			 "bad.json: cannot parse\n"
			 "p.json:1:1: info: no SQL [no-sql]\n");
	mw_buf_reset(&out);
	mw_report_write(&out, MW_REPORT_JSON, &d, &tool);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"{\"rule\": \"no-enum\", \"severity\": \"warning\", \"file\": \"t.json\", "
		"\"line\": 3, \"column\": 5, \"json_path\": \"/0/columns/1/type\", "
		"\"message\": \"column 'x' is an \\\"mwenum\\\"\", \"hint\": \"use \\\"binary\\\"\"}"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"{\"rule\": null, \"severity\": \"error\", \"file\": \"bad.json\", \"line\": null, "
		"\"column\": null, \"json_path\": null, \"message\": \"cannot parse\", \"hint\": null}"));
	mw_buf_reset(&out);
	mw_report_write(&out, MW_REPORT_SARIF, &d, &tool);
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "\"version\": \"2.1.0\""));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "\"ruleId\": \"no-enum\", \"ruleIndex\": 1"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out), "\"level\": \"note\""));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"\"region\": {\"startLine\": 3, \"startColumn\": 5}"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"{\"artifactLocation\": {\"uri\": \"bad.json\"}}"));
	ck_assert_ptr_nonnull(strstr(mw_buf_cstr(&out),
		"\"defaultConfiguration\": {\"level\": \"warning\"}"));
	mw_buf_release(&out);
	mw_diags_free(&d);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_json_string);
	tcase_add_test(tc, test_uri);
	tcase_add_test(tc, test_formats);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
