/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Indexing a checkout's PHP from disk and keeping it current (see
 * mwschema/code.h). The scan walks the tree once; afterwards inotify (where
 * there is one) says which files changed, so an editor can ask for a
 * refresh after every keystroke: with nothing changed it costs one read()
 * that finds no event. Without inotify, or when its queue overflowed, a
 * refresh compares every file's size and modification time instead.
 */
#include <config.h>

#include "core/code/internal.h"
#include "mwschema/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* MW_CODE_NO_INOTIFY builds the comparing refresh even where inotify exists (a test does) */
#if HAVE_SYS_INOTIFY_H && !defined(MW_CODE_NO_INOTIFY)
#define CODE_INOTIFY 1
#include <sys/inotify.h>
#else
#define CODE_INOTIFY 0
#endif

struct code_watch {
	int fd;			/* the inotify instance, -1 = none (compare instead) */
	char **dirs;		/* watch descriptor -> directory, relative to the root */
	size_t ndirs;
	bool stale;		/* events were lost: compare everything next time */
};

static bool
skipped_dir(const char *name)
{
	return name[0] == '.' || !strcmp(name, "vendor") || !strcmp(name, "node_modules");
}

static bool
is_php(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".php");
}

static long long
mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

bool
mw_code_indexes(const char *path)
{
	const char *p = path, *slash;

	if (!is_php(path))
		return false;
	for (; (slash = strchr(p, '/')); p = slash + 1) {
		char dir[256];
		size_t n = (size_t)(slash - p);

		if (n >= sizeof(dir))
			continue;
		memcpy(dir, p, n);
		dir[n] = '\0';
		if (skipped_dir(dir))
			return false;
	}
	return *p != '.';
}

/*
 * Opens root/rel for reading without blocking (a FIFO named x.php) and
 * without leaving the checkout: a symbolic link is followed only when it
 * resolves inside it. -1 when refused or not there.
 */
static int
open_inside(const mw_code *code, const char *rel, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);

	if (fd < 0 && errno == ELOOP && mw_path_confine(code->root, rel, NULL, NULL) == 0)
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	return fd;
}

/* Reads and indexes root/rel; false when it cannot be read (or is too large to be code). */
static bool
index_file(mw_code *code, const char *rel, mw_buf *data)
{
	char *path = mw_path_join(code->root, rel);
	struct stat st;
	struct code_file *f;
	int fd = open_inside(code, rel, path);
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  st.st_size <= (off_t)MW_MAX_FILE_SIZE;

	mw_buf_reset(data);
	if (ok) {
		mw_buf_grow(data, (size_t)st.st_size + 1);
		for (ssize_t got = 1; got > 0; data->len += (size_t)got) {
			mw_buf_grow(data, 4096);
			got = read(fd, data->data + data->len, data->cap - data->len - 1);
			if (got < 0 && errno == EINTR)
				got = 0;
			if (got < 0)
				ok = false;
			if (got <= 0)
				break;
		}
	}
	if (fd >= 0)
		close(fd);
	free(path);
	if (!ok)
		return false;
	mw_code_put(code, rel, mw_buf_cstr(data), data->len);
	f = code_live_file(code, rel);
	f->size = (long long)st.st_size;
	f->mtime_ns = mtime_ns(&st);
	return true;
}

static void watch_dir(mw_code *code, const char *rel);

/* Every .php file below root/rel (rel "" = the root). */
static int
scan(mw_code *code, const char *rel, mw_buf *data)
{
	char *path = *rel ? mw_path_join(code->root, rel) : mw_xstrdup(code->root);
	DIR *d = opendir(path);
	struct dirent *e;

	free(path);
	if (!d)
		return -1;
	watch_dir(code, rel);
	while ((e = readdir(d))) {
		char *sub;
		bool dir = e->d_type == DT_DIR, file = e->d_type == DT_REG;

		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			char *full = mw_strdupf("%s/%s%s%s", code->root, rel, *rel ? "/" : "",
						e->d_name);
			struct stat st;

			dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode) && e->d_type != DT_LNK;
			file = !dir && stat(full, &st) == 0 && S_ISREG(st.st_mode);
			free(full);
		}
		if ((dir && skipped_dir(e->d_name)) || (!dir && !(file && is_php(e->d_name))))
			continue;
		sub = *rel ? mw_strdupf("%s/%s", rel, e->d_name) : mw_xstrdup(e->d_name);
		if (dir)
			scan(code, sub, data);
		else
			index_file(code, sub, data);
		free(sub);
	}
	closedir(d);
	return 0;
}

int
mw_code_scan_dir(mw_code *code, const char *root, mw_buf *err)
{
	mw_buf data = MW_BUF_INIT;
	int rc;

	free(code->root);
	code->root = mw_xstrdup(root);
	code_watch_free(code->watch);
	code->watch = mw_xcalloc(1, sizeof(*code->watch));
#if CODE_INOTIFY
	code->watch->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
#else
	code->watch->fd = -1;
#endif
	rc = scan(code, "", &data);
	mw_buf_release(&data);
	if (rc < 0)
		mw_buf_addf(err, "%s: cannot read the directory: %s", root, strerror(errno));
	return rc;
}

void
code_watch_free(struct code_watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	free(w);
}

/*
 * Comparing with the disk
 */

