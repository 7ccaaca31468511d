/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Recovery slots, their locks, and the write a fatal signal makes (see
 * recovery.h). Everything the signal handler touches is prepared before:
 * paths are built when the slot opens, contents when an edit is staged.
 */
#include <config.h>

#include "editor/recovery.h"
#include "editor/stamp.h"
#include "mwschema/fs.h"
#include "mwschema/model.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEEP_DISCARDED 20	/* backups kept per checkout */

struct bytes {
	char *data;
	size_t len, cap;
};

struct staged {
	struct bytes meta, json;
	bool keep;		/* false: nothing unsaved, the files go */
};

struct recovery {
	char *dir;		/* .../recovery/<hash> */
	char *id;
	int lock_fd;
	char *lock, *meta, *meta_tmp, *json, *json_tmp;
	struct staged stage[2];
	volatile sig_atomic_t published;	/* stage[] the handler writes; -1 none */
	char *claim_id;		/* another slot held by recovery_claim */
	int claim_fd;
};

static void write_checkout_name(const char *dir, const char *root);

static char *
slot_path(const char *dir, const char *id, const char *ext)
{
	return mw_strdupf("%s/%s.%s", dir, id, ext);
}

/* mkdir -p, the last two levels private to the user. */
static int
make_dirs(const char *dir, mw_buf *err)
{
	char *parent = mw_path_dirname(dir);
	int rc = mw_mkdirs(dir, err);

	if (!rc && (chmod(parent, 0700) < 0 || chmod(dir, 0700) < 0)) {
		mw_buf_addf(err, "%s: %s", dir, strerror(errno));
		rc = -1;
	}
	free(parent);
	return rc;
}


static int
lock_new_slot(struct recovery *r, mw_buf *err)
{
	char pid[32];
	int n;

	r->lock_fd = open(r->lock, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (r->lock_fd < 0 || flock(r->lock_fd, LOCK_EX) < 0) {
		mw_buf_addf(err, "%s: %s", r->lock, strerror(errno));
		return -1;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (write(r->lock_fd, pid, (size_t)n) != n) {
		mw_buf_addf(err, "%s: %s", r->lock, strerror(errno));
		return -1;
	}
	return 0;
}

int
recovery_open(struct recovery **out, const char *state_dir, const char *root, mw_buf *err)
{
	struct recovery *r = mw_xcalloc(1, sizeof(*r));
	static unsigned serial;
	char hash[17];

	snprintf(hash, sizeof(hash), "%016llx",
		 (unsigned long long)stamp_hash(root, strlen(root)));
	r->dir = mw_strdupf("%s/recovery/%s", state_dir, hash);
	r->id = mw_strdupf("%ld-%lx-%u", (long)getpid(), (unsigned long)time(NULL), serial++);
	r->lock = slot_path(r->dir, r->id, "lock");
	r->meta = slot_path(r->dir, r->id, "meta");
	r->meta_tmp = slot_path(r->dir, r->id, "meta.tmp");
	r->json = slot_path(r->dir, r->id, "json");
	r->json_tmp = slot_path(r->dir, r->id, "json.tmp");
	r->lock_fd = r->claim_fd = -1;
	r->published = -1;
	*out = NULL;
	if (make_dirs(r->dir, err) || lock_new_slot(r, err)) {
		recovery_close(r, false);
		return -1;
	}
	write_checkout_name(r->dir, root);
	*out = r;
	return 0;
}

const char *
recovery_dir(const struct recovery *r)
{
	return r->dir;
}

static void
bytes_free(struct bytes *b)
{
	free(b->data);
}

void
recovery_close(struct recovery *r, bool keep)
{
	if (!r)
		return;
	recovery_unclaim(r);
	if (r->lock_fd >= 0) {
		if (!keep) {
			unlink(r->json);
			unlink(r->meta);
		}
		unlink(r->lock);
		close(r->lock_fd);
	}
	for (int i = 0; i < 2; i++) {
		bytes_free(&r->stage[i].meta);
		bytes_free(&r->stage[i].json);
	}
	free(r->dir);
	free(r->id);
	free(r->lock);
	free(r->meta);
	free(r->meta_tmp);
	free(r->json);
	free(r->json_tmp);
	free(r);
}

/*
 * Writing (async-signal-safe from here to write_staged: no allocation, no
 * stdio, errno kept for the caller to read).
 */

static int
raw_write(const char *tmp, const char *path, const char *data, size_t len)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = n < 0 ? errno : ENOSPC;

			close(fd);
			unlink(tmp);
			errno = saved;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		int saved = errno;

		unlink(tmp);
		errno = saved;
		return -1;
	}
	return rename(tmp, path);
}

