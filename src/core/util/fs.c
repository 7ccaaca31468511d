/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whole-file reads and atomic writes (see mwschema/fs.h).
 */
#include <config.h>

#include "mwschema/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
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
	/* a FIFO with nothing writing to it (x.php in a checkout) must not block the open */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return fail(err, path, NULL);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
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

/* The mode a new file gets (umask applied), or the mode of the file replaced. */
static int
target_mode(const char *path, mode_t *mode, mw_buf *err)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0) {
		if (access(path, W_OK) != 0)
			return fail(err, path, "not writable");
		*mode = st.st_mode & 07777;
		return 0;
	}
	mask = umask(0);
	umask(mask);
	*mode = 0666 & ~mask;
	return 0;
}

/*
 * A hidden, recognisable name beside `path` for the last step before the
 * rename: ".NAME.mwschema-tmp-PID-N".
 */
static char *
temp_name(const char *path, unsigned n)
{
	char *dir = mw_path_dirname(path), *base = mw_path_basename(path);
	char *tmp = mw_strdupf("%s/.%s.mwschema-tmp-%ld-%u", dir, base, (long)getpid(), n);

	free(dir);
	free(base);
	return tmp;
}

/*
 * An unnamed file in the directory of `path` (O_TMPFILE) when the file
 * system has them, so that a crash or kill -9 while writing leaves no trace;
 * else a hidden temporary name. *named is set when the file already has a
 * name (which the caller must remove on failure).
 */
static int
open_temp(const char *path, char **tmp, bool *named)
{
	char *dir = mw_path_dirname(path);
	int fd = -1;

	*named = false;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
	free(dir);
	for (unsigned n = 0; fd < 0 && n < 100; n++) {
		free(*tmp);
		*tmp = temp_name(path, n);
		fd = open(*tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		*named = fd >= 0;
		if (fd < 0 && errno != EEXIST)
			break;
	}
	return fd;
}

/* Gives the unnamed file a (temporary) name, the last moment before the rename. */
static int
link_temp(int fd, const char *path, char **tmp)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (unsigned n = 0; n < 100; n++) {
		free(*tmp);
		*tmp = temp_name(path, n);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, *tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int
mw_write_file_atomic(const char *path, const void *data, size_t len, mw_buf *err)
{
	char *tmp = NULL;
	mode_t mode;
	bool named;
	int fd, saved;

	if (target_mode(path, &mode, err) < 0)
		return -1;
	fd = open_temp(path, &tmp, &named);
	if (fd < 0) {
		free(tmp);
		return fail(err, path, "cannot create temporary file");
	}
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0 ||
	    (!named && link_temp(fd, path, &tmp) < 0)) {
		saved = errno;
		close(fd);
		if (tmp)
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

/*
 * Confinement
 */

/* The longest existing prefix of `abs` resolved, and what follows it. */
static char *
resolve_existing(const char *abs, const char **tail)
{
	char *prefix = mw_xstrdup(abs), *real;
	size_t len = strlen(prefix);

	for (;;) {
		struct stat st;

		if (lstat(prefix, &st) == 0 || !len)
			break;
		while (len > 1 && prefix[len - 1] != '/')
			len--;
		prefix[len > 1 ? len - 1 : len] = '\0';
		len = strlen(prefix);
	}
	*tail = abs + strlen(prefix);
	while (**tail == '/')
		(*tail)++;
	real = realpath(*prefix ? prefix : "/", NULL);
	free(prefix);
	return real;
}

/* A path still to be created: no "", "." or ".." component. */
static bool
tail_is_plain(const char *tail)
{
	for (const char *p = tail; *p; p += *p == '/') {
		size_t n = strcspn(p, "/");

		if (!n || (n == 1 && p[0] == '.') || (n == 2 && !strncmp(p, "..", 2)))
			return false;
		p += n;
	}
	return true;
}

static bool
is_inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return true;
	return !strncmp(path, root, n) && (path[n] == '/' || path[n] == '\0');
}

int
mw_path_confine(const char *root, const char *path, char **resolved, mw_buf *err)
{
	char *real_root = realpath(root, NULL), *abs, *real;
	const char *tail;
	int rc = -1;

	if (resolved)
		*resolved = NULL;
	if (!real_root)
		return fail(err, root, "cannot resolve the checkout");
	abs = path[0] == '/' ? mw_xstrdup(path) : mw_path_join(real_root, path);
	real = resolve_existing(abs, &tail);
	if (!real) {
		fail(err, path, "cannot resolve");
	} else if (!tail_is_plain(tail)) {
		if (err)
			mw_buf_addf(err, "%s: a '.' or '..' in the part still to be created: "
				    "refused, nothing was written", path);
	} else {
		char *full = *tail ? mw_path_join(real, tail) : mw_xstrdup(real);

		if (is_inside(real_root, full)) {
			rc = 0;
			if (resolved)
				*resolved = mw_xstrdup(full);
		} else if (err) {
			mw_buf_addf(err, "%s: resolves to %s, outside %s (a symbolic link or "
				    "'..' leads out): refused, nothing was written", path, full,
				    real_root);
		}
		free(full);
	}
	free(real);
	free(abs);
	free(real_root);
	return rc;
}

int
mw_mkdirs_confined(const char *root, const char *dir, mw_buf *err)
{
	char *real;
	int rc;

	if (mw_path_confine(root, dir, &real, err) < 0)
		return -1;
	rc = mw_mkdirs(real, err);
	free(real);
	return rc;
}

int
mw_read_file_confined(const char *root, const char *path, mw_buf *out, mw_buf *err)
{
	char *real;
	int rc;

	if (mw_path_confine(root, path, &real, NULL) < 0) {
		if (err)
			mw_buf_addf(err, "%s: leads outside the checkout (a symbolic link or '..'): "
				    "not read", path);
		return -1;
	}
	rc = mw_read_file(out, real, err);
	free(real);
	return rc;
}

int
mw_write_file_confined(const char *root, const char *path, const void *data, size_t len,
		       mw_buf *err)
{
	char *real, *dir;
	int rc;

	if (mw_path_confine(root, path, &real, err) < 0)
		return -1;
	dir = mw_path_dirname(real);
	rc = mw_mkdirs(dir, err);
	if (rc == 0)
		rc = mw_write_file_atomic(real, data, len, err);
	free(dir);
	free(real);
	return rc;
}
