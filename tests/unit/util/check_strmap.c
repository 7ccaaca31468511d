/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The string hash map: first value wins, lookups by length-delimited keys,
 * growth past many collisions, and fifty thousand keys.
 */
#include <config.h>

#include "mwschema/buf.h"
#include "mwschema/strmap.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_add_get)
{
	mw_strmap m = MW_STRMAP_INIT;
	int a = 1, b = 2;

	ck_assert_ptr_null(mw_strmap_get(&m, "x"));
	ck_assert_ptr_null(mw_strmap_add(&m, "rev_actor", &a));
	ck_assert_ptr_eq(mw_strmap_add(&m, "rev_actor", &b), &a);
	ck_assert_ptr_eq(mw_strmap_get(&m, "rev_actor"), &a);
	/* a key is its bytes: a prefix or an extension is another key */
	ck_assert_ptr_null(mw_strmap_get(&m, "rev_acto"));
	ck_assert_ptr_null(mw_strmap_get(&m, "rev_actor_old"));
	ck_assert_ptr_eq(mw_strmap_getn(&m, "rev_actor_old", 9), &a);
	ck_assert_ptr_null(mw_strmap_add(&m, "", &b));
	ck_assert_ptr_eq(mw_strmap_get(&m, ""), &b);
	ck_assert_uint_eq(m.n, 2);
	mw_strmap_clear(&m);
	ck_assert_ptr_null(mw_strmap_get(&m, "rev_actor"));
}
END_TEST

START_TEST(test_slot)
{
	mw_strmap m = MW_STRMAP_INIT;
	struct mw_strmap_slot *s = mw_strmap_slotn(&m, "page_id", 7);

	ck_assert_ptr_null(s->value);
	s->value = (void *)"x";
	ck_assert_ptr_eq(mw_strmap_slotn(&m, "page_id", 7)->value, (void *)"x");
	ck_assert_uint_eq(m.n, 1);
	mw_strmap_clear(&m);
}
END_TEST

START_TEST(test_many)
{
	enum { N = 50000 };
	mw_strmap m = MW_STRMAP_INIT;
	char **keys = mw_xcalloc(N, sizeof(*keys));

	for (size_t i = 0; i < N; i++) {
		keys[i] = mw_strdupf("v%zu", i);
		ck_assert_ptr_null(mw_strmap_add(&m, keys[i], keys[i]));
	}
	ck_assert_uint_eq(m.n, N);
	for (size_t i = 0; i < N; i++)
		ck_assert_ptr_eq(mw_strmap_get(&m, keys[i]), keys[i]);
	ck_assert_ptr_null(mw_strmap_get(&m, "v50000"));
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
	mw_strmap_clear(&m);
}
END_TEST

START_TEST(test_hash)
{
	/* every length up to two words, and keys differing in one byte, hash apart */
	const char *s = "abcdefghijklmnopq";

	for (size_t n = 0; n < 17; n++)
		ck_assert(mw_strhash(s, n) != mw_strhash(s, n + 1));
	ck_assert(mw_strhash("rev_page", 8) != mw_strhash("rev_pagf", 8));
	ck_assert(mw_strhash("a", 1) == mw_strhash("ab", 1));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("strmap");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_add_get);
	tcase_add_test(tc, test_slot);
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_hash);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
