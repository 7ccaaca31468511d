#!/bin/sh
# Write the change, commit it through the dialog, check files and git log;
# then keep editing: a second change is written on top.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys a; wait_for "Add column"
type_text "actor_email"; keys Tab; type_text "string"; keys Tab; type_text "255"
keys Tab Tab Tab; type_text "''"; keys Enter
wait_for "change: patch-actor-actor_email"
keys w
wait_for "written, not committed" 10
for f in sql/abstractSchemaChanges/patch-actor-actor_email.json \
         sql/mysql/patch-actor-actor_email.sql sql/sqlite/patch-actor-actor_email.sql; do
  [ -s "$T_WS/$f" ] || fail "$f not written"
done
grep -q '"actor_email"' "$T_WS/sql/tables.json" || fail "tables.json not updated"
# Another branch is created only after a question (issue 22): n commits nothing.
keys c
wait_for "Commit the change"
keys Tab Tab C-u; type_text "topic"; keys Enter
wait_for "Branch 'topic' is not the current one (main)"
keys n
wait_for "not committed: the branch stays main"
[ "$(cd "$T_WS" && git rev-list --count HEAD)" = 1 ] || fail "committed after n"
keys c
wait_for "Commit the change"
assert_screen "Add field actor_email to actor"
assert_screen "optional?"
assert_screen "rollback"
keys Tab; type_text "T12345"; keys Enter
wait_for "on main: Add field actor_email to actor"
# The status names the new commit (issue 22).
short=$(cd "$T_WS" && git rev-parse --short=12 HEAD)
assert_screen "committed $short on main"
subject=$(cd "$T_WS" && git log -1 --format=%s)
[ "$subject" = "Add field actor_email to actor" ] || fail "git log: $subject"
(cd "$T_WS" && git log -1 --format=%B) | grep -q "^Bug: T12345$" || fail "no Bug footer"
# The body from the template: optional? and rollback are prefilled.
(cd "$T_WS" && git log -1 --format=%B) | grep -q "^Rollback: revert" || fail "no Rollback line"
(cd "$T_WS" && git show --name-only --format= HEAD) | grep -q "sql/mysql/patch-actor-actor_email.sql" ||
  fail "patch not in the commit"
# Keep editing after the commit (this crashed once): a new change, written too.
wait_for "change: (none)"
add_column actor_note string 64
wait_for "change: patch-actor-actor_note"
keys w
wait_for "written: patch-actor-actor_note"
assert_screen "written, not committed"
grep -q '"actor_email"' "$T_WS/sql/tables.json" || fail "the committed column is gone"
grep -q '"actor_note"' "$T_WS/sql/tables.json" || fail "the new column is not written"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
