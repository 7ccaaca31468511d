#!/bin/sh
# q quits at once without edits, asks with unsaved edits.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

start 120 40
wait_for "Tables (3)"
add_column col_q integer
assert_screen "[+] unsaved"
keys q
wait_for "There are unsaved edits. Quit anyway?"
keys n
wait_for "not quitting"
[ -s "$T_RC" ] && fail "quit after answering no"
keys : ; type_text "q"; keys Enter
wait_for "Quit anyway?"
keys y
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
