#!/bin/sh
# "make bench", whole processes: mwschema as people run it, once per file in
# CI, editor integrations and loops, where start-up counts as much as the
# work. Run from the build directory: run-exec-bench.sh SRCDIR CORPUS.
#
#   - per invocation: wall-clock median and minimum, and the CPU time (user +
#     system), with /bin/true as the floor; hyperfine when installed
#     (apt-get install hyperfine), else bench/bench_exec's fork+exec loop
#   - callgrind: instructions of the whole process, dynamic loading included
#   - growth: 1x, 10x and 100x core for generate, lint and check
#   - MediaWiki's own PHP pipeline side by side, when PHP and the reference
#     sources are set up (tools/difftest/reference.php, MW_REFERENCE)
set -u
srcdir=${1:-.}
corpus=${2:-${MW_CORPUS:-$srcdir/../shared/corpus}}
runs=${BENCH_EXEC_RUNS:-41}
M=$PWD/mwschema
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$corpus/core/tables.json" ]; then
	echo "(whole-process benchmarks skipped: no corpus at $corpus)"
	exit 0
fi
core=$tmp/core/sql/tables.json
mkdir -p "$tmp/core/sql"
cp "$corpus/core/tables.json" "$core"
change=$(ls -S "$corpus"/core/abstractSchemaChanges/*.json | head -n 1)
for k in 10 100; do
	bench/bench_gen --write-growth "$k" "$tmp/core-x$k.json" "$corpus" || exit 1
done
cp "$core" "$tmp/core-x1.json"

# timing RUNS CMD...: "MEDIAN MIN CPU" in ms (CPU: user + system, "-" when unknown).
if command -v hyperfine >/dev/null 2>&1; then
	tool="hyperfine $(hyperfine --version | cut -d' ' -f2), $runs runs after 3 warm-ups"
	timing() {
		n=$1
		shift
		hyperfine -N -w 3 -r "$n" -i --style none --export-csv "$tmp/h.csv" -- "$*" \
			>/dev/null 2>&1 || { echo "- - -"; return; }
		awk -F, 'NR == 2 { printf "%.3f %.3f %.3f\n", $4 * 1000, $7 * 1000, ($5 + $6) * 1000 }' \
			"$tmp/h.csv"
	}
else
	tool="bench_exec (fork+exec), $runs runs after a warm-up; apt-get install hyperfine for CPU times"
	timing() {
		n=$1
		shift
		r=$(BENCH_RAW=1 bench/bench_exec x "$n" "$@" 2>/dev/null) || { echo "- - -"; return; }
		echo "$r -"
	}
fi

# row NAME CMD...: one line of the per-invocation table.
floor=
row() {
	name=$1
	shift
	set -- $(timing "$runs" "$@")
	[ -z "$floor" ] && floor=$1
	awk -v n="$name" -v m="$1" -v mn="$2" -v c="$3" -v f="$floor" 'BEGIN {
		printf "  %-44s %9s ms %9s ms %9s ms %7s\n", n, m, mn, c,
			(m == "-" || f <= 0) ? "-" : sprintf("%.1fx", m / f) }'
}

echo "Per invocation, whole process ($tool):"
printf '  %-44s %12s %12s %12s %7s\n' command "median" "min" "CPU" "/true"
row "/bin/true (the floor)" /bin/true
row "mwschema --version" "$M" --version
row "generate, one change file (mysql)" "$M" generate "$change"
row "generate, one change file (all 3 DBMS)" "$M" generate --type=all --sql="$tmp/out" "$change"
row "generate, core tables.json (mysql)" "$M" generate "$core"
row "generate, core tables.json (all 3 DBMS)" "$M" generate --type=all --sql="$tmp/out" "$core"
row "lint, core tables.json" "$M" lint --no-config "$core"
(cd "$tmp/core" && "$M" sync >/dev/null 2>&1)
row "check, core tables.json + its generated SQL" "$M" check "$tmp/core"
echo

# Instructions (callgrind counts every instruction of the process, the
# dynamic loader included, and is repeatable where wall time is not).
if command -v valgrind >/dev/null 2>&1; then
	instructions() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : *//p'
	}
	echo "Instructions per invocation (callgrind, whole process):"
	base=$(instructions /bin/true)
	irow() {
		name=$1
		shift
		n=$(instructions "$@")
		awk -v n="$name" -v i="$n" -v b="$base" 'BEGIN {
			printf "  %-44s %14.2f M %8.1fx\n", n, i / 1e6, i / b }'
	}
	irow "/bin/true" /bin/true
	irow "mwschema --version" "$M" --version
	irow "generate, one change file (mysql)" "$M" generate "$change"
	for t in mysql postgres sqlite; do
		irow "generate, core tables.json ($t)" "$M" generate --type=$t "$core"
	done
	irow "lint, core tables.json" "$M" lint --no-config "$core"
	irow "check, core tables.json + its generated SQL" "$M" check "$tmp/core"
	echo
