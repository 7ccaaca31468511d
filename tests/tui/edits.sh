#!/bin/sh
# The editing requests besides add-column: rename (R), drop (d), add index
# (i), primary key (p), edit (e), new table (N), and the core's refusals.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys Tab j j                              # editor: actor_name
keys R; wait_for "Rename column"
keys C-u; type_text "actor_text"; keys Enter
wait_for "actor_name UNIQUE (actor_text)"
assert_screen "change: patch-actor-"
keys u; wait_for "change: (none)"

keys k d                                  # actor_user is used by an index
# Refused before any question (issue 22).
wait_for 'column "actor_user" is used by index "actor_user"'
assert_not_screen "Drop column 'actor_user'?"

keys j j j d                              # the index actor_user
wait_for "Drop index 'actor_user'?"
keys y
wait_for "index dropped"
assert_screen "change: patch-drop-actor-actor_user"
assert_screen "Indexes (1)"

keys i; wait_for "Add index"
type_text "actor_name_user"; keys Tab C-u; type_text "actor_name, actor_user"; keys Tab Space
keys Enter
wait_for "actor_name_user UNIQUE (actor_name, actor_user)"

keys G p; wait_for "Primary key (columns"
keys C-u; type_text "actor_id, nosuch"; keys Enter
wait_for 'unknown column "nosuch"'
keys C-u; type_text "actor_id, actor_name"; keys Enter
wait_for "(actor_id, actor_name)"

keys g e; wait_for "Edit column"             # g: the first column, actor_id (never the header row)
assert_screen "bigint"
keys Escape; wait_gone "Edit column"

keys u u u u
wait_for "change: (none)"
keys N; wait_for "New table"
type_text "tag_note"; keys Tab; type_text "tn_id"; keys Enter
wait_for "Table tag_note"
assert_screen "Tables (4)"
assert_screen "change: patch-tag_note"
keys 2; wait_for "CREATE TABLE /*_*/tag_note"
assert_screen "tn_id INT UNSIGNED AUTO_INCREMENT NOT NULL"
keys 6; wait_for "[ 'addTable', 'tag_note', 'patch-tag_note.sql' ]"
# A second table cannot join the change.
keys BTab g
wait_for "Table actor"
keys a
wait_for "the change in progress is on 'tag_note'"
keys q y
wait_exit >/dev/null
echo PASS
