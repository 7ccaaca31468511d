#!/bin/sh
# Issue 22's editor frictions, one after the other at 80x24: the grid's
# header row is never selected; Esc or an empty line clears the table
# filter; dropping a key column is refused before any question; errors go
# as soon as the field is fixed; "1 index"; new and dropped items marked
# + and -; Policy lists errors first;
# undo says what it undid; the primary key "cleared"; the change is named
# after all its edits. (The diff's order is in check_session_live.)
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 80 24

# The filter: a word, then an empty line; a word, then Esc.
keys /; type_text "site"; keys Enter
wait_for "Tables /site"
keys /; keys Enter; wait_for "Tables (3)"
keys /; type_text "watch"; wait_for "Tables /watch"
keys Escape; wait_for "Tables (3)"
assert_screen "filter cleared"

# site_note has one index.
keys g j; wait_for "Table site_note: 3 columns, 1 index"
keys k; wait_for "Table actor"

# g and k stop on the first column, never on the header row.
keys Tab g k k e; wait_for "Edit column"
assert_screen "actor_id"
keys Escape; wait_gone "Edit column"
# The key column: refused at once, no question asked.
keys d
wait_for "primary key"
assert_not_screen "Drop column 'actor_id'?"

# A stale error goes as soon as the field is right again (before Enter).
keys a; wait_for "Add column"
type_text "actor_x"; keys Tab; type_text "int"; keys Tab; type_text "1x"
wait_for "a whole number, or empty"
keys BSpace
wait_gone "a whole number, or empty"
keys Enter; wait_for "column added"

# A new index is marked +, a dropped one -.
keys i; wait_for "Add index"
type_text "actor_x_idx"; keys Tab C-u; type_text "actor_x"; keys Enter
wait_for "+ actor_x_idx (actor_x)"
keys G k k k; keys d; wait_for "Drop index 'actor_name'?"
keys y
# The name follows the whole change: the column, the index, the drop.
wait_for "index dropped; change patch-actor-actor_x-actor_x_idx-drop-actor_name"
wait_for "- actor_name UNIQUE (actor_name)"
# The title keeps its [+] flag readable: the long name gives way.
assert_screen "change: patch-actor-actor_x-actor_x_idx-dro~  [+] unsaved"

# The primary key cleared: an error, listed above the warnings.
keys p; wait_for "Primary key (columns"
keys C-u Enter
wait_for "primary key cleared"
keys 5; wait_for "5 Policy"
first=$(screen | grep -n -E '│(error|warning) ' | head -1)
case $first in *"│error "*) ;; *) fail "Policy does not list errors first: $first" ;; esac

# Undo names what it undid.
keys u; wait_for "undone: drop the primary key"
keys q y
wait_exit >/dev/null
echo PASS