fi

# Growth: 10x and 100x the input should take about 10x and 100x the time.
echo "Growth, whole process, median wall time (ratio to 1x):"
printf '  %-6s %19s %19s %19s\n' input generate lint check
for k in 1 10 100; do
	mkdir -p "$tmp/grow$k"
	sh "$srcdir/bench/make-checkout.sh" "$tmp/grow$k" $((20 * k)) "$M" >/dev/null 2>&1
done
# once_ms LIMIT CMD...: one run's wall time in ms, or ">LIMIT s" when it took longer.
once_ms() {
	limit=$1
	shift
	t0=$(date +%s%N)
	timeout "$limit" "$@" >/dev/null 2>&1
	[ $? = 124 ] && { echo ">${limit}000"; return; }
	echo $((($(date +%s%N) - t0) / 1000000))
}
line() {
	k=$1
	g=$(timing 11 "$M" generate --type=all --sql="$tmp/out" "$tmp/core-x$k.json")
	# one run, capped: a regression to quadratic lint must not hang the bench
	l=$(once_ms "${BENCH_LINT_LIMIT:-120}" "$M" lint --no-config "$tmp/core-x$k.json")
	c=$(timing 5 "$M" check "$tmp/grow$k")
	echo "$k ${g%% *} $l ${c%% *}"
}
{ line 1; line 10; line 100; } | awk '
	NR == 1 { g = $2; l = $3; c = $4 }
	function cell(v, b) {
		if (v ~ /^>/) return sprintf("%10s s", "> " substr(v, 2) / 1000)
		return v == "-" ? "-" : sprintf("%9.1f ms %5.0fx", v, v / b)
	}
	{ printf "  %-6s %19s %19s %19s\n", $1 "x", cell($2, g), cell($3, l), cell($4, c) }'
echo "  (generate, lint: core's tables.json repeated under new names; generate is"
echo "  the median of 11 runs of all 3 DBMS, lint one run; check: the median of 5"
echo "  runs on a synthetic checkout of 20, 200 and 2000 change files,"
echo "  bench/make-checkout.sh)"
echo

# MediaWiki's pipeline, one PHP process per file as its maintenance scripts run.
ref=${MW_REFERENCE:-$srcdir/../ref}
php_ref=$srcdir/tools/difftest/reference.php
if command -v php >/dev/null 2>&1 && [ -f "$php_ref" ] &&
   [ -f "$ref/mediawiki/maintenance/includes/SchemaGenerator.php" ]; then
	printf 'mysql\tchange\t%s\tlabel\t%s/ref.sql\n' "$change" "$tmp" >"$tmp/case-change"
	printf 'mysql\tschema\t%s\tlabel\t%s/ref.sql\n' "$core" "$tmp" >"$tmp/case-core"
	printf '#!/bin/sh\nexec php %s %s <%s\n' "$php_ref" "$ref" "$tmp/case-change" >"$tmp/php-change"
	printf '#!/bin/sh\nexec php %s %s <%s\n' "$php_ref" "$ref" "$tmp/case-core" >"$tmp/php-core"
	chmod +x "$tmp/php-change" "$tmp/php-core"
	echo "Side by side with MediaWiki's pipeline (PHP $(php -r 'echo PHP_VERSION;'), one process per file,"
	echo "without MediaWiki's maintenance bootstrap, so the real scripts are slower still):"
	floor=
	row "php: one change file (mysql)" "$tmp/php-change"
	pc=$floor
	floor=
	row "php: core tables.json (mysql)" "$tmp/php-core"
	pt=$floor
	floor=$pc
	row "mwschema: one change file (mysql)" "$M" generate "$change"
	floor=$pt
	row "mwschema: core tables.json (mysql)" "$M" generate "$core"
	echo "  (the last column: mwschema's time as a fraction of PHP's)"
else
	echo "(MediaWiki's PHP pipeline not set up: no side-by-side figures; see doc/difftest.md)"
fi
