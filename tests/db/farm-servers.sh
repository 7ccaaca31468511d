#!/bin/sh
# Issue 20 on MariaDB and PostgreSQL (private servers, see servers.sh):
# provision of core plus four extensions loads in strict mode without a
# warning and audits clean; drift is named and --fix repairs it; a database
# provisioned at an old revision is upgraded and audits clean; a farm of
# hundreds of small databases on one server is audited in one call that
# names exactly the drifting ones. SKIP (77) when neither server can start.
. "$top_srcdir/tests/farm/lib.sh"
set +u	# servers.sh reads variables that may be unset
. "$top_srcdir/tests/db/servers.sh"
need_corpus
start=$(date +%s)
db_servers_init || exit 99
trap 'db_stop_servers; rm -rf "$TMP"' EXIT
db_install_servers
engines=
db_start_mariadb && engines="$engines mysql" || echo "MariaDB: SKIP ($DB_SKIP_REASON)"
db_start_postgres && engines="$engines postgres" || echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"
[ -n "$engines" ] || { echo "SKIP: no database server could start"; exit 77; }
make_all_checkouts "$TMP"
dirs="$TMP/core $TMP/Echo $TMP/OAuth $TMP/AbuseFilter $TMP/CheckUser"

my_sock=${MW_MYSQL_DSN#*unix_socket=}; my_sock=${my_sock%% *}
my_user=${MW_MYSQL_DSN#*user=}; my_user=${my_user%% *}
# sql ENGINE DB: runs standard input; strict mode; any warning is printed (and fails the caller's check)
sql() {
	case $1 in
	mysql) mariadb --no-defaults -S "$my_sock" -u "$my_user" --show-warnings \
		--init-command="SET SESSION sql_mode='TRADITIONAL,ONLY_FULL_GROUP_BY'" ${2:+"$2"} ;;
	postgres) db=${2:-postgres}; [ $# -ge 2 ] && shift 2 || shift
		psql -X -q -v ON_ERROR_STOP=1 "$@" "${MW_PG_DSN%dbname=*}dbname=$db" ;;
	esac
}
server() { case $1 in mysql) echo "--mysql=$MW_MYSQL_DSN" ;; postgres) echo "--postgres=$MW_PG_DSN" ;; esac; }

