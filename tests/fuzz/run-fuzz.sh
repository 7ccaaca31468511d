#!/bin/sh
# Builds the libFuzzer targets with clang (libFuzzer + ASan + UBSan) straight
# from the core sources and runs each for a bounded time:
#   fuzz_json  the JSON loader and the minimal-diff writer
#   fuzz_gen   the pretty-printer, the generators, the rollback and lint
#   fuzz_php   the PHP evaluator that reads handlers and schema tests
# Usage: tests/fuzz/run-fuzz.sh [SECONDS] [TARGET...]   (from the repo root;
# SECONDS is the total, shared by the targets; default 30, all targets).
# Exit status: 0 clean, 1 crash/leak found, 77 clang/libFuzzer unavailable.
set -u
secs=${1:-30}
[ $# -gt 0 ] && shift
targets=${*:-fuzz_json fuzz_gen fuzz_php}
root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CLANG:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: SKIP (clang not found)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mw-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# config.h: the one from a configured tree if there is one, else a stub.
if [ -f "$root/config.h" ]; then
	cp "$root/config.h" "$tmp/config.h"
else
	printf '#define _GNU_SOURCE 1\n' >"$tmp/config.h"
fi
cd "$root" || exit 1

json_srcs="src/core/util/buf.c src/core/util/diag.c src/core/util/fs.c src/core/util/strmap.c src/core/model/model.c
	src/core/json/json_scan.c src/core/json/json_bytes.c src/core/json/json_tree.c src/core/json/json_check.c
	src/core/json/json_load.c src/core/json/json_build.c src/core/json/json_write.c
	src/core/json/json_values.c src/core/model/ident.c"
php_srcs="src/core/util/buf.c src/core/util/fs.c src/core/model/dbms.c
	src/core/checkout/php_lex.c src/core/checkout/php_eval.c src/core/checkout/php_stmt.c
	src/core/checkout/php_hook.c"
# The generators and lint reach most of the core: take all of it, with the
# libraries the configured tree uses.
gen_srcs=$(ls src/core/*/*.c)
gen_pkgs="libgit2 sqlite3"
grep -q '^#define HAVE_MARIADB 1' "$tmp/config.h" && gen_pkgs="$gen_pkgs libmariadb"
grep -q '^#define HAVE_LIBPQ 1' "$tmp/config.h" && gen_pkgs="$gen_pkgs libpq"
# shellcheck disable=SC2086
gen_libs="$(pkg-config --cflags --libs $gen_pkgs 2>/dev/null)"

# Seeds: the bad-input table, the hostile inputs of the security suite, plus
# corpus files when present.
mkdir -p "$tmp/seeds"
cp tests/data/json-invalid/*.json "$tmp/seeds/" 2>/dev/null
cp tests/security/data/*.json "$tmp/seeds/" 2>/dev/null
corpus=${MW_CORPUS:-$root/../shared/corpus}
if [ -d "$corpus" ]; then
	find "$corpus" -name '*.json' -size -64k | head -n 200 | while read -r f; do
		cp "$f" "$tmp/seeds/$(echo "$f" | tr '/' '_')"
	done
fi

build() {
	name=$1 srcs=$2 libs=$3
	# shellcheck disable=SC2086
	if "$cc" -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -I"$tmp" -Iinclude -Isrc $srcs \
		"tests/fuzz/$name.c" $libs -lm -o "$tmp/$name" >"$tmp/$name.build.log" 2>&1; then
		return 0
	fi
	if grep -q 'fuzzer' "$tmp/$name.build.log" && ! "$cc" -fsanitize=fuzzer -x c /dev/null \
		-o /dev/null >/dev/null 2>&1; then
		echo "fuzz: SKIP (libFuzzer not available)"
		exit 77
	fi
	cat "$tmp/$name.build.log"
	echo "$name: FAIL (build)"
	exit 1
}

run() {
	name=$1 t=$2
	mkdir -p "$tmp/corpus-$name"
	"$tmp/$name" -max_total_time="$t" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$tmp/$name-" -print_final_stats=1 "$tmp/corpus-$name" \
		"$tmp/seeds" >"$tmp/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log" | tail -n 1)
	if [ $rc -ne 0 ]; then
		tail -n 40 "$tmp/$name.log"
		for a in "$tmp/$name"-crash-* "$tmp/$name"-leak-* "$tmp/$name"-timeout-* \
			"$tmp/$name"-oom-*; do
			[ -f "$a" ] && cp "$a" "$root/" && echo "$name: kept $(basename "$a")"
		done
		echo "$name: FAIL after ${runs:-?} runs in ${t}s (exit $rc)"
		return 1
	fi
	echo "$name: OK, ${runs:-?} runs in ${t}s, no crash or leak"
}

n=$(echo $targets | wc -w)
share=$((secs / n))
[ "$share" -ge 1 ] || share=1
status=0
for name in $targets; do
	case $name in
	fuzz_json) build fuzz_json "$json_srcs" "" ;;
	fuzz_gen) build fuzz_gen "$gen_srcs" "$gen_libs" ;;
	fuzz_php)
		build fuzz_php "$php_srcs" ""
		find tests/data/checkouts -name '*.php' | while read -r f; do
			cp "$f" "$tmp/seeds/php_$(echo "$f" | tr '/' '_')"
		done ;;
	*) echo "fuzz: unknown target '$name'"; exit 2 ;;
	esac
	run "$name" "$share" || status=1
done
exit $status
