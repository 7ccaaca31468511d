/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the editing requests do: open a form, check the input with the
 * core's validation, apply the edit to the session.
 */
#ifndef MWSCHEMA_TUI_ACTIONS_H
#define MWSCHEMA_TUI_ACTIONS_H

#include "tui/view.h"

struct form;

void action_add_column(struct app *a);
void action_edit(struct app *a);
void action_drop(struct app *a);
void action_rename(struct app *a);
void action_add_index(struct app *a);
void action_set_pk(struct app *a);
void action_new_table(struct app *a);
void action_change_name(struct app *a);
void action_write(struct app *a);
/* :open PATH: amends a change written here, asks for one that has shipped. */
void action_open(struct app *a, const char *path);
void action_commit(struct app *a);
void action_lint(struct app *a);
void action_verify(struct app *a);

/* Lines (newline-terminated) in s. */
size_t count_lines(const char *s);
/* Column form values -> column; problems on the form's fields. 0 or -1. */
int column_from_form(mw_column *out, struct form *f, const mw_column *base);

#endif /* MWSCHEMA_TUI_ACTIONS_H */
