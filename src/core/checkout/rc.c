/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tig-style configuration files (see mwschema/rc.h): a line is split into
 * words, the first word picks the command, and a bad line becomes a
 * "file:line: message" diagnostic while loading goes on.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/ident.h"
#include "mwschema/model.h"
#include "mwschema/rc.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCE_DEPTH 16
/* `source` in all, per store: a DAG of sources cannot grow without bound. */
#define MAX_SOURCED_FILES 64

struct mw_rc {
	mw_rc_entry *entries;
	size_t n;
	size_t cap;
	char **files;		/* labels the entries point to */
	size_t nfiles;
	int depth;		/* nesting of `source` */
	char *reading[MAX_SOURCE_DEPTH + 1];	/* resolved files being read, outermost first */
	char *home;		/* where the outermost file's sources may come from */
	size_t nsourced;	/* files read through `source` so far */
};

/* One line's words; `error` is set when the line cannot be split. */
struct words {
	char **v;
	size_t n;
	const char *error;
};

mw_rc *
mw_rc_new(void)
{
	return mw_xcalloc(1, sizeof(mw_rc));
}

void
mw_rc_free(mw_rc *rc)
{
	if (!rc)
		return;
	for (size_t i = 0; i < rc->n; i++)
		mw_strv_free(rc->entries[i].argv, rc->entries[i].argc);
	free(rc->entries);
	mw_strv_free(rc->files, rc->nfiles);
	free(rc->home);
	free(rc);
}

static void
words_free(struct words *w)
{
	mw_strv_free(w->v, w->n);
	w->v = NULL;
	w->n = 0;
}

static void
words_add(struct words *w, mw_buf *word)
{
	w->v = mw_xrealloc(w->v, (w->n + 2) * sizeof(*w->v));
	w->v[w->n++] = mw_buf_detach(word);
	w->v[w->n] = NULL;
}

static char
unescape(char c)
{
	return c == 'n' ? '\n' : c == 't' ? '\t' : c;
}

/* Reads a quoted part starting at *p (the quote) into word; false if unterminated. */
static bool
read_quoted(const char **p, const char *end, mw_buf *word)
{
	char q = *(*p)++;

	while (*p < end && **p != q) {
		if (q == '"' && **p == '\\' && *p + 1 < end)
			(*p)++, mw_buf_addc(word, unescape(**p));
		else
			mw_buf_addc(word, **p);
		(*p)++;
	}
	if (*p >= end)
		return false;
	(*p)++;
	return true;
}

static struct words
split_words(const char *p, const char *end)
{
	struct words w = { 0 };
	mw_buf word = MW_BUF_INIT;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= end || *p == '#')
			break;
		mw_buf_init(&word);
		while (p < end && !strchr(" \t\r", *p)) {
			if (*p != '"' && *p != '\'') {
				mw_buf_addc(&word, *p++);
			} else if (!read_quoted(&p, end, &word)) {
				w.error = "unterminated quote";
				mw_buf_release(&word);
				return w;
			}
		}
		words_add(&w, &word);
	}
	return w;
}

static void
add_entry(mw_rc *rc, mw_rc_cmd cmd, char **argv, size_t argc, const char *file, int line)
{
	mw_rc_entry *e;

	if (rc->n == rc->cap) {
		rc->cap = rc->cap ? rc->cap * 2 : 16;
		rc->entries = mw_xrealloc(rc->entries, rc->cap * sizeof(*rc->entries));
	}
	e = &rc->entries[rc->n++];
	e->cmd = cmd;
	e->argv = mw_strv_dup(argv, argc);
	e->argc = argc;
	e->file = file;
	e->line = line;
}

/* words[from..] joined by single spaces (caller frees). */
static char *
join_words(const struct words *w, size_t from)
{
	mw_buf b = MW_BUF_INIT;

	mw_buf_grow(&b, 1);
	for (size_t i = from; i < w->n; i++)
		mw_buf_addf(&b, "%s%s", i > from ? " " : "", w->v[i]);
	return mw_buf_detach(&b);
}

