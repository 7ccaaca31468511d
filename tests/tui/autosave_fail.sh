#!/bin/sh
# An autosave that fails is never silent: the status line says why and the
# title keeps warning until an autosave works again.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 80 24
add_column actor_x integer
until ls "$XDG_STATE_HOME"/mwschema/recovery/*/*.json >/dev/null 2>&1; do sleep 0.05; done
dir=$(ls -d "$XDG_STATE_HOME"/mwschema/recovery/*/)
dir=${dir%/}
# The directory is gone (a full or unmounted disk would do the same).
mv "$dir" "$dir.away" && touch "$dir"
add_column actor_y integer
wait_for "autosave failed, edits not safe from a crash"
wait_for "[!] NO AUTOSAVE"
rm "$dir" && mv "$dir.away" "$dir"
add_column actor_z integer
wait_gone "[!] NO AUTOSAVE"
grep -q actor_z "$dir"/*.json || fail "the recovery file was not updated"
keys q y
wait_exit >/dev/null
echo PASS
