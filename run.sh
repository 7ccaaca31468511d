#!/bin/sh
# Quick start, step 1: install what is missing, build what is out of date,
# then run mwschema.
#
#   ./run.sh            open the editor on a scratch copy of the demo workspace
#                       (it offers to reopen the last copy, with whatever you
#                       left there: written changes, unsaved edits of a crash)
#   ./run.sh ARGS...    run "mwschema ARGS..." in the current directory
#                       (e.g. ./run.sh --version, ./run.sh generate --json=FILE)
#
# The demo copy is its own git repository, so nothing done in it can touch
# this project's repository. The last copy's path is kept in
# $XDG_STATE_HOME/mwschema/last-demo (~/.local/state when unset).
set -u

MW_TOP=$(cd "$(dirname "$0")" && pwd) || exit 1
. "$MW_TOP/tests/run-setup.sh"

# MW_RUN_BINARY: use that mwschema and skip the set-up (the test suite does,
# as its build may live outside this tree).
if [ -n "${MW_RUN_BINARY:-}" ]; then
	mwschema=$MW_RUN_BINARY
else
	# shellcheck disable=SC2086 # one word per package
	mw_install_packages $MW_BUILD_PKGS || exit 1
	mw_build || exit 1
	mwschema=$MW_TOP/mwschema
fi

if [ $# -gt 0 ]; then
	exec "$mwschema" "$@"
fi

# Copies the demo checkout (without our build glue) into a new directory and
# commits it, so the editor has a clean work tree and a HEAD to diff against.
make_demo_workspace() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/mwschema-demo.XXXXXX") || return 1
	(cd "$MW_TOP/demo" && tar -cf - --exclude=demo.am --exclude=regenerate.sh .) |
		(cd "$dir" && tar -xf -) || return 1
	(
		cd "$dir" || exit 1
		git init -q -b main . || git init -q . || exit 1
		if [ -z "$(git config user.name)" ] || [ -z "$(git config user.email)" ]; then
			git config user.name "mwschema demo"
			git config user.email "demo@mwschema.invalid"
		fi
		git add -A && git commit -q -m "Demo MediaWiki checkout" || exit 1
	) >&2 || return 1
	printf '%s\n' "$dir"
}

# The copy made last time, when it is still there: on a terminal, offer it
# again, so that its written changes and the recovery of a crash are found.
state_dir=${XDG_STATE_HOME:-${HOME:-/tmp}/.local/state}/mwschema
last_demo() {
	[ -r "$state_dir/last-demo" ] || return 1
	last=$(cat "$state_dir/last-demo")
	[ -d "$last/.git" ] && [ -f "$last/sql/tables.json" ] || return 1
	[ -t 0 ] && [ -t 2 ] || return 1
	printf 'The last demo workspace is %s\nReopen it (n makes a new copy)? [Y/n] ' "$last" >&2
	read -r answer || return 1
	case $answer in [nN]*) return 1 ;; esac
	printf '%s\n' "$last"
}

if demo=$(last_demo); then
	mw_say "Demo workspace (reopened): $demo"
else
	demo=$(make_demo_workspace) || { mw_say "Could not create the demo workspace"; exit 1; }
	mw_say "Demo workspace (a scratch git repository): $demo"
	mkdir -p "$state_dir" && printf '%s\n' "$demo" >"$state_dir/last-demo"
fi
cd "$demo" || exit 1
"$mwschema" "$demo"
status=$?
mw_say "The demo workspace stays in $demo (remove it with: rm -rf $demo)"
exit $status
