#!/bin/sh
# Two editors on one checkout never destroy each other's work: the second
# is told about the first; each w finds what the other wrote and merges it;
# both killed with unsaved edits, both edits come back, one at a time.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_demo
start 80 24
wait_for "Tables (7)"
add_column actor_x integer

# B: a second session of the same tmux server, same checkout and state.
tmux -S "$T_SOCK" new-session -d -s b -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
  -e XDG_STATE_HOME="$XDG_STATE_HOME" -e HOME="$T_DIR" \
  "cd '$T_WS' && '$MWSCHEMA'; sleep 30" || fail "tmux did not start B"
b_screen() { tmux -S "$T_SOCK" capture-pane -p -t b; }
b_keys() { tmux -S "$T_SOCK" send-keys -t b "$@"; }
b_wait() { poll 100 sh -c "tmux -S '$T_SOCK' capture-pane -p -t b | grep -F -q -- '$1'" ||
  { b_screen; fail "B: timed out waiting for: $1"; }; }
b_wait "Another mwschema editor (pid"
b_wait "is open on this checkout"
b_keys Enter
b_wait "Tables (7)"
b_keys : ; tmux -S "$T_SOCK" send-keys -t b -l "table page"; b_keys Enter
b_wait "Table page"
b_keys a; b_wait "Add column"
tmux -S "$T_SOCK" send-keys -t b -l "page_x"; b_keys Tab; tmux -S "$T_SOCK" send-keys -t b -l integer
b_keys Enter; b_wait "+ page_x"
b_keys w; b_wait "written: patch-page-page_x"

# A writes after B: B's files changed under A; merged, nothing lost.
keys w
wait_for "changed on disk since the editor read it"
keys m
wait_for "written: patch-actor-actor_x"
grep -q '"page_x"' "$T_WS/sql/tables.json" || fail "B's column was lost"
grep -q '"actor_x"' "$T_WS/sql/tables.json" || fail "A's column is missing"
grep -q "patch-page-page_x.sql" "$T_WS/includes/installer/MysqlUpdater.php" || fail "B's updater row lost"
grep -q "patch-actor-actor_x.sql" "$T_WS/includes/installer/MysqlUpdater.php" || fail "A's row missing"

# Both go on editing, then both are killed.
add_column actor_y integer
b_keys a; b_wait "Add column"
tmux -S "$T_SOCK" send-keys -t b -l "page_y"; b_keys Tab; tmux -S "$T_SOCK" send-keys -t b -l integer
b_keys Enter; b_wait "+ page_y"
sleep 0.5
[ "$(ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json | wc -l)" = 2 ] || fail "not two recovery files"
for s in t b; do
  pane=$(tmux -S "$T_SOCK" display -p -t $s '#{pane_pid}')
  kill -9 "$(pgrep -P "$pane" -x 'mwschema(-edit)?')"
done
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# One at a time: the first comes back onto its written change...
start 80 24
wait_for "Restore them?"
keys y
wait_for "1 more unsaved change waits"
assert_screen "[+] unsaved"
keys w
wait_for "written: patch-"
keys :; type_text "recover"; keys Enter
wait_for "is in progress: write and commit it"
# ... committed (both written changes go in), then the second comes back on top.
keys c; wait_for "Commit the change"
keys Enter
sleep 0.3
if screen | grep -q "blocking lint errors"; then keys Tab Tab; keys Space Enter; fi
wait_for " on main: "   # "committed HASH on main: SUBJECT" (issue 22)
keys :; type_text "recover"; keys Enter
wait_for "Restore them?"
keys y
wait_for "restored the unsaved change"
keys w
wait_for "written: patch-"
for col in actor_x actor_y page_x page_y; do
  grep -q "\"$col\"" "$T_WS/sql/tables.json" || fail "$col was lost"
done
ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json >/dev/null 2>&1 && fail "recovery files left"
keys q
wait_exit >/dev/null
echo PASS
