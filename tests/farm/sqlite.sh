#!/bin/sh
# Issue 20 on SQLite, end to end: provision -> audit clean; a database with
# a dropped column, an extra index and a missing unique index -> audit names
# each, its --fix applied -> clean; a database provisioned at an old revision
# of a git repository -> upgrade applied -> clean at the new one; one audit of
# 60 databases names exactly the drifting ones.
. "$top_srcdir/tests/farm/lib.sh"
need_corpus
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 (the command) is not installed"; exit 77; }
make_checkouts "$TMP"
core=$TMP/core echo=$TMP/Echo

# provision: one script, one header naming both checkouts and their files
"$MWSCHEMA" provision --type=sqlite --prefix=mw_ --sql="$TMP/wiki.sql" "$core" "$echo" 2>"$TMP/err" ||
	die "provision --sql: $(cat "$TMP/err")"
[ "$(grep -c '^-- This file was generated' "$TMP/wiki.sql")" = 1 ] || fail "not exactly one header"
grep -q '^--   MediaWiki (core)' "$TMP/wiki.sql" && grep -q '^--   Echo (extension)' "$TMP/wiki.sql" &&
	grep -q '^--     sql/tables-sharedtracking.json (1 table)' "$TMP/wiki.sql" ||
	fail "the header does not name every source and file"
grep -q '/\*_\*/\|wgDBTableOptions' "$TMP/wiki.sql" && fail "placeholders left in the script"
grep -q 'CREATE TABLE mw_page ' "$TMP/wiki.sql" || fail "prefix not applied"
ok "provision --sql writes one script with one header"

"$MWSCHEMA" provision --db="$TMP/wiki.sqlite" "$core" "$echo" 2>"$TMP/err" || die "provision --db: $(cat "$TMP/err")"
grep -q 'tables from 2 checkouts' "$TMP/err" || fail "provision --db summary: $(cat "$TMP/err")"
"$MWSCHEMA" provision --db="$TMP/wiki.sqlite" "$core" >/dev/null 2>&1 && fail "provision --db overwrote a database"
sum=$(cksum <"$TMP/wiki.sqlite")
"$MWSCHEMA" audit --db="$TMP/wiki.sqlite" "$core" "$echo" >"$TMP/out" 2>"$TMP/err" ||
	fail "audit of a fresh database: $(cat "$TMP/out" "$TMP/err")"
[ -s "$TMP/out" ] && fail "audit of a fresh database reported: $(cat "$TMP/out")"
grep -q '1 database, 1 as the schema, 0 drift' "$TMP/err" || fail "summary: $(cat "$TMP/err")"
[ "$(cksum <"$TMP/wiki.sqlite")" = "$sum" ] || fail "audit changed the database file"
ok "provision --db -> audit clean (and the file untouched)"

# tables of other extensions are listed, not drift, unless --strict
cp "$TMP/wiki.sqlite" "$TMP/other.sqlite"
sqlite3 "$TMP/other.sqlite" "CREATE TABLE othertable (x INTEGER)" || die sqlite3
"$MWSCHEMA" audit --db="$TMP/other.sqlite" "$core" "$echo" >"$TMP/out" 2>&1 ||
	fail "a table outside the schema made the audit fail"
grep -q 'info: table othertable: not in the schema files .*\[table-outside-schema\]' "$TMP/out" ||
	fail "the outside table is not listed: $(cat "$TMP/out")"
"$MWSCHEMA" audit --strict --db="$TMP/other.sqlite" "$core" "$echo" >/dev/null 2>&1
[ $? = 1 ] || fail "--strict does not count the outside table as drift"
ok "tables outside the schema: listed; drift with --strict"

# drift: a dropped column, an extra index, a missing unique index
cp "$TMP/wiki.sqlite" "$TMP/drift.sqlite"
sqlite3 "$TMP/drift.sqlite" "ALTER TABLE page DROP COLUMN page_touched;
	CREATE INDEX page_extra ON page (page_len); DROP INDEX actor_name;" || die "sqlite3 drift"
