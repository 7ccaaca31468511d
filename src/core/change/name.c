/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The policy's name for a schema change (see mwschema/plan.h): one rule
 * for the name the editor proposes, the name lint suggests and the name
 * the tutorial asks for. It follows from the updater entry's verb, so the
 * name says what the installer is told the patch does.
 */
#include <config.h>

#include "mwschema/plan.h"

#include <stdlib.h>
#include <string.h>

static bool
starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* `base` is prefix + table, alone or followed by "-". */
static bool
names_table(const char *base, const char *prefix, const char *table)
{
	size_t n = strlen(prefix), m = strlen(table);

	return starts_with(base, prefix) && !strncmp(base + n, table, m) &&
	       (base[n + m] == '\0' || base[n + m] == '-');
}

/* `word` appears in `base`, '-' and '_' taken as one (patch-add-ce-event-goals). */
static bool
mentions(const char *base, const char *word)
{
	size_t n = word ? strlen(word) : 0;

	for (const char *p = base; n && *p; p++) {
		size_t i = 0;

		while (i < n && p[i] && (p[i] == word[i] || (strchr("-_", p[i]) && strchr("-_", word[i]))))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static int
entry_of(mw_updater_entry *e, const mw_table *before, const mw_table *after)
{
	mw_change change = { NULL, (mw_table *)before, (mw_table *)after };

	return mw_updater_entry_from_change(e, &change, "");
}

static char *
name_of(const mw_updater_entry *e)
{
	switch (e->verb) {
	case MW_UPD_DROP_TABLE:
		return mw_strdupf("patch-drop-%s", e->table);
	case MW_UPD_ADD_FIELD:
	case MW_UPD_MODIFY_FIELD:
	case MW_UPD_ADD_INDEX:
		return mw_strdupf("patch-%s-%s", e->table, e->name);
	case MW_UPD_DROP_FIELD:
	case MW_UPD_DROP_INDEX:
		return mw_strdupf("patch-drop-%s-%s", e->table, e->name);
	case MW_UPD_RENAME_INDEX:
		return mw_strdupf("patch-%s-%s", e->table, e->new_name);
	case MW_UPD_MODIFY_PK:
		return mw_strdupf("patch-%s-pk", e->table);
	case MW_UPD_ADD_TABLE:
	case MW_UPD_MODIFY_TABLE:
		break;
	}
	return mw_strdupf("patch-%s", e->table);
}

char *
mw_change_name(const mw_table *before, const mw_table *after)
{
	mw_updater_entry e;
	char *name;

	if (entry_of(&e, before, after))
		return mw_xstrdup("patch-new");
	name = name_of(&e);
	mw_updater_entry_clear(&e);
	return name;
}

bool
mw_change_name_fits(const char *base, const mw_table *before, const mw_table *after)
{
	mw_updater_entry e;
	bool ok, drop;

	/* Naming the table or field alone is as clear (patch-add-af_actor, patch-drop-gu_salt). */
	if (!before || !after)
		return after ? names_table(base, "patch-", after->name) || mentions(base, after->name)
		       : before && strstr(base, "drop") && strstr(base, before->name);
	if (entry_of(&e, before, after))
		return true;
	ok = names_table(base, "patch-", after->name) ||
	     names_table(base, "patch-drop-", after->name) || mentions(base, e.name) ||
	     mentions(base, e.new_name);
	for (size_t i = 0; i < e.ncolumns && !ok; i++)
		ok = mentions(base, e.columns[i]);	/* a new key named by its column */
	drop = e.verb == MW_UPD_DROP_FIELD || e.verb == MW_UPD_DROP_INDEX;
	mw_updater_entry_clear(&e);
	return ok && (!drop || strstr(base, "drop"));
}
