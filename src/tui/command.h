/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The main loop's dispatch: requests from keys (view first, then global,
 * like tig's view_driver) and ':' commands.
 */
#ifndef MWSCHEMA_TUI_COMMAND_H
#define MWSCHEMA_TUI_COMMAND_H

#include "tui/view.h"

void app_request(struct app *a, enum request req);
/* Runs one command line (without the ':'). */
void app_command(struct app *a, const char *line);
/* The help text, generated from the requests and the key bindings. */
void help_text(mw_buf *out);

#endif /* MWSCHEMA_TUI_COMMAND_H */
