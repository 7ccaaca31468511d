#!/bin/sh
# Undo and redo over several edits, back to no change and forward again.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
start 120 40
wait_for "Tables (3)"
add() {
  keys a; wait_for "Add column"
  type_text "$1"; keys Tab; type_text "integer"; keys Enter
  wait_for "+ $1"
}
add col_one
add col_two
keys u
wait_gone "+ col_two"
assert_screen "+ col_one"
keys u
wait_for "change: (none)"
assert_not_screen "col_one"
keys u
wait_for "nothing to undo"
keys C-r
wait_for "+ col_one"
keys C-r
wait_for "+ col_two"
keys C-r
wait_for "nothing to redo"
# A new edit after an undo drops the redo history.
keys u
wait_gone "+ col_two"
add col_three
keys C-r
wait_for "nothing to redo"
keys q y
wait_exit >/dev/null
echo PASS
