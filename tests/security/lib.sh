# Shared set-up of the security shell tests (sourced): a private temporary
# directory and HOME, git without the user's configuration, and an extension
# checkout made from the workspace fixtures.
set -u
: "${MWSCHEMA:?run through make check}" "${top_srcdir:?run through make check}"
FIX="$top_srcdir/tests/data/workspace"
SEC="$top_srcdir/tests/security/data"
TMP=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true
mkdir -p "$HOME"
git config --global user.name "Test User"
git config --global user.email test@example.org
git config --global init.defaultBranch master
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }
finish() { [ "$fails" = 0 ] && exit 0; echo "$fails failure(s)"; exit 1; }

# make_ext DIR: the extension fixture, synced and committed.
make_ext() {
	cp -r "$FIX/extension" "$1" && chmod -R u+w "$1" && rm -rf "$1/change" || exit 99
	(cd "$1" && "$MWSCHEMA" sync >/dev/null) || exit 99
	git -C "$1" init -q && git -C "$1" add -A && git -C "$1" commit -qm base || exit 99
}

# add_change DIR: the fixture's change file and its schema, as an author writes them.
add_change() {
	mkdir -p "$1/sql/abstractSchemaChanges"
	cp "$FIX/extension/change/patch-add-index-gi_name.json" "$1/sql/abstractSchemaChanges/"
	cp "$FIX/extension/change/tables.json" "$1/sql/tables.json"
}

# has_raw_control FILE: true when FILE holds an ESC, BEL or CSI byte.
has_raw_control() {
	LC_ALL=C grep -q "$(printf '[\033\007\233]')" "$1"
}
