#!/bin/sh
# :open of a change that shipped (the demo's 1.43 change: committed and
# registered) cannot silently rewrite it: it asks, Enter makes a new change
# on its table (its own file, its updater row under "// 1.45"), 'a' amends
# it on purpose, Esc does nothing. The title names the change edited.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_demo
start 80 24
wait_for "Tables (7)"
patch=sql/abstractSchemaChanges/patch-page-page_lang.json

keys :; type_text "open $patch"; keys Enter
wait_for "patch-page-page_lang.json has shipped (committed in"
assert_screen "HEAD, registered in includes/installer/MysqlUpdater.php)"
keys Escape
wait_for "not opened"

keys :; type_text "open $patch"; keys Enter
wait_for "Enter: a new change on"
keys Enter
wait_for "patch-page-page_lang.json has shipped: edits to page make a new change"
assert_screen "Table page"
assert_screen "change: (none)"
add_column page_x integer
wait_for "change: patch-page-page_x  [+] unsaved"
keys w
wait_for "written: patch-page-page_x"
[ -z "$(in_ws git status --porcelain -- "$patch")" ] || fail "the shipped change was rewritten"
in_ws git diff includes/installer/MysqlUpdater.php | grep -q "^+			// 1.45$" ||
  fail "no new release block: $(in_ws git diff includes/installer/MysqlUpdater.php)"
in_ws git diff includes/installer/MysqlUpdater.php | grep -q "^+			\[ 'addField', 'page', 'page_x', 'patch-page-page_x.sql' \],$" ||
  fail "no row for the new change"
# While a change is written, another file cannot be opened over it.
keys :; type_text "open sql/abstractSchemaChanges/patch-watchlist-wl_namespace_title.json"; keys Enter
wait_for "a: amend it"
keys a
wait_for "is in progress: write and commit it"

# Undone and written away, the shipped change can be amended on purpose.
keys u; keys w
wait_for "removed patch-page-page_x"
keys :; type_text "open $patch"; keys Enter
wait_for "a: amend it"
keys a
wait_for "amending patch-page-page_lang.json, which has shipped (w rewrites it)"
assert_screen "change: patch-page-page_lang"
assert_screen "+ page_lang"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
