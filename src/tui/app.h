/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Setting up and freeing the application state (views over a session).
 */
#ifndef MWSCHEMA_TUI_APP_H
#define MWSCHEMA_TUI_APP_H

#include "tui/view.h"

void app_init(struct app *a, struct session *s);
/* Frees the windows and messages; not the session. */
void app_free(struct app *a);

#endif /* MWSCHEMA_TUI_APP_H */
