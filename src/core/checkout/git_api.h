/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libgit2, opened on first use (mwschema/dl.h): only commit, review and the
 * editor need git, and libgit2 brings mbedTLS, libssh2 and more with it.
 * Included by git.c alone, after <git2.h>. Every libgit2 function git.c
 * calls is listed once in GIT_FUNCTIONS and once as a macro at the end that
 * routes the call through its pointer, so git.c keeps calling libgit2 by
 * name. A function missing from either list fails the build.
 */
#ifndef MWSCHEMA_CORE_CHECKOUT_GIT_API_H
#define MWSCHEMA_CORE_CHECKOUT_GIT_API_H

#include "mwschema/dl.h"

#define GIT_FUNCTIONS(X) \
	X(git_blob_create_from_workdir) \
	X(git_blob_free) \
	X(git_blob_lookup) \
	X(git_blob_rawcontent) \
	X(git_blob_rawsize) \
	X(git_branch_lookup) \
	X(git_branch_upstream) \
	X(git_buf_dispose) \
	X(git_commit_author) \
	X(git_commit_create_v) \
	X(git_commit_free) \
	X(git_commit_id) \
	X(git_commit_lookup) \
	X(git_commit_message) \
	X(git_commit_parent) \
	X(git_commit_parentcount) \
	X(git_commit_tree) \
	X(git_commit_tree_id) \
	X(git_config_free) \
	X(git_config_open_level) \
	X(git_config_set_string) \
	X(git_diff_free) \
	X(git_diff_get_delta) \
	X(git_diff_num_deltas) \
	X(git_diff_tree_to_tree) \
	X(git_error_last) \
	X(git_index_add) \
	X(git_index_add_bypath) \
	X(git_index_free) \
	X(git_index_new) \
	X(git_index_read_tree) \
	X(git_index_remove_bypath) \
	X(git_index_write) \
	X(git_index_write_tree_to) \
	X(git_libgit2_init) \
	X(git_libgit2_shutdown) \
	X(git_merge_base) \
	X(git_message_prettify) \
	X(git_object_free) \
	X(git_object_peel) \
	X(git_odb_hash) \
	X(git_oid_equal) \
	X(git_oid_tostr) \
	X(git_reference_create) \
	X(git_reference_create_matching) \
	X(git_reference_free) \
	X(git_reference_lookup) \
	X(git_reference_name_is_valid) \
	X(git_reference_name_to_id) \
	X(git_reference_peel) \
	X(git_reference_symbolic_target) \
	X(git_repository_config) \
	X(git_repository_free) \
	X(git_repository_head_detached) \
	X(git_repository_head_unborn) \
	X(git_repository_index) \
	X(git_repository_init_ext) \
	X(git_repository_init_options_init) \
	X(git_repository_is_bare) \
	X(git_repository_open_ext) \
	X(git_repository_set_head) \
	X(git_repository_workdir) \
	X(git_revparse_single) \
	X(git_revwalk_free) \
	X(git_revwalk_hide) \
	X(git_revwalk_new) \
	X(git_revwalk_next) \
	X(git_revwalk_push) \
	X(git_revwalk_sorting) \
	X(git_signature_default) \
	X(git_signature_free) \
	X(git_status_byindex) \
	X(git_status_list_entrycount) \
	X(git_status_list_free) \
	X(git_status_list_new) \
	X(git_status_options_init) \
	X(git_tree_entry_byindex) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entry_type) \
	X(git_tree_entrycount) \
	X(git_tree_free) \
	X(git_tree_lookup) \

static struct {
	GIT_FUNCTIONS(MW_DL_POINTER)
} libgit2;

static mw_dl_lib libgit2_lib = { MW_LIBGIT2_SONAME, MW_LIBGIT2_PACKAGE, "git support", NULL, NULL };

/* 0 once libgit2 is loaded, or -1 with the package to install in err (may be NULL). */
static int
git_api_load(mw_buf *err)
{
#define GIT_SYMBOL(f) MW_DL_SYMBOL(libgit2, f)
	static const mw_dl_sym syms[] = { GIT_FUNCTIONS(GIT_SYMBOL) };
#undef GIT_SYMBOL

	return mw_dl_load(&libgit2_lib, syms, sizeof(syms) / sizeof(*syms), err);
}

