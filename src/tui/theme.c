/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Theme elements -> curses attributes. Colour pairs are created on first
 * use and shared between elements with the same (fg, bg); pair 0 is the
 * terminal default and never allocated (tig's COLOR_ID).
 */
#include <config.h>

#include "tui/theme.h"
#include "tui/curses.h"

#include "mwschema/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct style {
	short fg, bg;	/* -1 = terminal default */
	int attr;	/* A_BOLD | ... */
	int pair;	/* 0 = not allocated yet */
};

static struct style styles[ELEM_COUNT];
static int colors_on;
static struct {
	short fg, bg;
} pairs[256];
static int npairs;

#define ELEMENT_NAME(id, name) name,
static const char *const element_names[ELEM_COUNT] = { ELEMENT_INFO(ELEMENT_NAME) };

static const struct {
	const char *name;
	int value;
} color_names[] = {
	{ "default", -1 }, { "black", COLOR_BLACK }, { "red", COLOR_RED },
	{ "green", COLOR_GREEN }, { "yellow", COLOR_YELLOW }, { "blue", COLOR_BLUE },
	{ "magenta", COLOR_MAGENTA }, { "cyan", COLOR_CYAN }, { "white", COLOR_WHITE },
};

static const struct {
	const char *name;
	int value;
} attr_names[] = {
	{ "normal", A_NORMAL }, { "bold", A_BOLD }, { "reverse", A_REVERSE },
	{ "underline", A_UNDERLINE }, { "dim", A_DIM }, { "standout", A_STANDOUT },
	{ "italic", A_ITALIC }, { "blink", A_BLINK },
};

const char *
element_name(enum element e)
{
	return (unsigned)e < ELEM_COUNT ? element_names[e] : "?";
}

static int
element_from_name(const char *name)
{
	for (int i = 0; i < ELEM_COUNT; i++)
		if (!strcasecmp(element_names[i], name))
			return i;
	return -1;
}

static int
parse_color(const char *word, short *out)
{
	char *end;
	long n;

	for (size_t i = 0; i < sizeof(color_names) / sizeof(*color_names); i++) {
		if (!strcasecmp(color_names[i].name, word)) {
			*out = (short)color_names[i].value;
			return 0;
		}
	}
	n = strtol(word, &end, 10);
	if (*word && !*end && n >= 0 && n < 256) {
		*out = (short)n;
		return 0;
	}
	return -1;
}

static int
parse_attr(const char *word, int *out)
{
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(*attr_names); i++) {
		if (!strcasecmp(attr_names[i].name, word)) {
			*out |= attr_names[i].value;
			return 0;
		}
	}
	return -1;
}

int
theme_set_color(int argc, char *const argv[], mw_buf *err)
{
	struct style st = { -1, -1, 0, 0 };
	int e;

	if (argc < 3) {
		mw_buf_adds(err, "color needs an element, a foreground and a background");
		return -1;
	}
	e = element_from_name(argv[0]);
	if (e < 0) {
		mw_buf_addf(err, "unknown element '%s'", argv[0]);
		return -1;
	}
	if (parse_color(argv[1], &st.fg) || parse_color(argv[2], &st.bg)) {
		mw_buf_addf(err, "unknown colour '%s'", parse_color(argv[1], &st.fg) ? argv[1] : argv[2]);
		return -1;
	}
	for (int i = 3; i < argc; i++) {
		if (parse_attr(argv[i], &st.attr)) {
			mw_buf_addf(err, "unknown attribute '%s'", argv[i]);
			return -1;
		}
	}
	styles[e] = st;
	return 0;
}

/* Splits one line into words in place; '#' starts a comment. */
static int
split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;

	while (*p && argc < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
	return argc;
}

int
theme_load_text(const char *text, const char *label, mw_buf *err)
{
	char *copy = mw_xstrdup(text);
	char *line = copy;
	int lineno = 0, rc = 0;

	while (line) {
		char *next = strchr(line, '\n');
		char *argv[16];
		int argc;

		if (next)
			*next++ = 0;
		lineno++;
		argc = split_words(line, argv, 16);
		if (argc && !strcmp(argv[0], "color")) {
			mw_buf msg = MW_BUF_INIT;

			if (theme_set_color(argc - 1, argv + 1, &msg)) {
				mw_buf_addf(err, "%s:%d: %s\n", label, lineno, mw_buf_cstr(&msg));
				rc = -1;
			}
			mw_buf_release(&msg);
		}
		line = next;
	}
	free(copy);
	return rc;
}

