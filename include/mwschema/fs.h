/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File helpers shared by every module that touches the disk.
 *
 * Writes are atomic: the data goes to an unnamed file (O_TMPFILE) in the same
 * directory, is flushed, takes the permissions of the file it replaces, gets
 * a hidden name (".NAME.mwschema-tmp-PID-N") and is renamed over it, so
 * that even kill -9 leaves nothing behind. On any failure the temporary file
 * is removed and the original is untouched. Errors return -1 with a
 * "path: reason" message in `err`.
 *
 * Whatever mwschema writes into a checkout goes through the confined
 * variants: the path, however it was made (names, configuration, flags), is
 * resolved, symbolic links included, and must stay inside the checkout.
 */
#ifndef MWSCHEMA_FS_H
#define MWSCHEMA_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "mwschema/buf.h"

/* Files larger than this are refused by mw_read_file with a clear message. */
#define MW_MAX_FILE_SIZE (64u * 1024u * 1024u)

/* Reads a whole file into `out` (appends); a FIFO nobody writes to reads as empty. 0 or -1. */
int mw_read_file(mw_buf *out, const char *path, mw_buf *err);
/* Atomic replace (or create) of `path`. 0 or -1. */
int mw_write_file_atomic(const char *path, const void *data, size_t len, mw_buf *err);
/* mkdir -p; 0 or -1. */
int mw_mkdirs(const char *path, mw_buf *err);
bool mw_file_exists(const char *path);
bool mw_is_dir(const char *path);
/*
 * 0 when `path` (absolute, or relative to `root`) lies inside `root` once
 * its existing part is resolved (symbolic links included) and the part
 * still to be created has no ".", ".." or empty component; `resolved` (when
 * not NULL) then gets the resolved absolute path (caller frees). Else -1
 * with "PATH: resolves to X, outside the checkout ROOT ...: refused" in err.
 */
int mw_path_confine(const char *root, const char *path, char **resolved, mw_buf *err);
/* mw_mkdirs of a directory that must be inside `root` (checked first). */
int mw_mkdirs_confined(const char *root, const char *dir, mw_buf *err);
/* Checks `path` against `root`, creates its directory, writes it atomically. */
int mw_write_file_confined(const char *root, const char *path, const void *data, size_t len,
			   mw_buf *err);
/*
 * mw_read_file of `path` (absolute, or relative to `root`) when it resolves
 * inside `root`; else -1 with "PATH: leads outside the checkout ...: not
 * read" in err (a link a patch adds must not show another file's lines).
 */
int mw_read_file_confined(const char *root, const char *path, mw_buf *out, mw_buf *err);
/* Joins two path parts with one '/' (caller frees). */
char *mw_path_join(const char *a, const char *b);
/* The last component / everything before it (caller frees). */
char *mw_path_basename(const char *path);
char *mw_path_dirname(const char *path);

#endif /* MWSCHEMA_FS_H */
