# Helpers for the tutorial's tmux tests (sourced after lib.sh): the tutorial
# runs on a private copy of the UI fixture, in the test's own state directory.

T_ENV="MWSCHEMA_DEMO_DIR=$top_srcdir/tests/tui/fixtures/ws"
T_TUT="$XDG_STATE_HOME/mwschema/tutorial"
mkdir -p "$T_WS"

# restart_tmux: a new server; a client must not reach the one that is dying.
restart_tmux() {
  tmux -S "$T_SOCK" kill-server 2>/dev/null
  rm -f "$T_SOCK"
}

# start_tutorial [ARGS...]: `mwschema tutorial ARGS` in a fresh 120x40 session.
start_tutorial() {
  restart_tmux
  start 120 40 tutorial "$@"
  wait_for "Tutorial " 10
}

at_step() { wait_for "Tutorial $1/9" 5; }
progress_is() {
  got=$(cat "$T_TUT/progress" 2>/dev/null)
  [ "$got" = "$1" ] || fail "saved progress is '$got', not '$1'"
}

# Step 1: another table, the editor pane, every preview tab.
step_orientation() {
  at_step 1
  keys j; keys Tab
  for tab in 1 2 3 4 5 6; do keys "$tab"; done
  at_step 2
}

# Step 2: remove the primary key, read pk-required in Policy, undo.
step_primary_key() {
  keys p; wait_for "Primary key ("
  keys C-u Enter; wait_for "The key is gone"
  keys 5; wait_for "That is the error"
  keys u
  at_step 3
}

# Step 3 the wrong way first: a signed bigint column (the form's default).
add_signed_column() {
  keys :; type_text "table watchlist_label"; keys Enter
  wait_for "Table watchlist_label"
  keys a; wait_for "Add column"
  type_text "wll_actor"; keys Tab; type_text "bigint"; keys Enter
  wait_for "+ wll_actor"
}

# Edits the column just added: Tab N times in the form, then Space (a yes/no field).
toggle_field() {
  keys e; wait_for "Edit column"
  n=$1
  while [ "$n" -gt 0 ]; do keys Tab; n=$((n - 1)); done
  keys Space Enter
  wait_gone "Edit column"
}

make_unsigned() { toggle_field 4; }
make_nullable() { toggle_field 3; }
