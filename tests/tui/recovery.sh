#!/bin/sh
# A killed editor leaves its recovery file; the next start offers it:
# Esc means "not now" and keeps it, y restores the edit (and the typed change
# name), n discards it but keeps a backup. Files are private (0600).
. "${top_srcdir:-.}/tests/tui/lib.sh"

# wait_recovery GLOB: polls until a file of the recovery directory matches.
wait_recovery() {
  n=100
  until ls "$XDG_STATE_HOME"/mwschema/recovery/*/$1 >/dev/null 2>&1; do
    n=$((n - 1)); [ "$n" -gt 0 ] || fail "no recovery file $1"; sleep 0.05
  done
}

open_fixture
keys j
wait_for "Table site_note"
add_column sn_lang string 35
keys n; wait_for "Change file name"
keys C-u; type_text "patch-site_note-language"; keys Enter
wait_for "change: patch-site_note-language"
# The recovery file is written when typing pauses; only its owner reads it.
wait_recovery "*.json"
for f in "$XDG_STATE_HOME"/mwschema/recovery/*/*.json "$XDG_STATE_HOME"/mwschema/recovery/*/*.meta; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not private: $(stat -c %a "$f")"
done
[ "$(stat -c %a "$XDG_STATE_HOME"/mwschema/recovery/*/)" = 700 ] || fail "recovery directory not private"
kill_editor

# Esc: not now, the file stays.
start 120 40
wait_for "Restore them?"
assert_screen "change patch-site_note-language"
keys Escape
wait_for "offered again at the next start"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server
wait_recovery "*.json"

# y: restored, with its name; the old file goes once the new one holds it.
start 120 40
wait_for "Restore them?"
keys y
wait_for "restored the unsaved change patch-site_note-language"
assert_screen "+ sn_lang"
assert_screen "Table site_note"
assert_screen "[+] unsaved"
kill_editor

# n: discarded, with a backup kept.
start 120 40
wait_for "Restore them?"
keys n
wait_for "a backup is kept in"; keys Enter; wait_for "discarded (a backup is kept)"
assert_screen "Tables (3)"
assert_not_screen "[+] unsaved"
ls "$XDG_STATE_HOME"/mwschema/recovery/*/discarded/*-patch-site_note-language.json >/dev/null 2>&1 ||
  fail "no backup named after the change"
grep -q sn_lang "$XDG_STATE_HOME"/mwschema/recovery/*/discarded/*.json || fail "backup lacks the edit"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# Nothing left: nothing to offer.
start 120 40
wait_for "Tables (3)"
assert_not_screen "Restore them?"
keys q
wait_exit >/dev/null
echo PASS
