#!/bin/sh
# The ':' command line: commands, completion, errors, history across runs.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys :; type_text "table watch"; keys Tab Enter
wait_for "Table watchlist_label"
keys :; type_text "tabl"; keys Tab; type_text "site_note"; keys Enter
wait_for "Table site_note"
keys :; type_text "set tab files"; keys Enter
wait_for "No change yet"
keys :; type_text "frobnicate"; keys Enter
wait_for "unknown command 'frobnicate'"
keys :; type_text "add-col"; keys Tab Enter
wait_for "Add column"
keys Escape
keys :; type_text "help"; keys Enter
wait_for "Show the SQLite patch"
keys q
keys :; type_text "q"; keys Enter
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

# History survives the restart.
[ -s "$XDG_STATE_HOME/mwschema/history" ] || fail "no history file"
start 120 40
wait_for "Tables (3)"
keys : Up Up
wait_for ":help"
keys Escape
keys q
wait_exit >/dev/null
echo PASS
