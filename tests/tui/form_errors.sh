#!/bin/sh
# Invalid input in the column form: inline errors, and nothing typed is lost.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys a
wait_for "Add column"
type_text "actor_name"; keys Tab          # a duplicate name
type_text "strng"; keys Tab              # no such type
type_text "12x"; keys Tab Tab Tab        # not a number
type_text "x"; keys Tab Tab
type_text "kept comment ✓"
keys Enter
wait_for "unknown type 'strng'"
assert_screen 'table "actor" already has a column "actor_name"'
assert_screen "a whole number, or empty"
# Everything typed is still there.
assert_screen "kept comment ✓"
assert_screen "12x"
assert_screen "strng"
assert_screen "Add column"
# Fix the fields one by one; the form stays open until all are valid, and
# each Enter puts the cursor on the first field still in error (the name).
keys C-u; type_text "actor_email"; keys Tab
keys C-u Space Space                     # Space cycles: bigint, binary
wait_for "binary"
keys C-u; type_text "string"
keys Enter
wait_for "a whole number, or empty"
assert_not_screen "already has a column"
assert_not_screen "unknown type"
keys C-u; type_text "64"                 # the cursor is on length now
keys Enter
wait_for "change: patch-actor-actor_email"
assert_screen "+ actor_email"
assert_screen "kept comment ✓"
# Esc cancels a form without changes.
keys a
wait_for "Add column"
type_text "zzz"
keys Escape
wait_gone "Add column"
assert_not_screen "zzz"
# The core's errors go to the field their JSON pointer names: a bad key
# column name is shown under "key column", not under the table's name.
keys N; wait_for "New table"
type_text "tag_note"; keys Tab; type_text "bad key"; keys Enter
wait_for 'invalid column name "bad key"'
screen | grep -A1 "key column" | grep -q 'invalid column name "bad key"' ||
	fail "the key column's error is not under its field: $(screen)"
screen | grep -A1 "table name" | grep -q 'invalid column name' &&
	fail "the key column's error is under the table name: $(screen)"
keys Escape; wait_gone "New table"
keys q y
wait_exit >/dev/null
echo PASS
