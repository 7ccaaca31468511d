/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MediaWiki's textual clean-up of the printer output (spec §8.2), and the
 * identifier-quoting word lists (spec §4.2).
 *
 * MediaWiki does the clean-up with str_replace() and preg_replace(); each
 * step here is a small linear scanner with the same leftmost, non-overlapping
 * semantics (a match consumes its trailing whitespace, so the next match can
 * only start after it; look-behinds see the text before the step).
 */
#include <config.h>

#include <string.h>

#include "core/sql/internal.h"
#include "mwschema/sqlfmt.h"

typedef struct text {
	const char *s;
	size_t len;
} text;

static size_t
skip_space(text t, size_t p)
{
	while (p < t.len && mw_sqlfmt_is_space(t.s[p]))
		p++;
	return p;
}

static const char *
find(text t, size_t from, const char *needle, size_t n)
{
	if (from >= t.len)
		return NULL;
	return memmem(t.s + from, t.len - from, needle, n);
}

/* str_replace($from, $to, $t) */
static void
replace_all(mw_buf *out, text t, const char *from, const char *to)
{
	size_t n = strlen(from), p = 0;
	const char *hit;

	while ((hit = find(t, p, from, n))) {
		size_t at = (size_t)(hit - t.s);

		mw_buf_add(out, t.s + p, at - p);
		mw_buf_adds(out, to);
		p = at + n;
	}
	mw_buf_add(out, t.s + p, t.len - p);
}

/*
 * preg_replace('/\s+MARKER\s+/', ' MARKER') when `then_semicolon` is false,
 * preg_replace('/\s+MARKER\s*;/', ' MARKER;') when it is true.
 */
static void
fold_marker(mw_buf *out, text t, const char *marker, bool then_semicolon)
{
	size_t n = strlen(marker), done = 0, p = 0;
	const char *hit;

	while ((hit = find(t, p, marker, n))) {
		size_t at = (size_t)(hit - t.s), ws = at, end = at + n;

		p = at + 1;
		while (ws > done && mw_sqlfmt_is_space(t.s[ws - 1]))
			ws--;
		if (ws == at)
			continue;
		if (then_semicolon) {
			end = skip_space(t, end);
			if (end >= t.len || t.s[end] != ';')
				continue;
			end++;
		} else {
			if (end >= t.len || !mw_sqlfmt_is_space(t.s[end]))
				continue;
			end = skip_space(t, end);
		}
		mw_buf_add(out, t.s + done, ws - done);
		mw_buf_addc(out, ' ');
		mw_buf_add(out, marker, n);
		if (then_semicolon)
			mw_buf_addc(out, ';');
		done = p = end;
	}
	mw_buf_add(out, t.s + done, t.len - done);
}

/* Length of the word of `words` (NULL-terminated) at p, or 0. */
static size_t
word_at(text t, size_t p, const char *const *words)
{
	for (; *words; words++) {
		size_t n = strlen(*words);

		if (n <= t.len - p && memcmp(t.s + p, *words, n) == 0)
			return n;
	}
	return 0;
}

/* preg_replace('/^(CREATE|DROP|ALTER)\s+(TABLE|VIEW|INDEX)\s+/m', '$1 $2 ') */
static void
fold_statement_start(mw_buf *out, text t)
{
	static const char *const verbs[] = { "CREATE", "DROP", "ALTER", NULL };
	static const char *const objects[] = { "TABLE", "VIEW", "INDEX", NULL };
	size_t done = 0;

	for (size_t p = 0; p < t.len; p++) {
		size_t n1, n2, q, r, end;

		if (p < done || (p > 0 && t.s[p - 1] != '\n'))
			continue;
		if (!(n1 = word_at(t, p, verbs)))
			continue;
		q = skip_space(t, p + n1);
		if (q == p + n1 || !(n2 = word_at(t, q, objects)))
			continue;
		r = q + n2;
		end = skip_space(t, r);
		if (end == r)
			continue;
		mw_buf_add(out, t.s + done, p - done);
		mw_buf_add(out, t.s + p, n1);
		mw_buf_addc(out, ' ');
		mw_buf_add(out, t.s + q, n2);
		mw_buf_addc(out, ' ');
		done = end;
	}
	mw_buf_add(out, t.s + done, t.len - done);
}

/*
 * preg_replace('/(?<=[^\s;])\s+(ADD|DROP|ALTER|MODIFY|CHANGE|RENAME)\s+/',
 *              "\n  $1 ")
 */
static void
break_alter_parts(mw_buf *out, text t)
{
	static const char *const words[] = {
		"ADD", "DROP", "ALTER", "MODIFY", "CHANGE", "RENAME", NULL
	};
	size_t done = 0, p = 1;

	while (p < t.len) {
		size_t q, n, end;

		if (!mw_sqlfmt_is_space(t.s[p]) || mw_sqlfmt_is_space(t.s[p - 1])
		    || t.s[p - 1] == ';') {
			p++;
			continue;
		}
		q = skip_space(t, p);
		n = q < t.len ? word_at(t, q, words) : 0;
		end = n ? skip_space(t, q + n) : q;
		if (!n || end == q + n) {
			p = q;
			continue;
		}
		mw_buf_add(out, t.s + done, p - done);
		mw_buf_add(out, "\n  ", 3);
		mw_buf_add(out, t.s + q, n);
		mw_buf_addc(out, ' ');
		done = p = end;
	}
	mw_buf_add(out, t.s + done, t.len - done);
}

