#!/bin/sh
# On a terminal: colour (never with NO_COLOR, --color=never or a pipe;
# --color=always forces it) and a pager for long output ($MWSCHEMA_PAGER,
# then $PAGER, as git; none with --no-pager or when piped). The terminal is
# a pseudo-terminal from script(1).
. "${top_srcdir:-.}/tests/foundation/lib.sh"
command -v script >/dev/null 2>&1 || { echo "SKIP: script(1) is not installed"; exit 77; }

cp "$top_srcdir/tests/data/lint/no-enum/fail.json" "$tmp/enum.json" || exit 99
unset NO_COLOR MWSCHEMA_PAGER PAGER
export TERM=xterm HOME="$tmp" XDG_CONFIG_HOME="$tmp/config"
esc=$(printf '\033')

# on_tty COMMAND: runs COMMAND (a shell string) with stdout on a terminal.
on_tty() {
	script -qec "$1" /dev/null </dev/null 2>/dev/null | tr -d '\r'
}

out=$(on_tty "MWSCHEMA_PAGER=cat '$MWSCHEMA' lint --no-config '$tmp/enum.json'")
case $out in
*"${esc}[33mwarning${esc}[m: "*) pass "a warning is coloured on a terminal" ;;
*) fail "no colour on a terminal: $out" ;;
esac
out=$(on_tty "NO_COLOR=1 MWSCHEMA_PAGER=cat '$MWSCHEMA' lint --no-config '$tmp/enum.json'")
case $out in *"$esc"*) fail "colour despite NO_COLOR: $out" ;; *": warning: "*) pass "NO_COLOR" ;; *) fail "NO_COLOR: $out" ;; esac
out=$(on_tty "MWSCHEMA_PAGER=cat '$MWSCHEMA' lint --color=never --no-config '$tmp/enum.json'")
case $out in *"$esc"*) fail "colour despite --color=never" ;; *) pass "--color=never" ;; esac
out=$("$MWSCHEMA" lint --no-config "$tmp/enum.json" 2>&1 | cat)
case $out in *"$esc"*) fail "colour in a pipe: $out" ;; *": warning: "*) pass "no colour in a pipe" ;; *) fail "pipe: $out" ;; esac
out=$("$MWSCHEMA" lint --color=always --no-config "$tmp/enum.json" 2>/dev/null | cat)
case $out in *"${esc}[33m"*) pass "--color=always in a pipe" ;; *) fail "--color=always: $out" ;; esac

# The pager: what it receives is the output; nothing when piped or --no-pager.
on_tty "MWSCHEMA_PAGER='cat > $tmp/paged' '$MWSCHEMA' help lint" >/dev/null
grep -q '^usage: mwschema lint' "$tmp/paged" 2>/dev/null && pass "help goes through \$MWSCHEMA_PAGER" ||
	fail "help was not paged: $(cat "$tmp/paged" 2>&1)"
rm -f "$tmp/paged"
on_tty "PAGER='cat > $tmp/paged' '$MWSCHEMA' lint --no-config '$tmp/enum.json'" >/dev/null
grep -q "${esc}\[33mwarning" "$tmp/paged" 2>/dev/null && pass "lint goes through \$PAGER, with colour" ||
	fail "lint was not paged (or lost colour): $(cat "$tmp/paged" 2>&1)"
rm -f "$tmp/paged"
on_tty "PAGER='cat > $tmp/paged' '$MWSCHEMA' --no-pager lint --no-config '$tmp/enum.json'" >/dev/null
[ -e "$tmp/paged" ] && fail "--no-pager paged" || pass "--no-pager"
PAGER="cat > $tmp/paged" "$MWSCHEMA" help lint >/dev/null
[ -e "$tmp/paged" ] && fail "paged without a terminal" || pass "no pager without a terminal"
out=$(on_tty "PAGER=cat '$MWSCHEMA' help lint")
case $out in "usage: mwschema lint"*) pass "PAGER=cat prints directly" ;; *) fail "PAGER=cat: $out" ;; esac

[ "$fails" = 0 ] && echo "PASS: colour and pager on a terminal"
[ "$fails" = 0 ]
