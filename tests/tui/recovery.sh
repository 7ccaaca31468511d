#!/bin/sh
# A killed session leaves a recovery file; the next start offers it and
# restores the edit (and the typed change name).
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture
keys j
wait_for "Table site_note"
add_column sn_lang string 35
keys n; wait_for "Change file name"
keys C-u; type_text "patch-site_note-language"; keys Enter
wait_for "change: patch-site_note-language"
# The recovery file is written when typing pauses.
n=100
until ls "$XDG_STATE_HOME"/mwschema/recovery-*.json.name >/dev/null 2>&1; do
  n=$((n - 1)); [ "$n" -gt 0 ] || fail "no recovery file"; sleep 0.05
done
pane=$(tmux -S "$T_SOCK" display -p -t t '#{pane_pid}')
pid=$(pgrep -P "$pane" -x mwschema) || fail "no mwschema process"
kill -9 "$pid"
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

start 120 40
wait_for "Restore them? (y/n)"
keys y
wait_for "restored the unsaved change patch-site_note-language"
assert_screen "+ sn_lang"
assert_screen "Table site_note"
assert_screen "[+] unsaved"
keys u
wait_for "change: (none)"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

# No edit left: nothing to offer.
start 120 40
wait_for "Tables (3)"
assert_not_screen "Restore them?"
keys q
wait_exit >/dev/null
echo PASS
