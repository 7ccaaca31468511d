/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The database platforms MediaWiki generates SQL for.
 */
#ifndef MWSCHEMA_DBMS_H
#define MWSCHEMA_DBMS_H

#include <stdbool.h>

typedef enum mw_dbms {
	MW_DBMS_MYSQL,		/* MySQL and MariaDB */
	MW_DBMS_POSTGRES,
	MW_DBMS_SQLITE,
	MW_DBMS__COUNT
} mw_dbms;

/* "mysql", "postgres", "sqlite": MediaWiki's --type values and directory names. */
const char *mw_dbms_name(mw_dbms d);
/* Human name for messages: "MySQL", "PostgreSQL", "SQLite". */
const char *mw_dbms_title(mw_dbms d);
/* Accepts the names above plus "mariadb", "postgresql", "pg". */
bool mw_dbms_from_name(const char *name, mw_dbms *out);

#endif /* MWSCHEMA_DBMS_H */
