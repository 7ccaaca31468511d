/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ConvertibleTimestamp's reading of a timestamp (see mwschema/timestamp.h).
 *
 * The library tries one pattern per format in a fixed order, hands the
 * captured fields to PHP's DateTime::createFromFormat() in UTC, and PHP
 * then normalises whatever is out of range. This file does the same in
 * three steps: match (POSIX regular expressions, character classes spelt
 * out so the locale cannot widen them), the library's per-format fix-ups,
 * and DateTime's arithmetic on a proleptic Gregorian calendar.
 */
#include <config.h>

#include "mwschema/timestamp.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define DG "[0123456789]"
#define UP "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]"
#define LO "[abcdefghijklmnopqrstuvwxyz]"
#define WS "[ \t\r\n]"
#define ZONE_ISO "(Z|[+-]" DG "{2}(:?" DG "{2})?)?"
#define TIME "(" DG "{2}):(" DG "{2}):(" DG "{2})"

enum fixup { FIX_NONE, FIX_PG_ZONE, FIX_RFC2822, FIX_RFC850, FIX_UNIX_MICRO };

struct ts_format {
	const char *pattern;
	const char *fields;	/* per capture group: createFromFormat letter, '-' = none */
	bool final_newline;	/* pattern has no /D: "$" also matches before a final "\n" */
	enum fixup fixup;
};

/* In ConvertibleTimestamp's order: the first pattern that matches decides. */
static const struct ts_format formats[] = {
	{ "^(" DG "{4})(" DG "{2})(" DG "{2})(" DG "{2})(" DG "{2})(" DG "{2})$",
	  "YmdHis", false, FIX_NONE },					/* TS_MW */
	{ "^(-?" DG "{1,13})$", "U", false, FIX_NONE },			/* TS_UNIX */
	{ "^(" DG "{4})-(" DG "{2})-(" DG "{2})[T ]" TIME "([.,](" DG "{1,6}))?" ZONE_ISO "$",
	  "YmdHis-uO-", true, FIX_NONE },				/* ISO 8601, TS_DB */
	{ "^(" DG "{4})(" DG "{2})(" DG "{2})T(" DG "{2})(" DG "{2})(" DG "{2})([.,](" DG
	  "{1,6}))?" ZONE_ISO "$", "YmdHis-uO-", true, FIX_NONE },	/* ISO 8601 basic */
	{ "^(-?" DG "{1,13})\\.(" DG "{1,6})$", "Uu", false, FIX_UNIX_MICRO },
	{ "^(" DG "{2})-(" DG "{2})-(" DG "{4}) " TIME "\\.(" DG "{6})$",
	  "dmYHisu", true, FIX_NONE },					/* TS_ORACLE */
	{ "^(" DG "{4})-(" DG "{2})-(" DG "{2}) " TIME "(\\.(" DG "{1,6}))?([+ -]" DG "{2})$",
	  "YmdHis-uO", true, FIX_PG_ZONE },				/* TS_POSTGRES */
	{ "^(" DG "{4})-(" DG "{2})-(" DG "{2}) " TIME "(\\.(" DG "{1,6}))? GMT$",
	  "YmdHis-u", true, FIX_NONE },					/* old TS_POSTGRES */
	{ "^(" DG "{4}):(" DG "{2}):(" DG "{2}) " TIME "$", "YmdHis", false, FIX_NONE },
	{ "^" WS "*((" UP LO "{2})," WS "*)?(" DG "{1,2})" WS "+(" UP LO "{2})" WS "+(" DG "{2,})"
	  WS "+(" DG "{2})" WS "*:" WS "*(" DG "{2})" WS "*:" WS "*(" DG "{2})(" WS "+([+-]" DG
	  "{4}|UT|GMT|[ECMP][SD]T|[ABCDEFGHIKLMNOPQRSTUVWXYZabcdefghiklmnopqrstuvwxyz]))?(" WS
	  "*;|$)", "-DdMYHis-O-", true, FIX_RFC2822 },
	{ "^(" UP LO "{5,8}), (" DG "{2})-(" UP LO "{2})-(" DG "{2}) " TIME "( ([+-]" DG "{2}(:?"
	  DG "{2})?|" UP "{1,5}))?$", "DdMyHis-O-", true, FIX_RFC850 },
	{ "^(" UP LO "{2}) (" UP LO "{2}) +(" DG "{1,2}) " TIME " (" DG "{4})[ \t\n\r\f\v]*$",
	  "DMdHisY", true, FIX_NONE },					/* asctime */
};

