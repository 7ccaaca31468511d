#!/bin/sh
# :verify runs the SQLite round trip of the change and shows each step.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys :; type_text "verify"; keys Enter
wait_for "nothing to verify"
keys a; wait_for "Add column"
type_text "actor_email"; keys Tab; type_text "binary"; keys Tab; type_text "255"
keys Tab Tab Tab; type_text "''"; keys Enter
wait_for "+ actor_email"
keys :; type_text "verify"; keys Enter
wait_for "Verify (SQLite round trip)" 10
assert_screen "create before"
assert_screen "Verify (SQLite round trip): ok"
keys q
wait_gone "Verify (SQLite"
keys q y
wait_exit >/dev/null
echo PASS
