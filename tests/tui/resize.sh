#!/bin/sh
# Resizing at any moment: main screen, with a form open, and back.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
start 160 48
wait_for "Tables (3)"
assert_screen "1 Diff  2 MySQL"
resize 80 24
wait_for "q quit"
screen | awk 'length($0) > 80 { exit 1 }' || fail "lines wider than 80 cells"
[ "$(screen | wc -l)" -le 24 ] || fail "more than 24 lines"
assert_screen "Tables (3)"
assert_screen "1 Diff"
assert_screen "actor_name"
keys a
wait_for "Add column"
type_text "resized"
resize 120 40
wait_for "Add column"
assert_screen "resized"
resize 80 24
wait_for "Add column"
assert_screen "resized"
keys Tab; type_text "integer"; keys Enter
wait_for "+ resized"
resize 160 48
wait_for "+ resized"
assert_screen "6 Files"
keys q y
wait_exit >/dev/null
echo PASS
