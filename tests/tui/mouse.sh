#!/bin/sh
# The mouse is off by default (the terminal is not asked for reports);
# with `set mouse = true` a click focuses a pane and selects the row under
# it, a click on a preview tab shows that tab, the wheel scrolls, and the
# keys keep working. Mouse reports are written to the pane as the terminal
# would send them (X10 encoding for tmux's TERM, 1-based cells + 32).
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
pane_flag() { tmux -S "$T_SOCK" display -p -t t '#{mouse_any_flag}'; }
# mouse BUTTON X Y: a report for the 0-based cell (X, Y); 0 press, 3 release,
# 64 / 65 wheel up / down.
mouse() {
  tmux -S "$T_SOCK" send-keys -t t -H 1b 5b 4d \
    "$(printf %x $((32 + $1)))" "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"
}
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }

start 100 30
wait_for "Tables (3)"
[ "$(pane_flag)" = 0 ] || fail "mouse reports requested without 'set mouse'"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

printf 'set mouse = true\n' > "$T_WS/.mwschemarc"
start 100 30
wait_for "Tables (3)"
[ "$(pane_flag)" = 1 ] || fail "mouse reports not requested with 'set mouse = true'"

# Rows: title bar 0, pane titles 1, tables from row 2 (list is 20 wide).
click 4 3
wait_for "Table site_note"
click 4 4
wait_for "Table watchlist_label"
click 4 2
wait_for "Table actor"

# A click in the editor focuses it and selects the column clicked: the
# drop request then asks about that column (row 2 is the grid header).
# (actor_name is in an index: the drop is refused, naming the column clicked.)
click 30 5
keys d
wait_for 'column "actor_name" is used by index'

# Keys still work after mouse use: add a column from the keyboard.
add_column m_note blob
# Tabs from the pane's left edge (x = 20): " 1 Diff " 8 cells, " 2 MySQL " 9,
# " 3 PostgreSQL " 14.
top=$(screen | grep -n "1 Diff  2 MySQL" | cut -d: -f1)
[ -n "$top" ] || fail "no tab row"
click 30 $((top - 1))
wait_for "ADD m_note LONGBLOB NOT NULL"
click 50 $((top - 1))
wait_for "ADD m_note TEXT NOT NULL"
assert_not_screen "LONGBLOB"

# The wheel scrolls the diff under the pointer.
click 25 $((top - 1))
wait_for "+++ after:"
mouse 65 40 $((top + 3))
wait_gone "+++ after:"
mouse 64 40 $((top + 3))
wait_for "+++ after:"

keys :; type_text "set mouse = false"; keys Enter
wait_for "mouse = false"
n=40; until [ "$(pane_flag)" = 0 ]; do
  n=$((n - 1)); [ "$n" -gt 0 ] || fail "mouse reports still on after :set mouse = false"; sleep 0.05
done
keys :; type_text "q!"; keys Enter
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo PASS
