/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Auditing many databases: a fixed number of connections, each in its own
 * thread, take the next database from a shared counter (see mw_audit_run in
 * mwschema/farm.h). The connections are made before any thread starts, so
 * that a wrong password is one clear error, not one per database.
 */
#include <config.h>

#include "mwschema/farm.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct run {
	pthread_mutex_t lock;
	size_t next, done, n;
	mw_audit_db *results;
	char *const *databases;
	const mw_farm_schema *s;
	const mw_audit_opts *o;
	mw_audit_progress progress;
	void *arg;
};

struct worker {
	struct run *r;
	mw_engine *e;
	pthread_t tid;
};

static const char *
label(const char *database)
{
	return database ? database : "(the DSN's database)";
}

static void
audit_one(struct worker *w, size_t i)
{
	struct run *r = w->r;
	mw_audit_db *db = &r->results[i];
	mw_buf err = MW_BUF_INIT;

	if (mw_engine_use(w->e, r->databases[i], &err) < 0) {
		memset(db, 0, sizeof(*db));
		db->name = mw_xstrdup(label(r->databases[i]));
		db->status = -1;
		db->error = mw_buf_detach(&err);
		return;
	}
	mw_audit_database(db, w->e, label(r->databases[i]), r->s, r->o);
	mw_buf_release(&err);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&r->lock);
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->n)
			break;
		audit_one(w, i);
		pthread_mutex_lock(&r->lock);
		r->done++;
		if (r->progress)
			r->progress(r->arg, r->done, r->n, &r->results[i]);
		pthread_mutex_unlock(&r->lock);
	}
	return NULL;
}

/* Up to `jobs` connections; 0 of them is an error. */
static size_t
connect_workers(struct worker *w, size_t jobs, struct run *r, const char *dsn, mw_buf *err)
{
	size_t n = 0;

	for (size_t i = 0; i < jobs; i++) {
		mw_buf why = MW_BUF_INIT;

		if (mw_engine_attach(&w[n].e, r->o->sql.dbms, dsn, NULL, &why) == 0) {
			w[n++].r = r;
		} else if (!n && i == 0) {
			mw_buf_add(err, why.data, why.len);
			mw_buf_release(&why);
			return 0;
		}
		mw_buf_release(&why);
	}
	return n;
}

int
mw_audit_run(mw_audit_db *results, const char *dsn, char *const *databases, size_t n,
	     const mw_farm_schema *s, const mw_audit_opts *o, unsigned jobs,
	     mw_audit_progress progress, void *arg, mw_buf *err)
{
	struct run r = { PTHREAD_MUTEX_INITIALIZER, 0, 0, n, results, databases, s, o, progress,
			 arg };
	size_t want = jobs ? jobs : 1, nw;
	struct worker *w;

	if (want > n)
		want = n ? n : 1;
	w = mw_xcalloc(want, sizeof(*w));
	nw = connect_workers(w, want, &r, dsn, err);
	if (!nw) {
		free(w);
		return -1;
	}
	/* one worker needs no thread; a failed thread start leaves the work to the others */
	for (size_t i = 1; i < nw; i++)
		if (pthread_create(&w[i].tid, NULL, work, &w[i]) != 0)
			w[i].r = NULL;
	work(&w[0]);
	for (size_t i = 1; i < nw; i++)
		if (w[i].r)
			pthread_join(w[i].tid, NULL);
	for (size_t i = 0; i < nw; i++)
		mw_engine_close(w[i].e);
	free(w);
	return 0;
}
