#!/bin/sh
# mwschema lint from the command line: exit codes, the three output formats
# (SARIF validated by tests/lint/sarif_check.py), --explain / --list-rules,
# --severity, and configuration through .mwschemarc / XDG_CONFIG_HOME.
set -u
: "${top_srcdir:=.}" "${MWSCHEMA:=./mwschema}"
data="$top_srcdir/tests/data/lint"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
# run EXPECTED-EXIT ARGS...: output in $tmp/out, errors in $tmp/err
run() {
	want=$1; shift
	(cd "$tmp/repo" && XDG_CONFIG_HOME="$tmp/xdg" "$MWSCHEMA" lint "$@") >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$want" ] || fail "lint $*: exit $got, expected $want ($(head -c 300 "$tmp/err"))"
}

mkdir -p "$tmp/repo/.git" "$tmp/repo/sql" "$tmp/xdg"
cp "$data/no-enum/fail.json" "$tmp/repo/sql/enum.json"
cp "$data/pk-required/fail.json" "$tmp/repo/sql/nopk.json"
cp "$data/unsafe-statement/fail.sql" "$tmp/repo/sql/cleanup.sql"
cp "$data/unsafe-statement/generated.sql" "$tmp/repo/sql/generated.sql"
printf '{ "not": "a schema" }\n' >"$tmp/repo/sql/composer.json"

# Exit codes: warnings only -> 0, errors -> 1, usage -> 2.
run 0 sql/enum.json
grep -q '^sql/enum.json:25:5: warning: column .wd_kind. is an mwenum.* \[no-enum\]$' "$tmp/out" &&
	pass "text format" || fail "text format: $(cat "$tmp/out")"
run 1 sql/nopk.json
run 2 --format=xml sql/enum.json
run 2 --severity=loud sql/enum.json
run 2
run 2 --bogus sql/enum.json
run 2 --explain no-such-rule
run 1 sql/missing.json
grep -q 'missing.json' "$tmp/out" && pass "missing file reported" || fail "missing file"
printf '[{"name": ' >"$tmp/repo/sql/broken.json"
run 1 sql/broken.json
grep -q '^sql/broken.json:1:' "$tmp/out" && pass "parse error located" || fail "parse error: $(cat "$tmp/out")"
rm "$tmp/repo/sql/broken.json"

# A directory: schema, change and SQL files; other JSON and generated SQL are skipped.
run 1 .
grep -q 'sql/cleanup.sql:2:45: warning: .*\[unsafe-statement\]' "$tmp/out" || fail "dir: no SQL finding"
grep -q 'composer.json\|generated.sql' "$tmp/out" && fail "dir: looked at composer.json or generated SQL"
grep -q 'sql/nopk.json:2:2: error' "$tmp/out" && pass "directory walk" || fail "dir: $(cat "$tmp/out")"

# --severity filters, and only errors decide the exit status.
run 0 --severity=error sql/enum.json
[ -s "$tmp/out" ] && fail "--severity=error kept a warning"
run 1 --severity=error sql/nopk.json
[ "$(grep -c '\[pk-required\]' "$tmp/out")" = 2 ] && pass "--severity" || fail "--severity: $(cat "$tmp/out")"

# --explain / --list-rules
run 0 --explain ref-unsigned
grep -q '^ref-unsigned (warning, schema rule)' "$tmp/out" && grep -q 'unsigned' "$tmp/out" &&
	pass "--explain" || fail "--explain: $(cat "$tmp/out")"
run 0 --list-rules
for r in pk-required pk-unsigned ref-unsigned autoincrement-not-pk no-enum prefer-binary \
	timestamp-type boolean-type default-valid index-columns-exist index-name-unique \
	index-prefix-needed duplicate-index identifier-length reserved-word patch-name \
	not-null-no-default destructive type-change pk-change code-still-uses rename-ambiguous no-sql \
	unsafe-statement; do
	grep -q "^$r " "$tmp/out" || fail "--list-rules lacks $r"
done
grep -q '^no-sql  *info ' "$tmp/out" && pass "--list-rules" || fail "--list-rules: severities"

# Configuration: repository .mwschemarc, user config, bad lines reported and skipped.
printf 'set lint.no-enum = error\nset lint.pk-required = bogus\nlint-ignore unsafe-statement sql/*.sql\n' >"$tmp/repo/.mwschemarc"
mkdir -p "$tmp/xdg/mwschema"
printf 'set lint.prefer-binary = off\nfrobnicate\n' >"$tmp/xdg/mwschema/config"
run 1 sql/enum.json sql/cleanup.sql
grep -q 'error: .*\[no-enum\]' "$tmp/out" || fail "config: set lint.no-enum = error ignored"
grep -q 'unsafe-statement' "$tmp/out" && fail "config: lint-ignore ignored"
grep -q '\.mwschemarc:2: .*bogus' "$tmp/err" || fail "config: bad value not reported: $(cat "$tmp/err")"
# reported at its line, without repeating the line (a sourced file may hold secrets)
grep -q 'mwschema/config:2: unknown command' "$tmp/err" && ! grep -q frobnicate "$tmp/err" &&
	pass "configuration" ||
	fail "config: bad command not reported: $(cat "$tmp/err")"
run 0 --no-config sql/enum.json
rm "$tmp/repo/.mwschemarc" "$tmp/xdg/mwschema/config"

# JSON: valid, one object per finding with every field.
run 1 --format=json sql/enum.json sql/nopk.json sql/missing.json
python3 - "$tmp/out" <<'PY' && pass "json format" || fail "json format"
import json, sys
items = json.load(open(sys.argv[1]))
keys = {"rule", "severity", "file", "line", "column", "json_path", "message", "hint"}
assert items and all(set(i) == keys for i in items), items
e = [i for i in items if i["rule"] == "no-enum"][0]
assert (e["severity"], e["file"], e["line"], e["column"], e["json_path"]) == \
    ("warning", "sql/enum.json", 25, 5, "/0/columns/2/type"), e
assert any(i["rule"] is None and i["line"] is None for i in items)
PY

# SARIF: valid against the structural check and the schema, and the check catches mistakes.
run 1 --format=sarif "$top_srcdir/tests/data/lint" sql/missing.json
check="python3 $top_srcdir/tests/lint/sarif_check.py $top_srcdir/tests/lint/sarif-2.1.0-subset.schema.json"
$check <"$tmp/out" >"$tmp/check" 2>&1 && pass "sarif: $(cat "$tmp/check")" || fail "sarif: $(cat "$tmp/check")"
sed 's/"ruleIndex": 1,/"ruleIndex": 2,/' "$tmp/out" | $check >/dev/null 2>&1 && fail "sarif check misses a bad ruleIndex"
sed 's/"startLine"/"startline"/' "$tmp/out" | $check >/dev/null 2>&1 && fail "sarif check misses a bad key"
[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all lint CLI checks passed"
