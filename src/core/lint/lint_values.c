/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plain-values: the data of a schema (enum values, defaults, comments) in
 * characters every tool shows and every engine reads the same way. Names
 * are checked when the file is loaded (ident.h); these values may hold more,
 * so lint warns where they become a trap.
 */
#include <config.h>

#include "core/lint/internal.h"

#include <stdlib.h>
#include <string.h>

/* A control character, DEL, or an invisible one that reorders or hides text. */
static const char *
hidden_char(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return "a control character or a line break";
		/* U+200B..U+200F, U+202A..U+202E, U+2066..U+2069, U+FEFF (UTF-8) */
		if ((p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) ||
						      (p[2] >= 0xAA && p[2] <= 0xAE))) ||
		    (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) ||
		    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
			return "an invisible character that reorders or hides text";
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return "a control character";
	}
	return NULL;
}

static void
check_text(struct lint_ctx *ctx, const char *text, char *path, const char *what)
{
	const char *why = text ? hidden_char(text) : NULL;

	if (why)
		lint_report(ctx, path, "remove it; write what it should say in plain characters",
			    "%s has %s", what, why);
	free(path);
}

static void
check_enum(struct lint_ctx *ctx, size_t col, const mw_column *c)
{
	const char *bag = c->opt_in_custom & MW_OPT_ENUM_VALUES ? "CustomSchemaOptions" :
			  "PlatformOptions";

	for (size_t i = 0; i < c->n_enum_values; i++) {
		char *suffix = mw_strdupf("/options/%s/enum_values/%zu", bag, i);
		char *path = lint_item_path(ctx->tpath, "columns", col, suffix);

		free(suffix);
		if (strpbrk(c->enum_values[i], "'\\")) {
			lint_report(ctx, path, "use a value without quotes or backslashes",
				    "enum value of column '%s' has a quote or a backslash: MediaWiki "
				    "writes enum values into the SQL as they are, so the statement "
				    "breaks (and verify will not run it)", c->name);
			free(path);
			continue;
		}
		check_text(ctx, c->enum_values[i], path, "an enum value");
	}
}

void
check_plain_values(struct lint_ctx *ctx)
{
	const mw_table *t = ctx->table;

	check_text(ctx, t->comment, mw_strdupf("%s/comment", ctx->tpath), "the table comment");
	for (size_t i = 0; i < t->ncolumns; i++) {
		const mw_column *c = &t->columns[i];

		check_enum(ctx, i, c);
		if (c->deflt.kind == MW_V_STRING)
			check_text(ctx, c->deflt.text,
				   lint_item_path(ctx->tpath, "columns", i, "/options/default"),
				   "the default");
		check_text(ctx, c->comment, lint_item_path(ctx->tpath, "columns", i, "/comment"),
			   "the column comment");
	}
	for (size_t i = 0; i < t->nindexes; i++)
		check_text(ctx, t->indexes[i].comment,
			   lint_item_path(ctx->tpath, "indexes", i, "/comment"), "the index comment");
}
