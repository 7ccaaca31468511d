/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table-driven test of the timestamp reader (mwschema/timestamp.h): each
 * row is an input and what MediaWiki's PostgreSQL default becomes for it,
 * as wikimedia/timestamp 5.1 on PHP 8.2 computed it (NULL: the library
 * throws). One or more rows per accepted format, PHP DateTime's roll-overs,
 * time zones, weekday names, and inputs the library rejects.
 */
#include <config.h>

#include "mwschema/timestamp.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

static const struct ts_case {
	const char *in, *want;
} cases[] = {
	{ "00000000000000", "-0001-11-30 00:00:00+00" },
	{ "19700101000000", "1970-01-01 00:00:00+00" },
	{ "20240229235959", "2024-02-29 23:59:59+00" },
	{ "20230229000000", "2023-03-01 00:00:00+00" },
	{ "20011315000000", "2002-01-15 00:00:00+00" },
	{ "20010115999999", "2001-01-19 04:40:39+00" },
	{ "99999999999999", "10007-06-11 04:40:39+00" },
	{ "1", "1970-01-01 00:00:01+00" },
	{ "-1", "1969-12-31 23:59:59+00" },
	{ "1234567890123", "41091-11-25 05:02:03+00" },
	{ "-1.5", "1969-12-31 23:59:58+00" },
	{ "-0.5", "1970-01-01 00:00:00+00" },
	{ "1.999999", "1970-01-01 00:00:01+00" },
	{ "1970-01-01 00:00:00", "1970-01-01 00:00:00+00" },
	{ "0000-00-00 00:00:00", "-0001-11-30 00:00:00+00" },
	{ "2001-01-15T00:00:00Z", "2001-01-15 00:00:00+00" },
	{ "2001-01-15T00:00:00.123456Z", "2001-01-15 00:00:00+00" },
	{ "2001-01-15T00:00:00,5+05:30", "2001-01-14 18:30:00+00" },
	{ "2001-01-15 00:00:00-0130", "2001-01-15 01:30:00+00" },
	{ "2001-01-15T00:00:00+99", "2001-01-10 21:00:00+00" },
	{ "2001-01-15T24:00:00Z", "2001-01-16 00:00:00+00" },
	{ "2001-01-15 00:00:00\n", "2001-01-15 00:00:00+00" },
	{ "20010115T000000Z", "2001-01-15 00:00:00+00" },
	{ "20010115T013000+0130", "2001-01-15 00:00:00+00" },
	{ "15-01-2001 00:00:00.000000", "2001-01-15 00:00:00+00" },
	{ "2001-01-15 00:00:00+00", "2001-01-15 00:00:00+00" },
	{ "2001-01-15 00:00:00 05", "2001-01-14 19:00:00+00" },
	{ "2001-01-15 00:00:00.5-03", "2001-01-15 03:00:00+00" },
	{ "2001-01-15 00:00:00 GMT", "2001-01-15 00:00:00+00" },
	{ "2001:01:15 00:00:00", "2001-01-15 00:00:00+00" },
	{ "Mon, 15 Jan 2001 00:00:00 GMT", "2001-01-15 00:00:00+00" },
	{ "Tue, 15 Jan 2001 00:00:00 GMT", "2001-01-16 00:00:00+00" },
	{ "15 Jan 2001 00:00:00", "2001-01-15 00:00:00+00" },
	{ "15 Jan 01 00:00:00 +0100", "2001-01-14 23:00:00+00" },
	{ "15 Jan 0099 00:00:00 -0130", "1999-01-15 01:30:00+00" },
	{ "  Mon, 15 Jan 2001 00:00:00 EST ; comment", "2001-01-15 05:00:00+00" },
	{ "Mon, 15 Jan 2001 00:00:00 PDT", "2001-01-15 07:00:00+00" },
	{ "Mon, 15 Jan 2001 00:00:00 UT", "2001-01-15 00:00:00+00" },
	{ "Mon, 15 Jan 2001 00:00:00 A", "2001-01-15 00:00:00+00" },
	{ "Sat, 32 Jan 2001 25:00:00 GMT", "2001-02-03 01:00:00+00" },
	{ "Mon, 15 Xii 2001 00:00:00 GMT", "2001-12-17 00:00:00+00" },
	{ "Sec, 16 Jan 2001 00:00:00 GMT", "2001-01-22 00:00:00+00" },
	{ "Monday, 15-Jan-01 00:00:00 GMT", "2001-01-15 00:00:00+00" },
	{ "Sunday, 15-Jan-01 00:00:00 CEST", "2001-01-20 22:00:00+00" },
	{ "Fortnight, 15-Jan-01 00:00:00 A", "2001-01-27 23:00:00+00" },
	{ "Wednesday, 28-Nov-13 62:02:06", "2013-12-04 14:02:06+00" },
	{ "Mon Jan 15 00:00:00 2001", "2001-01-15 00:00:00+00" },
	{ "Fri Jan  5 00:00:00 2001", "2001-01-05 00:00:00+00" },
	{ "infinity", NULL },
	{ "2001-1-15 00:00:00", NULL },
	{ "15 Jan 12345 00:00:00", NULL },
	{ "Mon, 15 Foo 2001 00:00:00 GMT", NULL },
	{ "Xyz, 15 Jan 2001 00:00:00 GMT", NULL },
	{ "Monday, 15-Jan-01 00:00:00 XYZ", NULL },
	{ "2001-01-15T00:00:00z", NULL },
	{ "20010115000000\n", NULL },
	{ "2001-01-15T00:00:00.1234567Z", NULL },
};

START_TEST(test_to_postgres)
{
	const struct ts_case *c = &cases[_i];
	mw_buf out = MW_BUF_INIT;
	bool ok = mw_timestamp_to_postgres(&out, c->in);

	if (!c->want)
		ck_assert_msg(!ok, "'%s' should be rejected, got '%s'", c->in, mw_buf_cstr(&out));
	else
		ck_assert_msg(ok && !strcmp(mw_buf_cstr(&out), c->want), "'%s': got '%s', want '%s'",
			      c->in, ok ? mw_buf_cstr(&out) : "(rejected)", c->want);
	mw_buf_release(&out);
}
END_TEST

/* Far years: PHP's 'Y' pads to four digits and keeps the sign. */
START_TEST(test_format_years)
{
	mw_buf out = MW_BUF_INIT;

	mw_timestamp_format_postgres(&out, -62198755200LL);	/* 0000 minus a year */
	ck_assert_str_eq(mw_buf_cstr(&out), "-0001-01-01 00:00:00+00");
	mw_buf_reset(&out);
	mw_timestamp_format_postgres(&out, 253402300800LL);
	ck_assert_str_eq(mw_buf_cstr(&out), "10000-01-01 00:00:00+00");
	mw_buf_release(&out);
}
END_TEST

static Suite *
timestamp_suite(void)
{
	Suite *s = suite_create("timestamp");
	TCase *tc = tcase_create("convertible");

	tcase_add_loop_test(tc, test_to_postgres, 0, sizeof(cases) / sizeof(*cases));
	tcase_add_test(tc, test_format_years);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(timestamp_suite());
}
