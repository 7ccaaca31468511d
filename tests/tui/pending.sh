#!/bin/sh
# The checkout is the truth: a change written but not committed is found
# again after a restart (resume it, commit it, or later), and c commits it.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_demo
start 80 24
wait_for "Tables (7)"
add_column actor_x integer
keys w; wait_for "written, not committed"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

# Esc: later. The title says no change is edited; c still commits it.
start 80 24
wait_for "The change patch-actor-actor_x.json is written but not committed (11 files"
keys Escape
wait_for "1 change written, not committed: c commits, :open resumes"
assert_screen "change: (none)"
keys c
wait_for "Commit the change"
assert_screen "Add field actor_x to actor"
keys Escape
wait_gone "Commit the change"
assert_screen "change: patch-actor-actor_x  written, not committed"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# r: resumed, as written; an edit on top and w update the same change.
start 80 24
wait_for "r resume editing it"
keys r
wait_for "resumed patch-actor-actor_x"
assert_screen "change: patch-actor-actor_x  written, not committed"
assert_screen "+ actor_x"
add_column actor_y integer
wait_for "change: patch-actor-actor_x  [+] unsaved"
keys w
wait_for "written: patch-actor-actor_x"
grep -q actor_y "$T_WS/sql/abstractSchemaChanges/patch-actor-actor_x.json" || fail "not amended"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# c: resumed and committed at once.
start 80 24
wait_for "c commit it"
keys c
wait_for "Commit the change"
keys Enter
sleep 0.3
if screen | grep -q "blocking lint errors"; then
  keys Tab Tab; keys Space Enter     # explicit override
fi
wait_for " on main: "   # "committed HASH on main: SUBJECT" (issue 22)
[ -z "$(in_ws git status --porcelain)" ] || fail "not all committed: $(in_ws git status --porcelain)"
keys q
wait_exit >/dev/null
echo PASS