for e in $engines; do
	# provision -> loads strictly without warnings -> audit clean
	"$MWSCHEMA" provision --type=$e $dirs >"$TMP/$e.sql" 2>"$TMP/err" || die "provision $e: $(cat "$TMP/err")"
	echo "CREATE DATABASE wiki" | sql $e || die "create database"
	sql $e wiki <"$TMP/$e.sql" >"$TMP/load.out" 2>&1 || fail "$e: the provisioned script fails: $(head -5 "$TMP/load.out")"
	[ -s "$TMP/load.out" ] && fail "$e: warnings or notices loading the script: $(head -5 "$TMP/load.out")"
	"$MWSCHEMA" audit "$(server $e)" --database=wiki $dirs >"$TMP/out" 2>"$TMP/err" ||
		fail "$e: audit of the provisioned database: $(cat "$TMP/out" "$TMP/err")"
	grep -q '1 as the schema' "$TMP/err" || fail "$e: summary: $(cat "$TMP/err")"
	ok "$e: provision of 91 tables loads without warnings and audits clean"

	# drift: dropped column, extra index, missing unique index, a shorter column, a lost NOT NULL
	echo "CREATE DATABASE drift" | sql $e
	sql $e drift <"$TMP/$e.sql" >/dev/null 2>&1
	case $e in
	mysql) sql $e drift <<-'EOF2'
		ALTER TABLE page DROP COLUMN page_touched;
		CREATE INDEX page_extra ON page (page_latest);
		DROP INDEX actor_name ON actor;
		ALTER TABLE user MODIFY user_real_name VARBINARY(100) NOT NULL DEFAULT '';
		ALTER TABLE oauth_registered_consumer MODIFY oarc_email_authenticated BINARY(14) NOT NULL DEFAULT '19700101000000';
		EOF2
		;;
	postgres) sql $e drift <<-'EOF2'
		ALTER TABLE page DROP COLUMN page_touched;
		CREATE INDEX page_extra ON page (page_latest);
		DROP INDEX actor_name;
		ALTER TABLE "user" ALTER user_real_name TYPE VARCHAR(100);
		ALTER TABLE oauth_registered_consumer ALTER oarc_email_authenticated SET NOT NULL;
		EOF2
		;;
	esac
	# PostgreSQL makes binary columns TEXT: a VARCHAR there is another type
	short='varbinary(100), the schema gives varbinary(255) \[column-length\]'
	[ $e = postgres ] && short='character varying(100), the schema gives text \[column-type\]'
	"$MWSCHEMA" audit "$(server $e)" --database=drift --fix="$TMP/fix.sql" $dirs >"$TMP/out" 2>"$TMP/err"
	[ $? = 1 ] || fail "$e: drift not reported: $(cat "$TMP/out" "$TMP/err")"
	for want in 'table page: column page_touched is missing' 'table page: index page_extra is not in the schema' \
		'table actor: unique index actor_name is missing' "table user: column user_real_name is $short" \
		'table oauth_registered_consumer: column oarc_email_authenticated is NOT NULL, the schema says nullable'; do
		grep -q "$want" "$TMP/out" || fail "$e: '$want' not in: $(cat "$TMP/out")"
	done
	[ "$(grep -c ': warning: ' "$TMP/out")" -ge 5 ] || fail "$e: findings: $(cat "$TMP/out")"
	sql $e drift <"$TMP/fix.sql" >"$TMP/load.out" 2>&1 || fail "$e: the fix fails: $(cat "$TMP/load.out")"
	"$MWSCHEMA" audit "$(server $e)" --database=drift $dirs >"$TMP/out" 2>&1 || fail "$e: after --fix: $(cat "$TMP/out")"
	ok "$e: audit names each drift; --fix applied -> clean"

	# upgrade: provisioned at v1 of a git repository, upgraded to v2
	repo=$TMP/repo-$e
	git_repo "$repo"
	mkdir -p "$repo/sql" && cp "$FARM_DATA/tables-v1.json" "$repo/sql/tables.json"
	git -C "$repo" add -A && git -C "$repo" commit -qm v1 && git -C "$repo" tag v1
	cp "$FARM_DATA/tables-v2.json" "$repo/sql/tables.json" && git -C "$repo" commit -qam v2
	git -C "$repo" checkout -q v1
	"$MWSCHEMA" provision --type=$e "$repo" >"$TMP/v1.sql" 2>/dev/null
	git -C "$repo" checkout -q master
	echo "CREATE DATABASE old" | sql $e
	sql $e old <"$TMP/v1.sql" >/dev/null 2>&1 || fail "$e: v1 does not load"
	echo "INSERT INTO page (page_namespace, page_title, page_len) VALUES (0, 'Main', 5);" | sql $e old
	"$MWSCHEMA" upgrade --from=v1 --type=$e "$repo" >"$TMP/up.sql" 2>/dev/null || fail "$e: upgrade"
	sql $e old <"$TMP/up.sql" >"$TMP/load.out" 2>&1 || fail "$e: the upgrade fails: $(cat "$TMP/load.out")"
	"$MWSCHEMA" audit "$(server $e)" --database=old "$repo" >"$TMP/out" 2>&1 || fail "$e: after upgrade: $(cat "$TMP/out")"
	ok "$e: provisioned at v1 -> upgrade applied -> clean at v2"

	# a farm of hundreds of small databases; three drift
	n=300
	[ $e = postgres ] && n=200
	"$MWSCHEMA" provision --type=$e "$repo" >"$TMP/small.sql" 2>/dev/null
	if [ $e = mysql ]; then
		for i in $(seq -w 1 $n); do echo "CREATE DATABASE farm$i; USE farm$i;"; cat "$TMP/small.sql"; done
	else
		{ echo "CREATE DATABASE farmtemplate" | sql $e && sql $e farmtemplate <"$TMP/small.sql"; } >/dev/null 2>&1
		# FILE_COPY (PostgreSQL 15+): no WAL for copies of a small template
		strategy=
		[ "$(echo 'SHOW server_version_num' | sql $e postgres -t -A)" -ge 150000 ] 2>/dev/null &&
			strategy=" STRATEGY FILE_COPY"
		for i in $(seq -w 1 $n); do
			echo "CREATE DATABASE farm$i TEMPLATE farmtemplate$strategy;"
		done
	fi >"$TMP/farm.sql"
	t0=$(date +%s)
	sql $e <"$TMP/farm.sql" >/dev/null 2>&1 || fail "$e: making the farm"
	[ $e = postgres ] && echo "DROP DATABASE farmtemplate" | sql $e
	echo "ALTER TABLE page DROP COLUMN page_touched;" | sql $e farm017
	echo "CREATE INDEX slots_extra ON slots (slot_content_id);" | sql $e farm123
	echo "DROP TABLE revision;" | sql $e farm$n
	t1=$(date +%s)
	# the databases made above (wiki, drift, old) are part of --all-databases: list the farm's
	"$MWSCHEMA" audit "$(server $e)" --all-databases --jobs=8 "$repo" >"$TMP/out" 2>"$TMP/err"
	got=$(sed -n 's/^\(farm[0-9]*\): warning: .*/\1/p' "$TMP/out" | sort -u | tr '\n' ' ')
	[ "$got" = "farm017 farm123 farm$n " ] || fail "$e: drifting farm databases: '$got'"
	grep -q "drift: farm017: 1 table, 2 findings" "$TMP/err" || fail "$e: summary: $(cat "$TMP/err")"
	ok "$e: $n databases made in $((t1 - t0)) s; one audit --all-databases names exactly farm017 farm123 farm$n ($(sed -n 's/.*unreadable (.*; \(.*\))/\1/p' "$TMP/err"))"
done

echo "elapsed: $(( $(date +%s) - start )) s"
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
case $engines in *mysql*postgres*) exit 0 ;; esac
echo "SKIP: only$engines could run"
exit 77
