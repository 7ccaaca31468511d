#!/bin/sh
# mwschema check / sync / commit on a temporary git repository shaped like
# MediaWiki core, with unrelated work of the user around (modified, staged
# and untracked files) that must stay exactly as it was.
. "$top_srcdir/tests/workspace/lib.sh"

R="$TMP/core"
make_repo core "$R"
base=$(git -C "$R" rev-parse HEAD)
"$MWSCHEMA" check "$R" >/dev/null 2>&1 || fail "fresh fixture is not in sync"
ok "fixture in sync after the initial sync"

write_change core "$R"
echo "unrelated edit" >> "$R/sql/tables.json.notes"
echo "// local hack" >> "$R/includes/installer/DatabaseUpdater.php"
mkdir -p "$R/docs" && echo staged > "$R/docs/staged.txt" && git -C "$R" add docs/staged.txt
echo keep >> "$R/includes/installer/MysqlUpdater.php.orig"
before_status=$(git -C "$R" status --porcelain -- docs includes/installer/DatabaseUpdater.php \
	sql/tables.json.notes includes/installer/MysqlUpdater.php.orig)

# check: from a subdirectory, all three rules, exit 1.
out=$(cd "$R/sql/mysql" && "$MWSCHEMA" check --format=json 2>/dev/null); rc=$?
[ $rc -eq 1 ] || fail "check exit $rc, want 1"
for want in '"rule": "generated-in-sync", "severity": "error", "file": "sql/mysql/patch-widget-wd_note.sql"' \
	'"file": "sql/sqlite/tables-generated.sql"' \
	'"rule": "updater-entry-missing", "severity": "error", "file": "includes/installer/PostgresUpdater.php"'; do
	printf '%s\n' "$out" | grep -qF "$want" || fail "check output lacks $want: $out"
done
ok "check finds the missing patch, stale tables-generated.sql and updater entries"
"$MWSCHEMA" check --format=sarif "$R" 2>/dev/null | grep -q '"ruleId": "updater-entry-missing"' ||
	fail "no SARIF output"
ok "SARIF output"

# A too long subject is refused before anything is written.
"$MWSCHEMA" commit --message="$(printf '%080d' 0)" "$R" >/dev/null 2>&1
[ $? -eq 2 ] || fail "long subject not refused as a usage error"
[ ! -e "$R/sql/mysql/patch-widget-wd_note.sql" ] || fail "refused commit wrote files"
ok "subject over 72 characters refused, nothing written"

out=$("$MWSCHEMA" commit --bug=T123456 --branch=wd-note "$R" 2>&1) || fail "commit failed: $out"
head=$(git -C "$R" rev-parse HEAD)
[ "$(git -C "$R" rev-parse HEAD^)" = "$base" ] || fail "commit is not on top of the base"
[ "$(git -C "$R" rev-parse master)" = "$base" ] || fail "master moved"
[ "$(git -C "$R" symbolic-ref --short HEAD)" = wd-note ] || fail "HEAD not on the topic branch"
git -C "$R" fsck --strict 2>&1 | grep -v '^Checking' && fail "git fsck complains"
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck failed"
ok "commit $head on wd-note passes git fsck"

files=$(git -C "$R" show --stat=200 --format= HEAD | sed -n 's/^ \([^ ]*\) *|.*/\1/p' | sort)
want=$(printf '%s\n' includes/installer/MysqlUpdater.php includes/installer/PostgresUpdater.php \
	includes/installer/SqliteUpdater.php sql/abstractSchemaChanges/patch-widget-wd_note.json \
	sql/mysql/patch-widget-wd_note.sql sql/mysql/tables-generated.sql \
	sql/postgres/patch-widget-wd_note.sql sql/postgres/tables-generated.sql \
	sql/sqlite/patch-widget-wd_note.sql sql/sqlite/tables-generated.sql sql/tables.json | sort)
[ "$files" = "$want" ] || fail "git show --stat lists
$files
want
$want"
ok "git show --stat lists exactly the change's 11 files"
check_message "$R" HEAD T123456
ok "Gerrit message: subject <= 72, body, Bug: T123456, Change-Id as the hook computes it"

after_status=$(git -C "$R" status --porcelain -- docs includes/installer/DatabaseUpdater.php \
	sql/tables.json.notes includes/installer/MysqlUpdater.php.orig)
[ "$before_status" = "$after_status" ] || fail "unrelated work changed:
$before_status
---
$after_status"
[ "$(git -C "$R" diff --cached --name-only)" = docs/staged.txt ] || fail "staged work lost"
grep -q "local hack" "$R/includes/installer/DatabaseUpdater.php" || fail "edit lost"
[ -z "$(cd "$R" && git status --porcelain -- $want)" ] ||
	fail "committed files still show as changed: $(git -C "$R" status --porcelain)"
ok "unrelated staged, modified and untracked work left exactly as it was"

"$MWSCHEMA" check "$R" >/dev/null 2>&1 || fail "check after commit finds drift"
out=$("$MWSCHEMA" sync "$R" 2>&1) || fail "second sync: $out"
printf '%s\n' "$out" | grep -q "already in sync" || fail "second sync changed things: $out"
[ "$(grep -c patch-widget-wd_note.sql "$R/includes/installer/SqliteUpdater.php")" = 1 ] ||
	fail "updater entry duplicated"
ok "check clean after the commit; sync idempotent (no duplicate entry)"
exit 0
