#!/bin/sh
# w after u writes the undone state: the change's files go, tables.json,
# the generated SQL and the updaters are as committed, byte for byte.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 80 24
add_column actor_x integer
keys w
wait_for "written, not committed"
[ -n "$(in_ws git status --porcelain)" ] || fail "nothing written"
keys u
wait_for "change: patch-actor-actor_x  [+] undone (w removes it)"
keys w
wait_for "removed patch-actor-actor_x"
wait_for "change: (none)"
assert_not_screen "[+]"
[ -z "$(in_ws git status --porcelain)" ] || fail "not as committed: $(in_ws git status --porcelain)"
# Nothing left to write, nothing to recover.
keys w
wait_for "nothing to write"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status"
ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json >/dev/null 2>&1 && fail "a recovery file was left"
echo PASS
