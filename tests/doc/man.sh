#!/bin/sh
# The manual pages render without a single groff warning (groff -ww, and
# man(1) itself when installed), and they stay complete: every command of
# src/main.c is in mwschema(1); every request, element, option and theme
# of the editor is in mwschemarc(5).
: "${top_srcdir:=.}"
command -v groff >/dev/null 2>&1 || { echo "SKIP: groff is not installed"; exit 77; }
status=0
bad() { echo "FAIL: $*"; status=1; }
doc="$top_srcdir/doc"

for page in "$doc/mwschema.1" "$doc/mwschemarc.5"; do
  out=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
  [ -z "$out" ] || bad "groff -ww $page: $out"
  if command -v man >/dev/null 2>&1; then
    out=$(MANWIDTH=80 MANPAGER=cat man --warnings=w -l "$page" 2>&1 >/dev/null)
    [ -z "$out" ] || bad "man -l $page: $out"
  fi
done

# In man source a hyphen is written \- : "add-column" appears as add\-column.
in_page() { grep -q -F -- "$(printf '%s' "$2" | sed 's/-/\\-/g')" "$1"; }

commands=$(sed -n 's/^[[:space:]]*X(\([a-z]*\)).*/\1/p' "$top_srcdir/src/cli/commands.h")
[ -n "$commands" ] || bad "no commands found in src/cli/commands.h"
for cmd in $commands; do
  grep -q "^\.SS \"mwschema $cmd" "$doc/mwschema.1" || bad "mwschema.1 lacks the command '$cmd'"
done
# Every option a command's --help mentions is in the page too.
: "${MWSCHEMA:=${top_builddir:-.}/mwschema}"
if [ -x "$MWSCHEMA" ]; then
  for cmd in $commands; do
    for opt in $("$MWSCHEMA" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u); do
      in_page "$doc/mwschema.1" "$opt" || bad "mwschema.1 lacks '$cmd $opt'"
    done
  done
fi
for req in $(sed -n 's/^[[:space:]]*REQ(\([A-Z_]*\),.*/\1/p' "$top_srcdir/src/tui/request.h" |
             tr 'A-Z_' 'a-z-'); do
  in_page "$doc/mwschemarc.5" "$req" || bad "mwschemarc.5 lacks the request '$req'"
done
for e in $(sed -n 's/^[[:space:]]*E([A-Z_]*, "\([a-z-]*\)").*/\1/p' "$top_srcdir/src/tui/theme.h"); do
  in_page "$doc/mwschemarc.5" "$e" || bad "mwschemarc.5 lacks the element '$e'"
done
for o in $(sed -n 's/^[[:space:]]*O([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$top_srcdir/src/tui/options.h"); do
  grep -q "^\.BI\{0,1\}R\{0,1\} \"$o = " "$doc/mwschemarc.5" || bad "mwschemarc.5 lacks the option '$o'"
done
for t in "$top_srcdir"/themes/*.theme; do
  in_page "$doc/mwschemarc.5" "$(basename "$t" .theme)" || bad "mwschemarc.5 lacks the theme '$t'"
done
[ "$status" = 0 ] && echo "PASS: both pages render cleanly and are complete"
exit $status
