#!/bin/sh
# ./run.sh remembers its demo copy: after a crash, the next ./run.sh offers
# to reopen it, and the editor there offers the unsaved edit back.
. "${top_srcdir:-.}/tests/tui/lib.sh"

# run_sh: ./run.sh (with this build's mwschema) in a fresh tmux session.
run_sh() {
  T_ENV="MW_RUN_BINARY=$MWSCHEMA" new_session 80 24 \
    "sh '$top_srcdir/run.sh'; echo \$? > '$T_RC'; sleep 30"
}

run_sh
wait_for "Tables (7)" 10
assert_not_screen "Reopen"
keys :; type_text "table user"; keys Enter
wait_for "Table user"
add_column user_x integer
until ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json >/dev/null 2>&1; do sleep 0.05; done
demo=$(cat "$XDG_STATE_HOME/mwschema/last-demo")
case $demo in "$T_DIR"/mwschema-demo.*) ;; *) fail "last demo: $demo" ;; esac
pane=$(tmux -S "$T_SOCK" display -p -t t '#{pane_pid}')
pid=$(pgrep -f "^$MWSCHEMA $demo\$") || fail "no mwschema process"
kill -9 "$pid"
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

run_sh
wait_for "Reopen it (n makes a new copy)? [Y/n]"
assert_screen "The last demo workspace is $demo"
keys Enter
wait_for "Restore them?" 10
keys y
wait_for "restored the unsaved change patch-user-user_x"
assert_screen "Table user"
keys q y
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# n: a new copy; the old one is left where it was.
run_sh
wait_for "Reopen it"
keys n Enter
wait_for "Tables (7)" 10
[ "$(cat "$XDG_STATE_HOME/mwschema/last-demo")" != "$demo" ] || fail "no new copy"
[ -d "$demo/.git" ] || fail "the old copy is gone"
keys q
wait_exit >/dev/null
echo PASS
