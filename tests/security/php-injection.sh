#!/bin/sh
# Issue 14, PHP injection: a change file whose name would end the PHP string
# of an updater entry is refused when loaded, so neither check's hint nor
# sync's entry ever holds it; a PHP comment naming a patch is not its entry.
. "$top_srcdir/tests/security/lib.sh"

R="$TMP/ext"
make_ext "$R"
handler="$R/includes/Hooks/SchemaChangesHandler.php"
cp "$handler" "$TMP/handler.before"
evil='patch-x".exec("touch PWNED")."y.json'
mkdir -p "$R/sql/abstractSchemaChanges"
cp "$FIX/extension/change/patch-add-index-gi_name.json" "$R/sql/abstractSchemaChanges/$evil"
cp "$FIX/extension/change/tables.json" "$R/sql/tables.json"

out=$(cd "$R" && "$MWSCHEMA" check 2>&1) && fail "check passed with $evil"
printf '%s\n' "$out" | grep -q "the file name \"patch-x\".exec(.*has '\"' at character 8" &&
	ok "check: the file name is refused at load, with the reason" ||
	fail "check did not refuse the name: $out"
printf '%s\n' "$out" | grep -q 'exec("touch PWNED")."y.sql' &&
	fail "check printed an entry for it: $out"
(cd "$R" && "$MWSCHEMA" sync >"$TMP/sync.out" 2>&1)
cmp -s "$handler" "$TMP/handler.before" && ok "sync: the updater handler is unchanged" ||
	fail "sync edited the handler: $(diff "$TMP/handler.before" "$handler")"
ls "$R"/sql/mysql "$R"/sql/postgres "$R"/sql/sqlite | grep -q exec && fail "sync wrote a file for it"
[ -e PWNED ] || [ -e "$R/PWNED" ] && fail "PWNED exists"
rm "$R/sql/abstractSchemaChanges/$evil"

# A comment naming the patch does not count as its entry.
sed -i 's|// Only MySQL ever had the old column; see T000001.|&\n\t\t\t// patch-add-index-gi_name.sql is for later|' "$handler"
git -C "$R" commit -qam "a comment naming the patch"
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" check 2>&1)
printf '%s\n' "$out" | grep -q 'patch-add-index-gi_name.sql is not registered' &&
	ok "check: a comment naming the patch is not its entry" ||
	fail "check took the comment for the entry: $out"
(cd "$R" && "$MWSCHEMA" sync >/dev/null 2>&1)
grep -q '"$dir/$dbType/patch-add-index-gi_name.sql"' "$handler" &&
	[ "$(grep -c 'patch-add-index-gi_name.sql' "$handler")" = 2 ] &&
	ok "sync: the real entry is added next to the comment" ||
	fail "sync did not add the entry: $(cat "$handler")"
if command -v php >/dev/null 2>&1; then
	php -l "$handler" >/dev/null 2>&1 && ok "the handler is valid PHP" || fail "php -l: $handler"
fi
finish