"$MWSCHEMA" audit --db="$TMP/drift.sqlite" "$core" "$echo" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 1 ] || fail "audit of a drifting database exited $rc, not 1"
[ "$(grep -c ': warning: ' "$TMP/out")" = 3 ] || fail "not exactly 3 findings: $(cat "$TMP/out")"
grep -q 'table page: column page_touched is missing .*\[missing-column\]' "$TMP/out" ||
	fail "the dropped column is not named"
grep -q 'table page: index page_extra is not in the schema .*\[extra-index\]' "$TMP/out" ||
	fail "the extra index is not named"
grep -q 'table actor: unique index actor_name is missing .*\[missing-index\]' "$TMP/out" ||
	fail "the missing unique index is not named"
grep -q 'drifting tables (databases): actor (1), page (1)' "$TMP/err" || fail "summary: $(cat "$TMP/err")"
ok "audit names the dropped column, the extra index and the missing unique index"

"$MWSCHEMA" audit --db="$TMP/drift.sqlite" --fix="$TMP/fix.sql" "$core" "$echo" >/dev/null 2>&1
grep -q '^-- Table page: 2 findings' "$TMP/fix.sql" || fail "fix script: $(cat "$TMP/fix.sql")"
sqlite3 -bail "$TMP/drift.sqlite" <"$TMP/fix.sql" || fail "the fix script does not run"
"$MWSCHEMA" audit --db="$TMP/drift.sqlite" "$core" "$echo" >"$TMP/out" 2>&1 ||
	fail "audit after --fix: $(cat "$TMP/out")"
"$MWSCHEMA" audit --db="$TMP/drift.sqlite" --fix "$core" "$echo" 2>/dev/null | grep -q 'Nothing to fix' ||
	fail "--fix on a clean database"
ok "--fix output applied -> audit clean"

# upgrade: provisioned at an old revision, upgraded to the new one
repo=$TMP/repo
git_repo "$repo"
mkdir -p "$repo/sql" && cp "$FARM_DATA/tables-v1.json" "$repo/sql/tables.json"
git -C "$repo" add -A && git -C "$repo" commit -qm v1 && git -C "$repo" tag v1 || die "commit v1"
"$MWSCHEMA" provision --db="$TMP/old.sqlite" "$repo" 2>/dev/null || die "provision at v1"
sqlite3 "$TMP/old.sqlite" "INSERT INTO page (page_namespace, page_title, page_len) VALUES (0, 'Main', 5)" ||
	die "insert"
cp "$FARM_DATA/tables-v2.json" "$repo/sql/tables.json"
git -C "$repo" commit -qam v2 && git -C "$repo" tag v2 || die "commit v2"
"$MWSCHEMA" audit --db="$TMP/old.sqlite" "$repo" >/dev/null 2>&1
[ $? = 1 ] || fail "the v1 database does not drift from v2"
"$MWSCHEMA" upgrade --from=v1 --type=sqlite "$repo" >"$TMP/up.sql" 2>"$TMP/err" || die "upgrade: $(cat "$TMP/err")"
grep -q 'v1 @ [0-9a-f]\{12\} -> master @ [0-9a-f]\{12\}' "$TMP/up.sql" || fail "revisions: $(head "$TMP/up.sql")"
grep -q 'Data migrations (maintenance scripts' "$TMP/up.sql" && grep -q 'data migrations' "$TMP/err" ||
	fail "upgrade does not say that data migrations are not part of it"
grep -q 'WARNING: table old_cache .* is not in the target schema' "$TMP/up.sql" ||
	fail "no data-loss warning for the dropped table"
grep -q 'DROP TABLE old_cache' "$TMP/up.sql" && fail "upgrade without --drop drops a table"
grep -q '^-- New table slots' "$TMP/up.sql" || fail "the new table is not created"
grep -q '^-- WARNING: column rev_comment is dropped: its values are lost' "$TMP/up.sql" ||
	fail "no data-loss warning for the dropped column"
grep -q '2 tables changed, 1 new, 0 unchanged; 1 no longer in the schema' "$TMP/err" ||
	fail "upgrade summary: $(cat "$TMP/err")"
