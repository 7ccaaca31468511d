#!/bin/sh
# Without a terminal the editor refuses to start, with a clear message.
: "${MWSCHEMA:=${top_builddir:-.}/mwschema}"
[ -x "$MWSCHEMA" ] || { echo "SKIP: $MWSCHEMA not built"; exit 77; }
out=$("$MWSCHEMA" </dev/null 2>&1 | cat)
rc=$("$MWSCHEMA" </dev/null >/dev/null 2>&1; echo $?)
[ "$rc" = 2 ] || { echo "FAIL: exit status $rc, expected 2"; exit 1; }
echo "$out" | grep -q "needs a terminal" || { echo "FAIL: message: $out"; exit 1; }
echo PASS