static void
forget_missing(mw_code *code, size_t *changed)
{
	mw_buf data = MW_BUF_INIT;

	for (size_t i = 0; i < code->nfiles; i++) {
		struct code_file *f = &code->files[i];
		char *path;
		struct stat st;

		if (!f->live)
			continue;
		path = mw_path_join(code->root, f->path);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			mw_code_remove(code, f->path);
			++*changed;
		} else if ((long long)st.st_size != f->size || mtime_ns(&st) != f->mtime_ns) {
			char *rel = mw_xstrdup(f->path);	/* f moves when the file is re-put */

			index_file(code, rel, &data);
			free(rel);
			++*changed;
		}
		free(path);
	}
	mw_buf_release(&data);
}

/* New files below root/rel that the index does not have. */
static void
add_new(mw_code *code, const char *rel, size_t *changed, mw_buf *data)
{
	char *path = *rel ? mw_path_join(code->root, rel) : mw_xstrdup(code->root);
	DIR *d = opendir(path);
	struct dirent *e;

	free(path);
	while (d && (e = readdir(d))) {
		char *sub = *rel ? mw_strdupf("%s/%s", rel, e->d_name) : mw_xstrdup(e->d_name);

		if (e->d_type == DT_DIR && !skipped_dir(e->d_name))
			add_new(code, sub, changed, data);
		else if (e->d_type == DT_REG && is_php(e->d_name) && !code_live_file(code, sub))
			*changed += index_file(code, sub, data);
		free(sub);
	}
	if (d)
		closedir(d);
}

static size_t
compare_all(mw_code *code)
{
	mw_buf data = MW_BUF_INIT;
	size_t changed = 0;

	forget_missing(code, &changed);
	add_new(code, "", &changed, &data);
	mw_buf_release(&data);
	return changed;
}

/*
 * inotify
 */

#if CODE_INOTIFY
static void
watch_dir(mw_code *code, const char *rel)
{
	struct code_watch *w = code->watch;
	char *path;
	int wd;

	if (!w || w->fd < 0)
		return;
	path = *rel ? mw_path_join(code->root, rel) : mw_xstrdup(code->root);
	wd = inotify_add_watch(w->fd, path, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
				     IN_DELETE | IN_CREATE | IN_ONLYDIR);
	free(path);
	if (wd < 0) {
		/* out of watches: fall back to comparing */
		close(w->fd);
		w->fd = -1;
		return;
	}
	if ((size_t)wd >= w->ndirs) {
		w->dirs = mw_xrealloc(w->dirs, ((size_t)wd + 1) * sizeof(*w->dirs));
		memset(w->dirs + w->ndirs, 0, ((size_t)wd + 1 - w->ndirs) * sizeof(*w->dirs));
		w->ndirs = (size_t)wd + 1;
	}
	free(w->dirs[wd]);
	w->dirs[wd] = mw_xstrdup(rel);
}

/* Watches the directories below root/rel that a new directory brought. */
static void
watch_tree(mw_code *code, const char *rel)
{
	char *path = mw_path_join(code->root, rel);
	DIR *d = opendir(path);
	struct dirent *e;

	free(path);
	watch_dir(code, rel);
	while (d && (e = readdir(d))) {
		char *sub;

		if (e->d_type != DT_DIR || skipped_dir(e->d_name))
			continue;
		sub = mw_strdupf("%s/%s", rel, e->d_name);
		watch_tree(code, sub);
		free(sub);
	}
	if (d)
		closedir(d);
}

/* One event: a file written, created, moved or deleted; a directory made. */
static size_t
apply_event(mw_code *code, const struct inotify_event *ev, mw_buf *data)
{
	struct code_watch *w = code->watch;
	const char *dir;
	char *rel;
	size_t changed = 0;

	if (ev->mask & IN_Q_OVERFLOW) {
		w->stale = true;
		return 0;
	}
	if (ev->wd < 0 || (size_t)ev->wd >= w->ndirs || !(dir = w->dirs[ev->wd]) || !ev->len)
		return 0;
	rel = *dir ? mw_strdupf("%s/%s", dir, ev->name) : mw_xstrdup(ev->name);
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
	    !skipped_dir(ev->name)) {
		watch_tree(code, rel);
		add_new(code, rel, &changed, data);
	} else if (!(ev->mask & IN_ISDIR) && is_php(ev->name)) {
		if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
			changed = mw_code_remove(code, rel);
		else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
			changed = index_file(code, rel, data);
	}
	free(rel);
	return changed;
}

/* The events queued since the last call. */
static size_t
read_events(mw_code *code)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	mw_buf data = MW_BUF_INIT;
	size_t changed = 0;
	ssize_t n;

	while ((n = read(code->watch->fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;

			changed += apply_event(code, ev, &data);
			p += sizeof(*ev) + ev->len;
		}
	}
	mw_buf_release(&data);
	return changed;
}
#else
static void
watch_dir(mw_code *code, const char *rel)
{
	(void)code;
	(void)rel;
}

static size_t
read_events(mw_code *code)
{
	(void)code;
	return 0;
}
#endif

size_t
mw_code_refresh(mw_code *code)
{
	struct code_watch *w = code->watch;
	size_t changed;

	if (!code->root || !w)
		return 0;
	if (w->fd < 0)
		return compare_all(code);
	changed = read_events(code);
	if (w->stale) {
		/* the kernel dropped events: look at everything once */
		w->stale = false;
		changed += compare_all(code);
	}
	return changed;
}
