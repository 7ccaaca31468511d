/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session's message log: every status message the editor showed, in
 * full (the status line may cut them), for `:messages` and the key that
 * opens the last one. Curses-free, so that Check tests read it.
 */
#ifndef MWSCHEMA_EDITOR_MSGLOG_H
#define MWSCHEMA_EDITOR_MSGLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mwschema/buf.h"

struct msg {
	char *text;
	bool error;
	time_t when;
};

struct msglog {
	struct msg *v;
	size_t n, cap;
	size_t dropped;		/* the oldest ones, beyond MSGLOG_MAX */
};

#define MSGLOG_MAX 1000

void msglog_add(struct msglog *l, bool error, const char *text);
/* The last message, NULL when none. */
const struct msg *msglog_last(const struct msglog *l);
/* One message a line, oldest first: "12:04:05 error  text". */
void msglog_format(const struct msglog *l, mw_buf *out);
void msglog_free(struct msglog *l);

#endif /* MWSCHEMA_EDITOR_MSGLOG_H */
