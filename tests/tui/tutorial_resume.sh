#!/bin/sh
# The tutorial is left and resumed at the saved step (with the unsaved change
# restored), starts over with --restart, and opens from the editor with
# :tutorial; T hides and shows its panel.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/tutorial_lib.sh"
start_tutorial
step_orientation
progress_is primary-key
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"

start_tutorial
at_step 2
assert_screen "tutorial resumed at step 2 of 9"
step_primary_key
add_signed_column
make_unsigned
at_step 4
keys q; wait_for "Quit anyway?"; keys y
wait_exit >/dev/null

# The unsaved column comes back from the recovery file, at the saved step.
restart_tmux
start 120 40 tutorial
wait_for "Restore them?"
keys y
at_step 4
assert_screen "+ wll_actor"
assert_screen "NOT NULL without a default"
keys q y
wait_exit >/dev/null

# --restart: a fresh copy, back to step 1, nothing to recover.
start_tutorial --restart
at_step 1
assert_not_screen "Restore them?"
progress_is orientation
[ "$(git -C "$T_TUT/demo" rev-list --count HEAD)" = 1 ] || fail "not a fresh copy"
keys T; wait_gone "Tutorial 1/9"
keys T; at_step 1
keys '?'; wait_for "add-column"
keys G; wait_for "Show or hide the tutorial panel"
keys q
keys q
wait_exit >/dev/null

# :tutorial in the editor of another workspace switches to the tutorial.
restart_tmux
rm -rf "$T_WS"; make_workspace
start 120 40
wait_for "Tables (3)"
keys :; type_text "tutorial"; keys Enter
wait_for "private copy"
keys y
at_step 1
keys :; type_text "tutorial quit"; keys Enter
wait_for "left the tutorial at step 1"
assert_not_screen "Tutorial 1/9"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
