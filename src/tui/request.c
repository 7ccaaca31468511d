/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The request table built from REQ_INFO: names, help texts and lookup.
 */
#include <config.h>

#include "tui/request.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

struct request_info {
	const char *group;	/* group title, or NULL on request rows */
	enum request req;
	const char *id;		/* "ADD_COLUMN" */
	const char *help;
};

#define REQ_GROUP_ROW(name) { name, REQ_NONE, NULL, NULL },
#define REQ_ROW(id, help) { NULL, REQ_##id, #id, help },

static const struct request_info request_table[] = {
	REQ_INFO(REQ_GROUP_ROW, REQ_ROW)
};

#define N_ROWS (sizeof(request_table) / sizeof(*request_table))

/* Names are derived once from the enum spelling: ADD_COLUMN -> add-column. */
static char request_names[REQ_COUNT][32];

static const struct request_info *
request_row(enum request req)
{
	for (size_t i = 0; i < N_ROWS; i++)
		if (!request_table[i].group && request_table[i].req == req)
			return &request_table[i];
	return NULL;
}

const char *
request_name(enum request req)
{
	const struct request_info *row = request_row(req);
	char *name;

	if (!row)
		return NULL;
	name = request_names[req];
	if (!*name) {
		size_t i;

		for (i = 0; row->id[i] && i + 1 < sizeof(request_names[0]); i++)
			name[i] = row->id[i] == '_' ? '-' : (char)tolower((unsigned char)row->id[i]);
		name[i] = 0;
	}
	return name;
}

const char *
request_help(enum request req)
{
	const struct request_info *row = request_row(req);

	return row ? row->help : NULL;
}

enum request
request_from_name(const char *name)
{
	for (int req = REQ_NONE + 1; req < REQ_COUNT; req++) {
		const char *n = request_name((enum request)req);
		size_t i;

		for (i = 0; n[i] && name[i]; i++)
			if (n[i] != (name[i] == '_' ? '-' : name[i]))
				break;
		if (!n[i] && !name[i])
			return (enum request)req;
	}
	return REQ_NONE;
}

void
request_foreach(request_visit_fn fn, void *data)
{
	for (size_t i = 0; i < N_ROWS; i++)
		fn(request_table[i].group, request_table[i].req, data);
}

/* vim: set ts=8 sw=8 noexpandtab: */
