#!/bin/sh
# No step is quadratic: 10x the input costs about 10x the CPU time, never
# 100x. A guard, not a benchmark (bench/run-exec-bench.sh prints the
# figures): a regression of the kind that once made `check` of 2,000 changes
# take a minute shows as a ratio near 100, so the limit (30) leaves room for
# a busy machine and still catches it.
#
#   check, sync, review, lint DIR   synthetic checkouts of 100 and 1,000 changes
#   lint, generate                  core's tables.json x1 and x10 (with the corpus)
. "${top_srcdir:-.}/tests/foundation/lib.sh"
limit=${MW_GROWTH_LIMIT:-30}

command -v bash >/dev/null || { echo "SKIP: bash is needed to time a process"; exit 77; }

# cpu_ms CMD...: the least user+system CPU time of 3 runs, in ms.
cpu_ms() {
	bash -c '
		best=
		for run in 1 2 3; do
			t=$( { TIMEFORMAT="%3U %3S"; time "$@" >/dev/null 2>&1; } 2>&1 )
			ms=$(echo "$t" | awk "{ printf \"%d\", (\$1 + \$2) * 1000 + 0.5 }")
			[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
		done
		echo "$best"' cpu_ms "$@"
}

# grows WHAT SMALL LARGE: LARGE (10x the input) took at most `limit` x SMALL.
grows() {
	what=$1 small=$2 large=$3
	# a floor of 5 ms: a tiny baseline must not turn noise into a ratio
	[ "$small" -lt 5 ] && small=5
	ratio=$(awk -v a="$small" -v b="$large" 'BEGIN { printf "%.1f", b / a }')
	if awk -v r="$ratio" -v l="$limit" 'BEGIN { exit !(r <= l) }'; then
		pass "$what: 10x the input, ${ratio}x the CPU time ($small -> $large ms)"
	else
		fail "$what: 10x the input took ${ratio}x the CPU time ($small -> $large ms), over $limit"
	fi
}

for n in 100 1000; do
	sh "$top_srcdir/bench/make-checkout.sh" "$tmp/c$n" "$n" "$MWSCHEMA" >/dev/null 2>&1 ||
		{ echo "ERROR: bench/make-checkout.sh $n failed"; exit 99; }
	"$MWSCHEMA" check "$tmp/c$n" >"$tmp/check$n.out" 2>&1 ||
		{ fail "check of the synthetic checkout of $n changes finds something"; \
		  sed 's/^/  | /' "$tmp/check$n.out" | head -5; }
done
grows "check" "$(cpu_ms "$MWSCHEMA" check "$tmp/c100")" "$(cpu_ms "$MWSCHEMA" check "$tmp/c1000")"
grows "sync (nothing to do)" "$(cpu_ms "$MWSCHEMA" sync "$tmp/c100")" \
	"$(cpu_ms "$MWSCHEMA" sync "$tmp/c1000")"
# the checkout's one commit adds every change: review judges each of them
grows "review of a commit" "$(cpu_ms sh -c "cd '$tmp/c100' && '$MWSCHEMA' review HEAD")" \
	"$(cpu_ms sh -c "cd '$tmp/c1000' && '$MWSCHEMA' review HEAD")"
grows "lint DIR" "$(cpu_ms "$MWSCHEMA" lint --no-config "$tmp/c100/sql")" \
	"$(cpu_ms "$MWSCHEMA" lint --no-config "$tmp/c1000/sql")"

core=$MW_CORPUS/core/tables.json
if [ -f "$core" ] && command -v python3 >/dev/null; then
	for k in 1 10; do
		sh "$top_srcdir/bench/make-scaled.sh" "$core" "$k" "$tmp/s$k" >/dev/null 2>&1 ||
			{ echo "ERROR: bench/make-scaled.sh $k failed"; exit 99; }
	done
	grows "lint, core tables.json" \
		"$(cpu_ms "$MWSCHEMA" lint --no-config "$tmp/s1/sql/tables.json")" \
		"$(cpu_ms "$MWSCHEMA" lint --no-config "$tmp/s10/sql/tables.json")"
	grows "generate, core tables.json, 3 DBMS" \
		"$(cpu_ms "$MWSCHEMA" generate --type=all --sql="$tmp/out1" "$tmp/s1/sql/tables.json")" \
		"$(cpu_ms "$MWSCHEMA" generate --type=all --sql="$tmp/out10" "$tmp/s10/sql/tables.json")"
else
	echo "# SKIP lint and generate growth: no $core (or no python3)"
fi

[ "$fails" = 0 ] || exit 1
