#!/bin/sh
# Layouts: a .mwschemarc naming the schema directory and the updater, and
# hand-written SQL files, which sync must never touch.
. "$top_srcdir/tests/workspace/lib.sh"

# An extension keeping its schema in database/ and its handler outside the autoloader.
R="$TMP/Odd"
cp -r "$FIX/extension" "$R" && chmod -R u+w "$R" && rm -rf "$R/change"
mv "$R/sql" "$R/database"
printf '{ "name": "Odd" }\n' > "$R/extension.json"
mkdir -p "$R/setup"
sed 's/function onLoadExtensionSchemaUpdates/function onSchema/; s#/../../sql#/../database#' \
	"$R/includes/Hooks/SchemaChangesHandler.php" > "$R/setup/Schema.php"
rm -r "$R/includes"
printf '# unusual layout\nset schema-dir = database\nset updater = setup/Schema.php::onSchema\n' \
	> "$R/.mwschemarc"
out=$("$MWSCHEMA" sync "$R/setup" 2>&1) || fail "sync: $out"
for db in mysql postgres sqlite; do
	[ -f "$R/database/$db/tables-generated.sql" ] || fail "no database/$db/tables-generated.sql"
done
mkdir -p "$R/database/abstractSchemaChanges"
cp "$FIX/extension/change/patch-add-index-gi_name.json" "$R/database/abstractSchemaChanges/"
cp "$FIX/extension/change/tables.json" "$R/database/tables.json"
"$MWSCHEMA" check "$R" >/dev/null 2>&1 && fail "check missed the new change"
out=$("$MWSCHEMA" sync "$R" 2>&1) || fail "sync: $out"
grep -q "patch-add-index-gi_name.sql" "$R/setup/Schema.php" || fail "entry not in setup/Schema.php"
"$MWSCHEMA" check "$R" >/dev/null 2>&1 || fail "not in sync after sync"
ok ".mwschemarc schema-dir and updater::method are followed"

# Hand-written SQL: a legacy patch without JSON, and one where a JSON's output belongs.
R="$TMP/core"
make_repo core "$R"
printf -- '-- Hand-written legacy patch\nALTER TABLE /*_*/widget ADD wd_x INT;\n' > "$R/sql/mysql/patch-legacy.sql"
write_change core "$R"
printf -- '-- written by hand\nSELECT 1;\n' > "$R/sql/postgres/patch-widget-wd_note.sql"
cp "$R/sql/postgres/patch-widget-wd_note.sql" "$TMP/hand.sql"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "sql/postgres/patch-widget-wd_note.sql:1: warning: hand-written" ||
	fail "no warning for the hand-written file: $out"
printf '%s\n' "$out" | grep -q "patch-legacy" && fail "legacy patch reported: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1
cmp -s "$R/sql/postgres/patch-widget-wd_note.sql" "$TMP/hand.sql" || fail "hand-written file rewritten"
grep -q "Hand-written legacy" "$R/sql/mysql/patch-legacy.sql" || fail "legacy patch touched"
[ -f "$R/sql/mysql/patch-widget-wd_note.sql" ] || fail "generated patch not written"
grep -q "patch-widget-wd_note.sql" "$R/includes/installer/MysqlUpdater.php" ||
	fail "mysql entry missing"
grep -q "patch-widget-wd_note.sql" "$R/includes/installer/PostgresUpdater.php" &&
	fail "an entry was added for the hand-written postgres file"
ok "hand-written SQL files are reported, never touched"

# Not a checkout at all.
mkdir -p "$TMP/empty"
out=$("$MWSCHEMA" check "$TMP/empty" 2>&1); rc=$?
[ $rc -eq 3 ] && printf '%s\n' "$out" | grep -q "not inside a MediaWiki checkout" ||
	fail "outside a checkout: rc=$rc $out"
ok "outside a checkout: clear message"
exit 0
