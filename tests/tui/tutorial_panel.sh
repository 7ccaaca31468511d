#!/bin/sh
# The tutorial at 80x24: its panel hides with T (in review mode too), and
# ":tutorial restart" keeps the screen while the fresh copy is made, so the
# terminal never shows a blank shell screen in between.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "${top_srcdir:-.}/tests/tui/tutorial_lib.sh"
restart_tmux
start 80 24 tutorial
wait_for "Tutorial 1/9"
assert_screen "Do: Move to another table"
keys :; type_text "review HEAD"; keys Enter
wait_for "review of "
keys T; wait_for "tutorial panel hidden (T shows it)"
wait_gone "Tutorial 1/9"
keys T; wait_for "Tutorial 1/9"
keys q; wait_for "back to editing"

# Restart: sampled every 50 ms, the screen always shows the editor.
keys :; type_text "tutorial restart"; keys Enter
wait_for "Start the tutorial over"
keys y
n=0
while [ $n -lt 30 ]; do
  screen | head -1 | grep -q "mwschema" || fail "blank screen while the tutorial restarts"
  n=$((n + 1))
  sleep 0.05
done
wait_for "Tutorial 1/9"
keys :; type_text "tutorial quit"; keys Enter
wait_for "left the tutorial"
keys q
wait_exit >/dev/null
echo PASS
