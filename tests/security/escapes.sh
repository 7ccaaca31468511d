#!/bin/sh
# Issue 14, terminal escapes: names and values with escape sequences never
# reach the terminal raw from lint, generate or check.
. "$top_srcdir/tests/security/lib.sh"

printf '[ { "name": "t\\u001b]0;pwned\\u0007", "comment": "x\\u001b[2J", "columns": [ { "name": "a\\u009b2J", "type": "integer", "options": {} } ], "indexes": [] } ]\n' \
	>"$TMP/evil.json"
for cmd in "lint --no-config" "generate --json=" ; do
	case $cmd in
	*=) "$MWSCHEMA" ${cmd}"$TMP/evil.json" >"$TMP/out" 2>&1 ;;
	*) "$MWSCHEMA" $cmd "$TMP/evil.json" >"$TMP/out" 2>&1 ;;
	esac
	has_raw_control "$TMP/out" && fail "$cmd printed a raw escape: $(od -c "$TMP/out" | head)"
	grep -q '\\x1b]0;pwned\\x07' "$TMP/out" && ok "$cmd: escapes shown as \\x1b" ||
		fail "$cmd: $(cat "$TMP/out")"
done

R="$TMP/ext"
make_ext "$R"
mkdir -p "$R/sql/abstractSchemaChanges"
cp "$TMP/evil.json" "$R/sql/abstractSchemaChanges/patch-evil.json"
printf '{ "before": {}, "after": { "name": "g", "comment": "\\u001b[31mred", "columns": [ { "name": "g_id", "type": "integer", "options": { "default": "0" } } ], "indexes": [] } }\n' \
	>"$R/sql/abstractSchemaChanges/patch-g.json"
(cd "$R" && "$MWSCHEMA" check >"$TMP/out" 2>&1)
has_raw_control "$TMP/out" && fail "check printed a raw escape" || ok "check: no raw escape"
# The extension's name in extension.json reaches the summary line (and the editor's title).
python3 - "$R/extension.json" <<'PY' || exit 99
import json, sys
m = json.load(open(sys.argv[1]))
m["name"] = "Gadg\u001b]0;pwned\u0007etry"
json.dump(m, open(sys.argv[1], "w"))
PY
(cd "$R" && "$MWSCHEMA" check >"$TMP/out" 2>&1)
! has_raw_control "$TMP/out" && grep -qF '(extension Gadg\x1b]0;pwned\x07etry)' "$TMP/out" &&
	ok "check: the manifest's name is shown escaped" || fail "manifest name: $(od -c "$TMP/out" | tail -n 5)"
git -C "$R" checkout -q extension.json
(cd "$R" && "$MWSCHEMA" lint . >"$TMP/out" 2>&1)
has_raw_control "$TMP/out" && fail "lint printed a raw escape" ||
	grep -q 'plain-values' "$TMP/out" && ok "lint: the comment's escape is a plain-values finding" ||
	fail "lint: $(cat "$TMP/out")"
# A default holding an escape: byte-exact into a pipe, shown escaped on a terminal.
printf '[ { "name": "t", "columns": [ { "name": "a", "type": "string", "options": { "length": 10, "default": "\\u001b]0;pwned\\u0007x" } } ], "indexes": [] } ]\n' \
	>"$TMP/default.json"
"$MWSCHEMA" generate --json="$TMP/default.json" >"$TMP/pipe.sql"
has_raw_control "$TMP/pipe.sql" && ok "generate into a pipe: the SQL is byte for byte" ||
	fail "generate changed the SQL written to a pipe"
if command -v script >/dev/null 2>&1; then
	script -qec "'$MWSCHEMA' generate --json='$TMP/default.json'" /dev/null >"$TMP/tty.out" 2>&1
	! has_raw_control "$TMP/tty.out" && grep -qF "DEFAULT '\\x1b]0;pwned\\x07x'" "$TMP/tty.out" &&
		ok "generate on a terminal: the default's escape is shown, not run" ||
		fail "generate on a terminal: $(od -c "$TMP/tty.out" | head)"
fi
finish
