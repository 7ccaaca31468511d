#!/bin/sh
# Every theme in themes/ gives every element of theme.h's ELEMENT_INFO a
# style (a theme starts from plain, so a missing line would show as
# uncoloured text), and names no element that does not exist.
: "${top_srcdir:=.}"
elements=$(sed -n 's/^[[:space:]]*E([A-Z_]*, "\([a-z-]*\)").*/\1/p' "$top_srcdir/src/tui/theme.h")
[ -n "$elements" ] || { echo "FAIL: no elements found in theme.h"; exit 1; }
status=0
for theme in "$top_srcdir"/themes/*.theme; do
  for e in $elements; do
    grep -q "^color[[:space:]]\{1,\}$e[[:space:]]" "$theme" ||
      { echo "FAIL: $theme: no 'color $e'"; status=1; }
  done
  for e in $(sed -n 's/^color[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' "$theme"); do
    echo "$elements" | grep -qx -- "$e" || { echo "FAIL: $theme: unknown element '$e'"; status=1; }
  done
done
[ "$status" = 0 ] && echo "PASS: $(ls "$top_srcdir"/themes/*.theme | wc -l) themes, $(echo "$elements" | wc -l) elements"
exit $status
