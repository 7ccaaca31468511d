/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What Check tests in several folders share for their scratch files: a
 * shell command that must succeed, a temporary directory under $TMPDIR, a
 * file written below a directory (its parents made), and a temporary
 * directory removed at the end. Static on purpose: each test program
 * includes it once (as "tests/scratch.h").
 */
#ifndef MWSCHEMA_TESTS_SCRATCH_H
#define MWSCHEMA_TESTS_SCRATCH_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mwschema/fs.h"

/* Runs a shell command made from fmt; the test fails unless it succeeds. */
static inline void
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd) == 0, "command failed: %s", cmd);
}

/* Makes a new directory $TMPDIR/stem.XXXXXX (or under /tmp) and puts its name in buf. */
static inline void
scratch_mkdtemp(char *buf, size_t size, const char *stem)
{
	snprintf(buf, size, "%s/%s.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", stem);
	ck_assert_ptr_nonnull(mkdtemp(buf));
}

/* Writes `text` to dir/rel, making the directories on the way. */
static inline void
scratch_write(const char *dir, const char *rel, const char *text)
{
	char *path = mw_path_join(dir, rel), *parent = mw_path_dirname(path);
	mw_buf err = MW_BUF_INIT;

	ck_assert_msg(mw_mkdirs(parent, &err) == 0, "%s", mw_buf_cstr(&err));
	ck_assert_msg(mw_write_file_atomic(path, text, strlen(text), &err) == 0, "%s",
		      mw_buf_cstr(&err));
	free(parent);
	free(path);
	mw_buf_release(&err);
}

/* Removes a mkdtemp template's directory and all below it, once mkdtemp made it. */
static inline void
scratch_remove(const char *dir)
{
	size_t len = strlen(dir);
	char *cmd;

	if (len >= 6 && !strcmp(dir + len - 6, "XXXXXX"))
		return;
	cmd = mw_strdupf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

#endif /* MWSCHEMA_TESTS_SCRATCH_H */
