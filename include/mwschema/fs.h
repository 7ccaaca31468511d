/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File helpers shared by every module that touches the disk.
 *
 * Writes are atomic: the data goes to a temporary file in the same directory,
 * is flushed, takes the permissions of the file it replaces, and is renamed
 * over it. On any failure the temporary file is removed and the original is
 * untouched. Errors return -1 with a "path: reason" message in `err`.
 */
#ifndef MWSCHEMA_FS_H
#define MWSCHEMA_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

/* Files larger than this are refused by mw_read_file with a clear message. */
#define MW_MAX_FILE_SIZE (64u * 1024u * 1024u)

/* Reads a whole file into `out` (appends). 0 or -1. */
int mw_read_file(mw_buf *out, const char *path, mw_buf *err);
/* Atomic replace (or create) of `path`. 0 or -1. */
int mw_write_file_atomic(const char *path, const void *data, size_t len, mw_buf *err);
/* mkdir -p; 0 or -1. */
int mw_mkdirs(const char *path, mw_buf *err);
bool mw_file_exists(const char *path);
bool mw_is_dir(const char *path);
/* Joins two path parts with one '/' (caller frees). */
char *mw_path_join(const char *a, const char *b);
/* The last component / everything before it (caller frees). */
char *mw_path_basename(const char *path);
char *mw_path_dirname(const char *path);

#endif /* MWSCHEMA_FS_H */
