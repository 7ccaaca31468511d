#!/bin/sh
# The entry point: --version, --help, usage errors (exit 2), and the curses
# UI refusing to start without a terminal instead of spinning on ERR.
set -u
: "${MWSCHEMA:=./mwschema}"
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect_exit CODE STDIN_FILE COMMAND... : runs with a timeout so a UI that
# spins on a closed stdin fails the test instead of hanging the suite.
expect_exit() {
	want=$1 in=$2
	shift 2
	timeout 10 "$@" <"$in" >out.tmp 2>err.tmp
	got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want"
}

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
case $MWSCHEMA in /*) ;; *) MWSCHEMA=$OLDPWD/$MWSCHEMA ;; esac

expect_exit 0 /dev/null "$MWSCHEMA" --version
grep -Eq '^mwschema [0-9]+\.[0-9]+\.[0-9]+' out.tmp || fail "--version printed: $(cat out.tmp)"

expect_exit 0 /dev/null "$MWSCHEMA" --help
for cmd in generate lint check sync verify commit review tutorial; do
	grep -q "^  $cmd " out.tmp || fail "--help does not list '$cmd'"
done

expect_exit 2 /dev/null "$MWSCHEMA" frobnicate
grep -q "neither a command nor a directory" err.tmp || fail "unknown command: $(cat err.tmp)"
expect_exit 2 /dev/null "$MWSCHEMA" --frobnicate
grep -q "unknown option '--frobnicate'" err.tmp || fail "unknown option: $(cat err.tmp)"

# No subcommand, stdin not a terminal: /dev/null, a pipe, a closed stdin.
expect_exit 2 /dev/null "$MWSCHEMA"
grep -q "needs a terminal" err.tmp || fail "no-tty message missing: $(cat err.tmp)"
echo q | timeout 10 "$MWSCHEMA" >out.tmp 2>err.tmp
[ $? = 2 ] || fail "piped stdin did not exit 2"
grep -q "needs a terminal" err.tmp || fail "piped stdin: $(cat err.tmp)"
timeout 10 "$MWSCHEMA" <&- >out.tmp 2>err.tmp
[ $? = 2 ] || fail "closed stdin did not exit 2"

[ "$fails" = 0 ] && echo "cli-basics: all checks passed"
[ "$fails" = 0 ]
