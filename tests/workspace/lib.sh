# Shared set-up for the workspace shell tests (sourced, not run).
# Every test works in its own temporary directory with its own HOME, so the
# user's git configuration never leaks in.
set -u
: "${MWSCHEMA:?run through make check}" "${top_srcdir:?run through make check}"
FIX="$top_srcdir/tests/data/workspace"
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL 2>/dev/null || true
mkdir -p "$HOME"
git config --global user.name "Test User"
git config --global user.email test@example.org
git config --global init.defaultBranch master

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

# make_repo KIND DIR: the fixture (core or extension) with its generated
# files written by `mwschema sync`, committed as the base of the test.
make_repo() {
	cp -r "$FIX/$1" "$2" && chmod -R u+w "$2" && rm -rf "$2/change" || fail "copy $1"
	(cd "$2" && "$MWSCHEMA" sync >/dev/null) || fail "initial sync of $1"
	git -C "$2" init -q && git -C "$2" add -A && git -C "$2" commit -qm base ||
		fail "base commit"
}

# write_change KIND DIR: what the author does by hand: a change JSON and the
# schema file with the change's "after" copied in.
write_change() {
	case $1 in
	core)
		mkdir -p "$2/sql/abstractSchemaChanges"
		cp "$FIX/core/change/patch-widget-wd_note.json" "$2/sql/abstractSchemaChanges/"
		cp "$FIX/core/change/tables.json" "$2/sql/tables.json" ;;
	extension)
		mkdir -p "$2/sql/abstractSchemaChanges"
		cp "$FIX/extension/change/patch-add-index-gi_name.json" "$2/sql/abstractSchemaChanges/"
		cp "$FIX/extension/change/tables.json" "$2/sql/tables.json" ;;
	esac
	chmod -R u+w "$2"
}

# The Change-Id Gerrit's commit-msg hook would compute for commit $2 of repo $1.
expected_change_id() {
	ident=$(git -C "$1" cat-file commit "$2" | sed -n 's/^committer //p')
	parent=$(git -C "$1" rev-parse -q --verify "$2^" || echo 4b825dc642cb6eb9a060e54bf8d69288fbee4904)
	msg=$(git -C "$1" cat-file commit "$2" | sed '1,/^$/d' | grep -v '^Change-Id: ')
	printf '%s\n%s\n%s\n' "$ident" "$parent" "$msg" | git hash-object --stdin
}

# check_message REPO COMMIT BUG: Gerrit-style subject, footers, valid Change-Id.
check_message() {
	msg=$(git -C "$1" log -1 --format=%B "$2")
	subject=$(printf '%s\n' "$msg" | head -n 1)
	[ ${#subject} -le 72 ] || fail "subject longer than 72: $subject"
	[ -n "$(printf '%s\n' "$msg" | sed -n 3p)" ] || fail "no body: $msg"
	printf '%s\n' "$msg" | grep -qx "Bug: $3" || fail "no Bug footer: $msg"
	cid=$(printf '%s\n' "$msg" | sed -n 's/^Change-Id: //p')
	printf '%s\n' "$cid" | grep -Eqx 'I[0-9a-f]{40}' || fail "bad Change-Id: $cid"
	[ "$cid" = "I$(expected_change_id "$1" "$2")" ] ||
		fail "Change-Id $cid is not what Gerrit's hook computes"
	[ "$(printf '%s\n' "$msg" | tail -n 1)" = "Change-Id: $cid" ] || fail "Change-Id not last"
}
