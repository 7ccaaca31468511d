#!/bin/sh
# The tutorial can be completed by keystrokes alone: all nine steps, with a
# wrong patch name on the way, ending in a real commit in the private copy.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/tutorial_lib.sh"
start_tutorial
assert_screen "Finding your way"
[ -d "$T_TUT/demo/.git" ] || fail "the private copy is not a git repository"
[ "$(git -C "$T_TUT/demo" rev-list --count HEAD)" = 1 ] || fail "the copy should have one commit"
[ -z "$(git -C "$T_TUT/demo" status --porcelain)" ] || fail "the copy is not clean"

step_orientation
step_primary_key
add_signed_column
wait_for "is signed"
make_unsigned
at_step 4
make_nullable
wait_for "Now compare"
keys 2 3 4
at_step 5

# A name that does not say what the change does is refused, with the reason.
keys n; wait_for "Change file name"
keys C-u; type_text "mychange"; keys Enter
wait_for "does not say what the change does"
assert_screen "Tutorial 5/9"
progress_is patch-name
keys n; wait_for "Change file name"
keys C-u; type_text "patch-watchlist_label-wll_actor"; keys Enter
at_step 6

# Roll back by undoing the whole change (the title bar says so), then bring it
# back. poll keeps its count in a global, so these loops count for themselves.
title_says() { screen | head -1 | grep -F -q -- "$1"; }
tries=0
until title_says "change: (none)"; do
  [ $tries -lt 10 ] || fail "undo did not remove the change"
  keys u; poll 20 title_says "change: (none)"; tries=$((tries + 1))
done
wait_for "The table is back as it was"
tries=0
until on_screen "Tutorial 7/9"; do
  [ $tries -lt 10 ] || fail "redo did not finish step 6"
  keys C-r; poll 20 on_screen "Tutorial 7/9"; tries=$((tries + 1))
done

keys 6; keys w
at_step 8
[ -s "$T_TUT/demo/sql/abstractSchemaChanges/patch-watchlist_label-wll_actor.json" ] ||
  fail "the change was not written"
keys :; type_text "verify"; keys Enter
wait_for "Verify (SQLite round trip): ok" 10
keys q
at_step 9
keys c; wait_for "Commit the change"
keys Tab; type_text "T12345"; keys Enter
if screen | grep -q "blocking lint errors"; then keys Tab Tab Tab Tab Tab; keys Space Enter; fi
wait_for "Tutorial complete" 10
progress_is done
[ "$(git -C "$T_TUT/demo" rev-list --count HEAD)" = 2 ] || fail "no commit in the private copy"
git -C "$T_TUT/demo" log -1 --format=%B | grep -q "^Bug: T12345$" || fail "no Bug footer"
git -C "$T_TUT/demo" log -1 --format=%s | grep -q "wll_actor" || fail "commit subject"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
