/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reports of diagnostics as text, JSON and SARIF 2.1.0 (see mwschema/report.h).
 * Every string of the JSON goes through mw_report_json_string so the output
 * is always valid JSON.
 */
#include <config.h>

#include "mwschema/report.h"

#include <string.h>

bool
mw_report_format_from_name(const char *name, mw_report_format *out)
{
	static const char *const names[] = { "text", "json", "sarif" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (!strcmp(name, names[i])) {
			*out = (mw_report_format)i;
			return true;
		}
	}
	return false;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not valid. */
static size_t
utf8_sequence(const unsigned char *s)
{
	size_t n;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void
mw_report_json_string(mw_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		mw_buf_adds(out, "null");
		return;
	}
	mw_buf_addc(out, '"');
	while (*p) {
		size_t n = utf8_sequence(p);

		if (*p == '"' || *p == '\\')
			mw_buf_addf(out, "\\%c", *p);
		else if (*p == '\n')
			mw_buf_adds(out, "\\n");
		else if (*p == '\t')
			mw_buf_adds(out, "\\t");
		else if (*p == '\r')
			mw_buf_adds(out, "\\r");
		else if (*p < 0x20 || *p == 0x7F)
			mw_buf_addf(out, "\\u%04x", *p);
		else if (n == 0)
			mw_buf_adds(out, "\\ufffd");
		else
			mw_buf_add(out, p, n);
		p += n ? n : 1;
	}
	mw_buf_addc(out, '"');
}

void
mw_report_uri(mw_buf *out, const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '/')
		mw_buf_adds(out, "file://");
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (*p < 0x80 && strchr(keep, *p)))
			mw_buf_addc(out, (char)*p);
		else
			mw_buf_addf(out, "%%%02X", *p);
	}
}

static void
write_text(mw_buf *out, const mw_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		mw_diag_format(out, &diags->items[i]);
		mw_buf_addc(out, '\n');
	}
}

/* "key": value pairs; a position of 0 (unknown) is null. */
static void
json_member(mw_buf *out, const char *key, const char *value, bool last)
{
	mw_buf_addf(out, "\"%s\": ", key);
	mw_report_json_string(out, value);
	mw_buf_adds(out, last ? "" : ", ");
}

static void
json_int_member(mw_buf *out, const char *key, int value)
{
	if (value > 0)
		mw_buf_addf(out, "\"%s\": %d, ", key, value);
	else
		mw_buf_addf(out, "\"%s\": null, ", key);
}

static void
write_json(mw_buf *out, const mw_diags *diags)
{
	mw_buf_adds(out, "[");
	for (size_t i = 0; i < diags->n; i++) {
		const mw_diag *d = &diags->items[i];

		mw_buf_adds(out, i ? ",\n  {" : "\n  {");
		json_member(out, "rule", d->rule, false);
		json_member(out, "severity", mw_severity_name(d->severity), false);
		json_member(out, "file", d->file, false);
		json_int_member(out, "line", d->line);
		json_int_member(out, "column", d->column);
		json_member(out, "json_path", d->path, false);
		json_member(out, "message", d->message, false);
		json_member(out, "hint", d->hint, true);
		mw_buf_adds(out, "}");
	}
	mw_buf_adds(out, diags->n ? "\n]\n" : "]\n");
}

static const char *
sarif_level(mw_severity sev)
{
	return sev == MW_SEV_ERROR ? "error" : sev == MW_SEV_WARNING ? "warning" : "note";
}

