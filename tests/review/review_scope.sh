#!/bin/sh
# review, commit and lint judge what a change introduces: a finding the
# schema file already had (here a table without primary key) is not blamed
# on a commit that touches another table, lint can gate on new findings
# only (--new-since, --baseline), and a tables.json that does not load is a
# schema file, not a change.
. "$top_srcdir/tests/workspace/lib.sh"

# add_old_table FILE: a second table without primary key (pk-required, an error).
add_old_table() {
	awk 'NR > 1 { print prev } { prev = $0 } END {
		print "\t,{ \"name\": \"gadgetry_log\", \"columns\": [ { \"name\": \"gl_text\", \"type\": \"blob\", \"options\": { \"notnull\": false } } ], \"indexes\": [] }"
		print prev }' "$1" > "$TMP/t" && cat "$TMP/t" > "$1" || fail "edit $1"
}

R="$TMP/Gadgetry"
cp -r "$FIX/extension" "$R" && chmod -R u+w "$R" && rm -rf "$R/change"
add_old_table "$R/sql/tables.json"
(cd "$R" && "$MWSCHEMA" sync >/dev/null) || fail "initial sync"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm base || fail "base"
"$MWSCHEMA" lint "$R/sql/tables.json" >/dev/null 2>&1 && fail "the old finding is not an error"

write_change extension "$R"
add_old_table "$R/sql/tables.json"
out=$("$MWSCHEMA" commit --message="Add an index on gi_name" "$R" 2>&1) ||
	fail "commit refused for a finding HEAD already had: $out"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "review blamed the commit: rc=$rc
$out"
printf '%s\n' "$out" | grep -qx "  Lint: [0-9]* findings\{0,1\} the file had before this revision, not shown" ||
	fail "the known finding is not counted:
$out"
printf '%s\n' "$out" | grep -q "pk-required" && fail "old finding listed:
$out"
printf '%s\n' "$out" | grep -qxF "Review result: ok" || fail "result:
$out"
ok "review and commit do not blame a change for the file's old findings"

# A finding the commit brings is still reported.
sed 's/"unsigned": true/"unsigned": false/' "$R/sql/tables.json" > "$TMP/t" &&
	cat "$TMP/t" > "$R/sql/tables.json"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1
git -C "$R" commit -qam "Make gi_id signed" || fail "commit"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R" 2>&1)
printf '%s\n' "$out" | grep -q "error: primary-key column 'gi_id' is an autoincrement id but a signed bigint \[pk-unsigned\]" ||
	fail "new finding not reported:
$out"
printf '%s\n' "$out" | grep -qxF "Review result: problems: lint errors" || fail "result:
$out"
ok "a finding the commit introduces is reported"

