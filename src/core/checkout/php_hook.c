/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The entry points of the PHP evaluator (see internal.h): following a method of
 * the file, recording the SQL files the calls name, and reading the paths a
 * method returns.
 */
#include <config.h>

#include "core/checkout/internal.h"
#include "mwschema/buf.h"
#include "mwschema/fs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Paths
 */

char *
php_path_normalise(const char *tmpl)
{
	char *copy = mw_xstrdup(tmpl + (tmpl[0] == PHP_ROOT)), *save = NULL, *part;
	char **stack = NULL;
	size_t n = 0;
	mw_buf out = MW_BUF_INIT;
	bool ok = true;

	for (part = strtok_r(copy, "/", &save); part && ok; part = strtok_r(NULL, "/", &save)) {
		if (!strcmp(part, "."))
			continue;
		if (!strcmp(part, ".."))
			ok = n-- > 0;
		else {
			stack = mw_xrealloc(stack, (n + 1) * sizeof(*stack));
			stack[n++] = part;
		}
	}
	for (size_t i = 0; ok && i < n; i++)
		mw_buf_addf(&out, "%s%s", i ? "/" : "", stack[i]);
	mw_buf_grow(&out, 1);
	free(stack);
	free(copy);
	if (!ok) {
		mw_buf_release(&out);
		return NULL;
	}
	return mw_buf_detach(&out);
}

/* A directory component that is wholly unknown stands for the platform too. */
static bool
any_dir_component(const char *s, size_t i)
{
	return s[i] == PHP_ANY && (i == 0 || s[i - 1] == '/') && s[i + 1] == '/';
}

char *
php_path_for(const char *tmpl, mw_dbms dbms)
{
	mw_buf out = MW_BUF_INIT;

	for (size_t i = 0; tmpl[i]; i++) {
		if (tmpl[i] == PHP_PLATFORM || any_dir_component(tmpl, i))
			mw_buf_adds(&out, mw_dbms_name(dbms));
		else
			mw_buf_addc(&out, tmpl[i]);
	}
	mw_buf_grow(&out, 1);
	return mw_buf_detach(&out);
}

static bool
per_platform(const char *path)
{
	for (size_t i = 0; path[i]; i++)
		if (path[i] == PHP_PLATFORM || any_dir_component(path, i))
			return true;
	return false;
}

/*
 * Methods
 */

/* The token after "function NAME" (its parameter list), or 0. */
static size_t
find_method(const php_toks *t, const char *name)
{
	for (size_t i = 0; i + 2 < t->n; i++)
		if (php_tok_is(t, i, PHP_T_ID, "function") && php_tok_is(t, i + 1, PHP_T_ID, name) &&
		    php_tok_is(t, i + 2, PHP_T_OP, "("))
			return i + 2;
	return 0;
}

/* Binds the parameters in ( ... ) at `open` to the arguments; defaults are evaluated. */
static void
bind_params(struct php_frame *nf, const php_toks *t, size_t open, pv *args, size_t nargs)
{
	size_t close = php_match(t, open), k = 0;
	struct php_cur c = { t, open + 1, close };

	while (c.i < c.end) {
		char *name = NULL;
		pv v = pv_unknown();

		while (c.i < c.end && !php_cur_is(&c, PHP_T_VAR, NULL) && !php_cur_is(&c, PHP_T_OP, ","))
			c.i++;
		if (php_cur_is(&c, PHP_T_VAR, NULL))
			name = t->v[c.i++].text;
		if (php_cur_is(&c, PHP_T_OP, "=")) {
			c.i++;
			v = php_expr(nf, &c);
		}
		if (name && k < nargs) {
			pv_free(&v);
			v = pv_dup(&args[k]);
		}
		if (name)
			php_frame_set(nf, name, v);
		else
			pv_free(&v);
		k++;
		php_skip_to_comma(&c);
		c.i++;
	}
}

