#!/bin/sh
# The commands behave alike: help from one table, -C DIR everywhere, files
# as arguments, the checkout by default, exit codes as documented, summaries
# on standard error, paths spelled one way, verify --tsv with a header.
. "${top_srcdir:-.}/tests/foundation/lib.sh"

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" NO_COLOR=1
mkdir -p "$HOME"

# run EXPECTED-EXIT ARGS...: stdout in $tmp/out, stderr in $tmp/err.
run() {
	want=$1
	shift
	"$MWSCHEMA" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || fail "mwschema $*: exit $got, expected $want ($(head -c 300 "$tmp/err"))"
	[ "$got" = "$want" ]
}

# Help: one table per command, the same text from --help and `help COMMAND`.
run 0 help && grep -q '^Commands:' "$tmp/out" && pass "mwschema help" || fail "help: $(cat "$tmp/out")"
run 2 help chekc && grep -q "did you mean 'check'" "$tmp/err" && grep -q "^Run 'mwschema help' for the list" "$tmp/err" &&
	pass "help of an unknown command suggests one and points to the list" || fail "help chekc: $(cat "$tmp/err")"
commands=$("$MWSCHEMA" __complete '')
[ -n "$commands" ] || fail "no commands from __complete"
for cmd in $commands; do
	"$MWSCHEMA" "$cmd" --help >"$tmp/a" 2>&1 || fail "$cmd --help failed"
	"$MWSCHEMA" help "$cmd" >"$tmp/b" 2>&1 || fail "help $cmd failed"
	cmp -s "$tmp/a" "$tmp/b" || fail "'$cmd --help' and 'help $cmd' differ"
	head -n 1 "$tmp/a" | grep -q "^usage: mwschema $cmd" || fail "$cmd --help: $(head -n 1 "$tmp/a")"
	grep -q '^  -C DIR  ' "$tmp/a" || fail "$cmd --help does not list -C DIR"
	grep -q '^  -h, --help  ' "$tmp/a" || fail "$cmd --help does not list -h"
done
pass "every command: 'help CMD' = 'CMD --help', with -C DIR and -h"
run 2 help lnt && grep -q "'lnt' is not a command (did you mean 'lint'?)" "$tmp/err" &&
	pass "help of an unknown command suggests one" || fail "help lnt: $(cat "$tmp/err")"
run 2 chekc && grep -q "'chekc' is neither a command nor a directory (did you mean 'check'?)" "$tmp/err" &&
	pass "two swapped letters are one typo" || fail "chekc: $(cat "$tmp/err")"
run 2 lint --formt=json x.json && grep -q "did you mean '--format'" "$tmp/err" &&
	pass "an unknown option suggests one" || fail "--formt: $(cat "$tmp/err")"
run 2 check --format=xml && grep -q "unknown value 'xml' for --format (text, json or sarif)" "$tmp/err" &&
	pass "values are checked against the table" || fail "--format=xml: $(cat "$tmp/err")"
run 2 generate && grep -q "no input" "$tmp/err" || fail "generate without input: $(cat "$tmp/err")"
run 2 check a b && grep -q "too many arguments" "$tmp/err" || fail "check a b: $(cat "$tmp/err")"