/* Writes the published stage; which file failed goes to *failed. */
static int
write_staged(const struct recovery *r, const char **failed)
{
	const struct staged *st;
	int idx = r->published;

	*failed = NULL;
	if (idx < 0 || r->lock_fd < 0)
		return 0;
	st = &r->stage[idx];
	if (!st->keep) {
		unlink(r->json);
		unlink(r->meta);
		return 0;
	}
	/* The name first: a change without its name still restores the edit. */
	if (raw_write(r->meta_tmp, r->meta, st->meta.data, st->meta.len) < 0) {
		*failed = r->meta;
		return -1;
	}
	if (raw_write(r->json_tmp, r->json, st->json.data, st->json.len) < 0) {
		*failed = r->json;
		return -1;
	}
	return 0;
}

/* Records the checkout's path beside its slots, so a person can tell whose they are. */
static void
write_checkout_name(const char *dir, const char *root)
{
	char *path = mw_path_join(dir, "checkout"), *tmp = mw_path_join(dir, "checkout.tmp");
	char *line = mw_strdupf("%s\n", root);

	if (!mw_file_exists(path))
		raw_write(tmp, path, line, strlen(line));
	free(line);
	free(tmp);
	free(path);
}

static void
bytes_set(struct bytes *b, const char *data, size_t len)
{
	if (len + 1 > b->cap) {
		b->cap = len + 1 > 2 * b->cap ? len + 1 : 2 * b->cap;
		b->data = mw_xrealloc(b->data, b->cap);
	}
	if (len)
		memcpy(b->data, data, len);
	b->data[len] = 0;
	b->len = len;
}

void
recovery_stage(struct recovery *r, const char *meta, size_t mlen, const char *json, size_t jlen)
{
	int idx = r->published == 0 ? 1 : 0;
	struct staged *st = &r->stage[idx];

	st->keep = json != NULL;
	bytes_set(&st->meta, meta ? meta : "", meta ? mlen : 0);
	bytes_set(&st->json, json ? json : "", json ? jlen : 0);
	/* One store publishes the whole stage to the signal handler. */
	r->published = idx;
}

int
recovery_flush(struct recovery *r, mw_buf *err)
{
	const char *failed;

	if (write_staged(r, &failed) == 0)
		return 0;
	mw_buf_addf(err, "%s (%s)", strerror(errno), failed);
	return -1;
}

/*
 * Other slots
 */

static bool
split_name(const char *name, char **id)
{
	static const char *const exts[] = { ".lock", ".meta", ".json" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		size_t el = strlen(exts[i]);

		if (n > el && !strcmp(name + n - el, exts[i])) {
			*id = mw_xstrndup(name, n - el);
			return true;
		}
	}
	return false;
}

static bool
known(const struct recovery_other *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, id))
			return true;
	return false;
}

/* Is the slot's editor running? Probes its lock; reads the pid it left. */
static bool
probe_live(const struct recovery *r, const char *id, long *pid)
{
	char *lock = slot_path(r->dir, id, "lock"), buf[32];
	int fd = open(lock, O_RDWR | O_CLOEXEC);
	bool live = false;
	ssize_t n;

	*pid = 0;
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		*pid = strtol(buf, NULL, 10);
		live = flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
		close(fd);
	}
	free(lock);
	return live;
}

static void
describe(const struct recovery *r, struct recovery_other *o)
{
	char *json = slot_path(r->dir, o->id, "json");
	struct stat st;

	o->live = probe_live(r, o->id, &o->pid);
	o->has_change = stat(json, &st) == 0;
	o->mtime = o->has_change ? st.st_mtime : 0;
	free(json);
}

static int
by_mtime(const void *a, const void *b)
{
	const struct recovery_other *x = a, *y = b;

	return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

size_t
recovery_others(struct recovery *r, struct recovery_other **out)
{
	DIR *d = opendir(r->dir);
	struct dirent *de;
	struct recovery_other *v = NULL;
	size_t n = 0;
	char *id;

	while (d && (de = readdir(d))) {
		if (!split_name(de->d_name, &id))
			continue;
		if (!strcmp(id, r->id) || known(v, n, id)) {
			free(id);
			continue;
		}
		v = mw_xrealloc(v, (n + 1) * sizeof(*v));
		memset(&v[n], 0, sizeof(*v));
		v[n].id = id;
		describe(r, &v[n++]);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), by_mtime);
	*out = v;
	return n;
}

void
recovery_others_free(struct recovery_other *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].id);
	free(v);
}

