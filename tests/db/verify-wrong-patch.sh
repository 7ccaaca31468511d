#!/bin/sh
# Issue 7: verify passes the generated patch of a small change and a
# hand-written equivalent one, and catches deliberately wrong, hand-edited
# patches with a message that names the difference. SQLite always runs;
# MariaDB and PostgreSQL when their servers can be started.
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/servers.sh"
data=$dir/data
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect RC PATTERN verify-args...: exit status and a line of the report
expect()
{
	want_rc=$1 pattern=$2; shift 2
	"$MWSCHEMA" verify --prefix=tp_ "$@" >"$DB_TMP/out" 2>&1
	rc=$?
	if [ $rc -ne "$want_rc" ]; then
		fail "verify $* exited $rc, expected $want_rc"; cat "$DB_TMP/out"; return
	fi
	if [ -n "$pattern" ] && ! grep -F -- "$pattern" "$DB_TMP/out" >/dev/null; then
		fail "verify $*: no line with '$pattern'"; cat "$DB_TMP/out"; return
	fi
	echo "ok: verify $* -> $rc${pattern:+ ($pattern)}"
}

db_servers_init || exit 99
db_install_servers
types=sqlite skipped=
db_start_mariadb && types="$types,mysql" || { skipped="$skipped MariaDB"; echo "MariaDB: SKIP ($DB_SKIP_REASON)"; }
db_start_postgres && types="$types,postgres" || { skipped="$skipped PostgreSQL"; echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"; }

expect 0 "SQLite: PASS" --type="$types" --json="$data/add-flag.json"
expect 0 "SQLite: PASS" --type=sqlite --json="$data/add-flag.json" --rollback
expect 0 "SQLite: PASS" --type=sqlite --json="$data/add-flag.json" --sql="$data/equivalent.sqlite.sql"
expect 1 "column vt_flag: default is '1', a fresh CREATE gives '0'" \
	--type=sqlite --json="$data/add-flag.json" --sql="$data/wrong-default.sqlite.sql"
# hand-edited without the /*_*/ prefix marker: caught because a prefix is used
sed 's|/[*]_[*]/||g' "$data/equivalent.sqlite.sql" >"$DB_TMP/noprefix.sql"
expect 1 "apply patch: FAIL (statement 1: ALTER TABLE vtest ADD COLUMN" \
	--type=sqlite --json="$data/add-flag.json" --sql="$DB_TMP/noprefix.sql"
expect 2 "" --type=all --json="$data/add-flag.json" --sql="$data/wrong-default.sqlite.sql"
case $types in *mysql*)
	expect 1 "index vt_name_flag is missing" \
		--type=mysql --json="$data/add-flag.json" --sql="$data/missing-index.mysql.sql"
	expect 1 "sample rows survived: FAIL (sample row" \
		--type=mysql --json="$data/add-flag.json" --sql="$data/lost-values.mysql.sql"
	# strict mode: a value too long for the column is an error, not a warning
	printf 'ALTER TABLE /*_*/vtest ADD vt_flag TINYINT DEFAULT 300 NOT NULL;\n' >"$DB_TMP/bad.sql"
	expect 1 "Invalid default value for 'vt_flag'" \
		--type=mysql --json="$data/add-flag.json" --sql="$DB_TMP/bad.sql"
esac
case $types in *postgres*)
	expect 1 "index vt_name_flag: is index vt_name_flag (vt_flag, vt_name), a fresh CREATE gives index vt_name_flag (vt_name, vt_flag)" \
		--type=postgres --json="$data/add-flag.json" --sql="$data/index-order.postgres.sql"
esac

[ $fails -ne 0 ] && { echo "$fails check(s) failed"; exit 1; }
[ -n "$skipped" ] && { echo "SKIP: no server for:$skipped (SQLite checks passed)"; exit 77; }
exit 0