pv
php_call_method(struct php_frame *f, const char *name, pv *args, size_t nargs)
{
	const php_toks *t = f->ev->toks;
	size_t open = find_method(t, name), body;
	struct php_frame nf = { f->ev, NULL, 0, f->mask, { PV_UNKNOWN, NULL, NULL, NULL, 0, NULL },
				false };
	struct php_cur c;
	pv ret;

	if (!open || f->ev->depth >= PHP_MAX_DEPTH)
		return pv_unknown();
	for (body = php_match(t, open); body < t->n - 1 && !php_tok_is(t, body, PHP_T_OP, "{") &&
	     !php_tok_is(t, body, PHP_T_OP, ";"); body++)
		;
	if (!php_tok_is(t, body, PHP_T_OP, "{"))
		return pv_unknown();	/* abstract or interface */
	f->ev->depth++;
	bind_params(&nf, t, open, args, nargs);
	c = (struct php_cur){ t, body + 1, php_match(t, body) };
	php_statements(&nf, &c, f->mask);
	f->ev->depth--;
	ret = nf.returned ? nf.ret : pv_unknown();
	nf.ret = pv_unknown();
	php_frame_clear(&nf);
	return ret;
}

/*
 * Registrations
 */

/* DatabaseUpdater's verbs, as the array form of addExtensionUpdate names them. */
static const char *const raw_verbs[] = {
	"addTable", "dropTable", "addField", "dropField", "modifyField", "addIndex",
	"dropIndex", "renameIndex", "modifyPrimaryKey", "modifyTable", "modifyFieldIfNullable",
};

/* "addExtensionField" -> "addField"; NULL for other methods. */
static char *
verb_of_method(const char *m)
{
	static const char *const prefixes[] = { "addExtension", "dropExtension",
						"modifyExtension", "renameExtension" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		size_t l = strlen(prefixes[i]);

		if (!strncmp(m, prefixes[i], l) && m[l] && strcmp(m + l, "Update") &&
		    strcmp(m + l, "UpdateOnVirtualDomain"))
			return mw_strdupf("%.*s%s", (int)(l - strlen("Extension")), prefixes[i], m + l);
	}
	return NULL;
}

static bool
is_raw_verb(const char *s)
{
	for (size_t i = 0; s && i < sizeof(raw_verbs) / sizeof(*raw_verbs); i++)
		if (!strcmp(s, raw_verbs[i]))
			return true;
	return false;
}

/* Verb, table and name of a call: from the method, or the array's first verb. */
static void
describe_call(php_reg *r, const char *method, const pv *args, size_t nargs)
{
	const pv *list = args;
	size_t n = nargs, at = 0;

	r->verb = verb_of_method(method);
	if (!r->verb && nargs && args[0].kind == PV_ARR) {
		list = args[0].items;
		n = args[0].n;
		while (at < n && !is_raw_verb(pv_literal(&list[at])))
			at++;
		if (at == n)
			return;
		r->verb = mw_xstrdup(pv_literal(&list[at++]));
	}
	if (!r->verb)
		return;
	if (at < n)
		r->table = mw_xstrdup(pv_literal(&list[at]));
	if (at + 1 < n && strcmp(r->verb, "addTable") && strcmp(r->verb, "dropTable"))
		r->name = mw_xstrdup(pv_literal(&list[at + 1]));
}

static void
add_reg(php_hook *h, const php_reg *proto, char *path, unsigned dbms)
{
	for (size_t i = 0; i < h->nregs; i++)
		if (!strcmp(h->regs[i].path, path)) {
			h->regs[i].dbms |= dbms;
			free(path);
			return;
		}
	h->regs = mw_xrealloc(h->regs, (h->nregs + 1) * sizeof(*h->regs));
	h->regs[h->nregs].path = path;
	h->regs[h->nregs].dbms = dbms;
	h->regs[h->nregs].verb = mw_xstrdup(proto->verb);
	h->regs[h->nregs].table = mw_xstrdup(proto->table);
	h->regs[h->nregs++].name = mw_xstrdup(proto->name);
	h->platforms |= dbms;
}

static bool
ends_sql(const char *s)
{
	size_t l = strlen(s);

	return l > 4 && !strcmp(s + l - 4, ".sql");
}

/* Every root-relative .sql template in a value (arrays and alternatives included). */
static void
collect_sql(struct php_frame *f, const php_reg *proto, const pv *v)
{
	for (; v; v = v->alt) {
		char *path;

		for (size_t i = 0; v->kind == PV_ARR && i < v->n; i++)
			collect_sql(f, proto, &v->items[i]);
		if (v->kind != PV_STR || v->s[0] != PHP_ROOT || !ends_sql(v->s) ||
		    !(path = php_path_normalise(v->s)))
			continue;
		if (!per_platform(path)) {
			add_reg(f->ev->hook, proto, path, f->mask);
			continue;
		}
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			if (f->mask & (1u << d))
				add_reg(f->ev->hook, proto, php_path_for(path, (mw_dbms)d), 1u << d);
		free(path);
	}
}

