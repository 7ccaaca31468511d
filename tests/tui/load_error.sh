#!/bin/sh
# A schema that does not load (a merge conflict left in it, a truncated
# file) is reported with file:line:col, as `mwschema check` does, and the
# editor offers to open it in $EDITOR at that line, then tries again.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
# An $EDITOR that notes its arguments and resolves the conflict.
cat > "$T_DIR/fix-editor" <<SH
#!/bin/sh
echo "\$@" > '$T_DIR/editor-args'
for f; do case \$f in +*) ;; *) sed -i '/^<<<<<<<\|^>>>>>>>/d' "\$f" ;; esac; done
SH
chmod +x "$T_DIR/fix-editor"
T_ENV=EDITOR=$T_DIR/fix-editor
in_ws sed -i '20i<<<<<<< HEAD' sql/tables.json
start 100 30
wait_for "sql/tables.json:20:1: unexpected '<'"
wait_for "Open it in fix-editor at line 20 to fix it? [Y/n]"
keys Enter
wait_for "Tables (3)"
[ "$(cat "$T_DIR/editor-args")" = "+20 $T_WS/sql/tables.json" ] ||
  fail "editor arguments: $(cat "$T_DIR/editor-args")"
keys q
wait_exit >/dev/null
tmux -S "$T_SOCK" kill-server

# Truncated: its position too; n leaves it alone and exits non-zero.
head -c 1500 "$T_WS/sql/tables.json" > "$T_DIR/cut" && cp "$T_DIR/cut" "$T_WS/sql/tables.json"
start 100 30
wait_for "sql/tables.json:"
assert_screen "fix it? [Y/n]"
keys n Enter
[ "$(wait_exit)" = 1 ] || fail "exit status"
screen | grep -q "sql/tables.json:[0-9]*:[0-9]*: " || fail "no file:line:col"
echo PASS
