#!/bin/sh
# Issue 11: for every change of the corpus, the forward patch followed by its
# rollback gives the `before` table's shape again on SQLite (column positions
# aside). The round trips run in one process (tests/gen/trip), all SQL
# through our engine, one statement at a time.
#
# A round trip that fails (an SQL error, or a different shape) is judged
# (issue 18): for a synthetic case (random input, synthetic*/), the trip is
# run again with MediaWiki's committed SQLite patch in place of ours; when it
# fails at the same step with the same error, SQLite refuses the input itself
# and the case counts as an expected failure; otherwise it is a real failure.
# A real-corpus case must pass, or be listed with its reason for sqlite in
# tests/db/known-rollback-failures.tsv.
: "${top_builddir:=.}" "${top_srcdir:=.}"
TRIP="$top_builddir/tests/gen/trip"
KNOWN="$top_srcdir/tests/db/known-rollback-failures.tsv"
if [ -z "$MW_CORPUS" ] || [ ! -d "$MW_CORPUS" ]; then echo "SKIP: no corpus (MW_CORPUS)"; exit 77; fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

# One line per change: the file, then for synthetic cases MediaWiki's SQLite
# file for it ("-" where it writes none).
for manifest in "$MW_CORPUS"/*/MANIFEST.tsv; do
	dir=$(dirname "$manifest")
	case $(basename "$dir") in synthetic*) judge=1 ;; *) judge=0 ;; esac
	awk -F'\t' -v dir="$dir" -v judge=$judge '
		$1 == "change" && !($2 in seen) { seen[$2] = 1; order[++n] = $2 }
		$1 == "change" && $3 == "sqlite" { sql[$2] = dir "/" $4 }
		END {
			for (i = 1; i <= n; i++) {
				j = order[i]
				if (judge) print dir "/" j "\t" ((j in sql) ? sql[j] : "-")
				else print dir "/" j
			}
		}' "$manifest"
done >"$tmp/cases"

"$TRIP" <"$tmp/cases" >"$tmp/results" || { echo "FAIL: trip did not run"; exit 1; }
awk -F'\t' -v corpus="$MW_CORPUS/" '
	FILENAME == ARGV[1] { if ($2 == "sqlite") known[$1] = 1; next }
	{
		path = substr($1, length(corpus) + 1); total++
		if ($2 == "same") { same++; next }
		if ($3 == "-") {
			if (path in known) { kn++; printf "known: %s: %s\n", path, $2; next }
			printf "FAIL: %s: %s\n", path, $2
		} else if ($3 == $2) {
			xf++; printf "expected: %s: %s (MediaWiki'"'"'s patch too)\n", path, $2; next
		} else {
			printf "FAIL: %s: %s; with MediaWiki'"'"'s patch: %s\n", path, $2, $3
		}
		real++
	}
	END {
		printf "roundtrip sqlite: %d/%d same shape, %d expected failures (MediaWiki'"'"'s SQL fails the same way), %d known (listed), %d real failures\n",
			same, total, xf, kn, real
		exit real > 0
	}' "$KNOWN" "$tmp/results"
status=$?
echo "elapsed: $(( $(date +%s) - start )) s"
exit $status