# lint --new-since and --baseline gate on new findings only.
out=$(cd "$R" && "$MWSCHEMA" lint --new-since=HEAD~1 sql/tables.json 2>&1); rc=$?
[ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q "'gi_id'" && ! printf '%s\n' "$out" | grep -q pk-required ||
	fail "--new-since=HEAD~1: rc=$rc $out"
out=$(cd "$R" && "$MWSCHEMA" lint --new-since=HEAD sql/tables.json 2>&1) || fail "--new-since=HEAD: $out"
printf '%s\n' "$out" | grep -q "known findings\? (HEAD) not shown" || fail "no count: $out"
(cd "$R" && "$MWSCHEMA" lint --write-baseline=lint-baseline.txt sql/tables.json) 2>"$TMP/err" ||
	fail "--write-baseline: $(cat "$TMP/err")"
head -n 1 "$R/lint-baseline.txt" | grep -qx "# mwschema lint baseline 1" || fail "baseline format"
out=$(cd "$R" && "$MWSCHEMA" lint --baseline=lint-baseline.txt sql/tables.json 2>&1) ||
	fail "--baseline: $out"
sed 's/"gadgetry_log"/"gadgetry_journal"/' "$R/sql/tables.json" > "$TMP/t" && cat "$TMP/t" > "$R/sql/tables.json"
out=$(cd "$R" && "$MWSCHEMA" lint --baseline=lint-baseline.txt sql/tables.json 2>&1) &&
	fail "a finding not in the baseline passed: $out"
out=$(cd "$R" && "$MWSCHEMA" lint --baseline=missing.txt sql/tables.json 2>&1); rc=$?
[ $rc -eq 3 ] || fail "missing baseline: rc=$rc $out"
git -C "$R" checkout -q -- sql/tables.json
ok "lint --new-since, --write-baseline and --baseline report only new findings"

# A commit that only rewrites a change's SQL did not touch its JSON: the
# JSON's findings (here a signed autoincrement id in "after") are not its.
R2="$TMP/Gadgetry2"
cp -r "$FIX/extension" "$R2" && chmod -R u+w "$R2" && rm -rf "$R2/change"
write_change extension "$R2"
ch="$R2/sql/abstractSchemaChanges/patch-add-index-gi_name.json"
awk '/"unsigned": true/ && ++n == 2 { sub(/true/, "false") } { print }' "$ch" > "$TMP/t" &&
	cat "$TMP/t" > "$ch" || fail "edit $ch"
sed 's/"unsigned": true/"unsigned": false/' "$R2/sql/tables.json" > "$TMP/t" &&
	cat "$TMP/t" > "$R2/sql/tables.json"
(cd "$R2" && "$MWSCHEMA" sync >/dev/null) || fail "sync of the signed id"
git -C "$R2" init -q && git -C "$R2" add -A && git -C "$R2" commit -qm base || fail "base"
sql=$(git -C "$R2" ls-files '*sqlite/patch-add-index-gi_name.sql')
[ -n "$sql" ] || fail "no SQLite patch in $(git -C "$R2" ls-files)"
printf '%s\n' "-- edited by hand" >> "$R2/$sql"
git -C "$R2" commit -qam "Edit the SQLite patch" || fail "edit"
(cd "$R2" && "$MWSCHEMA" sync >/dev/null) && git -C "$R2" add -A &&
	git -C "$R2" commit -qm "Regenerate the SQLite patch" || fail "regenerate"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R2" 2>&1)
printf '%s\n' "$out" | grep -q "(SQL only)" || fail "not an SQL-only item:
$out"
printf '%s\n' "$out" | grep -q "pk-unsigned" && fail "the JSON's finding was blamed on an SQL-only commit:
$out"
printf '%s\n' "$out" | grep -q "Review result: problems: lint" && fail "result:
$out"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R2" HEAD~2 2>&1)
printf '%s\n' "$out" | grep -q "pk-unsigned" || fail "the commit adding the finding is not blamed:
$out"
ok "a commit that only rewrites a change's SQL is not blamed for the JSON's findings"

# Nor for an updater entry that was missing before it (AntiSpoof never
# registered one of its patches; regenerating that patch's SQL is not the cause).
php="$R2/includes/Hooks/SchemaChangesHandler.php"
awk '/(addExtensionIndex|modifyExtensionField)\(/ { skip = 1 } !skip { print } skip && /\);/ { skip = 0 }' "$php" > "$TMP/t" &&
	cat "$TMP/t" > "$php"
grep -q "gi_name" "$php" && fail "entry not removed: $(cat "$php")"
git -C "$R2" commit -qam "Drop the patch's updater entry" || fail "drop entry"
printf '%s\n' "-- edited by hand" >> "$R2/$sql"
git -C "$R2" commit -qam "Edit the SQLite patch again" || fail "edit again"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R2" 2>&1)
printf '%s\n' "$out" | grep -q "updater entry: missing" || fail "the missing entry is not shown:
$out"
printf '%s\n' "$out" | grep -q "problems:.*updater" && fail "an old missing entry was blamed on an SQL-only commit:
$out"
ok "nor for an updater entry that was already missing"

# A tables.json that does not load is a schema file, not "a change".
printf '[ { "name": "gadgetry_item", ' > "$R/sql/tables.json"
git -C "$R" commit -qam "Break tables.json" || fail "commit"
out=$("$MWSCHEMA" review --no-roundtrip --format=text -C "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^\[1/1\] schema sql/tables.json" || fail "broken schema file:
$out"
ok "a tables.json that does not load is reviewed as a schema file"
exit 0
