#!/bin/sh
# commit refuses lint errors and drift (nothing committed), unless --force.
. "$top_srcdir/tests/workspace/lib.sh"

# Drift: the author wrote the change but did not copy "after" into tables.json.
R="$TMP/drift"
make_repo core "$R"
mkdir -p "$R/sql/abstractSchemaChanges"
cp "$FIX/core/change/patch-widget-wd_note.json" "$R/sql/abstractSchemaChanges/"
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "drift: rc=$rc $out"
printf '%s\n' "$out" | grep -q "sql/tables.json:.*table 'widget' differs from the \"after\" of sql/abstractSchemaChanges/patch-widget-wd_note.json (addField wd_note) \[tables-json-in-sync\]" ||
	fail "drift message: $out"
[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] || fail "committed despite drift"
printf '%s\n' "$out" | grep -q "nothing was written" || fail "refusal does not say nothing was written: $out"
[ "$(git -C "$R" status --porcelain --untracked-files=all)" = "?? sql/abstractSchemaChanges/patch-widget-wd_note.json" ] ||
	fail "files written before the refusal: $(git -C "$R" status --porcelain --untracked-files=all)"
out=$("$MWSCHEMA" commit --force "$R" 2>&1) || fail "--force: $out"
[ "$(git -C "$R" rev-list --count HEAD)" = 2 ] || fail "--force did not commit"
ok "drift (tables.json behind its change) refuses the commit before writing; --force commits"

# Lint error: an integer primary key that is not unsigned.
R="$TMP/lint"
make_repo core "$R"
write_change core "$R"
for f in "$R/sql/abstractSchemaChanges/patch-widget-wd_note.json" "$R/sql/tables.json"; do
	sed 's/"unsigned": true/"unsigned": false/' "$f" > "$TMP/x" && cat "$TMP/x" > "$f"
done
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "lint: rc=$rc $out"
printf '%s\n' "$out" | grep -q "\[pk-unsigned\]" || fail "lint message: $out"
printf '%s\n' "$out" | grep -q "refused" || fail "no refusal: $out"
[ ! -e "$R/sql/mysql/patch-widget-wd_note.sql" ] || fail "files written before refusing"
ok "lint errors refuse the commit before anything is written"

# The checkout's .mwschemarc can turn the rule off, as for `mwschema lint`.
printf 'set lint.pk-unsigned = off\n' > "$R/.mwschemarc"
out=$("$MWSCHEMA" commit "$R" 2>&1) || fail "pk-unsigned off in .mwschemarc: $out"
ok "lint settings of .mwschemarc apply to commit"

# Broken JSON: a load error is a lint error too.
printf '{ "before": ' > "$R/sql/abstractSchemaChanges/patch-widget-wd_note.json"
printf '\n' >> "$R/sql/tables.json"
out=$("$MWSCHEMA" commit "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "broken JSON: rc=$rc $out"
printf '%s\n' "$out" | grep -q "patch-widget-wd_note.json:1:" || fail "load error not shown: $out"
ok "a JSON file that does not load refuses the commit"
exit 0
