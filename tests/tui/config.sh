#!/bin/sh
# The checkout's .mwschemarc rebinds keys and recolours elements (rc.h);
# bad lines are reported with file:line and do not stop the editor. The
# help screen follows the bindings.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
cat > "$T_WS/.mwschemarc" <<'RC'
bind generic x add-column
bind editor Z drop
bind generic y no-such-request
color title red default bold
RC
start 120 40
wait_for "Tables (3)"
assert_screen ".mwschemarc:3: unknown request 'no-such-request'"
keys x
wait_for "Add column"
keys Escape
wait_gone "Add column"
keys '?'
wait_for "add-column"
screen | grep -E -q "^ *a, x +add-column" || fail "help does not list x for add-column"
keys q
# The same check with colours off: NO_COLOR still gives a usable screen.
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server
T_ENV=NO_COLOR=1 start 80 24
wait_for "Tables (3)"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status with NO_COLOR"
echo PASS