static char current_theme[64] = "default";

const char *
theme_current(void)
{
	return current_theme;
}

/* Forgets the styles and the colour pairs: every element plain. */
static void
theme_reset(void)
{
	for (int i = 0; i < ELEM_COUNT; i++)
		styles[i] = (struct style){ -1, -1, 0, 0 };
	npairs = 0;
}

void
theme_init(int use_color)
{
	mw_buf err = MW_BUF_INIT;

	colors_on = use_color;
	theme_reset();
	theme_load_text(builtin_themes[0].text, "default.theme", &err);
	mw_buf_release(&err);
}

/* A theme file by name: the user's themes, then the installed ones (caller frees). */
static char *
theme_file(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *file = mw_strdupf("%s.theme", name), *path = NULL;

	if (strchr(name, '/'))
		path = mw_xstrdup(name);
	else if (xdg && *xdg)
		path = mw_strdupf("%s/mwschema/themes/%s", xdg, file);
	else if (home && *home)
		path = mw_strdupf("%s/.config/mwschema/themes/%s", home, file);
	if (path && !mw_file_exists(path)) {
		free(path);
		path = strchr(name, '/') ? NULL : mw_path_join(MW_PKGDATADIR, file);
	}
	if (path && !mw_file_exists(path)) {
		free(path);
		path = NULL;
	}
	free(file);
	return path;
}

/* The theme's text: built in, or read from its file. 0 or -1. */
static int
theme_text(mw_buf *out, char **label, const char *name, mw_buf *err)
{
	char *path;
	int rc;

	for (size_t i = 0; builtin_themes[i].name; i++) {
		if (!strcmp(builtin_themes[i].name, name)) {
			mw_buf_adds(out, builtin_themes[i].text);
			*label = mw_strdupf("%s.theme", name);
			return 0;
		}
	}
	path = theme_file(name);
	if (!path) {
		mw_buf_addf(err, "unknown theme '%s' (built in:", name);
		for (size_t i = 0; builtin_themes[i].name; i++)
			mw_buf_addf(err, " %s", builtin_themes[i].name);
		mw_buf_adds(err, ")");
		return -1;
	}
	rc = mw_read_file(out, path, err);
	*label = path;
	return rc;
}

int
theme_select(const char *name, mw_buf *err)
{
	struct style saved[ELEM_COUNT];
	mw_buf text = MW_BUF_INIT;
	char *label = NULL;
	int rc = theme_text(&text, &label, name, err);

	memcpy(saved, styles, sizeof(styles));
	if (!rc) {
		int saved_pairs = npairs;

		theme_reset();
		rc = theme_load_text(mw_buf_cstr(&text), label, err);
		if (rc) {
			/* A broken theme file leaves the screen as it was. */
			memcpy(styles, saved, sizeof(styles));
			npairs = saved_pairs;
		} else
			snprintf(current_theme, sizeof(current_theme), "%s", name);
	}
	free(label);
	mw_buf_release(&text);
	return rc;
}

static int
pair_for(short fg, short bg)
{
	/* 0-255 in a theme: a terminal with fewer colours shows its default. */
	if (fg >= COLORS)
		fg = -1;
	if (bg >= COLORS)
		bg = -1;
	for (int i = 0; i < npairs; i++)
		if (pairs[i].fg == fg && pairs[i].bg == bg)
			return i + 1;
	if (npairs + 1 >= COLOR_PAIRS || npairs + 1 >= 256)
		return 0;
	pairs[npairs].fg = fg;
	pairs[npairs].bg = bg;
	npairs++;
	init_pair((short)npairs, fg, bg);
	return npairs;
}

int
theme_attr(enum element e)
{
	struct style *st = &styles[(unsigned)e < ELEM_COUNT ? e : ELEM_DEFAULT];

	if (!colors_on)
		return st->attr;
	if (!st->pair) {
		/* Colour themes use reverse only as a monochrome hint. */
		st->pair = (st->fg == -1 && st->bg == -1) ? -1 : pair_for(st->fg, st->bg);
	}
	if (st->pair > 0)
		return (st->attr & ~A_REVERSE) | (int)COLOR_PAIR(st->pair);
	return st->attr;
}

/* vim: set ts=8 sw=8 noexpandtab: */
