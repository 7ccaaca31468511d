# Helpers for the tmux-driven UI tests (sourced by tests/tui/*.sh).
#
# Each test gets a private tmux server, a private workspace copied from the
# fixture (a git repository with one commit), and private XDG state, so no
# test sees another's history or recovery files.

: "${MWSCHEMA:=${top_builddir:-.}/mwschema}"
: "${top_srcdir:=.}"

skip() { echo "SKIP: $*"; exit 77; }
fail() {
  echo "FAIL: $*"
  if [ -n "$T_SOCK" ]; then
    echo "--- screen ---"
    tmux -S "$T_SOCK" capture-pane -p -t t 2>/dev/null
  fi
  exit 1
}

case $MWSCHEMA in /*) ;; *) MWSCHEMA=$(pwd)/$MWSCHEMA ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(cd "$top_srcdir" && pwd) ;; esac

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
[ -x "$MWSCHEMA" ] || skip "$MWSCHEMA not built"

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mwschema-tui.XXXXXX")
T_SOCK="$T_DIR/sock"
T_RC="$T_DIR/rc"
T_WS="$T_DIR/ws"
export XDG_STATE_HOME="$T_DIR/state"
unset TMUX NO_COLOR
cleanup() {
  tmux -S "$T_SOCK" kill-server 2>/dev/null
  rm -rf "$T_DIR"
}
trap cleanup EXIT

# The fixture as a git checkout with one commit.
make_workspace() {
  cp -R "$top_srcdir/tests/tui/fixtures/ws" "$T_WS"
  chmod -R u+w "$T_WS"
  (cd "$T_WS" && git init -q -b main && git config user.name "UI Test" &&
    git config user.email "ui@example.org" && git add -A &&
    git commit -q -m "Initial schema") || fail "cannot create the git fixture"
}

# The demo checkout (its sql/ and includes/: 1.43 and 1.44 shipped, 1.45 in
# development) as a git repository with one commit.
make_demo() {
  mkdir -p "$T_WS" && cp -R "$top_srcdir/demo/sql" "$top_srcdir/demo/includes" "$T_WS/" &&
    chmod -R u+w "$T_WS" || fail "cannot copy the demo"
  (cd "$T_WS" && git init -q -b main && git config user.name "UI Test" &&
    git config user.email "ui@example.org" && git add -A &&
    git commit -q -m "Demo") || fail "cannot create the git demo"
}

# new_session X Y COMMAND: a fresh tmux session running COMMAND.
# A server killed just before may still hold the socket, and on a loaded
# machine the client can lose the race with its fresh server: try again.
new_session() {
  rm -f "$T_RC"
  tries=20
  until tmux -S "$T_SOCK" -f /dev/null new-session -d -s t -x "$1" -y "$2" \
    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e XDG_STATE_HOME="$XDG_STATE_HOME" \
    -e HOME="$T_DIR" -e TMPDIR="$T_DIR" ${T_ENV:+-e "$T_ENV"} \
    "$3" 2>/dev/null; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || fail "tmux did not start"
    tmux -S "$T_SOCK" kill-server 2>/dev/null
    sleep 0.1
  done
}

# start [SIZE_X SIZE_Y] [ARGS...]: runs mwschema in a fresh tmux session.
start() {
  x=${1:-120}; y=${2:-40}
  shift 2 2>/dev/null
  new_session "$x" "$y" "cd '$T_WS' && '$MWSCHEMA' $* ; echo \$? > '$T_RC'; sleep 30"
}

screen() { tmux -S "$T_SOCK" capture-pane -p -t t; }
keys() { tmux -S "$T_SOCK" send-keys -t t "$@"; }
type_text() { tmux -S "$T_SOCK" send-keys -t t -l "$1"; }
resize() { tmux -S "$T_SOCK" resize-window -t t -x "$1" -y "$2"; }

# poll TICKS CMD...: runs CMD every 50 ms until it succeeds; 1 after TICKS tries.
poll() {
  n=$1; shift
  while [ "$n" -gt 0 ]; do
    "$@" && return 0
    sleep 0.05
    n=$((n - 1))
  done
  return 1
}
on_screen() { screen | grep -F -q -- "$1"; }
off_screen() { ! on_screen "$1"; }
exited() { [ -s "$T_RC" ]; }

# wait_for TEXT [TIMEOUT_S]: polls the screen every 50 ms (default 5 s).
wait_for() { poll $(( ${2:-5} * 20 )) on_screen "$1" || fail "timed out waiting for: $1"; }
# wait_gone TEXT: polls until TEXT is no longer on screen.
wait_gone() { poll 100 off_screen "$1" || fail "still on screen: $1"; }
# wait_exit: waits for the program to exit; prints its status.
wait_exit() { poll 100 exited || fail "mwschema did not exit"; cat "$T_RC"; }

# open_fixture [X Y]: the fixture checkout in a new session, table list shown.
open_fixture() {
  make_workspace
  start "${1:-120}" "${2:-40}"
  wait_for "Tables (3)"
}

# add_column NAME TYPE [LENGTH]: adds a column to the table shown, through the form.
add_column() {
  keys a; wait_for "Add column"
  type_text "$1"; keys Tab; type_text "$2"
  if [ -n "$3" ]; then keys Tab; type_text "$3"; fi
  keys Enter
  wait_for "+ $1"
}

# kill_editor [SIGNAL]: sends SIGNAL (default KILL) to the mwschema in the pane
# and waits for it to end; the tmux server goes too.
kill_editor() {
  pane=$(tmux -S "$T_SOCK" display -p -t t '#{pane_pid}')
  pid=$(pgrep -P "$pane" -x mwschema) || fail "no mwschema process"
  kill "-${1:-KILL}" "$pid"
  wait_exit >/dev/null
  tmux -S "$T_SOCK" kill-server
}
# in_ws CMD...: runs CMD in the workspace.
in_ws() { (cd "$T_WS" && "$@"); }

assert_screen() { screen | grep -F -q -- "$1" || fail "not on screen: $1"; }
assert_not_screen() { screen | grep -F -q -- "$1" && fail "unexpected on screen: $1"; return 0; }
