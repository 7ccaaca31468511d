#!/bin/sh
# Screen captures of the main views at 80x24 and 160x48, compared with
# doc/screens/*.txt (what the documentation shows is what the tests see).
# MWSCHEMA_UPDATE_SCREENS=1 rewrites the captures instead.
. "${top_srcdir:-.}/tests/tui/lib.sh"
dir="$top_srcdir/doc/screens"
[ -d "$dir" ] || [ -n "$MWSCHEMA_UPDATE_SCREENS" ] || skip "no $dir"
mkdir -p "$T_DIR/got"
status=0

# settle: waits for TEXT, then gives the screen 100 ms to finish drawing.
settle() { wait_for "$1"; sleep 0.1; }

shot() {
  screen > "$T_DIR/got/$1.txt"
  if [ -n "$MWSCHEMA_UPDATE_SCREENS" ]; then
    cp "$T_DIR/got/$1.txt" "$dir/$1.txt"
  elif ! diff -u "$dir/$1.txt" "$T_DIR/got/$1.txt"; then
    echo "FAIL: screen $1 differs"
    status=1
  fi
}

capture_size() {
  size=$1; x=${size%x*}; y=${size#*x}
  rm -rf "$T_WS"; make_workspace
  start "$x" "$y"
  settle "Tables (3)"
  shot "$size-main"
  keys a; settle "Add column"
  type_text "actor_email"; keys Tab; type_text "str"
  shot "$size-form-completion"
  keys Tab; type_text "255"; keys Tab Tab Tab; type_text "''"; keys Tab Tab
  type_text "Adresse électronique ✓"
  keys Enter; settle "+ actor_email"
  shot "$size-diff"
  keys 2; settle "ALTER TABLE /*_*/actor"; shot "$size-mysql"
  keys 3; settle "ALTER TABLE actor"; shot "$size-postgres"
  keys 4; settle "ADD COLUMN"; shot "$size-sqlite"
  keys 5; settle "5 Policy"; shot "$size-policy"
  keys 6; settle "Written by w"; shot "$size-files"
  keys w; settle "written, not committed"
  keys c; settle "Commit the change"; shot "$size-commit"
  keys Escape; wait_gone "Commit the change"
  keys '?'; settle "move-up"; shot "$size-help"
  keys q q
  wait_exit >/dev/null
  tmux -S "$T_SOCK" kill-server
}

capture_size 80x24
capture_size 160x48
[ "$status" = 0 ] && echo PASS
exit $status