# A checkout to work in: the demo, with its generated files.
ws="$tmp/ws"
mkdir -p "$ws" && cp -r "$top_srcdir/demo/sql" "$top_srcdir/demo/includes" "$ws/" && chmod -R u+w "$ws"
change=$(cd "$ws" && ls sql/abstractSchemaChanges/*.json | head -n 1)

# Files as arguments: generate FILE is generate --json=FILE.
(cd "$ws" && "$MWSCHEMA" generate "$change" >"$tmp/a" 2>&1 &&
	"$MWSCHEMA" generate --json="$change" >"$tmp/b" 2>&1) || fail "generate FILE"
cmp -s "$tmp/a" "$tmp/b" && grep -q '^ALTER TABLE' "$tmp/a" && pass "generate FILE = generate --json=FILE" ||
	fail "generate FILE: $(head -3 "$tmp/a")"

# -C DIR before or after the command, or DIR as the argument: the same run.
run 0 check "$ws" && cp "$tmp/out" "$tmp/c1"
run 0 -C "$ws" check && cp "$tmp/out" "$tmp/c2"
run 0 check -C "$ws" && cp "$tmp/out" "$tmp/c3"
cmp -s "$tmp/c1" "$tmp/c2" && cmp -s "$tmp/c1" "$tmp/c3" && pass "-C DIR anywhere" || fail "-C DIR differs"
run 2 -C "$tmp/nowhere" check && grep -q "is not a directory" "$tmp/err" || fail "-C nowhere: $(cat "$tmp/err")"

# What opening the checkout found (here a bad .mwschemarc line) is reported
# by check with its findings, at its line.
printf 'bogus line\n' >"$ws/.mwschemarc"
run 1 check "$ws" && grep -q '^\.mwschemarc:1: unknown command' "$tmp/out" &&
	pass "check reports the checkout's configuration problems" || fail "check, .mwschemarc: $(cat "$tmp/out" "$tmp/err")"
rm -f "$ws/.mwschemarc"

# The checkout by default: lint without PATH = lint of its schema directory;
# paths spelled alike by lint (with or without PATH) and check.
printf '{ "before": ' >"$ws/sql/abstractSchemaChanges/patch-broken.json"
(cd "$ws" && "$MWSCHEMA" lint >"$tmp/a" 2>"$tmp/ae"; echo $? >"$tmp/ar"
 "$MWSCHEMA" lint ./sql >"$tmp/b" 2>/dev/null
 cd sql && "$MWSCHEMA" lint >"$tmp/d" 2>/dev/null)
[ "$(cat "$tmp/ar")" = 1 ] || fail "lint without PATH: exit $(cat "$tmp/ar") ($(cat "$tmp/ae"))"
grep -q '^sql/abstractSchemaChanges/patch-broken.json:1:' "$tmp/a" || fail "lint without PATH: $(cat "$tmp/a")"
cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/d" && pass "lint without PATH lints the checkout; 'lint ./sql' says sql/ too" ||
	fail "lint, lint ./sql and lint in sql/ differ: $(diff "$tmp/a" "$tmp/b"; diff "$tmp/a" "$tmp/d")"
rm "$ws/sql/abstractSchemaChanges/patch-broken.json"
sed 's/ADD /ADD  /' "$ws/sql/mysql/$(basename "$change" .json).sql" >"$tmp/x" 2>/dev/null &&
	printf -- '-- edited\n' >>"$tmp/x" && cp "$tmp/x" "$ws/sql/mysql/$(basename "$change" .json).sql"
(cd "$ws/sql" && "$MWSCHEMA" check >"$tmp/a" 2>"$tmp/ae")
grep -q "^sql/mysql/$(basename "$change" .json).sql" "$tmp/a" && pass "check names files from the checkout's root, as lint" ||
	fail "check paths: $(cat "$tmp/a")"

# Summaries: one line on standard error, never on standard output.
grep -q '^mwschema check: 1 finding in core MediaWiki$' "$tmp/ae" || fail "check summary: $(cat "$tmp/ae")"
grep -q '^mwschema' "$tmp/a" && fail "check printed its summary on stdout"
(cd "$ws" && "$MWSCHEMA" sync >"$tmp/a" 2>"$tmp/ae") || fail "sync: $(cat "$tmp/ae")"
grep -q '^mwschema sync: 1 file written in core MediaWiki$' "$tmp/ae" || fail "sync summary: $(cat "$tmp/ae")"
grep -q "^sql/mysql/" "$tmp/a" && ! grep -q '^mwschema' "$tmp/a" || fail "sync stdout: $(cat "$tmp/a")"
(cd "$ws" && "$MWSCHEMA" sync >"$tmp/a" 2>"$tmp/ae") || fail "sync again"
[ ! -s "$tmp/a" ] && grep -q '^mwschema sync: core MediaWiki was already in sync$' "$tmp/ae" ||
	fail "sync in sync: $(cat "$tmp/a" "$tmp/ae")"
(cd "$ws" && "$MWSCHEMA" lint "$change" >"$tmp/a" 2>"$tmp/ae")
grep -q '^mwschema lint: 1 file: ' "$tmp/ae" && ! grep -q '^mwschema' "$tmp/a" || fail "lint summary: $(cat "$tmp/ae")"
pass "check, sync and lint summaries go to standard error"

# Exit codes as documented: 3 when the environment fails us.
run 3 lint "$tmp/missing.json"
[ "$(cat "$tmp/err")" = "mwschema lint: $tmp/missing.json: No such file or directory" ] ||
	fail "lint missing.json: $(cat "$tmp/err")"
run 3 generate "$tmp/missing.json"
mkdir -p "$tmp/empty"
run 3 check "$tmp/empty" && grep -q "not inside a MediaWiki checkout" "$tmp/err" || fail "check outside: $(cat "$tmp/err")"
run 3 -C "$tmp/empty" lint && grep -q "not inside a MediaWiki checkout" "$tmp/err" || fail "lint outside: $(cat "$tmp/err")"
run 3 -C "$tmp/empty" review --format=text || true
pass "missing input, no checkout: exit 3"

# verify with no server: exit 3, the connection error once, TSV with a header.
run 3 verify --type=mysql --mysql="unix_socket=$tmp/no.sock user=nobody" --tsv "$ws/$change"
[ "$(grep -c "cannot connect" "$tmp/err")" = 1 ] || fail "connection error not said once: $(cat "$tmp/err")"
[ "$(head -n 1 "$tmp/out")" = "$(printf 'file\tengine\tresult\tstep\tdetail')" ] || fail "tsv header: $(head -n 1 "$tmp/out")"
[ "$(sed -n 2p "$tmp/out" | cut -f2-4)" = "$(printf 'mysql\tunavailable\tconnect')" ] || fail "tsv row: $(cat "$tmp/out")"
[ "$(tail -n 1 "$tmp/err")" = "mwschema verify: 1 file: MySQL not reachable" ] || fail "verify summary: $(tail -n 1 "$tmp/err")"
run 0 verify --type=sqlite --tsv "$ws/$change"
[ "$(sed -n 2p "$tmp/out" | cut -f2-3)" = "$(printf 'sqlite\tpass')" ] || fail "tsv pass row: $(cat "$tmp/out")"
[ "$(cat "$tmp/err")" = "mwschema verify: 1 file: SQLite 1/1 passed" ] || fail "verify summary: $(cat "$tmp/err")"
pass "verify: exit 3 without a server, said once; --tsv has a header; the summary is clean"

# commit with nothing to commit: refused (1), nothing written.
if command -v git >/dev/null 2>&1; then
	(cd "$ws" && git init -q && git add -A && git -c user.name=T -c user.email=t@example.org commit -qm base)
	git -C "$ws" config user.name T && git -C "$ws" config user.email t@example.org
	run 1 commit "$ws" && grep -q "nothing to commit" "$tmp/err" || fail "commit nothing: $(cat "$tmp/err")"
	[ -z "$(git -C "$ws" status --porcelain)" ] || fail "commit with nothing to commit wrote files"
	pass "commit with nothing to commit: exit 1"
fi

[ "$fails" = 0 ] && echo "PASS: the commands behave alike"
[ "$fails" = 0 ]
