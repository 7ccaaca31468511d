#!/bin/sh
# doc/tutorial.md is the tutorial's own text (mwschema tutorial --markdown),
# and the tutorial refuses to start without a terminal.
: "${MWSCHEMA:=${top_builddir:-.}/mwschema}"
: "${top_srcdir:=.}"
[ -x "$MWSCHEMA" ] || { echo "SKIP: $MWSCHEMA not built"; exit 77; }
out=$(mktemp "${TMPDIR:-/tmp}/mwschema-tutdoc.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
"$MWSCHEMA" tutorial --markdown > "$out" || { echo "FAIL: --markdown exit status"; exit 1; }
if ! diff -u "$top_srcdir/doc/tutorial.md" "$out"; then
  echo "FAIL: doc/tutorial.md is out of date: mwschema tutorial --markdown > doc/tutorial.md"
  exit 1
fi
grep -q "^## 9\. " "$out" || { echo "FAIL: nine steps expected"; exit 1; }
"$MWSCHEMA" tutorial < /dev/null > /dev/null 2> "$out"
[ $? = 2 ] || { echo "FAIL: without a terminal the exit status is 2"; exit 1; }
grep -q "needs a terminal" "$out" || { echo "FAIL: no message without a terminal"; exit 1; }
"$MWSCHEMA" tutorial --bogus > /dev/null 2>&1
[ $? = 2 ] || { echo "FAIL: unknown option"; exit 1; }
echo PASS