/* `set NAME = VALUE...` (also NAME=VALUE); returns an error message or NULL. */
static const char *
parse_set(mw_rc *rc, const struct words *w, const char *file, int line)
{
	char *argv[2];
	char *eq;

	if (w->n >= 2 && (eq = strchr(w->v[1], '=')) && eq != w->v[1]) {
		argv[0] = mw_xstrndup(w->v[1], (size_t)(eq - w->v[1]));
		argv[1] = eq[1] ? mw_xstrdup(eq + 1) : join_words(w, 2);
	} else if (w->n >= 4 && !strcmp(w->v[2], "=")) {
		argv[0] = mw_xstrdup(w->v[1]);
		argv[1] = join_words(w, 3);
	} else {
		return "expected 'set NAME = VALUE'";
	}
	add_entry(rc, MW_RC_SET, argv, 2, file, line);
	free(argv[0]);
	free(argv[1]);
	return NULL;
}

static const char *
parse_bind(mw_rc *rc, const struct words *w, const char *file, int line)
{
	char *argv[3];

	if (w->n < 4)
		return "expected 'bind KEYMAP KEY REQUEST'";
	argv[0] = w->v[1];
	argv[1] = w->v[2];
	argv[2] = join_words(w, 3);
	add_entry(rc, MW_RC_BIND, argv, 3, file, line);
	free(argv[2]);
	return NULL;
}

static int load_file(mw_rc *rc, const char *path, mw_diags *diags);
static char *user_config_dir(void);

