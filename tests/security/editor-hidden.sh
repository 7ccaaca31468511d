#!/bin/sh
# Issue 14, the editor's screen: a branch name and a commit subject (which
# git lets hold C1 controls and the bidi and zero-width characters) are shown
# with those characters as '?', like the CLI's \u202e, in the title of the
# editor and of its review. Raw, U+202E would reorder the line on a
# bidi-aware terminal.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
in_ws git checkout -q -b "$(printf 'br\302\2332J\342\200\256X')" || fail "branch"
in_ws git commit -q --allow-empty -m "$(printf 'subj \302\2332J \342\200\256 rtl')" || fail "commit"
hidden() { LC_ALL=C grep -q "$(printf '\302\233\|\342\200\256')"; }
start 120 30
wait_for "Tables (3)"
assert_screen "[br?2J?X]"
screen | hidden && fail "a hidden character reached the screen"
keys q; wait_exit >/dev/null
start 120 30 review HEAD
wait_for "subj ?2J ? rtl"
screen | hidden && fail "a hidden character reached the review's title"
keys q
echo PASS
