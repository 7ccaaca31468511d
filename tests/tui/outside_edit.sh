#!/bin/sh
# A file changed behind the editor (another shell, git pull) is never
# overwritten without a question: Esc writes nothing, m merges the edit on
# top, o overwrites, r reloads and keeps the change in a backup. A schema
# that no longer loads is named with file:line:col, and e opens $EDITOR.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_demo
# An $EDITOR that resolves the conflict: it drops the marker lines.
cat > "$T_DIR/fix-editor" <<'SH'
#!/bin/sh
for f; do case $f in +*) ;; *) sed -i '/^<<<<<<<\|^>>>>>>>/d' "$f" ;; esac; done
SH
chmod +x "$T_DIR/fix-editor"
T_ENV=EDITOR=$T_DIR/fix-editor
start 80 24
wait_for "Tables (7)"
add_column actor_x integer
# outside TEXT: another program sets the comment of user.user_name.
outside() {
  in_ws sed -i "/\"name\": \"user_name\"/,/\"comment\"/ s/\"comment\": \"[^\"]*\"/\"comment\": \"$1\"/" \
    sql/tables.json
}

outside "edited outside"
keys w
wait_for "sql/tables.json changed on disk since the editor read it"
assert_screen "o overwrite, Esc cancel"
keys Escape
wait_for "not written: nothing was changed on disk"
grep -q actor_x "$T_WS/sql/tables.json" && fail "written after Esc"

keys w; wait_for "changed on disk"
keys m
wait_for "written: patch-actor-actor_x"
grep -q "edited outside" "$T_WS/sql/tables.json" || fail "the outside edit was lost"
grep -q actor_x "$T_WS/sql/tables.json" || fail "the edit was not written"

# o: overwrite, on request only.
add_column actor_y integer
outside "again outside"
keys w; wait_for "changed on disk"
keys o
wait_for "written: patch-actor-actor_x"
grep -q "again outside" "$T_WS/sql/tables.json" && fail "o did not overwrite"

# A conflict marker (a git merge went wrong): file:line:col, then $EDITOR.
add_column actor_z integer
in_ws sed -i '20i<<<<<<< HEAD' sql/tables.json
keys w; wait_for "changed on disk"
keys m
wait_for "sql/tables.json:20:1: "
wait_for "e edit it in"
keys e
wait_for "edited"
# The file is back as the editor wrote it: nothing to ask any more.
keys w
wait_for "written: patch-actor-actor_x"
grep -q actor_z "$T_WS/sql/tables.json" || fail "not written after the fix"

# r: the disk wins; the change is kept in a backup.
add_column actor_w integer
outside "third edit"
keys w; wait_for "changed on disk"
keys r
wait_for "Your change is kept in"
keys Enter
wait_for "reloaded from disk; your change is in the backup"
# (The change is named after all its columns since issue 22.)
ls "$XDG_STATE_HOME"/mwschema/recovery/*/discarded/*patch-actor-actor_x*.json >/dev/null ||
  fail "no backup"
grep -q actor_w "$XDG_STATE_HOME"/mwschema/recovery/*/discarded/*patch-actor-actor_x*.json ||
  fail "the backup lacks the edit"
keys q
wait_exit >/dev/null
echo PASS
