#!/bin/sh
# Core's tables.json (from $MW_CORPUS) passes lint with a baseline, and
# pk-unsigned only asks surrogate keys to be unsigned: core's namespace and
# type-code key columns are signed by design, its signed autoincrement ids
# are not. Also: --apply-ready over several inputs writes one header.
set -u
: "${MWSCHEMA:=./mwschema}"
core=${MW_CORPUS:-}/core/tables.json
if [ -z "${MW_CORPUS:-}" ] || [ ! -f "$core" ]; then
	echo "SKIP: corpus not found (set MW_CORPUS)"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

out=$("$MWSCHEMA" lint --no-config --severity=error "$core" 2>&1)
for col in pt_namespace ir_type; do
	printf '%s\n' "$out" | grep -q "'$col'" && fail "pk-unsigned on signed-by-design $col: $out"
done
for col in model_id role_id; do
	printf '%s\n' "$out" | grep -q "'$col' is an autoincrement id but a signed" ||
		fail "signed autoincrement id $col not reported: $out"
done
echo "ok - pk-unsigned: surrogate keys only"

"$MWSCHEMA" lint --no-config --write-baseline="$tmp/baseline" "$core" 2>"$tmp/err" ||
	fail "--write-baseline: $(cat "$tmp/err")"
out=$("$MWSCHEMA" lint --no-config --baseline="$tmp/baseline" "$core" 2>"$tmp/err") ||
	fail "core does not pass with its baseline: $out $(cat "$tmp/err")"
[ -z "$out" ] || fail "findings printed despite the baseline: $out"
grep -q "known findings (.*) not shown" "$tmp/err" || fail "no count of known findings: $(cat "$tmp/err")"
echo "ok - core's tables.json passes lint with a baseline ($(($(wc -l < "$tmp/baseline") - 1)) findings in it)"

change=$(ls "$MW_CORPUS"/core/abstractSchemaChanges/*.json | head -n 1)
"$MWSCHEMA" generate --apply-ready --type=sqlite --json="$core" --json="$change" > "$tmp/out.sql" ||
	fail "apply-ready"
[ "$(grep -c 'Do not modify' "$tmp/out.sql")" = 1 ] || fail "headers: $(grep -c 'Do not modify' "$tmp/out.sql")"
head -n 2 "$tmp/out.sql" | grep -q "^-- Sources: .*tables.json, .*$(basename "$change")$" ||
	fail "header does not name both sources: $(head -n 2 "$tmp/out.sql")"
echo "ok - --apply-ready with two inputs: one header naming both"

# patch-name: a change that only drops "unique" from an index is no key change.
out=$("$MWSCHEMA" lint --no-config "${top_srcdir:-.}/tests/data/lint/patch-name/patch-drop-unique-indices.json" 2>&1)
printf '%s\n' "$out" | grep -q "suggested: patch-widget.json" || fail "patch-name suggestion: $out"
printf '%s\n' "$out" | grep -q -- "-pk" && fail "suggests -pk for a unique drop: $out"
echo "ok - patch-name does not suggest -pk when only 'unique' goes"
