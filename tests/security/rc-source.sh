#!/bin/sh
# Issue 14, .mwschemarc source: a checkout's configuration can source only
# files of the checkout or of the user's configuration directory, cycles
# stop at once, and no message repeats a line (a token never reaches a log).
. "$top_srcdir/tests/security/lib.sh"

R="$TMP/ext"
make_ext "$R"
printf 'https://user:ghp_SECRETTOKEN@github.com\n' >"$HOME/.git-credentials"
printf 'source .mwschemarc\nsource .mwschemarc\nsource .mwschemarc\nsource ~/.git-credentials\nsource %s\nghp_OTHERSECRET here\n' \
	"$HOME/.git-credentials" >"$R/.mwschemarc"
start=$(date +%s)
for cmd in check lint; do
	(cd "$R" && timeout 30 "$MWSCHEMA" $cmd . >"$TMP/$cmd.out" 2>&1)
	[ $? = 124 ] && fail "$cmd did not finish within 30 s"
	grep -q 'SECRET' "$TMP/$cmd.out" && fail "$cmd printed a secret: $(cat "$TMP/$cmd.out")"
done
[ $(( $(date +%s) - start )) -lt 20 ] && ok "three self-sources end at once" || fail "slow sources"
grep -q '\.mwschemarc:1: source: the file named here is already being read (a cycle)' "$TMP/check.out" &&
	grep -q '\.mwschemarc:4: source: the file named here is outside the checkout' "$TMP/check.out" &&
	grep -q '\.mwschemarc:6: unknown command' "$TMP/check.out" &&
	ok "cycles, outside files and bad lines reported at their lines, without their words" ||
	fail "messages: $(cat "$TMP/check.out")"

# The user's own configuration directory may be sourced.
mkdir -p "$XDG_CONFIG_HOME/mwschema"
printf 'set lint.no-enum = error\n' >"$XDG_CONFIG_HOME/mwschema/strict"
printf 'source ~/.config/mwschema/strict\n' >"$R/.mwschemarc"
(cd "$R" && "$MWSCHEMA" lint . >"$TMP/lint2.out" 2>&1)
grep -q 'source' "$TMP/lint2.out" && fail "the config directory was refused: $(cat "$TMP/lint2.out")" ||
	ok "files of the user's configuration directory are read"
finish
