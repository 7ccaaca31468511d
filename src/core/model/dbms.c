/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Platform names (see mwschema/dbms.h).
 */
#include <config.h>

#include "mwschema/dbms.h"

#include <strings.h>

static const struct {
	const char *name;
	const char *title;
} dbms_info[MW_DBMS__COUNT] = {
	[MW_DBMS_MYSQL] = { "mysql", "MySQL" },
	[MW_DBMS_POSTGRES] = { "postgres", "PostgreSQL" },
	[MW_DBMS_SQLITE] = { "sqlite", "SQLite" },
};

const char *
mw_dbms_name(mw_dbms d)
{
	return (unsigned)d < MW_DBMS__COUNT ? dbms_info[d].name : "?";
}

const char *
mw_dbms_title(mw_dbms d)
{
	return (unsigned)d < MW_DBMS__COUNT ? dbms_info[d].title : "?";
}

bool
mw_dbms_from_name(const char *name, mw_dbms *out)
{
	static const struct {
		const char *alias;
		mw_dbms dbms;
	} aliases[] = {
		{ "mysql", MW_DBMS_MYSQL },	   { "mariadb", MW_DBMS_MYSQL },
		{ "postgres", MW_DBMS_POSTGRES },  { "postgresql", MW_DBMS_POSTGRES },
		{ "pg", MW_DBMS_POSTGRES },	   { "sqlite", MW_DBMS_SQLITE },
		{ "sqlite3", MW_DBMS_SQLITE },
	};

	for (unsigned i = 0; i < sizeof(aliases) / sizeof(*aliases); i++) {
		if (!strcasecmp(name, aliases[i].alias)) {
			*out = aliases[i].dbms;
			return true;
		}
	}
	return false;
}
