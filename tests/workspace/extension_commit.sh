#!/bin/sh
# An extension checkout: the handler is found through extension.json's Hooks
# and HookHandlers, the entry is added in the handler's own style, and the
# commit goes on the current branch with a message from a file.
. "$top_srcdir/tests/workspace/lib.sh"

R="$TMP/Gadgetry"
make_repo extension "$R"
H="$R/includes/Hooks/SchemaChangesHandler.php"
cp "$H" "$TMP/handler.before"
write_change extension "$R"
echo "draft" > "$R/NOTES.txt"

out=$("$MWSCHEMA" check "$R/includes" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "check exit $rc: $out"
printf '%s\n' "$out" | grep -q "includes/Hooks/SchemaChangesHandler.php: error: patch-add-index-gi_name.sql is not registered" ||
	fail "no updater finding: $out"
printf '%s\n' "$out" | grep -qF "hint: \$updater->addExtensionIndex( 'gadgetry_item', 'gi_name', \"\$dir/\$dbType/patch-add-index-gi_name.sql\" );" ||
	fail "no entry to paste: $out"
ok "check names the handler found through HookHandlers and the entry"

# The SQLite rebuild of an index-only change still gives all three platforms.
"$MWSCHEMA" sync "$R" > "$TMP/sync.out" 2>&1 || fail "sync: $(cat "$TMP/sync.out")"
grep -q "SchemaChangesHandler.php: added addIndex for patch-add-index-gi_name.sql" "$TMP/sync.out" ||
	fail "sync did not report the entry: $(cat "$TMP/sync.out")"
for db in mysql postgres sqlite; do
	[ -f "$R/sql/$db/patch-add-index-gi_name.sql" ] || fail "no $db patch"
done
# Only lines were added, after the platform branch, in the multi-line style.
diff "$TMP/handler.before" "$H" > "$TMP/handler.diff"
[ "$(grep -c '^<' "$TMP/handler.diff")" = 0 ] || fail "handler lines changed: $(cat "$TMP/handler.diff")"
expected='		}

		$updater->addExtensionIndex(
			'"'gadgetry_item'"',
			'"'gi_name'"',
			"$dir/$dbType/patch-add-index-gi_name.sql"
		);

		$updater->addPostDatabaseUpdateMaintenance'
awk -v want="$expected" 'BEGIN { RS = "\0" } { exit index($0, want) ? 0 : 1 }' "$H" ||
	fail "entry not in the handler's style: $(cat "$H")"
ok "sync wrote three patches and added the call in the handler's multi-line style"

printf 'Add a unique index on gadgetry_item.gi_name\n\nNames must be unique; lookups by name get faster.\n' > "$TMP/msg"
out=$("$MWSCHEMA" commit --message-file="$TMP/msg" --bug=T42 "$R" 2>&1) || fail "commit: $out"
[ "$(git -C "$R" symbolic-ref --short HEAD)" = master ] || fail "branch changed"
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
files=$(git -C "$R" show --stat=200 --format= HEAD | sed -n 's/^ \([^ ]*\) *|.*/\1/p' | sort | tr '\n' ' ')
[ "$files" = "includes/Hooks/SchemaChangesHandler.php sql/abstractSchemaChanges/patch-add-index-gi_name.json sql/mysql/patch-add-index-gi_name.sql sql/mysql/tables-generated.sql sql/postgres/patch-add-index-gi_name.sql sql/postgres/tables-generated.sql sql/sqlite/patch-add-index-gi_name.sql sql/sqlite/tables-generated.sql sql/tables.json " ] ||
	fail "committed files: $files"
check_message "$R" HEAD T42
[ "$(git -C "$R" log -1 --format=%s)" = "Add a unique index on gadgetry_item.gi_name" ] || fail "subject"
[ "$(git -C "$R" status --porcelain)" = "?? NOTES.txt" ] || fail "status: $(git -C "$R" status --porcelain)"
ok "commit on master with the given message, footers added, NOTES.txt left untracked"
exit 0
