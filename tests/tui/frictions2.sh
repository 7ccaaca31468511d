#!/bin/sh
# Issue 22's editor frictions, second part: a new type drops the options it
# does not take (and says so); "did you mean" for types and commands;
# completion of theme names, tables and index columns; the recovery file
# is private; C-z suspends and fg resumes; TERM=dumb explains itself.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 80 24

# actor_id is a bigint, unsigned, autoincrement: as a string neither applies.
keys Tab e; wait_for "Edit column"
keys Tab C-u; type_text "string"
wait_for "unsigned off, autoincrement off for a string column"
[ "$(screen | grep -c ' unsigned  *no ')" = 1 ] || fail "unsigned still set"
keys C-u; type_text "varchar"
wait_for "unknown type 'varchar' (did you mean"; assert_screen "'string'?)"
keys Escape; wait_gone "Edit column"

# Index columns complete from the table's columns, a word at a time.
keys i; wait_for "Add index"
type_text "actor_pair"; keys Tab C-u; type_text "actor_n"; keys Right
type_text ", actor_u"; keys Right
wait_for "actor_name, actor_user"
keys Enter; wait_for "+ actor_pair (actor_name, actor_user)"

# The recovery file, once written, is the user's alone.
sleep 2
files=$(find "$XDG_STATE_HOME/mwschema/recovery" -type f -name '*.json')
[ -n "$files" ] || fail "no recovery file after a pause"
for f in $files; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "recovery file mode $(stat -c %a "$f"): $f"
done

# Completion on the command line: tables, theme names.
keys :; type_text "table "; keys Tab
wait_for "actor  site_note  watchlist_label"
keys C-u; type_text "set theme = m"; keys Tab
wait_for ":set theme = mono"
keys Escape
# Unknown commands get a suggestion.
keys :; type_text "tabel actor"; keys Enter
wait_for "unknown command 'tabel': did you mean ':table'?"
keys q y
wait_exit >/dev/null

# C-z suspends (the terminal back to the shell), fg brings the editor back.
tmux -S "$T_SOCK" kill-server
rm -f "$T_RC"
export XDG_STATE_HOME="$T_DIR/state2"   # no recovery question from the run above
new_session 80 24 "PS1='$ ' bash --norc --noprofile -i"
poll 40 on_screen '$' || fail "no shell"
type_text "cd '$T_WS' && '$MWSCHEMA'"; keys Enter
wait_for "Tables (3)"
keys C-z
wait_for "Stopped"
off_screen "Tables (3)" || fail "the editor is still on screen after C-z"
type_text "fg"; keys Enter
wait_for "Tables (3)"
keys q
wait_for '$ '
tmux -S "$T_SOCK" kill-server

# TERM=dumb: a sentence and a status, not a blank screen.
rm -f "$T_RC"
new_session 80 24 "cd '$T_WS' && TERM=dumb '$MWSCHEMA'; echo \$? > '$T_RC'; sleep 30"
wait_for "cannot move the cursor"
assert_screen "mwschema --help"
[ "$(wait_exit)" = 3 ] || fail "TERM=dumb: exit status (3, as the manual says)"
echo PASS
