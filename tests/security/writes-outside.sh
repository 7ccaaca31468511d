#!/bin/sh
# Issue 14, writes outside the checkout: whatever leads there (a symbolic
# link for a platform directory, .mwschemarc's schema-dir or updater, an
# output directory given on the command line), nothing is written outside
# and the message names the path.
. "$top_srcdir/tests/security/lib.sh"

out_dir="$TMP/elsewhere"
mkdir -p "$out_dir"
nothing_outside() { [ -z "$(find "$out_dir" -mindepth 1 | head -n 1)" ]; }

# A platform directory that is a symbolic link.
R="$TMP/ext1"
make_ext "$R"
rm -rf "$R/sql/mysql" && ln -s "$out_dir" "$R/sql/mysql"
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" sync 2>&1) && fail "sync succeeded through the link"
printf '%s\n' "$out" | grep -q "sql/mysql/tables-generated.sql: resolves to $out_dir/tables-generated.sql, outside $R" &&
	nothing_outside && ok "sync: a symlinked platform directory is refused, named" ||
	fail "symlinked platform dir: $out; outside: $(ls "$out_dir")"
git -C "$R" status --short | grep -q 'sql/postgres' &&
	fail "sync wrote other files before refusing: $(git -C "$R" status --short)"

# .mwschemarc: schema-dir leaving the checkout, an absolute updater.
R="$TMP/ext2"
make_ext "$R"
mkdir -p "$out_dir/abstractSchemaChanges"
cp "$FIX/extension/sql/tables.json" "$out_dir/"
printf 'set schema-dir = ../elsewhere\nset updater = %s/Evil.php::onLoadExtensionSchemaUpdates\n' \
	"$out_dir" >"$R/.mwschemarc"
printf '<?php\nclass E { function onLoadExtensionSchemaUpdates( $u ) {\n\t$u->addExtensionTable( %s );\n} }\n' \
	"'t', \"\$dir/\$dbType/tables-generated.sql\"" >"$out_dir/Evil.php"
cp "$out_dir/Evil.php" "$TMP/Evil.before"
add_change "$R"
out=$(cd "$R" && "$MWSCHEMA" sync 2>&1)
printf '%s\n' "$out" | grep -q '\.mwschemarc:1: set schema-dir: not a path inside the checkout' &&
	printf '%s\n' "$out" | grep -q '\.mwschemarc:2: set updater: not a path inside the checkout' &&
	ok ".mwschemarc: schema-dir and updater outside the checkout are refused at their lines" ||
	fail ".mwschemarc paths: $out"
cmp -s "$out_dir/Evil.php" "$TMP/Evil.before" && [ ! -d "$out_dir/mysql" ] &&
	ok "nothing written outside through .mwschemarc" || fail "written outside: $(ls -R "$out_dir")"
rm -rf "$out_dir"/* "$out_dir"/.[!.]* 2>/dev/null

# A directory of the checkout linked to the outside as schema-dir.
R="$TMP/ext3"
make_ext "$R"
ln -s "$out_dir" "$R/linked"
printf 'set schema-dir = linked\n' >"$R/.mwschemarc"
out=$(cd "$R" && "$MWSCHEMA" sync 2>&1)
printf '%s\n' "$out" | grep -q 'set schema-dir: not a path inside the checkout' && nothing_outside &&
	ok ".mwschemarc: a schema-dir linked outside is refused" || fail "linked schema-dir: $out"

# generate --type=all --sql=DIR keeps its files inside DIR.
mkdir -p "$TMP/gen"
ln -s "$out_dir" "$TMP/gen/mysql"
out=$("$MWSCHEMA" generate --type=all --sql="$TMP/gen" --json="$FIX/extension/sql/tables.json" 2>&1) &&
	fail "generate wrote through the link"
printf '%s\n' "$out" | grep -q "mysql/tables-generated.sql: resolves to $out_dir/tables-generated.sql" &&
	nothing_outside && ok "generate --sql=DIR: a symlinked platform directory is refused" ||
	fail "generate: $out"
finish
