/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an engine may run: the statements the generators and the sample-row
 * writer produce, one at a time, in the scratch namespace, within time
 * limits, and nothing more once the user pressed Ctrl-C.
 *
 * Every statement is read as its engine reads it (sqllex.h) and refused
 * unless it starts like one the generators write (CREATE/ALTER/DROP of a
 * table, index, type or sequence, INSERT INTO, PostgreSQL's SELECT setval),
 * names nothing in another database or schema (no qualified names), and
 * has no MySQL comment whose inside MySQL would run. The back ends then
 * make sure the engine takes exactly one statement per call.
 */
#include <config.h>

#include "core/verify/internal.h"
#include "mwschema/fs.h"
#include "mwschema/sqllex.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static volatile sig_atomic_t interrupted;

/* The leading words a statement may have, in order (NULL ends a pattern). */
static const char *const allowed[][4] = {
	{ "CREATE", "TABLE" }, { "CREATE", "TEMPORARY", "TABLE" },
	{ "CREATE", "INDEX" }, { "CREATE", "UNIQUE", "INDEX" },
	{ "CREATE", "FULLTEXT", "INDEX" }, { "CREATE", "SPATIAL", "INDEX" },
	{ "CREATE", "TYPE" }, { "CREATE", "SEQUENCE" },
	{ "ALTER", "TABLE" }, { "ALTER", "INDEX" }, { "ALTER", "SEQUENCE" },
	{ "DROP", "TABLE" }, { "DROP", "INDEX" }, { "DROP", "TYPE" }, { "DROP", "SEQUENCE" },
	{ "INSERT", "INTO" }, { "SELECT", "setval" },
};

static bool
word_is(const char *stmt, const mw_sqltok *t, const char *word)
{
	return t->kind == MW_SQLTOK_WORD && t->len == strlen(word) &&
	       !strncasecmp(stmt + t->start, word, t->len);
}

static bool
head_allowed(const char *stmt, const mw_sqltok *words[], size_t nwords)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++) {
		size_t k = 0;

		while (k < 4 && allowed[i][k] && k < nwords && word_is(stmt, words[k], allowed[i][k]))
			k++;
		if (k == 4 || !allowed[i][k])
			return true;
	}
	return false;
}

static bool
is_name(const mw_sqltok *t)
{
	return t->kind == MW_SQLTOK_WORD || t->kind == MW_SQLTOK_QUOTED;
}

/* "a.b" outside quotes: a name in another database or schema. */
static bool
qualified_at(const mw_sqltok *t, size_t i, size_t n, const char *stmt)
{
	return i > 0 && i + 1 < n && t[i].kind == MW_SQLTOK_PUNCT && stmt[t[i].start] == '.' &&
	       is_name(&t[i - 1]) && is_name(&t[i + 1]);
}

const char *
mw_engine__stmt_refused(const char *stmt, mw_dbms dbms)
{
	mw_sqltok *t;
	size_t n = mw_sql_lex(&t, stmt, strlen(stmt), dbms), nwords = 0;
	const mw_sqltok *words[4];
	const char *why = NULL;

	for (size_t i = 0; i < n && !why; i++) {
		if (t[i].kind == MW_SQLTOK_SEMICOLON)
			why = "refused: more than one statement";
		else if (t[i].kind == MW_SQLTOK_UNTERMINATED)
			why = "refused: a quote or a comment never ends";
		else if (t[i].kind == MW_SQLTOK_COMMENT && dbms == MW_DBMS_MYSQL &&
			 mw_sql_comment_runs(stmt + t[i].start, t[i].len))
			why = "refused: a comment MySQL would run";
		else if (qualified_at(t, i, n, stmt))
			why = "refused: a name qualified with another database or schema";
		else if (nwords < 4 && t[i].kind != MW_SQLTOK_SPACE && t[i].kind != MW_SQLTOK_COMMENT)
			words[nwords++] = &t[i];
	}
	if (!why && !head_allowed(stmt, words, nwords))
		why = "refused: not a statement mwschema generates (CREATE, ALTER or DROP of a "
		      "table, index, type or sequence, INSERT INTO)";
	free(t);
	return why;
}

/* Open engines, for mw_engine_interrupt (a fixed array: a signal handler walks it). */
#define MAX_LIVE 8
static mw_engine *volatile live[MAX_LIVE];

void
mw_engine__live(mw_engine *e, bool open)
{
	for (int i = 0; i < MAX_LIVE; i++) {
		if (open && !live[i]) {
			live[i] = e;
			return;
		}
		if (!open && live[i] == e)
			live[i] = NULL;
	}
}

void
mw_engine__cancel_all(void)
{
	for (int i = 0; i < MAX_LIVE; i++) {
		mw_engine *e = live[i];

		if (e && e->ops->cancel && !e->dropping)
			e->ops->cancel(e);
	}
}

int
mw_engine__password_file(char **out, const char *var, mw_buf *err)
{
	const char *path = getenv(var);
	mw_buf text = MW_BUF_INIT;
	struct stat st;

	*out = NULL;
	if (!path || !*path)
		return 0;
	if (stat(path, &st) == 0 && (st.st_mode & 077)) {
		mw_buf_addf(err, "%s=%s: the password file may be read by others (mode %04o): "
			    "chmod 600 it", var, path, (unsigned)(st.st_mode & 07777));
		return -1;
	}
	if (mw_read_file(&text, path, err) < 0) {
		mw_buf_release(&text);
		return -1;
	}
	*out = mw_xstrndup(mw_buf_cstr(&text), strcspn(mw_buf_cstr(&text), "\r\n"));
	mw_buf_release(&text);
	return 0;
}

void
mw_engine_interrupt(void)
{
	interrupted = 1;
	mw_engine__cancel_all();
}

bool
mw_engine__interrupted(void)
{
	return interrupted != 0;
}

bool
mw_engine_interrupted(void)
{
	return interrupted != 0;
}

/* A whole number of seconds from the environment, or `dflt`. */
static unsigned
seconds_from_env(const char *name, unsigned dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return dflt;
	n = strtoul(v, &end, 10);
	return *end || n == 0 || n > 86400 ? dflt : (unsigned)n;
}

unsigned
mw_engine__connect_timeout(void)
{
	return seconds_from_env("MWSCHEMA_CONNECT_TIMEOUT", MW_ENGINE_CONNECT_TIMEOUT);
}

unsigned
mw_engine__statement_timeout(void)
{
	return seconds_from_env("MWSCHEMA_STATEMENT_TIMEOUT", MW_ENGINE_STATEMENT_TIMEOUT);
}
