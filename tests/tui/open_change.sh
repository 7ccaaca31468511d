#!/bin/sh
# :open PATCH.json makes a change file the change in progress (resuming a
# patch after its files were reverted), under the file's own name.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys j; wait_for "Table site_note"
keys a; wait_for "Add column"
type_text "sn_lang"; keys Tab; type_text "binary"; keys Tab; type_text "35"
keys Tab Tab Tab; type_text "''"; keys Enter
wait_for "+ sn_lang"
keys n; wait_for "Change file name"
keys C-u; type_text "patch-site_note-language"; keys Enter
keys w; wait_for "written, not committed" 10
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server
patch="$T_WS/sql/abstractSchemaChanges/patch-site_note-language.json"
[ -s "$patch" ] || fail "change file not written"
cp "$patch" "$T_DIR/patch-site_note-language.json"
(cd "$T_WS" && git checkout -q -- . && git clean -q -fd) || fail "git reset"

start 120 40
wait_for "Tables (3)"
keys :; type_text "open $T_DIR/nonexistent.json"; keys Enter
wait_for "nonexistent.json"
keys :; type_text "open $T_DIR/patch-site_note-language.json"; keys Enter
wait_for "opened"
assert_screen "change: patch-site_note-language"
assert_screen "Table site_note"
assert_screen "+ sn_lang"
keys 2; wait_for "ADD sn_lang VARBINARY(35) DEFAULT '' NOT NULL"
keys q y
wait_exit >/dev/null
echo PASS
