#!/bin/sh
# Adds a column through the form: the grid marks it, the diff shows it, each
# preview shows its ALTER, Policy shows a finding, Files lists the paths.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys a
wait_for "Add column"
type_text "actor_email"; keys Tab
type_text "str"; keys Tab            # completes to "string"
type_text "255"; keys Tab Tab Tab
type_text "''"; keys Tab Tab
type_text "Adresse électronique ✓"
keys Enter
wait_for "change: patch-actor-actor_email"
assert_screen "[+] unsaved"
assert_screen "+ actor_email"
assert_screen "string"
assert_screen "Adresse électronique ✓"
# Diff: the new column object, after the last one.
wait_for '+            "name": "actor_email",'
assert_screen '+                "default": ""'
# Files: the change file, the three patches, tables.json, generated SQL.
keys 6
wait_for "sql/abstractSchemaChanges/patch-actor-actor_email.json"
assert_screen "sql/mysql/patch-actor-actor_email.sql"
assert_screen "sql/postgres/patch-actor-actor_email.sql"
assert_screen "sql/sqlite/patch-actor-actor_email.sql"
assert_screen "sql/mysql/tables-generated.sql"
assert_screen "[ 'addField', 'actor', 'actor_email', 'patch-actor-actor_email.sql' ]"

# The three previews: the exact file text, from the core generators.
keys 2
# The generated header is folded to one line in the preview (w writes it whole).
wait_for "-- from patch-actor-actor_email.json (4-line header folded)"
assert_screen "ALTER TABLE /*_*/actor"
assert_screen "ADD actor_email VARCHAR(255) DEFAULT '' NOT NULL;"
keys 3
wait_for "ALTER TABLE actor"
assert_screen "ADD actor_email VARCHAR(255) DEFAULT '' NOT NULL;"
keys 4
wait_for "ADD COLUMN actor_email VARCHAR(255) DEFAULT '' NOT NULL;"
assert_screen "ALTER TABLE /*_*/actor"
# Policy: a string column gets a finding; Enter explains the rule.
keys 5
wait_for "column 'actor_email' is a string"
keys Tab Tab Enter
wait_for "Policy finding"
assert_screen "Rule:"
keys q
wait_gone "Policy finding"
keys q y
wait_exit >/dev/null
echo PASS
