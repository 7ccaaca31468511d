#!/bin/sh
# Shell completion: "mwschema __complete" answers from the option tables
# (commands, options, values, files or directories), and the bash and zsh
# scripts installed with the program turn that into candidates.
set -u
: "${top_srcdir:=.}"
: "${MWSCHEMA:=./mwschema}"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok - $*"; }

# expect "WORDS" "EXPECTED LINES": __complete's answer, one candidate per line.
expect() {
	# shellcheck disable=SC2086 # the words are split on purpose
	got=$("$MWSCHEMA" __complete $1 2>&1)
	[ "$got" = "$2" ] && pass "__complete $1" || fail "__complete $1: got
$got
want
$2"
}

expect "l" "lint"
expect "help ch" "check"
expect "lint --f" "--format="
expect "lint --format=s" "--format=sarif"
expect "lint --format = j" "--format=json"
expect "review --format=" "--format=text
--format=markdown
--format=json"
expect "check -" "--format=
--strict
--layout
-C
--color=
--no-pager
--help"
expect "check -C x" "@dirs"
expect "generate --sql x" "@files"
expect "generate x" "@files"
expect "-C /tmp ve" "verify"
expect "commit --bug=" ""
expect "audit --my" "--mysql"

# The bash script, driven as bash's programmable completion would.
bindir=$(cd "$(dirname "$MWSCHEMA")" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
bash_complete() {
	PATH="$bindir:$PATH" bash -c '
		. "$1/completion/bash/mwschema"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_WORDBREAKS="\"'"'"'><=;|&(:"
		_mwschema
		printf "%s\n" "${COMPREPLY[@]}"' sh "$srcdir" "$@" 2>&1
}
[ "$(bash_complete mwschema li)" = lint ] && pass "bash: commands" ||
	fail "bash: commands: $(bash_complete mwschema li)"
[ "$(bash_complete mwschema lint --format = sa)" = sarif ] && pass "bash: a value after '='" ||
	fail "bash: values: $(bash_complete mwschema lint --format = sa)"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/somedir" && : >"$tmp/somefile.json"
[ "$(cd "$tmp" && bash_complete mwschema check some)" = somedir ] && pass "bash: directories" ||
	fail "bash: directories: $(cd "$tmp" && bash_complete mwschema check some)"
[ "$(cd "$tmp" && bash_complete mwschema generate somef)" = somefile.json ] && pass "bash: files" ||
	fail "bash: files: $(cd "$tmp" && bash_complete mwschema generate somef)"

# zsh: the script at least parses (zsh is optional on the machines we test on).
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$top_srcdir/completion/zsh/_mwschema" && pass "zsh: the script parses" ||
		fail "zsh: syntax"
else
	echo "note: zsh is not installed; its script was not checked"
fi

[ "$fails" = 0 ] && echo "PASS: completion"
[ "$fails" = 0 ]
