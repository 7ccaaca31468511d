#!/bin/sh
# A generated file edited by hand and committed is drift in review mode,
# with the file and its first differing line named; the earlier commit is
# still in sync. With --format the review prints, even on a terminal.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "$top_srcdir/tests/tui/review_lib.sh"
make_review_repo
f="$T_WS/sql/postgres/patch-widget-wd_note.sql"
sed 's/ADD wd_note TEXT DEFAULT NULL;/ADD wd_note BYTEA DEFAULT NULL;/' "$f" > "$T_DIR/x" &&
  cat "$T_DIR/x" > "$f"
git -C "$T_WS" commit -qam "Tweak the PostgreSQL patch by hand" || fail "hand-edit commit"

start_review 160 50
wait_for "Changes (1)"
assert_screen "1 change, 1 with problems: drift"
assert_screen "!! patch-widget-wd_note"
assert_screen "change $R_PATCH (SQL only)"
assert_screen "  PostgreSQL  differs at line 6; updater entry: present"
assert_screen "file: sql/postgres/patch-widget-wd_note.sql"
assert_screen "committed:   ADD wd_note BYTEA DEFAULT NULL;"
assert_screen "generated:   ADD wd_note TEXT DEFAULT NULL;"
assert_screen "  MySQL       in sync; updater entry: present"
assert_screen "  SQLite      in sync; updater entry: present"
assert_screen "Result: problems: drift"
keys 3; wait_for "-- Patch of sql/postgres/patch-widget-wd_note.sql"
assert_screen "ADD wd_note TEXT DEFAULT NULL"
keys q
[ "$(wait_exit)" = 1 ] || fail "exit status of a review with problems"
tmux -S "$T_SOCK" kill-server

# The commit before the hand edit is in order.
start_review 160 50 HEAD~1
wait_for "Changes (2)"
assert_screen "2 changes, no problems"
assert_screen "  PostgreSQL  in sync; updater entry: present"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status of the clean commit"
tmux -S "$T_SOCK" kill-server

# --format prints on a terminal too (--no-pager: the pager is tested in tests/foundation/terminal.sh).
start 160 50 review --format=text --no-pager
wait_for "Review result: problems: drift"
[ "$(wait_exit)" = 1 ] || fail "exit status of the printed review"
echo PASS
