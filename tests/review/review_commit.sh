#!/bin/sh
# mwschema review on a temporary git repository shaped like MediaWiki core:
# the commit `mwschema commit` made is in order; a later hand edit of one
# generated file is drift in exactly that file; markdown has its structure;
# ranges, branches, file mode and bad revisions.
. "$top_srcdir/tests/workspace/lib.sh"

R="$TMP/core"
P=sql/abstractSchemaChanges/patch-widget-wd_note.json
make_repo core "$R"
base=$(git -C "$R" rev-parse HEAD)
write_change core "$R"
"$MWSCHEMA" commit --bug=T123456 --branch=wd-note "$R" >/dev/null 2>&1 || fail "commit failed"

# The commit made by `mwschema commit`: both items shown, everything in sync.
out=$(cd "$R/sql" && "$MWSCHEMA" review 2>&1); rc=$?
[ $rc -eq 0 ] || fail "review of the commit: rc=$rc
$out"
for want in "[1/2] change $P (added)" "[2/2] schema sql/tables.json (modified)" \
	"  Add field wd_note to widget" "    + column wd_note: blob(65530) NULL" \
	"    MySQL      sql/mysql/patch-widget-wd_note.sql: in sync; updater entry: present" \
	"    PostgreSQL sql/postgres/patch-widget-wd_note.sql: in sync; updater entry: present" \
	"    SQLite     sql/sqlite/patch-widget-wd_note.sql: in sync; updater entry: present" \
	"    MySQL      sql/mysql/tables-generated.sql: in sync" \
	"    SQLite     sql/sqlite/tables-generated.sql: in sync" \
	"  Schema file: sql/tables.json in sync" "  SQLite round trip: pass" \
	"  Lint: no findings" "Review result: ok"; do
	printf '%s\n' "$out" | grep -qxF -- "$want" || fail "review lacks '$want':
$out"
done
printf '%s\n' "$out" | grep -q PROBLEM && fail "problems reported for a clean commit"
printf '%s\n' "$out" | grep -qF "  --- SQLite rollback" || fail "no rollback SQL"
[ "$("$MWSCHEMA" review -C "$R" HEAD 2>&1)" = "$out" ] || fail "-C DIR HEAD differs from the default"
ok "review of the commit shows each change, in-sync SQL, updater entries, round trip"

# A hand edit of one generated file, committed: drift in exactly that file.
f="$R/sql/postgres/patch-widget-wd_note.sql"
sed 's/ADD wd_note TEXT DEFAULT NULL;/ADD wd_note BYTEA DEFAULT NULL;/' "$f" > "$TMP/x" && cat "$TMP/x" > "$f"
git -C "$R" commit -qam "Tweak the PostgreSQL patch by hand" || fail "hand-edit commit"
out=$("$MWSCHEMA" review -C "$R" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "drift: rc=$rc, want 1
$out"
printf '%s\n' "$out" | grep -qxF "[1/1] change $P (SQL only)" || fail "the change is not listed:
$out"
[ "$(printf '%s\n' "$out" | grep -c 'differs')" = 1 ] || fail "not exactly one file differs:
$out"
printf '%s\n' "$out" | grep -qxF \
	"    PostgreSQL sql/postgres/patch-widget-wd_note.sql: differs at line 6; updater entry: present  <-- PROBLEM" ||
	fail "the edited file is not the one reported:
$out"
printf '%s\n' "$out" | grep -qxF "      committed:   ADD wd_note BYTEA DEFAULT NULL;" || fail "no committed line"
printf '%s\n' "$out" | grep -qxF "      generated:   ADD wd_note TEXT DEFAULT NULL;" || fail "no generated line"
printf '%s\n' "$out" | grep -qxF "Review result: problems: drift" || fail "result is not drift"
ok "a hand-edited generated file is drift in exactly that file (exit 1)"

# Markdown: heading, per-DBMS table, lint list, collapsible SQL and rollback.
md=$("$MWSCHEMA" review -C "$R" --format=markdown HEAD~1); rc=$?
[ $rc -eq 0 ] || fail "markdown of the clean commit: rc=$rc"
case $(printf '%s\n' "$md" | head -n 1) in
"## Schema review: $(git -C "$R" rev-parse --short=12 HEAD~1) Add field wd_note to widget") ;;
*) fail "first line: $(printf '%s\n' "$md" | head -n 1)" ;;
esac
[ "$(printf '%s\n' "$md" | grep -c '^### ')" = 2 ] || fail "not one heading per item:
$md"
printf '%s\n' "$md" | grep -qxF "### 1. Add field wd_note to widget" || fail "change heading"
[ "$(printf '%s\n' "$md" | grep -cxF '| DBMS | SQL generated | committed file in sync | updater entry | SQLite round trip |')" = 1 ] ||
	fail "no status table for the change"
for db in MySQL PostgreSQL SQLite; do
	printf '%s\n' "$md" | grep -q "^| $db | yes | in sync \`sql/[a-z]*/patch-widget-wd_note.sql\` | present | " ||
		fail "status row of $db:
$md"
done
printf '%s\n' "$md" | grep -q '^| SQLite | yes | .* | pass |$' || fail "round trip column"
printf '%s\n' "$md" | grep -qxF '**Lint:** no findings' || fail "lint line"
[ "$(printf '%s\n' "$md" | grep -c '^<details><summary>')" = 6 ] || fail "not 6 <details> (SQL + rollback per DBMS)"
[ "$(printf '%s\n' "$md" | grep -c '^</details>$')" = 6 ] || fail "<details> not closed"
printf '%s\n' "$md" | grep -q '^<details><summary>SQLite rollback</summary>$' || fail "no SQLite rollback block"
[ $(( $(printf '%s\n' "$md" | grep -c '^```') % 2 )) = 0 ] || fail "unbalanced code fences"
md=$("$MWSCHEMA" review -C "$R" --format=markdown); rc=$?
[ $rc -eq 1 ] || fail "markdown of the drift commit: rc=$rc"
printf '%s\n' "$md" | grep -q '^| PostgreSQL | yes | \*\*differs at line 6\*\* ' || fail "drift row:
$md"
printf '%s\n' "$md" | grep -qF '**Result:** **problems: drift' || fail "markdown result"
ok "markdown: heading per change, per-DBMS table, lint list, <details> SQL and rollback"

# The branch against its fork point, and the same as a range.
out=$("$MWSCHEMA" review -C "$R" --no-roundtrip wd-note 2>&1); rc=$?
[ $rc -eq 1 ] || fail "branch review rc=$rc"
printf '%s\n' "$out" | grep -qxF "Review of wd-note (2 commits)" || fail "branch title:
$out"
printf '%s\n' "$out" | grep -qxF "[1/2] change $P (added)" || fail "branch: change not added"
printf '%s\n' "$out" | grep -qxF "  SQLite round trip: not run" || fail "--no-roundtrip"
[ "$("$MWSCHEMA" review -C "$R" --no-roundtrip "$base..wd-note" | sed 1d)" = \
  "$(printf '%s\n' "$out" | sed 1d)" ] || fail "range and branch differ"
ok "a branch is reviewed from its fork point, like BASE..BRANCH"

# A range that also loses an updater entry.
sed '/patch-widget-wd_note.sql/d' "$R/includes/installer/SqliteUpdater.php" > "$TMP/x" &&
	cat "$TMP/x" > "$R/includes/installer/SqliteUpdater.php"
git -C "$R" commit -qam "Lose the SQLite entry" || fail "commit"
out=$("$MWSCHEMA" review -C "$R" "$base.." 2>&1); rc=$?
[ $rc -eq 1 ] || fail "missing updater rc=$rc"
printf '%s\n' "$out" | grep -q "^    SQLite     sql/sqlite/patch-widget-wd_note.sql: in sync; updater entry: missing  <-- PROBLEM$" ||
	fail "missing SQLite entry not reported:
$out"
printf '%s\n' "$out" | grep -qF "add to includes/installer/SqliteUpdater.php: [ 'addField', 'widget', 'wd_note', 'patch-widget-wd_note.sql' ]" ||
	fail "no entry to paste"
printf '%s\n' "$out" | grep -qxF "Review result: problems: drift, updater entry missing" || fail "result line"
ok "a missing updater entry is reported with the entry to paste"

# File mode reads the work tree.
out=$(cd "$R" && "$MWSCHEMA" review "$P" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "file mode rc=$rc"
printf '%s\n' "$out" | grep -qxF "[1/1] change $P (work tree)" || fail "file mode:
$out"
ok "file mode reviews the work tree's change file"

# Errors: a bad revision is exit 3 with a clear message; usage is exit 2.
out=$("$MWSCHEMA" review -C "$R" no-such-rev 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad revision rc=$rc"
printf '%s\n' "$out" | grep -q "unknown revision 'no-such-rev'" || fail "bad revision message: $out"
"$MWSCHEMA" review --format=html -C "$R" >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad format not usage"
"$MWSCHEMA" review -C "$R" HEAD HEAD~1 >/dev/null 2>&1; [ $? -eq 2 ] || fail "two revisions not usage"
"$MWSCHEMA" review -C "$R" nope.json >/dev/null 2>&1; [ $? -eq 3 ] || fail "missing file not exit 3"
"$MWSCHEMA" review -C "$TMP" >/dev/null 2>&1; [ $? -eq 3 ] || fail "outside a checkout not exit 3"
ok "bad revision (3), usage errors (2), missing file and no checkout (3)"

# Layout-only differences are in sync, as MediaWiki's CI compares (pretty-printed).
f="$R/sql/sqlite/patch-widget-wd_note.sql"
sed 's/^  ADD COLUMN wd_note/    ADD   COLUMN wd_note/' "$f" > "$TMP/x" && cat "$TMP/x" > "$f"
git -C "$R" commit -qam "Re-indent the SQLite patch" || fail "layout commit"
out=$("$MWSCHEMA" review -C "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^    SQLite     sql/sqlite/patch-widget-wd_note.sql: in sync (layout differs); " ||
	fail "layout-only difference not in sync:
$out"
ok "a layout-only difference is in sync"