static void
sarif_rule(mw_buf *out, const mw_report_rule *r)
{
	mw_buf_adds(out, "{\"id\": ");
	mw_report_json_string(out, r->id);
	mw_buf_adds(out, ",\n            \"shortDescription\": {\"text\": ");
	mw_report_json_string(out, r->summary);
	mw_buf_adds(out, "},\n            \"fullDescription\": {\"text\": ");
	mw_report_json_string(out, r->explanation);
	mw_buf_adds(out, "},\n            \"help\": {\"text\": ");
	mw_report_json_string(out, r->explanation);
	mw_buf_addf(out, "},\n            \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    sarif_level(r->severity));
}

static long
rule_index(const mw_report_tool *tool, const char *id)
{
	for (size_t i = 0; tool && id && i < tool->nrules; i++)
		if (!strcmp(tool->rules[i].id, id))
			return (long)i;
	return -1;
}

static void
sarif_location(mw_buf *out, const mw_diag *d)
{
	mw_buf_adds(out, ",\n          \"locations\": [{\"physicalLocation\": "
			 "{\"artifactLocation\": {\"uri\": \"");
	mw_report_uri(out, d->file);
	mw_buf_adds(out, "\"}");
	if (d->line > 0) {
		mw_buf_addf(out, ", \"region\": {\"startLine\": %d", d->line);
		if (d->column > 0)
			mw_buf_addf(out, ", \"startColumn\": %d", d->column);
		mw_buf_adds(out, "}");
	}
	mw_buf_adds(out, "}");
	if (d->path && *d->path) {
		mw_buf_adds(out, ", \"logicalLocations\": [{\"fullyQualifiedName\": ");
		mw_report_json_string(out, d->path);
		mw_buf_adds(out, "}]");
	}
	mw_buf_adds(out, "}]");
}

static void
sarif_result(mw_buf *out, const mw_diag *d, const mw_report_tool *tool)
{
	long idx = rule_index(tool, d->rule);

	mw_buf_adds(out, "{");
	if (d->rule) {
		mw_buf_adds(out, "\"ruleId\": ");
		mw_report_json_string(out, d->rule);
		if (idx >= 0)
			mw_buf_addf(out, ", \"ruleIndex\": %ld", idx);
		mw_buf_adds(out, ",\n          ");
	}
	mw_buf_addf(out, "\"level\": \"%s\",\n          \"message\": {\"text\": ",
		    sarif_level(d->severity));
	mw_report_json_string(out, d->message);
	mw_buf_adds(out, "}");
	if (d->file)
		sarif_location(out, d);
	if (d->hint) {
		mw_buf_adds(out, ",\n          \"properties\": {\"hint\": ");
		mw_report_json_string(out, d->hint);
		mw_buf_adds(out, "}");
	}
	mw_buf_adds(out, "}");
}

static void
write_sarif(mw_buf *out, const mw_diags *diags, const mw_report_tool *tool)
{
	mw_buf_adds(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
			 "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
			 "      \"tool\": {\"driver\": {\"name\": ");
	mw_report_json_string(out, tool && tool->name ? tool->name : "mwschema");
	if (tool && tool->version) {
		mw_buf_adds(out, ", \"version\": ");
		mw_report_json_string(out, tool->version);
	}
	mw_buf_adds(out, ",\n        \"rules\": [");
	for (size_t i = 0; tool && i < tool->nrules; i++) {
		mw_buf_adds(out, i ? ",\n          " : "\n          ");
		sarif_rule(out, &tool->rules[i]);
	}
	mw_buf_adds(out, "]}},\n      \"columnKind\": \"unicodeCodePoints\",\n"
			 "      \"results\": [");
	for (size_t i = 0; i < diags->n; i++) {
		mw_buf_adds(out, i ? ",\n        " : "\n        ");
		sarif_result(out, &diags->items[i], tool);
	}
	mw_buf_adds(out, "]\n    }\n  ]\n}\n");
}

void
mw_report_write(mw_buf *out, mw_report_format fmt, const mw_diags *diags,
		const mw_report_tool *tool)
{
	switch (fmt) {
	case MW_REPORT_TEXT:
		write_text(out, diags);
		break;
	case MW_REPORT_JSON:
		write_json(out, diags);
		break;
	case MW_REPORT_SARIF:
		write_sarif(out, diags, tool);
		break;
	}
}