static bool
path_inside(const char *dir, const char *path)
{
	size_t n = dir ? strlen(dir) : 0;

	return n && !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/* The outermost file's checkout (or directory), and the user's configuration directory. */
static bool
may_source(const mw_rc *rc, const char *real)
{
	char *user = user_config_dir(), *ureal = user ? realpath(user, NULL) : NULL;
	bool ok = path_inside(rc->home, real) || path_inside(ureal, real);

	free(ureal);
	free(user);
	return ok;
}

static bool
being_read(const mw_rc *rc, const char *real)
{
	for (int i = 0; i <= rc->depth && rc->reading[i]; i++)
		if (!strcmp(rc->reading[i], real))
			return true;
	return false;
}

/* FILE relative to the including file's directory, or to $HOME with "~/". */
static char *
source_path(const char *word, const char *file)
{
	const char *home = getenv("HOME");
	char *dir, *path;

	if (!strncmp(word, "~/", 2) && home)
		return mw_path_join(home, word + 2);
	if (word[0] == '/')
		return mw_xstrdup(word);
	dir = mw_path_dirname(file);
	path = mw_path_join(dir, word);
	free(dir);
	return path;
}

/*
 * `source FILE`. The file must lie in the checkout of the outermost file or
 * in the user's configuration directory: a .mwschemarc comes with the code
 * under review and must not make mwschema read (and echo) ~/.git-credentials.
 * The messages never repeat what the line or the file says.
 */
static const char *
parse_source(mw_rc *rc, const struct words *w, const char *file, mw_diags *diags)
{
	char *path, *real;
	const char *why = NULL;

	if (w->n != 2)
		return "expected 'source FILE'";
	if (rc->depth >= MAX_SOURCE_DEPTH)
		return "'source' nested too deeply (a loop?)";
	path = source_path(w->v[1], file);
	real = realpath(path, NULL);
	if (!real || mw_is_dir(real))
		why = "source: the file named here cannot be read";
	else if (!may_source(rc, real))
		why = "source: the file named here is outside the checkout and the user's "
		      "configuration directory: not read";
	else if (being_read(rc, real))
		why = "source: the file named here is already being read (a cycle): not read again";
	else if (rc->nsourced >= MAX_SOURCED_FILES)
		why = "source: more than 64 files sourced in all: not read";
	if (!why) {
		rc->nsourced++;
		rc->depth++;
		load_file(rc, real, diags);
		rc->depth--;
	}
	free(real);
	free(path);
	return why;
}

static const char *
parse_command(mw_rc *rc, const struct words *w, const char *file, int line, mw_diags *diags)
{
	const char *cmd = w->v[0];

	if (!strcmp(cmd, "set"))
		return parse_set(rc, w, file, line);
	if (!strcmp(cmd, "bind"))
		return parse_bind(rc, w, file, line);
	if (!strcmp(cmd, "color")) {
		if (w->n < 4)
			return "expected 'color ELEMENT FG BG [ATTR...]'";
		add_entry(rc, MW_RC_COLOR, w->v + 1, w->n - 1, file, line);
		return NULL;
	}
	if (!strcmp(cmd, "lint-ignore")) {
		if (w->n != 3)
			return "expected 'lint-ignore RULE PATH-GLOB'";
		add_entry(rc, MW_RC_LINT_IGNORE, w->v + 1, 2, file, line);
		return NULL;
	}
	if (!strcmp(cmd, "source"))
		return parse_source(rc, w, file, diags);
	return "unknown command (expected set, bind, color, source or lint-ignore)";
}

/* Keeps one copy of each file label for the entries to point to. */
static const char *
intern_file(mw_rc *rc, const char *label)
{
	rc->files = mw_xrealloc(rc->files, (rc->nfiles + 1) * sizeof(*rc->files));
	rc->files[rc->nfiles] = mw_xstrdup(label ? label : "(config)");
	return rc->files[rc->nfiles++];
}

int
mw_rc_load_string(mw_rc *rc, const char *text, size_t len, const char *label,
		  mw_diags *diags)
{
	const char *file = intern_file(rc, label);
	const char *p = text, *end = text + len;

	for (int line = 1; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *nul;
		struct words w;
		const char *err;

		if (!eol)
			eol = end;
		nul = memchr(p, '\0', (size_t)(eol - p));
		if (nul) {
			/* the words stop at a NUL: the line cannot mean what it shows */
			mw_diags_add(diags, MW_SEV_ERROR, NULL, file, line, (int)(nul - p) + 1, NULL,
				     NULL, "%s", "NUL byte in the line: the line is ignored");
			p = eol + 1;
			continue;
		}
		w = split_words(p, eol);
		err = w.error ? w.error : w.n ? parse_command(rc, &w, file, line, diags) : NULL;
		/* never the line's words: a sourced file may hold secrets */
		if (err)
			mw_diags_add(diags, MW_SEV_ERROR, NULL, file, line, 0, NULL, NULL, "%s", err);
		words_free(&w);
		p = eol + 1;
	}
	return 0;
}

/* The outermost file's repository root, else its directory. */
static char *
home_of(const char *real)
{
	char *dir = mw_path_dirname(real), *root = mw_rc_find_repo_root(dir);

	if (root) {
		free(dir);
		return root;
	}
	return dir;
}

static int
load_file(mw_rc *rc, const char *path, mw_diags *diags)
{
	mw_buf data = MW_BUF_INIT, err = MW_BUF_INIT;
	char *real = realpath(path, NULL);
	int ret = 0;

	if (rc->depth == 0) {
		free(rc->home);
		rc->home = real ? home_of(real) : NULL;
	}
	rc->reading[rc->depth] = real;
	if (mw_read_file(&data, path, &err) < 0) {
		mw_diags_add(diags, MW_SEV_ERROR, NULL, path, 0, 0, NULL, NULL, "%s",
			     mw_buf_cstr(&err));
		ret = -1;
	} else {
		mw_rc_load_string(rc, mw_buf_cstr(&data), data.len, path, diags);
	}
	rc->reading[rc->depth] = NULL;
	free(real);
	mw_buf_release(&data);
	mw_buf_release(&err);
	return ret;
}

int
mw_rc_load_file(mw_rc *rc, const char *path, mw_diags *diags)
{
	return load_file(rc, path, diags);
}

char *
mw_rc_find_repo_root(const char *start_dir)
{
	char buf[PATH_MAX];
	char *dir, *git, *parent;

	if (!realpath(start_dir ? start_dir : ".", buf))
		return NULL;
	dir = mw_xstrdup(buf);
	for (;;) {
		git = mw_path_join(dir, ".git");
		bool found = mw_file_exists(git);
		free(git);
		if (found)
			return dir;
		parent = mw_path_dirname(dir);
		if (!parent || !strcmp(parent, dir)) {
			free(parent);
			free(dir);
			return NULL;
		}
		free(dir);
		dir = parent;
	}
}

/* $XDG_CONFIG_HOME/mwschema, else ~/.config/mwschema; NULL without either. */
static char *
user_config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return mw_path_join(xdg, "mwschema");
	if (home && *home)
		return mw_path_join(home, ".config/mwschema");
	return NULL;
}

