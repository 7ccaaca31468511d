#!/bin/sh
# Opens a workspace: title, table list, editor grid, preview tabs, help, quit.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
assert_screen "mwschema  ws  [main]"
assert_screen "actor_name"
assert_screen "1 Diff"
assert_screen "6 Files"
assert_screen "Primary key"
keys j
wait_for "Table site_note"
assert_screen "Le texte affiché — UTF-8 ✓"
keys '?'
wait_for "add-column"
assert_screen "Add a column"
keys q
wait_for "Tables (3)"
keys /
type_text "watch"
wait_for "Tables /watch (1/3)"
keys Enter
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"

# --demo opens a private copy of the demo workspace, its own git repository
# with one commit (so w and c work in it and touch nothing else).
tmux -S "$T_SOCK" kill-server
start 100 30 --demo
wait_for "demo workspace:"
assert_screen "Tables ("
assert_screen "[main]"
copy=$(ls -d "$T_DIR"/mwschema-demo-* 2>/dev/null | head -n 1)
[ -n "$copy" ] || fail "no demo copy in TMPDIR"
[ "$(git -C "$copy" rev-list --count HEAD)" = 1 ] || fail "the demo copy should have one commit"
[ -z "$(git -C "$copy" status --porcelain)" ] || fail "the demo copy is not clean"
[ ! -e "$copy/demo.am" ] || fail "build glue was copied into the demo"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status of --demo"
echo PASS
