/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Opening optional libraries on first use (see mwschema/dl.h).
 */
#include <config.h>

#include "mwschema/dl.h"

#include <dlfcn.h>
#include <stdlib.h>

static int
failed(mw_dl_lib *lib, mw_buf *err, char *why)
{
	free(lib->error);
	lib->error = why;
	if (err)
		mw_buf_adds(err, why);
	return -1;
}

int
mw_dl_load(mw_dl_lib *lib, const mw_dl_sym *syms, size_t n, mw_buf *err)
{
	void *h;

	if (lib->handle)
		return 0;
	if (lib->error)
		return failed(lib, err, mw_xstrdup(lib->error));
	h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return failed(lib, err, mw_strdupf("%s needs %s, which is not installed: "
						   "apt-get install %s (%s)", lib->feature,
						   lib->soname, lib->package, dlerror()));
	for (size_t i = 0; i < n; i++) {
		if (!(*syms[i].slot = dlsym(h, syms[i].name))) {
			dlclose(h);
			return failed(lib, err, mw_strdupf("%s needs %s with the function %s; the "
							   "installed one lacks it (another version?)",
							   lib->feature, lib->soname, syms[i].name));
		}
	}
	lib->handle = h;
	return 0;
}

bool
mw_dl_loaded(const mw_dl_lib *lib)
{
	return lib->handle != NULL;
}
