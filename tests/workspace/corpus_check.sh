#!/bin/sh
# `mwschema check` on checkouts rebuilt from the shared corpus: every JSON and
# generated SQL file at its original path (MANIFEST.tsv: source_label and
# orig_sql_path). No generated file may drift; after one byte of one
# generated file changes, exactly that file is reported, and `sync` restores
# it byte for byte.
. "$top_srcdir/tests/workspace/lib.sh"

if [ ! -f "${MW_CORPUS:-}/core/MANIFEST.tsv" ]; then
	echo "SKIP: corpus not found (MW_CORPUS=${MW_CORPUS:-unset})"
	exit 77
fi

# build SOURCE DIR: the checkout; extensions get a minimal extension.json.
build() {
	tail -n +2 "$MW_CORPUS/$1/MANIFEST.tsv" |
	while IFS='	' read -r kind json plat sql label orig rest; do
		mkdir -p "$2/$(dirname "$label")" "$2/$(dirname "$orig")"
		cp "$MW_CORPUS/$1/$json" "$2/$label" && cp "$MW_CORPUS/$1/$sql" "$2/$orig" || exit 1
	done || fail "building $1"
	[ "$1" = core ] || printf '{ "name": "%s" }\n' "$1" > "$2/extension.json"
	chmod -R u+w "$2"
}

for src in core abusefilter echo oauth checkuser; do
	[ -f "$MW_CORPUS/$src/MANIFEST.tsv" ] || continue
	R="$TMP/$src"
	build "$src" "$R"
	out=$("$MWSCHEMA" check --format=json "$R" 2>/dev/null); rc=$?
	if [ "$src" = core ]; then
		# The core corpus mixes commits: its tables.json predates three of its
		# changes, which check rightly reports (and nothing else).
		printf '%s\n' "$out" | grep -q '"rule": "generated-in-sync"\|"rule": null' &&
			fail "core: generated files drift: $out"
		tables=$(printf '%s\n' "$out" | grep -o "table '[a-z_]*' differs" | sort | tr '\n' ' ')
		[ "$tables" = "table 'imagelinks' differs table 'objectcache' differs table 'site_stats' differs " ] ||
			fail "core tables-json findings: $tables"
	else
		[ $rc -eq 0 ] && [ "$out" = "[]" ] || fail "$src: check rc=$rc: $out"
	fi
	n=$(tail -n +2 "$MW_CORPUS/$src/MANIFEST.tsv" | wc -l)
	ok "$src: $n generated files in sync"

	# One byte of the first current-era file: line 5 is the first SQL line.
	orig=$(awk -F'\t' 'NR > 1 && $7 == "current" { print $6; exit }' "$MW_CORPUS/$src/MANIFEST.tsv")
	corpus_sql=$(awk -F'\t' 'NR > 1 && $7 == "current" { print $4; exit }' "$MW_CORPUS/$src/MANIFEST.tsv")
	sed '5s/^./X/' "$R/$orig" > "$TMP/edited" && cat "$TMP/edited" > "$R/$orig"
	cmp -s "$R/$orig" "$MW_CORPUS/$src/$corpus_sql" && fail "edit did not change $orig"
	out=$("$MWSCHEMA" check "$R" 2>/dev/null); rc=$?
	[ $rc -eq 1 ] || fail "$src: check after the edit: rc=$rc"
	found=$(printf '%s\n' "$out" | grep 'generated-in-sync' | cut -d: -f1 | sort -u)
	[ "$found" = "$orig" ] || fail "$src: reported '$found', want '$orig'"
	out=$("$MWSCHEMA" sync "$R" 2>&1)
	printf '%s\n' "$out" | grep -qx "$orig: regenerated" || fail "$src: sync said: $out"
	cmp "$R/$orig" "$MW_CORPUS/$src/$corpus_sql" || fail "$src: sync did not restore $orig"
	ok "$src: one changed byte in $orig reported alone; sync restored it byte for byte"
done
exit 0