#define NFORMATS (sizeof(formats) / sizeof(*formats))
#define MAX_GROUPS 12

/* The fields createFromFormat("!...") collects; '!' starts from the epoch. */
struct when {
	long long year, month, day, hour, minute, second;
	long long unix;		/* 'U' */
	bool has_unix;
	int weekday;		/* 'D': 0 = Sunday, -1 = none */
	long long offset;	/* 'O': seconds east of UTC */
};

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long long
floor_mod(long long a, long long b)
{
	return a - floor_div(a, b) * b;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
static long long
days_from_civil(long long y, long long m, long long d)
{
	long long era, yoe, doy;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void
civil_from_days(long long z, long long *y, long long *m, long long *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* 'M': PHP knows month names, abbreviations and Roman numerals. */
static bool
parse_month(const char *word, long long *month)
{
	static const char *const names[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
		"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (!strcasecmp(word, names[i])) {
			*month = (long long)(i % 12) + 1;
			return true;
		}
	}
	return false;
}

/*
 * 'D': PHP looks the word up among its relative-time units and uses the
 * unit's number as a weekday (0 = Sunday): day names as expected, but also
 * "Sec", "Minute", "Weekday" (1, Monday) and "Fortnight" (14). Only words
 * the patterns let through (three letters, or six to nine) are listed.
 */
static bool
parse_weekday(const char *word, int *weekday)
{
	static const struct { const char *name; int value; } units[] = {
		{ "sun", 0 }, { "mon", 1 }, { "tue", 2 }, { "wed", 3 }, { "thu", 4 }, { "fri", 5 },
		{ "sat", 6 }, { "sunday", 0 }, { "monday", 1 }, { "tuesday", 2 },
		{ "wednesday", 3 }, { "thursday", 4 }, { "friday", 5 }, { "saturday", 6 },
		{ "sundays", 0 }, { "mondays", 1 }, { "tuesdays", 2 }, { "thursdays", 4 },
		{ "fridays", 5 }, { "saturdays", 6 }, { "sec", 1 }, { "min", 1 }, { "day", 1 },
		{ "second", 1 }, { "seconds", 1 }, { "minute", 1 }, { "minutes", 1 },
		{ "months", 1 }, { "weekday", 1 }, { "weekdays", 1 }, { "fortnight", 14 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
		if (!strcasecmp(word, units[i].name)) {
			*weekday = units[i].value;
			return true;
		}
	}
	return false;
}

/* Time-zone abbreviations with the offset PHP gives each (its first entry). */
static bool
zone_abbreviation(const char *word, long long *offset)
{
	static const struct { const char *name; int minutes; } zones[] = {
		{ "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 }, { "west", 60 },
		{ "bst", 60 }, { "cet", 60 }, { "cest", 120 }, { "eet", 120 }, { "eest", 180 },
		{ "ist", 120 }, { "msk", 180 }, { "sast", 120 }, { "wib", 420 }, { "hkt", 480 },
		{ "jst", 540 }, { "kst", 510 }, { "aest", 600 }, { "nzst", 720 },
		{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
		{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
		{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	};
	char c = word[0] | 0x20;

	for (size_t i = 0; i < sizeof(zones) / sizeof(*zones); i++) {
		if (!strcasecmp(word, zones[i].name)) {
			*offset = zones[i].minutes * 60LL;
			return true;
		}
	}
	/* Military letters: A-I = +1..+9, K-M = +10..+12, N-Y = -1..-12 (no J). */
	if (word[1] || c < 'a' || c > 'y' || c == 'j')
		return false;
	*offset = 3600LL * (c <= 'i' ? c - 'a' + 1 : c <= 'm' ? c - 'k' + 10 : -(c - 'n' + 1));
	return true;
}

/* 'O': "+hh", "+hhmm", "+hh:mm" or an abbreviation. */
static bool
parse_zone(const char *v, long long *offset)
{
	int sign = *v == '-' ? -1 : 1;
	long long h, m = 0;

	if (*v != '+' && *v != '-')
		return zone_abbreviation(v, offset);
	h = (v[1] - '0') * 10 + (v[2] - '0');
	v += 3;
	if (*v == ':')
		v++;
	if (*v)
		m = (v[0] - '0') * 10 + (v[1] - '0');
	*offset = sign * (h * 3600 + m * 60);
	return true;
}

/* One createFromFormat() field; false where PHP reports an error. */
static bool
set_field(struct when *w, char letter, const char *v)
{
	switch (letter) {
	case 'Y':
		/* 'Y' reads at most four digits; a fifth is trailing data */
		w->year = atoll(v);
		return strlen(v) <= 4;
	case 'm': w->month = atoll(v); return true;
	case 'd': w->day = atoll(v); return true;
	case 'H': w->hour = atoll(v); return true;
	case 'i': w->minute = atoll(v); return true;
	case 's': w->second = atoll(v); return true;
	case 'u': return true;	/* fractions never reach whole seconds */
	case 'U': w->unix = atoll(v); w->has_unix = true; return true;
	case 'M': return parse_month(v, &w->month);
	case 'D': return parse_weekday(v, &w->weekday);
	case 'O': return parse_zone(v, &w->offset);
	default: return false;
	}
}

/* RFC 850's two-digit year: within 50 years after the current one. */
static long long
pivot_year(long long yy)
{
	time_t now = time(NULL);
	struct tm tm;
	long long pivot, y;

	gmtime_r(&now, &tm);
	pivot = tm.tm_year + 1900LL + 50;
	y = pivot - pivot % 100 + yy;
	return y > pivot ? y - 100 : y;
}

/*
 * The library's changes to one captured field before DateTime sees it.
 * Writes the value to use into `buf` (or returns `v`) and may change the
 * format letter.
 */
static const char *
fix_field(enum fixup fix, char *letter, const char *v, char *buf, size_t size)
{
	if (fix == FIX_PG_ZONE && *letter == 'O' && *v == ' ') {
		snprintf(buf, size, "+%s", v + 1);
		return buf;
	}
	if (fix == FIX_RFC850 && *letter == 'y') {
		*letter = 'Y';
		snprintf(buf, size, "%lld", pivot_year(atoll(v)));
		return buf;
	}
	if (fix == FIX_RFC2822 && *letter == 'Y' && strtod(v, NULL) < 1000) {
		long long y = (long long)strtod(v, NULL);

		snprintf(buf, size, "%lld", y + (y < 50 ? 2000 : 1900));
		return buf;
	}
	if (fix == FIX_RFC2822 && *letter == 'O' && (!strcmp(v, "UT") || !v[1]))
		return v[1] ? "UTC" : "+0000";
	return v;
}

/* ConvertibleTimestamp's negative TS_UNIX_MICRO: "-1.2" means -1.2 seconds. */
static void
fix_unix_micro(struct when *w, const char *micro)
{
	if (w->unix < 0 && strtoll(micro, NULL, 10) > 0)
		w->unix--;
}

/* Hands the non-empty captured groups to set_field(), as the library does. */
static bool
collect(const struct ts_format *f, const char *text, const regmatch_t *g, struct when *w)
{
	const char *micro = NULL;

	for (size_t k = 0; f->fields[k]; k++) {
		char letter = f->fields[k], v[64], buf[80];
		const char *fixed;
		regoff_t len = g[k + 1].rm_eo - g[k + 1].rm_so;

		if (letter == '-' || g[k + 1].rm_so < 0 || len == 0)
			continue;
		if ((size_t)len >= sizeof(v))
			return false;
		memcpy(v, text + g[k + 1].rm_so, (size_t)len);
		v[len] = '\0';
		if (letter == 'u')
			micro = text + g[k + 1].rm_so;
		/* fix_field may change the letter: call it before set_field reads it. */
		fixed = fix_field(f->fixup, &letter, v, buf, sizeof(buf));
		if (!set_field(w, letter, fixed))
			return false;
	}
	if (f->fixup == FIX_UNIX_MICRO && micro)
		fix_unix_micro(w, micro);
	return true;
}

/* The compiled patterns, made once (the program is single-threaded). */
static const regex_t *
compiled(size_t i)
{
	static regex_t re[NFORMATS];
	static bool done[NFORMATS], bad[NFORMATS];

	if (!done[i]) {
		bad[i] = regcomp(&re[i], formats[i].pattern, REG_EXTENDED) != 0;
		done[i] = true;
	}
	return bad[i] ? NULL : &re[i];
}

/* Matches one pattern, allowing the final "\n" where PCRE's "$" would. */
static bool
match(size_t i, const char *text, regmatch_t *g, char **matched)
{
	const regex_t *re = compiled(i);
	size_t len = strlen(text);
	bool ok;

	*matched = mw_xstrdup(text);
	if (!re)
		return false;
	ok = !regexec(re, *matched, MAX_GROUPS, g, 0);
	if (!ok && formats[i].final_newline && len && text[len - 1] == '\n') {
		(*matched)[len - 1] = '\0';
		ok = !regexec(re, *matched, MAX_GROUPS, g, 0);
	}
	return ok;
}

/*
 * DateTime's arithmetic: the local date and time normalised as a whole,
 * then moved forward to the weekday (on the local date), then the zone.
 */
static long long
instant(const struct when *w)
{
	long long month0 = w->month - 1, days, local, ahead;

	if (w->has_unix)
		return w->unix;
	days = days_from_civil(w->year + floor_div(month0, 12), floor_mod(month0, 12) + 1, 1) +
	       w->day - 1;
	local = days * 86400 + w->hour * 3600 + w->minute * 60 + w->second;
	if (w->weekday >= 0) {
		/* 1970-01-01 was a Thursday */
		ahead = w->weekday - floor_mod(floor_div(local, 86400) + 4, 7);
		local += 86400 * (ahead < 0 ? ahead + 7 : ahead);
	}
	return local - w->offset;
}

bool
mw_timestamp_parse(const char *text, long long *unix_seconds)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		struct when w = { 1970, 1, 1, 0, 0, 0, 0, false, -1, 0 };
		regmatch_t g[MAX_GROUPS];
		char *matched = NULL;
		bool ok;

		if (!match(i, text, g, &matched)) {
			free(matched);
			continue;
		}
		ok = collect(&formats[i], matched, g, &w);
		free(matched);
		if (ok)
			*unix_seconds = instant(&w);
		return ok;	/* the first matching format decides */
	}
	return false;
}

void
mw_timestamp_format_postgres(mw_buf *out, long long t)
{
	long long days = floor_div(t, 86400), sod = floor_mod(t, 86400), y, m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0)
		mw_buf_addf(out, "-%04lld", -y);
	else
		mw_buf_addf(out, "%04lld", y);
	mw_buf_addf(out, "-%02lld-%02lld %02lld:%02lld:%02lld+00", m, d, sod / 3600,
		    sod / 60 % 60, sod % 60);
}

bool
mw_timestamp_to_postgres(mw_buf *out, const char *text)
{
	long long t;

	if (!mw_timestamp_parse(text, &t))
		return false;
	mw_timestamp_format_postgres(out, t);
	return true;
}
