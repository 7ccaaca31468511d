#!/bin/sh
# Undo and redo over several edits, back to no change and forward again.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
add_column col_one integer
add_column col_two integer
keys u
wait_gone "+ col_two"
assert_screen "+ col_one"
keys u
wait_for "change: (none)"
# The status says what was undone (issue 22); the grid no longer has it.
assert_screen "undone: add field col_one"
assert_not_screen "+ col_one"
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
add_column col_three integer
keys C-r
wait_for "nothing to redo"
keys q y
wait_exit >/dev/null
echo PASS
