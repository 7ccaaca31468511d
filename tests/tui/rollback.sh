#!/bin/sh
# The editor shows the rollback of the change being edited: r switches the
# SQL tabs between the patch and its rollback, and Files names the rollback
# files and the command that writes them (w does not).
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys a
wait_for "Add column"
type_text "actor_email"; keys Tab
type_text "binary"; keys Tab
type_text "255"; keys Tab Space
keys Enter
wait_for "change: patch-actor-actor_email"
keys 2
wait_for "ADD actor_email VARBINARY(255) DEFAULT NULL;"
keys r
wait_for "[rollback SQL]"
wait_for "DROP actor_email;"
assert_screen "ROLLBACK"
off_screen "ADD actor_email" || fail "the rollback tab still shows the patch"
keys 3
wait_for "DROP actor_email;"
keys 6
wait_for "Rollback (r shows it in the SQL tabs; w does not write it):"
assert_screen "sql/mysql/patch-actor-actor_email-rollback.sql"
keys 2 r
wait_for "ADD actor_email VARBINARY(255) DEFAULT NULL;"
off_screen "[rollback SQL]" || fail "the title still says rollback"
keys q y
wait_exit >/dev/null
echo PASS
