#!/bin/sh
# Issue 14 for the farm commands, which run SQL on databases that matter:
# provision --db and upgrade run only statements the generators wrote, one
# at a time, under the engines' guard; a hostile schema file (now, or at
# the revision an upgrade starts from) is refused at load; a hostile
# --prefix cannot add a statement; an audit leaves the database untouched.
. "$top_srcdir/tests/security/lib.sh"

pwned() { [ -n "$(find "$TMP" / -maxdepth 1 -name 'PWNED*' 2>/dev/null | head -n 1)" ]; }
R="$TMP/ext"
make_ext "$R"
cd "$TMP" || exit 99

# A table name holding SQL, in the checkout's schema file.
cp "$R/sql/tables.json" "$TMP/tables.good"
cp "$SEC/attach-table-name.json" "$R/sql/tables.json"
"$MWSCHEMA" provision --db="$TMP/w1.sqlite" "$R" >"$TMP/out" 2>&1 && fail "provision loaded the name"
grep -q 'table name "t (a INT); ATTACH' "$TMP/out" && ! pwned && [ ! -e "$TMP/w1.sqlite" ] &&
	ok "provision --db: a table name holding SQL is refused at load, nothing created" ||
	fail "provision: $(cat "$TMP/out")"

# A prefix that would add statements: refused when parsed (exit 2), nothing
# is created. (The engine's guard would refuse the statements too.)
cp "$TMP/tables.good" "$R/sql/tables.json"
"$MWSCHEMA" provision --db="$TMP/w2.sqlite" \
	--prefix="x (a INT); ATTACH DATABASE '$TMP/PWNED.db' AS p; CREATE TABLE p.y (z INT); --" \
	"$R" >"$TMP/out" 2>&1 && fail "provision ran a prefix holding SQL"
grep -q -- '--prefix takes letters, digits and _ only' "$TMP/out" && ! pwned && [ ! -e "$TMP/w2.sqlite" ] &&
	ok "provision --db: a --prefix holding SQL adds no statement" || fail "prefix: $(cat "$TMP/out")"

# upgrade from a revision whose schema file was hostile.
cp "$SEC/attach-table-name.json" "$R/sql/tables.json"
git -C "$R" commit -qam hostile && git -C "$R" tag hostile || exit 99
cp "$TMP/tables.good" "$R/sql/tables.json"
git -C "$R" commit -qam repaired || exit 99
"$MWSCHEMA" upgrade --type=sqlite --from=hostile --sql="$TMP/up.sql" "$R" >"$TMP/out" 2>&1 &&
	fail "upgrade loaded the old name"
grep -q 'table name "t (a INT); ATTACH' "$TMP/out" && [ ! -e "$TMP/up.sql" ] &&
	ok "upgrade: a hostile name at the old revision is refused at load" ||
	fail "upgrade: $(cat "$TMP/out")"

# audit: read-only, the file unchanged.
"$MWSCHEMA" provision --db="$TMP/w3.sqlite" "$R" >/dev/null 2>&1 || fail "provision of the good schema"
sum=$(cksum <"$TMP/w3.sqlite")
"$MWSCHEMA" audit --db="$TMP/w3.sqlite" "$R" >"$TMP/out" 2>&1 || fail "audit: $(cat "$TMP/out")"
[ "$(cksum <"$TMP/w3.sqlite")" = "$sum" ] && ! pwned &&
	ok "audit leaves the database as it was" || fail "audit changed the database"
finish
