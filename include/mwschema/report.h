/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing a list of diagnostics for people and for tools: plain text (one
 * "file:line:col: severity: message [rule]" line each), a JSON array, or a
 * SARIF 2.1.0 log that code-review tools can show inline. Used by `lint` and
 * by `check`; the JSON is written here with a complete string escaper.
 */
#ifndef MWSCHEMA_REPORT_H
#define MWSCHEMA_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"
#include "mwschema/diag.h"

typedef enum mw_report_format {
	MW_REPORT_TEXT,
	MW_REPORT_JSON,
	MW_REPORT_SARIF,
} mw_report_format;

/* "text", "json", "sarif". */
bool mw_report_format_from_name(const char *name, mw_report_format *out);

/* What SARIF's tool.driver.rules lists; diagnostics refer to it by id. */
typedef struct mw_report_rule {
	const char *id;
	const char *summary;		/* shortDescription: one sentence */
	const char *explanation;	/* fullDescription and help: one paragraph */
	mw_severity severity;		/* defaultConfiguration.level */
} mw_report_rule;

typedef struct mw_report_tool {
	const char *name;		/* "mwschema" */
	const char *version;
	const mw_report_rule *rules;
	size_t nrules;
} mw_report_tool;

/*
 * Appends the whole report for `diags` to `out`. `tool` is needed for SARIF
 * only (NULL gives an empty rule list). Diagnostics without a rule (load
 * errors) are reported without ruleId in SARIF and with "rule": null in JSON.
 * Every format ends with a newline; the text format of an empty list is "".
 */
void mw_report_write(mw_buf *out, mw_report_format fmt, const mw_diags *diags,
		     const mw_report_tool *tool);

/*
 * A JSON string literal for `s` (quotes included), escaping ", \ and every
 * control character; bytes >= 0x80 are copied, except invalid UTF-8, which
 * becomes U+FFFD so that the output is always valid JSON. NULL gives null.
 */
void mw_report_json_string(mw_buf *out, const char *s);

/* A file path as a URI reference (RFC 3986): relative paths stay relative, absolute become file://. */
void mw_report_uri(mw_buf *out, const char *path);

#endif /* MWSCHEMA_REPORT_H */