static char *
user_config_path(void)
{
	char *dir = user_config_dir(), *path = dir ? mw_path_join(dir, "config") : NULL;

	free(dir);
	return path;
}

int
mw_rc_load_default(mw_rc *rc, const char *start_dir, mw_diags *diags)
{
	char *user = user_config_path(), *root = mw_rc_find_repo_root(start_dir), *repo = NULL;
	int ret = 0;

	if (user && mw_file_exists(user))
		ret |= mw_rc_load_file(rc, user, diags);
	if (root && mw_file_exists((repo = mw_path_join(root, ".mwschemarc"))))
		ret |= mw_rc_load_file(rc, repo, diags);
	free(user);
	free(root);
	free(repo);
	return ret;
}

const mw_rc_entry *
mw_rc_get_entry(const mw_rc *rc, const char *name)
{
	for (size_t i = rc->n; i-- > 0;)
		if (rc->entries[i].cmd == MW_RC_SET && !strcmp(rc->entries[i].argv[0], name))
			return &rc->entries[i];
	return NULL;
}

const char *
mw_rc_get(const mw_rc *rc, const char *name)
{
	const mw_rc_entry *e = mw_rc_get_entry(rc, name);

	return e ? e->argv[1] : NULL;
}

void
mw_rc_set(mw_rc *rc, const char *name, const char *value)
{
	char *argv[2] = { (char *)name, (char *)value };

	add_entry(rc, MW_RC_SET, argv, 2, intern_file(rc, "(command line)"), 0);
}

size_t
mw_rc_count(const mw_rc *rc)
{
	return rc->n;
}

const mw_rc_entry *
mw_rc_entry_at(const mw_rc *rc, size_t i)
{
	return i < rc->n ? &rc->entries[i] : NULL;
}

/*
 * A path from a `set` line (schema-dir, updater, ...): relative, every
 * component a plain file name (no "..", nothing hidden; %(platform) stands
 * for a platform's name), and inside `root` once symbolic links are
 * resolved. A .mwschemarc comes with the repository, like the schema files,
 * and is no more trusted than them.
 */
static bool
plain_path(const char *root, const char *value)
{
	char *copy = mw_xstrdup(value), *save = NULL, *var;
	bool ok = *value && *value != '/';

	while ((var = strstr(copy, "%(platform)")))
		memmove(var + 5, var + 11, strlen(var + 11) + 1), memcpy(var, "mysql", 5);
	for (char *c = strtok_r(copy, "/", &save); ok && c; c = strtok_r(NULL, "/", &save))
		ok = mw_ident_check_file_name(c, NULL) == 0;
	ok = ok && mw_path_confine(root, copy, NULL, NULL) == 0;
	free(copy);
	return ok;
}

bool
mw_rc_path_ok(const mw_rc_entry *e, const char *root, mw_diags *diags)
{
	bool updater = !strcmp(e->argv[0], "updater");
	char *file = mw_xstrdup(e->argv[1]), *sep = updater ? strstr(file, "::") : NULL;
	bool ok;

	if (sep)
		*sep = '\0';
	ok = plain_path(root, file) && (!sep || mw_ident_check(sep + 2, NULL) == 0);
	free(file);
	if (!ok)
		mw_diags_add(diags, MW_SEV_ERROR, NULL, e->file, e->line, 0, NULL,
			     updater ? "give a PHP file of the checkout, relative to its root, "
			     "optionally followed by ::method" : "give a directory of the checkout, "
			     "relative to its root",
			     "set %s: not a path inside the checkout (absolute, '..', a hidden or "
			     "unusual name, or a link leading out): ignored", e->argv[0]);
	return ok;
}
