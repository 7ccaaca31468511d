/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MediaWiki timestamps as wikimedia/timestamp's ConvertibleTimestamp reads
 * them: every input format it accepts (TS_MW, TS_UNIX, ISO 8601 with and
 * without separators, TS_UNIX_MICRO, TS_ORACLE, TS_POSTGRES old and new,
 * TS_EXIF, RFC 2822, RFC 850, asctime), with PHP DateTime's normalisation
 * (month 0, day 0, 25:61:61 roll over), time zones and weekday names.
 * MediaWiki's PostgreSQL platform converts every mwtimestamp default
 * through it, so "00000000000000" becomes '-0001-11-30 00:00:00+00'.
 */
#ifndef MWSCHEMA_TIMESTAMP_H
#define MWSCHEMA_TIMESTAMP_H

#include <stdbool.h>

#include "mwschema/buf.h"

/*
 * Parses `text` as ConvertibleTimestamp does and stores the instant in
 * *unix_seconds (UTC, fractions dropped towards minus infinity). False when
 * ConvertibleTimestamp would throw (no format matches, or PHP rejects the
 * fields), or when the input needs a time-zone abbreviation this module does
 * not know.
 */
bool mw_timestamp_parse(const char *text, long long *unix_seconds);

/* TS_POSTGRES of an instant: "YYYY-MM-DD hh:mm:ss+00" (PHP's 'Y': "-0001", "10000"). */
void mw_timestamp_format_postgres(mw_buf *out, long long unix_seconds);

/* Both: false (out untouched) when `text` is not a timestamp. */
bool mw_timestamp_to_postgres(mw_buf *out, const char *text);

#endif /* MWSCHEMA_TIMESTAMP_H */
