/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of mw_dl_load (mwschema/dl.h): a library is opened once and
 * every listed function resolved; a missing library or function is a
 * sentence naming the file and the package, remembered, never a crash;
 * MW_DL_LOADER makes such a loader from a module's X-macro table.
 */
#include <config.h>

#include "mwschema/dl.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests/check_main.h"

/* libm is in every glibc installation: a real library to open. */
static struct {
	MW_DL_POINTER(cos)
	MW_DL_POINTER(sqrt)
} m;

START_TEST(loads_and_resolves)
{
	mw_dl_lib lib = { "libm.so.6", "libc6", "maths", NULL, NULL };
	const mw_dl_sym syms[] = { MW_DL_SYMBOL(m, cos) MW_DL_SYMBOL(m, sqrt) };
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(mw_dl_load(&lib, syms, 2, &err), 0);
	ck_assert(mw_dl_loaded(&lib));
	ck_assert(m.sqrt(16.0) == 4.0);
	ck_assert(m.cos(0.0) == 1.0);
	/* Again: nothing to do. */
	ck_assert_int_eq(mw_dl_load(&lib, syms, 2, &err), 0);
	ck_assert_str_eq(mw_buf_cstr(&err), "");
}
END_TEST

START_TEST(missing_library_names_the_package)
{
	mw_dl_lib lib = { "libmwschema-absent.so.9", "libmwschema-absent9", "the absent feature",
			  NULL, NULL };
	const mw_dl_sym syms[] = { MW_DL_SYMBOL(m, cos) };
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(mw_dl_load(&lib, syms, 1, &err), -1);
	ck_assert(!mw_dl_loaded(&lib));
	ck_assert_msg(strstr(mw_buf_cstr(&err), "the absent feature needs libmwschema-absent.so.9, "
				       "which is not installed: apt-get install libmwschema-absent9"),
		      "%s", mw_buf_cstr(&err));
	/* The failure is remembered and said again, the same way. */
	mw_buf_reset(&err);
	ck_assert_int_eq(mw_dl_load(&lib, syms, 1, &err), -1);
	ck_assert(strstr(mw_buf_cstr(&err), "apt-get install libmwschema-absent9"));
	ck_assert_int_eq(mw_dl_load(&lib, syms, 1, NULL), -1);
	free(lib.error);	/* the program's libraries keep theirs for its lifetime */
	mw_buf_release(&err);
}
END_TEST

START_TEST(missing_function_is_named)
{
	static struct {
		MW_DL_POINTER(cos)
	} fake;
	mw_dl_lib lib = { "libm.so.6", "libc6", "maths", NULL, NULL };
	const mw_dl_sym syms[] = { { "mw_no_such_function", (void **)&fake.cos } };
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(mw_dl_load(&lib, syms, 1, &err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "libm.so.6 with the function mw_no_such_function"),
		      "%s", mw_buf_cstr(&err));
	free(lib.error);
	mw_buf_release(&err);
}
END_TEST

/* MW_DL_LOADER: a loader from a table, as the modules define theirs. */
#define MATHS_FUNCTIONS(X) \
	X(cos) \
	X(sqrt) \

static struct {
	MATHS_FUNCTIONS(MW_DL_POINTER)
} maths;

#define MATHS_SYMBOL(f) MW_DL_SYMBOL(maths, f)
static MW_DL_LOADER(maths_load, "libm.so.6", "libc6", "maths", MATHS_FUNCTIONS(MATHS_SYMBOL))
static MW_DL_LOADER(absent_load, "libmwschema-absent.so.8", "libmwschema-absent8", "the absent one",
		    MATHS_FUNCTIONS(MATHS_SYMBOL))
#undef MATHS_SYMBOL

START_TEST(loader_from_a_table)
{
	mw_buf err = MW_BUF_INIT;

	ck_assert_int_eq(maths_load(&err), 0);
	ck_assert(maths.sqrt(9.0) == 3.0);
	ck_assert(maths.cos(0.0) == 1.0);
	ck_assert_int_eq(maths_load(&err), 0);
	ck_assert_str_eq(mw_buf_cstr(&err), "");
	ck_assert_int_eq(absent_load(&err), -1);
	ck_assert_msg(strstr(mw_buf_cstr(&err), "the absent one needs libmwschema-absent.so.8, which "
				       "is not installed: apt-get install libmwschema-absent8"),
		      "%s", mw_buf_cstr(&err));
	mw_buf_release(&err);
}
END_TEST

static Suite *
dl_suite(void)
{
	Suite *s = suite_create("dl");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, loads_and_resolves);
	tcase_add_test(tc, missing_library_names_the_package);
	tcase_add_test(tc, missing_function_is_named);
	tcase_add_test(tc, loader_from_a_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(dl_suite());
}
