#!/bin/sh
# Lint every file of the shared corpus ($MW_CORPUS): no crash (exit 0 or 1
# only, no load errors), and print the number of findings per rule.
set -u
: "${MWSCHEMA:=./mwschema}"
if [ -z "${MW_CORPUS:-}" ] || [ ! -d "$MW_CORPUS" ]; then
	echo "SKIP: corpus not found (set MW_CORPUS)"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
# Each source is its own checkout (its schemas inform its change files).
for src in "$MW_CORPUS"/*/; do
	"$MWSCHEMA" lint --no-config --format=json "$src" >"$tmp/$(basename "$src").json" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -gt 1 ] || [ -s "$tmp/err" ]; then
		echo "FAIL: $src: exit $rc: $(head -c 500 "$tmp/err")"
		status=1
	fi
done
python3 - "$tmp"/*.json <<'PY' || status=1
import collections, json, sys
counts, files, bad = collections.Counter(), 0, []
for path in sys.argv[1:]:
    for f in json.load(open(path)):
        if f["rule"] is None:
            bad.append(f)
        counts[f["rule"]] += 1
for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
    print("%6d  %s" % (n, rule))
if bad:
    print("FAIL: load errors:", bad[:3])
    sys.exit(1)
PY
exit $status