#define git_blob_create_from_workdir (*libgit2.git_blob_create_from_workdir)
#define git_blob_free (*libgit2.git_blob_free)
#define git_blob_lookup (*libgit2.git_blob_lookup)
#define git_blob_rawcontent (*libgit2.git_blob_rawcontent)
#define git_blob_rawsize (*libgit2.git_blob_rawsize)
#define git_branch_lookup (*libgit2.git_branch_lookup)
#define git_branch_upstream (*libgit2.git_branch_upstream)
#define git_buf_dispose (*libgit2.git_buf_dispose)
#define git_commit_author (*libgit2.git_commit_author)
#define git_commit_create_v (*libgit2.git_commit_create_v)
#define git_commit_free (*libgit2.git_commit_free)
#define git_commit_id (*libgit2.git_commit_id)
#define git_commit_lookup (*libgit2.git_commit_lookup)
#define git_commit_message (*libgit2.git_commit_message)
#define git_commit_parent (*libgit2.git_commit_parent)
#define git_commit_parentcount (*libgit2.git_commit_parentcount)
#define git_commit_tree (*libgit2.git_commit_tree)
#define git_commit_tree_id (*libgit2.git_commit_tree_id)
#define git_config_free (*libgit2.git_config_free)
#define git_config_open_level (*libgit2.git_config_open_level)
#define git_config_set_string (*libgit2.git_config_set_string)
#define git_diff_free (*libgit2.git_diff_free)
#define git_diff_get_delta (*libgit2.git_diff_get_delta)
#define git_diff_num_deltas (*libgit2.git_diff_num_deltas)
#define git_diff_tree_to_tree (*libgit2.git_diff_tree_to_tree)
#define git_error_last (*libgit2.git_error_last)
#define git_index_add (*libgit2.git_index_add)
#define git_index_add_bypath (*libgit2.git_index_add_bypath)
#define git_index_free (*libgit2.git_index_free)
#define git_index_new (*libgit2.git_index_new)
#define git_index_read_tree (*libgit2.git_index_read_tree)
#define git_index_remove_bypath (*libgit2.git_index_remove_bypath)
#define git_index_write (*libgit2.git_index_write)
#define git_index_write_tree_to (*libgit2.git_index_write_tree_to)
#define git_libgit2_init (*libgit2.git_libgit2_init)
#define git_libgit2_shutdown (*libgit2.git_libgit2_shutdown)
#define git_merge_base (*libgit2.git_merge_base)
#define git_message_prettify (*libgit2.git_message_prettify)
#define git_object_free (*libgit2.git_object_free)
#define git_object_peel (*libgit2.git_object_peel)
#define git_odb_hash (*libgit2.git_odb_hash)
#define git_oid_equal (*libgit2.git_oid_equal)
#define git_oid_tostr (*libgit2.git_oid_tostr)
#define git_reference_create (*libgit2.git_reference_create)
#define git_reference_create_matching (*libgit2.git_reference_create_matching)
#define git_reference_free (*libgit2.git_reference_free)
#define git_reference_lookup (*libgit2.git_reference_lookup)
#define git_reference_name_is_valid (*libgit2.git_reference_name_is_valid)
#define git_reference_name_to_id (*libgit2.git_reference_name_to_id)
#define git_reference_peel (*libgit2.git_reference_peel)
#define git_reference_symbolic_target (*libgit2.git_reference_symbolic_target)
#define git_repository_config (*libgit2.git_repository_config)
#define git_repository_free (*libgit2.git_repository_free)
#define git_repository_head_detached (*libgit2.git_repository_head_detached)
#define git_repository_head_unborn (*libgit2.git_repository_head_unborn)
#define git_repository_index (*libgit2.git_repository_index)
#define git_repository_init_ext (*libgit2.git_repository_init_ext)
#define git_repository_init_options_init (*libgit2.git_repository_init_options_init)
#define git_repository_is_bare (*libgit2.git_repository_is_bare)
#define git_repository_open_ext (*libgit2.git_repository_open_ext)
#define git_repository_set_head (*libgit2.git_repository_set_head)
#define git_repository_workdir (*libgit2.git_repository_workdir)
#define git_revparse_single (*libgit2.git_revparse_single)
#define git_revwalk_free (*libgit2.git_revwalk_free)
#define git_revwalk_hide (*libgit2.git_revwalk_hide)
#define git_revwalk_new (*libgit2.git_revwalk_new)
#define git_revwalk_next (*libgit2.git_revwalk_next)
#define git_revwalk_push (*libgit2.git_revwalk_push)
#define git_revwalk_sorting (*libgit2.git_revwalk_sorting)
#define git_signature_default (*libgit2.git_signature_default)
#define git_signature_free (*libgit2.git_signature_free)
#define git_status_byindex (*libgit2.git_status_byindex)
#define git_status_list_entrycount (*libgit2.git_status_list_entrycount)
#define git_status_list_free (*libgit2.git_status_list_free)
#define git_status_list_new (*libgit2.git_status_list_new)
#define git_status_options_init (*libgit2.git_status_options_init)
#define git_tree_entry_byindex (*libgit2.git_tree_entry_byindex)
#define git_tree_entry_bypath (*libgit2.git_tree_entry_bypath)
#define git_tree_entry_free (*libgit2.git_tree_entry_free)
#define git_tree_entry_id (*libgit2.git_tree_entry_id)
#define git_tree_entry_name (*libgit2.git_tree_entry_name)
#define git_tree_entry_type (*libgit2.git_tree_entry_type)
#define git_tree_entrycount (*libgit2.git_tree_entrycount)
#define git_tree_free (*libgit2.git_tree_free)
#define git_tree_lookup (*libgit2.git_tree_lookup)

#endif /* MWSCHEMA_CORE_CHECKOUT_GIT_API_H */
