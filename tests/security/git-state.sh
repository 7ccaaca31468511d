#!/bin/sh
# Issue 14, git: commit refuses, as git does, with a stale index.lock and in
# the middle of a merge, rebase or cherry-pick, before writing anything; the
# branch and the index stay as they were. review refuses a huge blob before
# loading it.
. "$top_srcdir/tests/security/lib.sh"

R="$TMP/ext"
make_ext "$R"
git -C "$R" branch topic
add_change "$R"
head=$(git -C "$R" rev-parse HEAD)
cp "$R/.git/index" "$TMP/index.before"
state() { git -C "$R" status --short | sort; }
state >"$TMP/status.before"
unchanged() {
	[ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && cmp -s "$R/.git/index" "$TMP/index.before" &&
		state | cmp -s - "$TMP/status.before"
}

touch "$R/.git/index.lock"
out=$(cd "$R" && "$MWSCHEMA" commit 2>&1) && fail "commit went ahead with index.lock"
printf '%s\n' "$out" | grep -q "Unable to create '$R/.git/index.lock': File exists" && unchanged &&
	ok "commit: a stale index.lock is refused, branch, index and files untouched" ||
	fail "index.lock: $out; $(git -C "$R" log --oneline | head -3)"
rm "$R/.git/index.lock"

# A merge with a conflict in progress.
git -C "$R" stash -q -u
git -C "$R" checkout -q topic && echo a >"$R/f.txt" && git -C "$R" add f.txt && git -C "$R" commit -qm a
git -C "$R" checkout -q master && echo b >"$R/f.txt" && git -C "$R" add f.txt && git -C "$R" commit -qm b
git -C "$R" merge topic >/dev/null 2>&1
head=$(git -C "$R" rev-parse HEAD)
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" commit 2>&1) && fail "commit went ahead during a merge"
printf '%s\n' "$out" | grep -q 'cannot do a partial commit during a merge' &&
	[ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && [ ! -e "$R/sql/mysql/patch-add-index-gi_name.sql" ] &&
	ok "commit: refused during a merge, before sync writes anything" || fail "merge: $out"
git -C "$R" merge --abort
git -C "$R" checkout -q -- . && git -C "$R" clean -qfd

# A cherry-pick and a rebase stopped on a conflict.
git -C "$R" cherry-pick topic >/dev/null 2>&1
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" commit 2>&1)
printf '%s\n' "$out" | grep -q 'cannot do a partial commit during a cherry-pick' &&
	ok "commit: refused during a cherry-pick" || fail "cherry-pick: $out"
git -C "$R" cherry-pick --abort
git -C "$R" checkout -q -- . && git -C "$R" clean -qfd
git -C "$R" checkout -q topic
git -C "$R" rebase master >/dev/null 2>&1
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" commit 2>&1)
printf '%s\n' "$out" | grep -q 'cannot do a partial commit during a rebase' &&
	ok "commit: refused during a rebase" || fail "rebase: $out"
git -C "$R" rebase --abort
git -C "$R" checkout -q -- . && git -C "$R" clean -qfd
git -C "$R" checkout -q master

# A 200 MB change file: refused from its header, memory stays small.
mkdir -p "$R/sql/abstractSchemaChanges"
head -c 209715200 /dev/zero | tr '\0' ' ' >"$R/sql/abstractSchemaChanges/patch-big.json"
git -C "$R" add -A && git -C "$R" commit -qm big
rm "$R/sql/abstractSchemaChanges/patch-big.json"
out=$(cd "$R" && ulimit -v 400000 && "$MWSCHEMA" review HEAD 2>&1)
printf '%s\n' "$out" | grep -q 'patch-big.json: file is too large at' &&
	ok "review: a 200 MB blob is refused before it is read (under a 400 MB memory limit)" ||
	fail "big blob: $(printf '%s\n' "$out" | head -n 5)"
finish
