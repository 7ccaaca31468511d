#!/bin/sh
# Issue 14, what discovery and the code index read: a manifest naming a
# handler outside the checkout, a schema folder that is a link leading out,
# and PHP the code index would read through a link, a FIFO or a file too
# large to be code. Nothing outside is read as the checkout's (a warning
# names the path), nothing there changes, and nothing hangs.
. "$top_srcdir/tests/security/lib.sh"

out_dir="$TMP/elsewhere"
mkdir -p "$out_dir/sql"
CSU="$top_srcdir/tests/data/lint/code-still-uses"

# Discovery: a handler class autoloaded from outside, a folder linked outside.
R="$TMP/ext1"
make_ext "$R"
cp "$FIX/extension/sql/tables.json" "$out_dir/sql/"
printf '<?php\nclass FarHooks {\n\tpublic static function onLoadExtensionSchemaUpdates( $u ) {\n\t\t$u->addExtensionTable( %s );\n\t}\n}\n' \
	"'t', __DIR__ . '/sql/tables-generated.sql'" >"$out_dir/FarHooks.php"
cp "$out_dir/FarHooks.php" "$TMP/FarHooks.before"
python3 - "$R/extension.json" <<'PY' || exit 99
import json, sys
m = json.load(open(sys.argv[1]))
m.setdefault("AutoloadClasses", {})["FarHooks"] = "../elsewhere/FarHooks.php"
hooks = m.setdefault("Hooks", {})
h = hooks.get("LoadExtensionSchemaUpdates", [])
hooks["LoadExtensionSchemaUpdates"] = (h if isinstance(h, list) else [h]) + \
	["FarHooks::onLoadExtensionSchemaUpdates"]
json.dump(m, open(sys.argv[1], "w"), indent="\t")
PY
ln -s "$out_dir/sql" "$R/db"
out=$(cd "$R" && "$MWSCHEMA" check 2>&1)
printf '%s\n' "$out" | grep -q '^\.\./elsewhere/FarHooks.php: leads outside the checkout (from extension.json): ignored' &&
	printf '%s\n' "$out" | grep -q '^db: leads outside the checkout (from a conventional folder): ignored' &&
	ok "check: a handler and a schema folder outside the checkout are refused, named" ||
	fail "discovery outside: $out"
add_change "$R"
(cd "$R" && "$MWSCHEMA" sync >/dev/null 2>&1)
cmp -s "$out_dir/FarHooks.php" "$TMP/FarHooks.before" && [ "$(ls "$out_dir/sql")" = tables.json ] &&
	ok "sync: nothing written outside through discovery" ||
	fail "written outside: $(ls -R "$out_dir")"

# The code index: a link to PHP outside, a FIFO, a file over the size limit.
E="$TMP/Widgets"
mkdir -p "$E/sql/abstractSchemaChanges" && cp -r "$CSU/includes" "$CSU/extension.json" "$E/" || exit 99
python3 - "$CSU/fail.json" "$E/sql/tables.json" <<'PY' || exit 99
import json, sys
json.dump([json.load(open(sys.argv[1]))["before"]], open(sys.argv[2], "w"), indent="\t")
PY
use="<?php\n\$db->select( 'widget', [ 'wd_name' ] );\n"
printf "$use" >"$out_dir/Secret.php"
ln -s "$out_dir/Secret.php" "$E/includes/Linked.php"
# sparse: 70 MiB of nothing, then a use of wd_name
truncate -s 70M "$E/includes/Huge.php" && printf "\n$use" >>"$E/includes/Huge.php"
git -C "$E" init -q && git -C "$E" add -A && git -C "$E" commit -qm base || exit 99
change=sql/abstractSchemaChanges/patch-drop-widget-wd_name.json
cp "$CSU/fail.json" "$E/$change"
git -C "$E" add -A && git -C "$E" commit -qm "Drop wd_name" || exit 99
mkfifo "$E/includes/Pipe.php" || exit 99
(cd "$E" && timeout 60 "$MWSCHEMA" lint "$change") >"$TMP/out" 2>&1
[ $? = 124 ] && fail "lint hung on a FIFO"
grep -q 'WidgetStore.php:24:26: error: column .wd_name.' "$TMP/out" &&
	! grep -q 'Linked.php\|Huge.php\|Pipe.php' "$TMP/out" &&
	ok "lint: the code index reads no link leading out, no FIFO, no huge file" ||
	fail "code index: $(grep 'code-still-uses' "$TMP/out" | head -n 5)"
(cd "$E" && timeout 60 "$MWSCHEMA" review HEAD </dev/null) >"$TMP/out" 2>&1
grep -q 'WidgetStore.php:24:26: error: column .wd_name.' "$TMP/out" &&
	! grep -q 'Linked.php\|Huge.php' "$TMP/out" &&
	ok "review: the commit's links and huge blobs are not read as code" ||
	fail "review's code: $(grep 'code-still-uses' "$TMP/out" | head -n 5)"
finish