bool
recovery_claim(struct recovery *r, const char *id, mw_buf *json, mw_buf *meta, mw_buf *err)
{
	char *lock = slot_path(r->dir, id, "lock"), *jp = slot_path(r->dir, id, "json");
	char *mp = slot_path(r->dir, id, "meta");
	int fd;
	bool ok = false;

	recovery_unclaim(r);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		mw_buf_addf(err, "%s: %s", lock, strerror(errno));
	else if (flock(fd, LOCK_EX | LOCK_NB) < 0)
		mw_buf_adds(err, "its editor is running again");
	else if (mw_read_file(json, jp, err) == 0) {
		mw_read_file(meta, mp, NULL);
		r->claim_fd = fd;
		r->claim_id = mw_xstrdup(id);
		ok = true;
	}
	if (!ok && fd >= 0)
		close(fd);
	free(lock);
	free(jp);
	free(mp);
	return ok;
}

void
recovery_unclaim(struct recovery *r)
{
	if (r->claim_fd >= 0)
		close(r->claim_fd);
	r->claim_fd = -1;
	free(r->claim_id);
	r->claim_id = NULL;
}

static void
unlink_slot(const struct recovery *r, const char *id)
{
	static const char *const exts[] = { "json", "meta", "json.tmp", "meta.tmp", "lock" };

	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		char *p = slot_path(r->dir, id, exts[i]);

		unlink(p);
		free(p);
	}
}

void
recovery_claim_done(struct recovery *r)
{
	if (r->claim_id)
		unlink_slot(r, r->claim_id);
	recovery_unclaim(r);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest KEEP_DISCARDED backups (names start with the date). */
static void
prune_discarded(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = mw_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = mw_path_join(dir, de->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i + 2 * KEEP_DISCARDED < n; i++)
		unlink(names[i]);
	mw_strv_free(names, n);
}

int
recovery_claim_discard(struct recovery *r, const char *label, char **backup, mw_buf *err)
{
	char *dir = mw_path_join(r->dir, "discarded"), stamp[32], *from, *to;
	time_t now = time(NULL);
	int rc = -1;

	*backup = NULL;
	if (!r->claim_id || make_dirs(dir, err)) {
		free(dir);
		return -1;
	}
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", localtime(&now));
	from = slot_path(r->dir, r->claim_id, "json");
	label = label && *label && !strchr(label, '/') ? label : r->claim_id;
	to = mw_strdupf("%s/%s-%s.json", dir, stamp, label);
	if (rename(from, to) == 0) {
		char *mfrom = slot_path(r->dir, r->claim_id, "meta");
		char *mto = mw_strdupf("%s/%s-%s.meta", dir, stamp, label);

		rename(mfrom, mto);
		free(mfrom);
		free(mto);
		*backup = to;
		to = NULL;
		recovery_claim_done(r);
		prune_discarded(dir);
		rc = 0;
	} else
		mw_buf_addf(err, "%s: %s", to, strerror(errno));
	free(from);
	free(to);
	free(dir);
	return rc;
}

int
recovery_backup(struct recovery *r, const char *name, const char *json, size_t len,
		char **backup, mw_buf *err)
{
	char *dir = mw_path_join(r->dir, "discarded"), stamp[32], *path, *tmp;
	time_t now = time(NULL);

	*backup = NULL;
	if (make_dirs(dir, err)) {
		free(dir);
		return -1;
	}
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", localtime(&now));
	path = mw_strdupf("%s/%s-%s.json", dir, stamp, name);
	for (int n = 2; mw_file_exists(path) && n < 100; n++) {
		free(path);
		path = mw_strdupf("%s/%s-%s-%d.json", dir, stamp, name, n);
	}
	tmp = mw_strdupf("%s.tmp", path);
	if (raw_write(tmp, path, json, len) == 0)
		*backup = path;
	else {
		mw_buf_addf(err, "%s: %s", path, strerror(errno));
		free(path);
	}
	free(tmp);
	prune_discarded(dir);
	free(dir);
	return *backup ? 0 : -1;
}

/*
 * Fatal signals
 */

static struct recovery *sig_recovery;
static void (*sig_restore)(void);
static const int fatal_signals[] = {
	SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
};

static void
on_fatal(int sig)
{
	const char *ignored;

	if (sig_recovery)
		write_staged(sig_recovery, &ignored);
	if (sig_restore)
		sig_restore();
	/* SA_RESETHAND put the default action back; SA_NODEFER lets it fire now. */
	raise(sig);
}

void
recovery_catch_signals(struct recovery *r, void (*restore)(void))
{
	static char alt_stack[64 * 1024];
	struct sigaction sa;
	stack_t ss;

	sig_recovery = r;
	sig_restore = restore;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (r || restore) {
		/* A stack overflow still gets its handler run. */
		ss.ss_sp = alt_stack;
		ss.ss_size = sizeof(alt_stack);
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
		sa.sa_handler = on_fatal;
		sa.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
	} else
		sa.sa_handler = SIG_DFL;
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(*fatal_signals); i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

/* vim: set ts=8 sw=8 noexpandtab: */
