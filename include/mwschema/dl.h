/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Optional shared libraries, opened on first use. libgit2 and the MariaDB
 * and PostgreSQL clients bring TLS, SSH, Kerberos and LDAP libraries with
 * them: a command that does not use them should neither pay for loading them
 * at start-up nor need them installed. Each stays confined to its one module
 * (git.c, engine_mariadb.c, engine_pg.c), which lists the functions it calls
 * in an X-macro table (beside the code that calls them) and reaches them through
 * pointers that mw_dl_load fills.
 */
#ifndef MWSCHEMA_DL_H
#define MWSCHEMA_DL_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

typedef struct mw_dl_lib {
	const char *soname;	/* what dlopen looks for: "libgit2.so.1.5" */
	const char *package;	/* the Debian package that ships it: "libgit2-1.5" */
	const char *feature;	/* who needs it, for the message: "git support" */
	void *handle;		/* set once loaded */
	char *error;		/* set once loading failed (not retried) */
} mw_dl_lib;

typedef struct mw_dl_sym {
	const char *name;
	void **slot;		/* the function pointer to fill, as POSIX's dlsym allows */
} mw_dl_sym;

/*
 * Opens `lib` and resolves all `n` symbols, once per process. 0, or -1 with
 * a sentence in err (may be NULL) naming the missing file and the package to
 * install ("git support needs libgit2.so.1.5, which is not installed:
 * apt-get install libgit2-1.5 (dlopen's reason)").
 */
int mw_dl_load(mw_dl_lib *lib, const mw_dl_sym *syms, size_t n, mw_buf *err);

/* True when `lib` is loaded into this process. */
bool mw_dl_loaded(const mw_dl_lib *lib);

/* The pointer member and the table entry for function f (used by those tables). */
#define MW_DL_POINTER(f) __typeof__(f) *f;
#define MW_DL_SYMBOL(api, f) { #f, (void **)&(api).f },

/*
 * Defines `int load(mw_buf *err)`, which opens the library (soname, package
 * and feature as in mw_dl_lib) and fills the pointers of `symbols`, a list of
 * MW_DL_SYMBOL entries (a table's X-macro expanded), through mw_dl_load:
 *
 *	#define LIBFOO_SYMBOL(f) MW_DL_SYMBOL(libfoo, f)
 *	static MW_DL_LOADER(foo_load, "libfoo.so.1", "libfoo1", "foo support",
 *			    LIBFOO_FUNCTIONS(LIBFOO_SYMBOL))
 */
#define MW_DL_LOADER(load, soname, package, feature, symbols) \
	int load(mw_buf *err) \
	{ \
		static mw_dl_lib lib_ = { soname, package, feature, NULL, NULL }; \
		static const mw_dl_sym syms_[] = { symbols }; \
		return mw_dl_load(&lib_, syms_, sizeof(syms_) / sizeof(*syms_), err); \
	}

#endif /* MWSCHEMA_DL_H */