/* DatabaseUpdater's methods that register a file (file_exists() and the like do not). */
static bool
registers(const char *m)
{
	static const char *const prefixes[] = { "addExtension", "dropExtension",
						"modifyExtension", "renameExtension" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (!strncmp(m, prefixes[i], strlen(prefixes[i])))
			return true;
	return is_raw_verb(m) || !strcmp(m, "applyPatch");
}

void
php_note_call(struct php_frame *f, const char *method, pv *args, size_t nargs)
{
	php_reg proto = { NULL, 0, NULL, NULL, NULL };

	if (!f->ev->hook || !f->mask || !registers(method))
		return;
	describe_call(&proto, method, args, nargs);
	for (size_t i = 0; i < nargs; i++)
		collect_sql(f, &proto, &args[i]);
	free(proto.verb);
	free(proto.table);
	free(proto.name);
}

/*
 * Entry points
 */

static void
ev_init(struct php_ev *ev, const php_toks *t, const char *file_rel, php_hook *hook)
{
	char *dir = mw_path_dirname(file_rel);

	ev->toks = t;
	ev->dir = mw_strdupf("%c%s", PHP_ROOT, strcmp(dir, ".") ? dir : "");
	ev->file = mw_strdupf("%c%s", PHP_ROOT, file_rel);
	ev->hook = hook;
	ev->depth = 0;
	ev->nesting = 0;
	free(dir);
}

/* The method's return value (unknown when absent); *found says whether it was there. */
static pv
run_method(const char *src, size_t len, const char *file_rel, const char *method,
	   php_hook *hook, bool *found)
{
	php_toks t;
	struct php_ev ev;
	struct php_frame f = { &ev, NULL, 0, PHP_ALL_DBMS, { PV_UNKNOWN, NULL, NULL, NULL, 0, NULL },
			       false };
	pv ret;

	php_lex(&t, src, len);
	ev_init(&ev, &t, file_rel, hook);
	*found = find_method(&t, method) != 0;
	ret = *found ? php_call_method(&f, method, NULL, 0) : pv_unknown();
	php_frame_clear(&f);
	free(ev.dir);
	free(ev.file);
	php_toks_free(&t);
	return ret;
}

void
php_hook_eval(php_hook *out, const char *src, size_t len, const char *file_rel,
	      const char *method)
{
	pv ret;

	memset(out, 0, sizeof(*out));
	ret = run_method(src, len, file_rel, method, out, &out->found);
	pv_free(&ret);
}

void
php_hook_clear(php_hook *h)
{
	for (size_t i = 0; i < h->nregs; i++) {
		free(h->regs[i].path);
		free(h->regs[i].verb);
		free(h->regs[i].table);
		free(h->regs[i].name);
	}
	free(h->regs);
	memset(h, 0, sizeof(*h));
}

/* A root-relative directory path from a value; NULL when it is not one. */
static char *
value_path(const pv *v)
{
	if (v->kind != PV_STR || v->s[0] != PHP_ROOT || strchr(v->s, PHP_ANY) ||
	    strchr(v->s, PHP_PLATFORM))
		return NULL;
	return php_path_normalise(v->s);
}

bool
php_method_path(char **path, const char *src, size_t len, const char *file_rel,
		const char *method)
{
	bool found;
	pv v = run_method(src, len, file_rel, method, NULL, &found);

	*path = value_path(&v);
	pv_free(&v);
	return *path != NULL;
}

bool
php_method_paths(char *paths[MW_DBMS__COUNT], const char *src, size_t len,
		 const char *file_rel, const char *method)
{
	bool found, any = false;
	pv v = run_method(src, len, file_rel, method, NULL, &found);
	mw_dbms d;

	for (int i = 0; i < MW_DBMS__COUNT; i++)
		paths[i] = NULL;
	for (size_t i = 0; v.kind == PV_ARR && i < v.n; i++) {
		if (!v.keys[i] || !mw_dbms_from_name(v.keys[i], &d) || strcmp(v.keys[i], mw_dbms_name(d)))
			continue;
		free(paths[d]);
		paths[d] = value_path(&v.items[i]);
		any |= paths[d] != NULL;
	}
	pv_free(&v);
	return any;
}
