#!/bin/sh
# "make bench": every benchmark, one table, plus the machine it ran on.
# Run from the build directory: run-bench.sh SRCDIR. The corpus comes from
# $MW_CORPUS. Numbers are medians of several runs after a warm-up.
set -u
srcdir=${1:-.}
corpus=${MW_CORPUS:-$srcdir/../shared/corpus}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sr)," \
	"$(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "Build:   $(${CC:-cc} --version 2>/dev/null | head -n 1), CFLAGS of this build; $(date -u +%Y-%m-%d)"
echo

bench/bench_gen "$corpus"
status=$?
[ "$status" = 77 ] && echo "(in-process benchmarks skipped: no corpus at $corpus)"
if [ "$status" != 77 ]; then
	echo
	echo "Per input, generation only (inputs loaded beforehand), median of 21 runs:"
	bench/bench_corpus "$corpus" | sed 's/^/  /'
	echo
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
name="mwschema check, 2000 change files"
sh "$srcdir/bench/make-checkout.sh" "$tmp/checkout" 2000 "$PWD/mwschema" >"$tmp/make.out" 2>&1
./mwschema check "$tmp/checkout" >"$tmp/check.out" 2>&1
check_status=$?
if grep -q "not implemented" "$tmp/check.out"; then
	printf '%-42s %s\n' "$name" "not available: 'mwschema check' is not implemented yet"
elif [ "$check_status" -gt 1 ]; then
	printf '%-42s %s\n' "$name" "failed: $(head -n 1 "$tmp/check.out")"
else
	bench/bench_exec "$name" 7 ./mwschema check "$tmp/checkout"
	[ "$check_status" = 0 ] ||
		echo "  (check reported findings on the synthetic checkout: $(head -n 1 "$tmp/check.out"))"
fi

# The editor's whole per-keystroke work (an edit, the diff, three generators,
# lint and a full redraw into a virtual screen) on core's largest table.
if [ -x tests/tui/tui_bench ] && [ -f "$corpus/core/tables.json" ]; then
	mkdir -p "$tmp/ws/sql"
	cp "$corpus/core/tables.json" "$tmp/ws/sql/tables.json"
	echo
	echo "Editor, per keystroke on core's recentchanges (edit + diff + 3 generators + lint + redraw):"
	for size in 80x24 160x48; do
		XDG_STATE_HOME=$tmp/state tests/tui/tui_bench "$tmp/ws" recentchanges 2000 "$size" |
			sed "s/^/  $size: /"
	done
fi


# Growth: core's tables.json x1, x10, x100 (tables and indexes renamed), whole
# processes. Linear means 10x the input costs at most 15x the time.
if [ -f "$corpus/core/tables.json" ] && command -v python3 >/dev/null; then
	echo
	echo "Growth, whole process (core's tables.json repeated, median of 3):"
	for k in 1 10 100; do
		sh "$srcdir/bench/make-scaled.sh" "$corpus/core/tables.json" $k "$tmp/x$k" \
			"$PWD/mwschema" >/dev/null 2>&1 || continue
		(cd "$tmp/x$k" &&
			"$OLDPWD/bench/bench_exec" "lint x$k" 3 "$OLDPWD/mwschema" lint sql/tables.json &&
			"$OLDPWD/bench/bench_exec" "check x$k" 3 "$OLDPWD/mwschema" check . &&
			"$OLDPWD/bench/bench_exec" "generate x$k, 3 DBMS" 3 "$OLDPWD/mwschema" generate \
				--json=sql/tables.json --type=all --sql="$tmp/x$k-out") |
			grep -v '^benchmark' | sed 's/^/  /'
	done
fi

# The code index of code-still-uses on a MediaWiki-sized synthetic tree
# (5,000 PHP files), and the editor's update with it.
if command -v python3 >/dev/null; then
	python3 "$srcdir/bench/make-php-tree.py" "$tmp/php" 5000
	echo
	echo "code-still-uses on 5,000 synthetic PHP files ($(du -sh "$tmp/php" | cut -f1)):"
	XDG_STATE_HOME=$tmp/state bench/bench_code "$tmp/php" | sed 's/^/  /'
fi
