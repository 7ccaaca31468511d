#!/bin/sh
# A wrong action is explained and does not advance the tutorial: a signed
# column at the unsigned step, a NOT NULL column edited at the nullable step.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/tutorial_lib.sh"
start_tutorial
# :tutorial next skips the steps that come before.
keys :; type_text "tutorial next"; keys Enter
at_step 2
keys :; type_text "tutorial next"; keys Enter
at_step 3
progress_is unsigned
add_signed_column
wait_for "Not yet"
assert_screen "'wll_actor' is signed"
assert_screen "Hint: Select the column in the editor, press e"
assert_screen "Tutorial 3/9"
progress_is unsigned
# Any other edit keeps it wrong; making it unsigned passes.
keys :; type_text "tutorial back"; keys Enter
at_step 2
keys :; type_text "tutorial next"; keys Enter
at_step 3
make_unsigned
at_step 4
progress_is nullable
assert_screen "NOT NULL without a default"
# An edit during the step that keeps it NOT NULL without a default is wrong.
keys e; wait_for "Edit column"
keys Tab Tab Tab Tab Tab Tab Tab; type_text "an actor"; keys Enter
wait_for "Not yet"
assert_screen "Tutorial 4/9"
progress_is nullable
keys q y
wait_exit >/dev/null
echo PASS
