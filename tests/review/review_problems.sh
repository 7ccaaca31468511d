#!/bin/sh
# mwschema review reports what `mwschema commit --force` let through: lint
# errors, and a schema file that did not follow its change.
. "$top_srcdir/tests/workspace/lib.sh"

P=sql/abstractSchemaChanges/patch-widget-wd_note.json

# tables.json still has the table as it was before the change.
R="$TMP/behind"
make_repo core "$R"
mkdir -p "$R/sql/abstractSchemaChanges"
cp "$FIX/core/change/patch-widget-wd_note.json" "$R/sql/abstractSchemaChanges/"
"$MWSCHEMA" commit --force "$R" >/dev/null 2>&1 || fail "forced commit"
out=$("$MWSCHEMA" review -C "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "behind: rc=$rc
$out"
printf '%s\n' "$out" | grep -qxF "  Schema file: sql/tables.json behind (the change's \"after\" was not copied in)" ||
	fail "behind not reported:
$out"
printf '%s\n' "$out" | grep -qxF "Review result: problems: schema file out of step" || fail "result:
$out"
ok "a schema file behind its change is a problem"

# A lint error (a signed auto-increment key), committed with --force.
R="$TMP/lint"
make_repo core "$R"
write_change core "$R"
for f in "$R/$P" "$R/sql/tables.json"; do
	sed 's/"unsigned": true/"unsigned": false/' "$f" > "$TMP/x" && cat "$TMP/x" > "$f"
done
"$MWSCHEMA" commit --force "$R" >/dev/null 2>&1 || fail "forced commit"
out=$("$MWSCHEMA" review -C "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "lint: rc=$rc
$out"
printf '%s\n' "$out" | grep -q "^    sql/tables.json:[0-9]*:[0-9]*: error: .*\[pk-unsigned\]$" || fail "finding not listed:
$out"
printf '%s\n' "$out" | grep -qxF "Review result: problems: lint errors" || fail "result:
$out"
md=$("$MWSCHEMA" review -C "$R" --format=markdown 2>&1)
printf '%s\n' "$md" | grep -q '^- \*\*error\*\* `pk-unsigned` ' || fail "markdown finding:
$md"
ok "lint errors are listed (text and markdown) and make the review fail"

# A change file that does not load is a problem, not a crash.
printf '{ "before": {}, "after": { "name": "x" ' > "$R/sql/abstractSchemaChanges/patch-broken.json"
git -C "$R" add sql/abstractSchemaChanges/patch-broken.json && git -C "$R" commit -qm broken
out=$("$MWSCHEMA" review -C "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "broken JSON: rc=$rc
$out"
printf '%s\n' "$out" | grep -q "^    sql/abstractSchemaChanges/patch-broken.json:1:" || fail "load error:
$out"
printf '%s\n' "$out" | grep -qxF "Review result: problems: JSON does not load" || fail "result:
$out"
ok "a broken change file is reported with its position"
