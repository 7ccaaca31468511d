#!/bin/sh
# Per-keystroke cost on core's largest table (recentchanges): the benchmark
# must run and report its median and p99. The numbers are informative (the
# README's Performance section), never a pass/fail criterion.
: "${MW_CORPUS:=${top_srcdir:-.}/../shared/corpus}"
bench=${top_builddir:-.}/tests/tui/tui_bench
[ -f "$MW_CORPUS/core/tables.json" ] || { echo "SKIP: corpus not found at $MW_CORPUS"; exit 77; }
[ -x "$bench" ] || { echo "SKIP: $bench not built"; exit 77; }
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
# A scratch checkout around core's schema (read in place, copied to the temp dir only).
mkdir -p "$state/ws/sql"
cp "$MW_CORPUS/core/tables.json" "$state/ws/sql/tables.json"
out=$(XDG_STATE_HOME=$state LANG=C.UTF-8 "$bench" "$state/ws" recentchanges 500 160x48) ||
  { echo "FAIL: $out"; exit 1; }
echo "$out"
median=$(echo "$out" | sed -n 's/^keystroke.*median \([0-9.]*\) ms.*/\1/p')
[ -n "$median" ] || { echo "FAIL: no median in the benchmark's output"; exit 1; }
# The work is counted, not timed: one diff and one generation per DBMS.
echo "$out" | grep -q 'work per keystroke: 3.0 table diffs, 3.0 SQL generations' ||
  { echo "FAIL: a keystroke does more than one diff and one generation per DBMS"; exit 1; }
echo PASS
