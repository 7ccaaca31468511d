#!/bin/sh
# Repositories in awkward states: an unborn branch, a detached HEAD, no git
# identity, a read-only file, a repository owned by another user, and no
# repository at all. Each must give a clear message and leave no trace.
. "$top_srcdir/tests/workspace/lib.sh"

# Unborn branch: the first commit has no parent and holds only the change.
R="$TMP/unborn"
cp -r "$FIX/core" "$R" && chmod -R u+w "$R" && rm -rf "$R/change"
git -C "$R" init -q
write_change core "$R"
out=$("$MWSCHEMA" commit --bug=T1 "$R" 2>&1) || fail "commit on an unborn branch: $out"
[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] || fail "not a root commit"
[ "$(git -C "$R" symbolic-ref --short HEAD)" = master ] || fail "branch"
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "fsck"
git -C "$R" show --stat --format= HEAD | grep -q "sql/sqlite/patch-widget-wd_note.sql" || fail "files"
git -C "$R" status --porcelain | grep -q "^?? includes/installer/DatabaseUpdater.php" ||
	fail "a file outside the change was committed"
check_message "$R" HEAD T1
ok "unborn branch: root commit with the change's files only, Change-Id from the empty tree"

# Detached HEAD: refused without --branch, fine with one.
R="$TMP/detached"
make_repo core "$R"
git -C "$R" checkout -q --detach
write_change core "$R"
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 3 ] && printf '%s\n' "$out" | grep -q "HEAD is detached.*--branch" ||
	fail "detached HEAD: rc=$rc $out"
out=$("$MWSCHEMA" commit --branch=topic "$R" 2>&1) || fail "commit --branch: $out"
[ "$(git -C "$R" symbolic-ref --short HEAD)" = topic ] || fail "HEAD not on topic"
[ "$(git -C "$R" rev-parse topic^)" = "$(git -C "$R" rev-parse master)" ] || fail "topic base"
out=$("$MWSCHEMA" commit --branch=master "$R" 2>&1); rc=$?
[ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q "nothing to commit" ||
	fail "nothing to commit: rc=$rc $out"
printf '\n' >>"$R/sql/abstractSchemaChanges/patch-widget-wd_note.json"
out=$("$MWSCHEMA" commit --branch=master "$R" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "commit onto another existing branch: rc=$rc $out"
ok "detached HEAD: clear refusal, then a topic branch created from HEAD"

# No identity: a clear message and nothing written.
R="$TMP/noident"
make_repo core "$R"
write_change core "$R"
mv "$HOME/.gitconfig" "$TMP/gitconfig.saved"
before=$(git -C "$R" status --porcelain)
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
mv "$TMP/gitconfig.saved" "$HOME/.gitconfig"
[ $rc -eq 3 ] || fail "no identity: rc=$rc"
printf '%s\n' "$out" | grep -q 'git config --global user.name' || fail "message: $out"
[ "$before" = "$(git -C "$R" status --porcelain)" ] || fail "files written without identity"
ok "no identity: says how to set it, writes nothing"

# Read-only updater file: sync and commit refuse, nothing half-written.
R="$TMP/readonly"
make_repo core "$R"
write_change core "$R"
chmod 0444 "$R/includes/installer/SqliteUpdater.php"
before=$(git -C "$R" status --porcelain; cat "$R"/sql/*/tables-generated.sql | cksum)
out=$("$MWSCHEMA" sync "$R" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "sync with a read-only file: rc=$rc $out"
printf '%s\n' "$out" | grep -q "includes/installer/SqliteUpdater.php: read-only (mode 0444)" ||
	fail "message: $out"
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "commit with a read-only file: rc=$rc $out"
after=$(git -C "$R" status --porcelain; cat "$R"/sql/*/tables-generated.sql | cksum)
[ "$before" = "$after" ] || fail "something was written: $after"
[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] || fail "a commit was made"
ls "$R"/sql/*/*.tmp.* >/dev/null 2>&1 && fail "temporary files left behind"
[ "$(stat -c %a "$R/includes/installer/SqliteUpdater.php")" = 444 ] || fail "mode changed"
ok "read-only file: sync and commit refuse, no file written, no temporary left"

# Permissions of rewritten files are kept.
chmod 0640 "$R/includes/installer/SqliteUpdater.php"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 || fail "sync after chmod"
[ "$(stat -c %a "$R/includes/installer/SqliteUpdater.php")" = 640 ] || fail "mode not kept"
ok "sync keeps the permissions of the files it rewrites"

# Owned by another user: libgit2 says GIT_ENOTFOUND; we must say why, not re-init.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	R="$TMP/foreign"
	make_repo core "$R"
	write_change core "$R"
	chown -R nobody "$R"
	out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
	[ $rc -eq 3 ] || fail "foreign owner: rc=$rc $out"
	printf '%s\n' "$out" | grep -q "safe.directory" || fail "message: $out"
	[ "$(stat -c %U "$R/.git")" = nobody ] && [ ! -e "$R/.git/.git" ] ||
		fail "repository touched"
	git -C "$R" -c safe.directory='*' rev-list --count HEAD | grep -qx 1 || fail "history changed"
	ok "repository owned by another user: safe.directory explained, not re-initialised"
else
	echo "# skipped the foreign-owner case (needs root to chown)"
fi

# No repository at all.
R="$TMP/norepo"
cp -r "$FIX/core" "$R" && chmod -R u+w "$R"
write_change core "$R"
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 3 ] && printf '%s\n' "$out" | grep -q "not inside a git repository" ||
	fail "no repository: rc=$rc $out"
[ ! -e "$R/.git" ] || fail "a repository was created"
ok "no repository: clear message, nothing created"
exit 0
