/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an extension's extension.json (or skin.json) says about schema
 * updates: the extension's name, the LoadExtensionSchemaUpdates handler
 * (from Hooks, resolved through HookHandlers), and where its classes live
 * (AutoloadClasses, AutoloadNamespaces) so the handler's file can be found.
 */
#ifndef MWSCHEMA_MANIFEST_H
#define MWSCHEMA_MANIFEST_H

#include <stddef.h>

#include "mwschema/buf.h"

typedef struct mw_manifest {
	char *name;		/* "name", NULL when absent */
	char *hook_class;	/* class of the LoadExtensionSchemaUpdates handler, or NULL */
	char *hook_method;	/* its method ("onLoadExtensionSchemaUpdates" for HookHandlers) */
	char **hook_classes;	/* every handler of the hook, in order (the first is hook_class) */
	char **hook_methods;
	size_t nhooks;
	char **ns_prefix;	/* AutoloadNamespaces: "MediaWiki\\Extension\\X\\" */
	char **ns_dir;		/* ... and its directory, "includes/" */
	size_t nns;
	char **class_name;	/* AutoloadClasses */
	char **class_file;
	size_t nclasses;
} mw_manifest;

/* 0, or -1 with "path: reason" in err (which may be NULL). */
int mw_manifest_load(mw_manifest *out, const char *path, mw_buf *err);
void mw_manifest_clear(mw_manifest *m);

/* The file of `class` relative to the extension root, or NULL (caller frees). */
char *mw_manifest_class_file(const mw_manifest *m, const char *class_name);

#endif /* MWSCHEMA_MANIFEST_H */
