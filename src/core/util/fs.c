/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whole-file reads and atomic writes (see mwschema/fs.h).
 */
#include <config.h>

#include "mwschema/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
fail(mw_buf *err, const char *path, const char *what)
{
	if (err)
		mw_buf_addf(err, "%s: %s%s%s", path, what ? what : "", what ? ": " : "",
			    strerror(errno));
	return -1;
}

int
mw_read_file(mw_buf *out, const char *path, mw_buf *err)
{
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail(err, path, NULL);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		if (err)
			mw_buf_addf(err, "%s: is a directory", path);
		return -1;
	}
	if (fstat(fd, &st) == 0 && (unsigned long long)st.st_size > MW_MAX_FILE_SIZE) {
		close(fd);
		if (err)
			mw_buf_addf(err, "%s: file is too large (%lld bytes, the limit is %u MiB)",
				    path, (long long)st.st_size, MW_MAX_FILE_SIZE >> 20);
		return -1;
	}
	mw_buf_grow(out, st.st_size > 0 ? (size_t)st.st_size : 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return fail(err, path, "read");
		}
		mw_buf_add(out, chunk, (size_t)n);
		if (out->len > MW_MAX_FILE_SIZE) {
			close(fd);
			if (err)
				mw_buf_addf(err, "%s: file is too large (the limit is %u MiB)", path,
					    MW_MAX_FILE_SIZE >> 20);
			return -1;
		}
	}
	close(fd);
	mw_buf_grow(out, 0);	/* NUL-terminated even when empty */
	return 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
mw_write_file_atomic(const char *path, const void *data, size_t len, mw_buf *err)
{
	char *tmp = mw_strdupf("%s.tmp.XXXXXX", path);
	struct stat st;
	mode_t mode = 0644;
	int fd, saved;

	if (stat(path, &st) == 0) {
		if (access(path, W_OK) != 0) {
			free(tmp);
			return fail(err, path, "not writable");
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fail(err, path, "cannot create temporary file");
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		errno = saved;
		return fail(err, path, "write");
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return fail(err, path, "rename");
	}
	free(tmp);
	return 0;
}

int
mw_mkdirs(const char *path, mw_buf *err)
{
	char *copy = mw_xstrdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
			fail(err, copy, "mkdir");
			free(copy);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
		fail(err, copy, "mkdir");
		free(copy);
		return -1;
	}
	free(copy);
	return 0;
}

bool
mw_file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

bool
mw_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
mw_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (!la || b[0] == '/')
		return mw_xstrdup(b);
	if (a[la - 1] == '/')
		return mw_strdupf("%s%s", a, b);
	return mw_strdupf("%s/%s", a, b);
}

char *
mw_path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return mw_xstrdup(slash ? slash + 1 : path);
}

char *
mw_path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return mw_xstrdup(".");
	if (slash == path)
		return mw_xstrdup("/");
	return mw_xstrndup(path, (size_t)(slash - path));
}