sqlite3 -bail "$TMP/old.sqlite" <"$TMP/up.sql" || fail "the upgrade script does not run"
"$MWSCHEMA" audit --db="$TMP/old.sqlite" "$repo" >"$TMP/out" 2>&1 || fail "after upgrade: $(cat "$TMP/out")"
grep -q 'table old_cache: not in the schema' "$TMP/out" || fail "the kept table is not listed"
[ "$(sqlite3 "$TMP/old.sqlite" "SELECT page_title FROM page")" = Main ] || fail "the page row is gone"
"$MWSCHEMA" upgrade --from=v1 --to=v2 --drop --type=sqlite "$repo" 2>/dev/null >"$TMP/drop.sql"
grep -q 'DROP TABLE old_cache' "$TMP/drop.sql" || fail "--drop does not drop"
"$MWSCHEMA" upgrade --from=v2 --type=sqlite "$repo" 2>/dev/null | grep -q 'No schema changes' ||
	fail "upgrade from the work tree's own revision"
"$MWSCHEMA" upgrade --from=nosuch "$repo" >/dev/null 2>"$TMP/err"
[ $? = 1 ] && grep -q "unknown revision 'nosuch'" "$TMP/err" || fail "bad revision: $(cat "$TMP/err")"
ok "provisioned at v1 -> upgrade applied -> audit clean at v2, rows kept"

# a farm of 60: one audit names exactly the drifting databases
mkdir -p "$TMP/farm"
dbs=
for i in $(seq -w 1 60); do
	cp "$TMP/wiki.sqlite" "$TMP/farm/wiki$i.sqlite"
	dbs="$dbs --db=$TMP/farm/wiki$i.sqlite"
done
sqlite3 "$TMP/farm/wiki07.sqlite" "DROP INDEX page_len"
sqlite3 "$TMP/farm/wiki23.sqlite" "ALTER TABLE user ADD COLUMN user_extra INTEGER"
sqlite3 "$TMP/farm/wiki42.sqlite" "DROP TABLE echo_event"
sqlite3 "$TMP/farm/wiki58.sqlite" "CREATE UNIQUE INDEX rev_actor_extra ON revision (rev_actor)"
"$MWSCHEMA" audit --jobs=4 $dbs "$core" "$echo" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 1 ] || fail "farm audit exited $rc"
got=$(sed -n 's|^.*/\(wiki[0-9]*\)\.sqlite: warning: .*|\1|p' "$TMP/out" | sort -u | tr '\n' ' ')
[ "$got" = "wiki07 wiki23 wiki42 wiki58 " ] || fail "drifting databases: '$got'"
grep -q '60 databases, 56 as the schema, 4 drift, 0 unreadable' "$TMP/err" || fail "summary: $(cat "$TMP/err")"
"$MWSCHEMA" audit --jobs=3 --format=json $dbs "$core" "$echo" >"$TMP/out.json" 2>/dev/null
if command -v python3 >/dev/null; then
	python3 - "$TMP/out.json" <<'PY' || fail "JSON report"
import json, sys
r = json.load(open(sys.argv[1]))
drift = sorted(d["name"].rsplit("/", 1)[1] for d in r["databases"] if d["status"] == "drift")
assert drift == ["wiki07.sqlite", "wiki23.sqlite", "wiki42.sqlite", "wiki58.sqlite"], drift
assert r["summary"] == {"databases": 60, "clean": 56, "drift": 4, "unreadable": 0}, r["summary"]
assert [d["drifted_tables"] for d in r["databases"] if d["name"].endswith("wiki42.sqlite")] == [["echo_event"]]
PY
fi
"$MWSCHEMA" audit --format=sarif --db="$TMP/farm/wiki07.sqlite" "$core" "$echo" | grep -q '"ruleId": "missing-index"' ||
	fail "SARIF report"
ok "one audit over 60 databases names exactly the 4 drifting ones"

# a file that is no database: unreadable, exit 3, the others still audited
echo "not a database" >"$TMP/farm/broken.sqlite"
"$MWSCHEMA" audit --db="$TMP/farm/broken.sqlite" --db="$TMP/farm/wiki01.sqlite" "$core" >"$TMP/out" 2>"$TMP/err"
[ $? = 3 ] && grep -q 'broken.sqlite: error: cannot read the database' "$TMP/out" &&
	grep -q '2 databases, 1 as the schema, 0 drift, 1 unreadable' "$TMP/err" ||
	fail "unreadable database: $(cat "$TMP/out" "$TMP/err")"
ok "an unreadable database is reported, the others audited"
finish