/* Step 8: "__temp__" + optional whitespace + the prefix marker -> marker + "__temp__". */
static void
move_temp_prefix(mw_buf *out, text t)
{
	static const char temp[] = "__temp__", marker[] = "/*_*/";
	size_t done = 0, p = 0;
	const char *hit;

	while ((hit = find(t, p, temp, sizeof(temp) - 1))) {
		size_t at = (size_t)(hit - t.s);
		size_t q = skip_space(t, at + sizeof(temp) - 1);

		p = at + 1;
		if (q + sizeof(marker) - 1 > t.len || memcmp(t.s + q, marker, sizeof(marker) - 1))
			continue;
		mw_buf_add(out, t.s + done, at - done);
		mw_buf_adds(out, "/*_*/__temp__");
		done = p = q + sizeof(marker) - 1;
	}
	mw_buf_add(out, t.s + done, t.len - done);
}

/* Runs one pass from *cur into *spare and swaps them. */
static void
run_pass(mw_buf **cur, mw_buf **spare, void (*fn)(mw_buf *, text))
{
	mw_buf *tmp;

	mw_buf_reset(*spare);
	fn(*spare, (text){ mw_buf_cstr(*cur), (*cur)->len });
	tmp = *cur;
	*cur = *spare;
	*spare = tmp;
}

static void
run_replace(mw_buf **cur, mw_buf **spare, const char *from, const char *to)
{
	mw_buf *tmp;

	mw_buf_reset(*spare);
	replace_all(*spare, (text){ mw_buf_cstr(*cur), (*cur)->len }, from, to);
	tmp = *cur;
	*cur = *spare;
	*spare = tmp;
}

static void
fold_prefix_marker(mw_buf *out, text t)
{
	fold_marker(out, t, "/*_*/", false);
}

static void
fold_table_options(mw_buf *out, text t)
{
	fold_marker(out, t, "/*$wgDBTableOptions*/", true);
}

/* Step 1: MediaWiki's Postgres str_replace() with arrays, pair by pair. */
static void
postgres_replacements(mw_buf **cur, mw_buf **spare)
{
	static const char *const pairs[][2] = {
		{ "WHERE\n ", "WHERE" },
		{ "\n  /*_*/\n  ", " " },
		{ "    ", "  " },
		{ "  );", ");" },
		{ "KEY(\n  ", "KEY(\n    " },
	};

	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
		run_replace(cur, spare, pairs[k][0], pairs[k][1]);
}

void
mw_sqlfmt_cleanup(mw_buf *out, const char *text_in, size_t len, mw_dbms dbms)
{
	mw_buf a = MW_BUF_INIT, b = MW_BUF_INIT;
	mw_buf *cur = &a, *spare = &b;

	mw_buf_add(cur, text_in, len);
	if (dbms == MW_DBMS_POSTGRES)
		postgres_replacements(&cur, &spare);
	run_pass(&cur, &spare, fold_prefix_marker);
	run_pass(&cur, &spare, fold_table_options);
	run_replace(&cur, &spare, ";\n\nCREATE TABLE ", ";\n\n\nCREATE TABLE ");
	run_pass(&cur, &spare, fold_statement_start);
	run_pass(&cur, &spare, break_alter_parts);
	if (!cur->len || cur->data[cur->len - 1] != '\n')
		mw_buf_addc(cur, '\n');
	if (dbms == MW_DBMS_SQLITE) {
		run_pass(&cur, &spare, move_temp_prefix);
		run_replace(&cur, &spare, "\n  /*_*/", " /*_*/");
	}
	mw_buf_add(out, mw_buf_cstr(cur), cur->len);
	mw_buf_release(&a);
	mw_buf_release(&b);
}

bool
mw_sql_is_reserved(mw_dbms dbms, const char *word)
{
	static const unsigned bit[MW_DBMS__COUNT] = {
		[MW_DBMS_MYSQL] = MW_SQLFMT_KW_MYSQL,
		[MW_DBMS_POSTGRES] = MW_SQLFMT_KW_POSTGRES,
		[MW_DBMS_SQLITE] = MW_SQLFMT_KW_SQLITE,
	};

	if (!word || (unsigned)dbms >= MW_DBMS__COUNT)
		return false;
	return (mw_sqlfmt_word_lists(word, strlen(word)) & bit[dbms]) != 0;
}

bool
mw_sql_same_when_printed(const char *a, size_t alen, const char *b, size_t blen)
{
	mw_buf x = MW_BUF_INIT, y = MW_BUF_INIT;
	bool eq;

	mw_sqlfmt_format(&x, a, alen);
	mw_sqlfmt_format(&y, b, blen);
	eq = x.len == y.len && !memcmp(mw_buf_cstr(&x), mw_buf_cstr(&y), x.len);
	mw_buf_release(&x);
	mw_buf_release(&y);
	return eq;
}

