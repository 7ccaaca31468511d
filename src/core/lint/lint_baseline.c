/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Known findings and baseline files (see mwschema/lint.h): what lets CI on a
 * repository with old findings fail on new ones only.
 */
#include <config.h>

#include "mwschema/fs.h"
#include "mwschema/lint.h"

#include <stdlib.h>
#include <string.h>

#define BASELINE_HEAD "# mwschema lint baseline 1\n"

static bool
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool
matches(const mw_diag *a, const mw_diag *b)
{
	return a->rule && same(a->rule, b->rule) && same(a->file, b->file) &&
	       same(a->message, b->message);
}

size_t
mw_lint_drop_known(mw_diags *now, const mw_diags *known)
{
	bool *used = mw_xcalloc(known->n + 1, sizeof(*used));
	size_t kept = 0, dropped = 0;

	for (size_t i = 0; i < now->n; i++) {
		size_t k = 0;

		while (k < known->n && (used[k] || !matches(&now->items[i], &known->items[k])))
			k++;
		if (k < known->n) {
			mw_diags one = { &now->items[i], 1, 1 };

			used[k] = true;
			mw_diags_clear(&one);
			dropped++;
			continue;
		}
		now->items[kept++] = now->items[i];
	}
	now->n = kept;
	free(used);
	return dropped;
}

static void
add_escaped(mw_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\\')
			mw_buf_addf(out, "\\%c", *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\');
		else
			mw_buf_addc(out, *s);
	}
}

static int
compare_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
mw_lint_baseline_write(const mw_diags *findings, const char *path, mw_buf *err)
{
	char **lines = mw_xcalloc(findings->n + 1, sizeof(*lines));
	size_t n = 0;
	mw_buf out = MW_BUF_INIT, line = MW_BUF_INIT;
	int rc;

	for (size_t i = 0; i < findings->n; i++) {
		const mw_diag *d = &findings->items[i];

		if (!d->rule)
			continue;
		mw_buf_reset(&line);
		add_escaped(&line, d->rule);
		mw_buf_addc(&line, '\t');
		add_escaped(&line, d->file);
		mw_buf_addc(&line, '\t');
		add_escaped(&line, d->message);
		lines[n++] = mw_xstrdup(mw_buf_cstr(&line));
	}
	qsort(lines, n, sizeof(*lines), compare_lines);
	mw_buf_adds(&out, BASELINE_HEAD);
	for (size_t i = 0; i < n; i++) {
		mw_buf_addf(&out, "%s\n", lines[i]);
		free(lines[i]);
	}
	rc = mw_write_file_atomic(path, mw_buf_cstr(&out), out.len, err);
	free(lines);
	mw_buf_release(&out);
	mw_buf_release(&line);
	return rc;
}

/* One tab-separated field, unescaped; *p moves past it and its tab. */
static char *
take_field(const char **p, const char *end)
{
	mw_buf f = MW_BUF_INIT;

	while (*p < end && **p != '\t') {
		if (**p == '\\' && *p + 1 < end) {
			(*p)++;
			mw_buf_addc(&f, **p == 't' ? '\t' : **p == 'n' ? '\n' : **p);
		} else {
			mw_buf_addc(&f, **p);
		}
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	mw_buf_grow(&f, 1);
	return mw_buf_detach(&f);
}

int
mw_lint_baseline_read(mw_diags *out, const char *path, mw_buf *err)
{
	mw_buf text = MW_BUF_INIT;
	const char *p, *end;
	int line = 0;

	if (mw_read_file(&text, path, err) < 0)
		return -1;
	p = mw_buf_cstr(&text);
	if (strncmp(p, BASELINE_HEAD, strlen(BASELINE_HEAD))) {
		mw_buf_addf(err, "%s: not an mwschema lint baseline (write one with "
			    "--write-baseline)", path);
		mw_buf_release(&text);
		return -1;
	}
	end = p + text.len;
	for (; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char *rule, *file, *msg;

		eol = eol ? eol : end;
		if (line > 0 && eol > p && *p != '#') {
			rule = take_field(&p, eol);
			file = take_field(&p, eol);
			msg = take_field(&p, eol);
			mw_diags_add(out, MW_SEV_WARNING, rule, *file ? file : NULL, 0, 0, NULL, NULL,
				     "%s", msg);
			free(rule);
			free(file);
			free(msg);
		}
		p = eol + 1;
	}
	mw_buf_release(&text);
	return 0;
}
