#!/bin/sh
# A fatal signal (TERM, HUP, SEGV, ABRT) never loses the edit nor leaves the
# terminal raw: the recovery file is written first (even for an edit made
# before the autosave's pause), the terminal is put back, and the signal
# then ends the program as it would have.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
# The autosave would wait a minute: only the signal can save the edit.
T_ENV=MWSCHEMA_AUTOSAVE_IDLE_MS=60000

for pair in TERM:15 HUP:1 SEGV:11 ABRT:6; do
  sig=${pair%:*}
  start 80 24
  wait_for "Tables (3)"
  keys j; wait_for "Table site_note"
  add_column "sn_$(echo $sig | tr A-Z a-z)" integer
  tty=$(tmux -S "$T_SOCK" display -p -t t '#{pane_tty}')
  ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json >/dev/null 2>&1 &&
    fail "$sig: the recovery was written before the signal"
  pane=$(tmux -S "$T_SOCK" display -p -t t '#{pane_pid}')
  pid=$(pgrep -P "$pane" -x mwschema) || fail "no mwschema process"
  kill -s "$sig" "$pid"
  status=$(wait_exit)
  want=$((128 + ${pair#*:}))
  [ "$status" = "$want" ] || fail "$sig: exit status $status, not $want"
  [ "$(tmux -S "$T_SOCK" display -p -t t '#{alternate_on}')" = 0 ] ||
    fail "$sig: still on the alternate screen"
  mode=$(stty -F "$tty" -a) || fail "stty"
  case $mode in *-icanon*|*" -echo "*) fail "$sig: the terminal is left raw: $mode" ;; esac
  grep -q "sn_$(echo $sig | tr A-Z a-z)" "$XDG_STATE_HOME"/mwschema/recovery/*/*.json ||
    fail "$sig: the edit is not in the recovery file"
  tmux -S "$T_SOCK" kill-server

  # The next start offers it; n keeps a backup and clears the way.
  start 80 24
  wait_for "Restore them?"
  assert_screen "sn_$(echo $sig | tr A-Z a-z)"
  keys n; wait_for "(Enter)"; keys Enter
  wait_for "discarded"
  keys q
  wait_exit >/dev/null
  tmux -S "$T_SOCK" kill-server
done
echo PASS
