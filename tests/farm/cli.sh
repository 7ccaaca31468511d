#!/bin/sh
# The farm commands' front: help, usage errors (exit 2) with a clear message,
# a directory that is no checkout, and a DSN that never appears in messages.
. "$top_srcdir/tests/farm/lib.sh"
need_corpus
make_checkouts "$TMP"

for c in provision upgrade audit; do
	"$MWSCHEMA" $c --help >"$TMP/out" 2>&1 && grep -q "^usage: mwschema $c" "$TMP/out" ||
		fail "$c --help"
	"$MWSCHEMA" --help | grep -q "^  $c " || fail "mwschema --help does not list $c"
done
ok "help"

usage() {
	want=$1; shift
	"$MWSCHEMA" "$@" >"$TMP/out" 2>&1
	rc=$?
	[ $rc = 2 ] && grep -q -- "$want" "$TMP/out" || fail "'$*': exit $rc, $(cat "$TMP/out")"
}
usage "name the checkouts" provision
usage "unknown --type 'oracle'" provision --type=oracle "$TMP/core"
usage "PostgreSQL tables take no prefix" provision --type=postgres --prefix=mw_ "$TMP/core"
usage "exclude each other" provision --sql=x --db=y "$TMP/core"
usage "needs --type=sqlite" provision --type=mysql --db=y "$TMP/core"
usage "is not a directory" provision "$TMP/nothere"
usage "unknown option '--bogus'" provision --bogus "$TMP/core"
usage "--from=REV is required" upgrade "$TMP/core"
usage "name the databases" audit "$TMP/core"
usage "name the checkouts" audit --db=x.sqlite
usage "--jobs takes a number" audit --jobs=0 --db=x "$TMP/core"
usage "exclude each other" audit --mysql --database=a --all-databases "$TMP/core"
usage "are for servers" audit --db=x --all-databases "$TMP/core"
usage "unknown format" audit --db=x --format=xml "$TMP/core"
ok "usage errors"

"$MWSCHEMA" provision "$TMP" >"$TMP/out" 2>&1
[ $? = 1 ] && grep -q 'not inside a MediaWiki checkout' "$TMP/out" || fail "not a checkout: $(cat "$TMP/out")"
cp -r "$TMP/core" "$TMP/core2"
"$MWSCHEMA" provision "$TMP/core" "$TMP/core2" >"$TMP/out" 2>"$TMP/err" ||
	fail "the same tables twice: $(cat "$TMP/err")"
grep -q '(0 tables; 62 more defined the same way in another file)' "$TMP/out" ||
	fail "identical tables are not merged: $(grep '^--' "$TMP/out")"
sed -i 's/"actor_user"/"actor_userx"/' "$TMP/core2/sql/tables.json"
"$MWSCHEMA" provision "$TMP/core" "$TMP/core2" >/dev/null 2>"$TMP/err"
[ $? = 1 ] && grep -q 'table actor is defined by MediaWiki (sql/tables.json) and again by MediaWiki' "$TMP/err" ||
	fail "a table defined twice differently: $(cat "$TMP/err")"
ok "checkout problems exit 1 with the reason"

# the DSN (and its password) never shows, even when the connection fails
printf 'host=127.0.0.1 port=1 user=auditor password=s3cret-pw\n' >"$TMP/dsn"
chmod 600 "$TMP/dsn"
"$MWSCHEMA" audit --mysql --dsn-file="$TMP/dsn" --database=w "$TMP/core" >"$TMP/out" 2>&1
grep -q 's3cret-pw' "$TMP/out" && fail "the password was printed: $(cat "$TMP/out")"
"$MWSCHEMA" audit --postgres='host=/nonexistent password=s3cret-pw' "$TMP/core" >"$TMP/out" 2>&1
grep -q 's3cret-pw' "$TMP/out" && fail "the password was printed: $(cat "$TMP/out")"
chmod 644 "$TMP/dsn"
"$MWSCHEMA" audit --mysql --dsn-file="$TMP/dsn" --database=w "$TMP/core" 2>&1 | grep -q 'can be read by other users' ||
	fail "no warning for a DSN file others can read"
ok "credentials are never echoed"
finish
