#!/bin/sh
# q quits at once without edits, asks with unsaved edits.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
start 120 40
wait_for "Tables (3)"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

start 120 40
wait_for "Tables (3)"
keys a; wait_for "Add column"
type_text "col_q"; keys Tab; type_text "integer"; keys Enter
wait_for "[+] unsaved"
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
