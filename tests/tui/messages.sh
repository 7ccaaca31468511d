#!/bin/sh
# Information that does not fit: a long status message wraps over the panes'
# foot; :messages lists every status message of the session; M shows the
# last one in full; W wraps long preview lines; / n N search the preview and
# the pager. At 80x24, where things get cut.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 80 24
long=table_with_a_name_long_enough_that_the_message_about_it_needs_two_rows_end
keys :; type_text "table $long"; keys Enter
wait_for "needs_two_rows_end'"
keys j   # the table list: site_note
wait_gone "needs_two_rows_end'"
keys M; wait_for "Last message (error)"
assert_screen "'$long'"
keys q; wait_gone "Last message"

# A long default: its SQL line is wider than the pane until W wraps it.
keys 2
keys a; wait_for "Add column"
type_text "actor_note"; keys Tab; type_text "str"; keys Tab; type_text "250"
keys Tab Tab Tab; type_text "'the default value of this column is long enough to pass the pane edge_tail'"
keys Enter; wait_for "column added"
wait_for "ADD actor_note VARCHAR(250)"
off_screen "edge_tail" || fail "the long line is not cut before W"
keys W; wait_for "long lines wrap"
wait_for "edge_tail"
keys W; wait_for "scroll sideways"
wait_gone "edge_tail"

# :messages: every status message so far, oldest first.
keys :; type_text "messages"; keys Enter
wait_for "Status messages of this session"
assert_screen "error  no table"
assert_screen "info   column added; change patch-site_note-actor_note"
assert_screen "long lines wrap"
# Search in the pager: / then n / N.
keys /; type_text "long lines"; keys Enter
wait_for "long lines wrap"
keys q; wait_gone "Status messages"

# Search in the preview (focused): the match comes to the top of the pane.
keys 1 Tab Tab
wait_for "--- before: sql/tables.json"
keys /; type_text '"indexes"'; keys Enter
wait_gone "--- before: sql/tables.json"
assert_screen '"indexes": ['
keys n; assert_screen '"indexes": ['
keys /; type_text "zzz"; keys Enter; wait_for "no match for 'zzz'"
keys q y
wait_exit >/dev/null
echo PASS
