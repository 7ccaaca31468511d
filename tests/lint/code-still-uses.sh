#!/bin/sh
# code-still-uses through the CLI: `mwschema lint` on a change file inside a
# checkout reports every use of what the change drops or renames at the PHP
# file:line:col (paths spelt from the current directory), and `mwschema
# review` reports the uses as the reviewed commit has them, read through git,
# whatever the work tree holds. Configuration caps or silences the rule.
set -u
: "${top_srcdir:=.}" "${MWSCHEMA:=./mwschema}"
fix="$top_srcdir/tests/data/lint/code-still-uses"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true
mkdir -p "$HOME"
git config --global user.name "Test User" && git config --global user.email test@example.org
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
# has FILE LINE: FILE contains the exact line
has() { grep -qxF -- "$2" "$1"; }

# An extension checkout: the fixture's PHP, the widget table as it is before
# the change, committed; then the change that drops wd_name, committed.
ext="$tmp/Widgets"
mkdir -p "$ext/sql/abstractSchemaChanges" && cp -r "$fix/includes" "$fix/tests" "$fix/vendor" \
	"$fix/extension.json" "$ext/" || exit 99
python3 - "$fix/fail.json" "$ext/sql/tables.json" <<'PY' || exit 99
import json, sys
before = json.load(open(sys.argv[1]))["before"]
with open(sys.argv[2], "w") as f:
    json.dump([before], f, indent="\t")
    f.write("\n")
PY
git -C "$ext" init -q && git -C "$ext" add -A && git -C "$ext" commit -qm base || exit 99
change=sql/abstractSchemaChanges/patch-drop-widget-wd_name.json
cp "$fix/fail.json" "$ext/$change"
git -C "$ext" add -A && git -C "$ext" commit -qm "Drop wd_name" || exit 99

# lint, from the root: errors for the drop, a warning for the rename, tests as info.
(cd "$ext" && "$MWSCHEMA" lint "$change") >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "lint: exit $?, expected 1 ($(cat "$tmp/err"))"
has "$tmp/out" "includes/WidgetStore.php:24:26: error: column 'wd_name' is dropped by $change but the code still uses it (in ->select()) [code-still-uses]" &&
has "$tmp/out" "includes/WidgetStore.php:27:17: error: index 'wd_name_idx' is dropped by $change but the code still uses it (in ->useIndex()) [code-still-uses]" &&
has "$tmp/out" "includes/WidgetStore.php:36:14: warning: column 'wd_color' is renamed by $change but the code still uses it (in ->set(), as a key) [code-still-uses]" &&
has "$tmp/out" "    hint: write both 'wd_color' and 'wd_colour' first, then read 'wd_colour'; drop 'wd_color' in a later change" &&
has "$tmp/out" "tests/phpunit/WidgetStoreTest.php:13:14: info: column 'wd_name' is dropped by $change but a test still uses it (in ->row(), as a key) [code-still-uses]" &&
	pass "lint reports the uses" || fail "lint: $(cat "$tmp/out")"
[ "$(grep -c '\[code-still-uses\]' "$tmp/out")" = 14 ] || fail "lint: not 14 uses: $(grep -c code-still "$tmp/out")"
grep -q 'Hooks.php\|vendor/\|:[0-9]*:[0-9]*: .*wd_name_old' "$tmp/out" &&
	fail "lint reported the updater, vendor/ or a longer name"

# From a subdirectory, the paths lead from there.
(cd "$ext/sql" && "$MWSCHEMA" lint "abstractSchemaChanges/${change##*/}") >"$tmp/out" 2>&1
grep -q "^\.\./includes/WidgetStore.php:24:26: error: column 'wd_name'" "$tmp/out" &&
	pass "paths from a subdirectory" || fail "subdirectory: $(head -n 3 "$tmp/out")"

# A change that drops nothing the code uses, and one that drops a table.
cp "$fix/pass.json" "$ext/sql/abstractSchemaChanges/patch-drop-widget-wd_legacy.json"
(cd "$ext" && "$MWSCHEMA" lint sql/abstractSchemaChanges/patch-drop-widget-wd_legacy.json) >"$tmp/out" 2>&1
grep -q 'code-still-uses' "$tmp/out" && fail "wd_legacy: $(cat "$tmp/out")" || pass "an unused column"
rm "$ext/sql/abstractSchemaChanges/patch-drop-widget-wd_legacy.json"

# Configuration: cap the rule at warning, or ignore a directory.
printf 'set lint.code-still-uses = warning\n' >"$ext/.mwschemarc"
(cd "$ext" && "$MWSCHEMA" lint "$change") >"$tmp/out" 2>&1
grep -q 'error: .*code-still-uses' "$tmp/out" && fail "severity not capped"
grep -q "includes/WidgetStore.php:24:26: warning: column 'wd_name'" "$tmp/out" &&
	pass "severity capped by the configuration" || fail "cap: $(head -n 3 "$tmp/out")"
printf 'lint-ignore code-still-uses includes/*\n' >"$ext/.mwschemarc"
(cd "$ext" && "$MWSCHEMA" lint "$change") >"$tmp/out" 2>&1
grep -q 'includes/.*code-still-uses' "$tmp/out" && fail "lint-ignore not applied"
grep -q 'tests/phpunit/WidgetStoreTest.php:13:14: info' "$tmp/out" &&
	pass "lint-ignore on the code's paths" || fail "lint-ignore: $(cat "$tmp/out")"
rm "$ext/.mwschemarc"

# review reads the code of the commit: an edit in the work tree changes nothing.
sed -i 's/wd_name/wd_title/g' "$ext/includes/WidgetStore.php"
(cd "$ext" && "$MWSCHEMA" review HEAD) >"$tmp/out" 2>&1
grep -q "includes/WidgetStore.php:24:26: error: column 'wd_name' is dropped by $change but the code still uses it (in ->select()) \[code-still-uses\]" "$tmp/out" &&
	pass "review shows the uses of the commit" || fail "review: $(grep -n 'Lint' -A 4 "$tmp/out")"
[ "$(grep -c '\[code-still-uses\]' "$tmp/out")" = 14 ] || fail "review: not the 14 uses of lint"
grep 'code-still-uses' "$tmp/out" | grep -q 'vendor/\|Hooks.php' && fail "review read vendor/ or the updater"
(cd "$ext" && "$MWSCHEMA" lint "$change") >"$tmp/out" 2>&1
grep -q 'WidgetStore.php:24:26' "$tmp/out" && fail "lint read the old work tree" ||
	pass "lint reads the work tree"
(cd "$ext" && "$MWSCHEMA" review HEAD~1) >"$tmp/out" 2>&1
grep -q 'code-still-uses' "$tmp/out" && fail "the base commit has no change to report"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all code-still-uses CLI checks passed"
