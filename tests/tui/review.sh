#!/bin/sh
# mwschema review on a terminal: the commit `mwschema commit` made, read-only
# in the editor's panes. Each change with its drift status (in sync), the SQL
# and its rollback, ] / [ between the two changes, editing refused, and
# :export writing the markdown summary.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/review_lib.sh"
make_review_repo
start_review 160 50
wait_for "Changes (2)"
assert_screen "2 changes, no problems"
assert_screen "Change 1 of 2"
assert_screen "ok patch-widget-wd_note"
assert_screen "ok tables"
assert_screen "change $R_PATCH (added)"
assert_screen "  + column wd_note: blob(65530) NULL"
for db in "MySQL      " "PostgreSQL " "SQLite     "; do
  assert_screen "  $db in sync; updater entry: present"
done
assert_screen "file: sql/postgres/patch-widget-wd_note.sql"
assert_screen "Schema file: sql/tables.json in sync"
assert_screen "SQLite round trip: pass"
assert_screen "  apply patch                  ok"
assert_screen "Result: ok"
assert_screen "+            \"name\": \"wd_note\","

# The SQL tabs, and the rollback toggle.
keys 2; wait_for "-- Patch of sql/mysql/patch-widget-wd_note.sql"
assert_screen "ADD wd_note BLOB DEFAULT NULL;"
keys r; wait_for "-- Rollback of sql/mysql/patch-widget-wd_note.sql"
assert_screen "DROP wd_note"
assert_screen "[rollback SQL]"
keys 4; wait_for "-- Rollback of sql/sqlite/patch-widget-wd_note.sql"
keys r; wait_for "-- Patch of sql/sqlite/patch-widget-wd_note.sql"
keys 1

# ] and [ move between the two changes, and stop at the ends.
keys ']'; wait_for "Change 2 of 2"
assert_screen "schema sql/tables.json (modified)"
assert_screen "file: sql/mysql/tables-generated.sql"
assert_not_screen "change $R_PATCH (added)"
keys ']'; wait_for "this is the last change"
keys '['; wait_for "Change 1 of 2"
assert_screen "change $R_PATCH (added)"
keys '['; wait_for "this is the first change"
# They are named requests: rebinding works as for any other.
keys :; type_text "bind generic > next-change"; keys Enter
keys '>'; wait_for "Change 2 of 2"
keys :; type_text "prev-change"; keys Enter; wait_for "Change 1 of 2"

# Editing keys and writing commands are refused; nothing is touched.
keys a; wait_for "review mode is read-only: 'add-column' is disabled"
keys d; wait_for "review mode is read-only: 'drop' is disabled"
keys w; wait_for "review mode is read-only: 'write' is disabled"
keys c; wait_for "review mode is read-only: 'commit' is disabled"
keys :; type_text "w"; keys Enter; wait_for "review mode is read-only: ':w' is disabled"
[ -z "$(git -C "$T_WS" status --porcelain)" ] || fail "the review changed the work tree"

# The help lists the review requests with their keys.
# (The help is longer than the screen since issue 22: search it for them.)
keys '?'; wait_for "Help"
keys /; type_text "next-change"; keys Enter
wait_for "next-change"
assert_screen "prev-change"
keys q; wait_for "Changes (2)"

# :export FILE writes the markdown summary.
keys :; type_text "export $T_DIR/review.md"; keys Enter
wait_for "written to $T_DIR/review.md"
[ -s "$T_DIR/review.md" ] || fail "no markdown written"
short=$(git -C "$T_WS" rev-parse --short=12 HEAD)
[ "$(head -n 1 "$T_DIR/review.md")" = "## Schema review: $short Add field wd_note to widget" ] ||
  fail "first line: $(head -n 1 "$T_DIR/review.md")"
[ "$(grep -c '^### ' "$T_DIR/review.md")" = 2 ] || fail "not one heading per change"
grep -qxF "### 1. Add field wd_note to widget" "$T_DIR/review.md" || fail "no heading of the change"
"$MWSCHEMA" review -C "$T_WS" --format=markdown > "$T_DIR/cli.md"
cmp -s "$T_DIR/review.md" "$T_DIR/cli.md" || fail ":export differs from --format=markdown"
keys :; type_text "export $T_DIR/no/such/dir/x.md"; keys Enter
wait_for "export: "

keys q
[ "$(wait_exit)" = 0 ] || fail "exit status of a clean review"
echo PASS
