#!/bin/sh
# In the editor, :review REV opens the same read-only review over its panes;
# q goes back to editing, and :export works only while a review is open.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/review_lib.sh"
make_review_repo
start 160 50
wait_for "Tables (1)"
keys ']'; wait_for "no review is open"
keys :; type_text "export $T_DIR/none.md"; keys Enter; wait_for "export: no review is open"
keys :; type_text "review no-such-rev"; keys Enter; wait_for "unknown revision"
keys :; type_text "review HEAD"; keys Enter
wait_for "Changes (2)" 20
assert_screen "mwschema review"
assert_screen "  MySQL       in sync; updater entry: present"
keys ']'; wait_for "Change 2 of 2"
keys a; wait_for "review mode is read-only: 'add-column' is disabled (q goes back to editing)"
keys :; type_text "export $T_DIR/review.md"; keys Enter; wait_for "written to"
head -n 1 "$T_DIR/review.md" | grep -q '^## Schema review: ' || fail "markdown heading"
keys q; wait_for "back to editing"
wait_for "Tables (1)"
assert_not_screen "Changes (2)"
# Editing works again.
keys Enter; keys a; wait_for "Add column"
keys Escape; wait_gone "Add column"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
[ ! -e "$T_DIR/none.md" ] || fail ":export wrote without a review"
echo PASS
