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

# --demo opens a private copy of the demo workspace.
tmux -S "$T_SOCK" kill-server
start 100 30 --demo
wait_for "demo workspace:"
assert_screen "Tables ("
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status of --demo"
echo PASS
