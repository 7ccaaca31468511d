#!/bin/sh
# Builds the JSON loader fuzzer with clang (libFuzzer + ASan + UBSan) straight
# from the core sources and runs it for a bounded time.
#   tests/fuzz/run-fuzz.sh [SECONDS]     (default 30; run from the repo root)
# Exit status: 0 clean, 1 crash/leak found, 77 clang/libFuzzer unavailable.
set -u
secs=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CLANG:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz_json: SKIP (clang not found)"
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
srcs="src/core/buf.c src/core/diag.c src/core/fs.c src/core/model.c src/core/json_scan.c
	src/core/json_check.c src/core/json_load.c src/core/json_build.c src/core/json_write.c"
# shellcheck disable=SC2086
if ! "$cc" -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I"$tmp" -Iinclude -Isrc $srcs tests/fuzz/fuzz_json.c -lm -o "$tmp/fuzz_json" \
	>"$tmp/build.log" 2>&1; then
	if grep -q 'fuzzer' "$tmp/build.log" && ! "$cc" -fsanitize=fuzzer -x c /dev/null \
		-o /dev/null >/dev/null 2>&1; then
		echo "fuzz_json: SKIP (libFuzzer not available)"
		exit 77
	fi
	cat "$tmp/build.log"
	echo "fuzz_json: FAIL (build)"
	exit 1
fi

# Seeds: the bad-input table, plus corpus files when present.
mkdir -p "$tmp/corpus" "$tmp/seeds"
cp tests/data/json-invalid/*.json "$tmp/seeds/" 2>/dev/null
corpus=${MW_CORPUS:-$root/../shared/corpus}
if [ -d "$corpus" ]; then
	find "$corpus" -name '*.json' -size -64k | head -n 200 | while read -r f; do
		cp "$f" "$tmp/seeds/$(echo "$f" | tr '/' '_')"
	done
fi

"$tmp/fuzz_json" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$tmp/" -print_final_stats=1 "$tmp/corpus" "$tmp/seeds" \
	>"$tmp/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/fuzz.log" | tail -n 1)
if [ $rc -ne 0 ]; then
	tail -n 40 "$tmp/fuzz.log"
	for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
		[ -f "$a" ] && cp "$a" "$root/" && echo "fuzz_json: kept $(basename "$a")"
	done
	echo "fuzz_json: FAIL after ${runs:-?} runs in ${secs}s (exit $rc)"
	exit 1
fi
echo "fuzz_json: OK, ${runs:-?} runs in ${secs}s, no crash or leak"
exit 0
