#!/bin/sh
# Every schema file of the shared corpus (real and synthetic) provisioned on
# private MariaDB and PostgreSQL servers and on SQLite, then audited: each
# database that loads must audit clean. Some synthetic files cannot load at
# all (tables named with reserved words, as MediaWiki's own SQL would fail
# too): they are counted, not judged. Takes minutes; not part of make check
# (tests/unit/farm/check_farm runs the same round trip without servers).
#
#   tools/farm-corpus.sh [MWSCHEMA]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
M=${1:-$here/mwschema}
C=${MW_CORPUS:-$here/../shared/corpus}
set +u
. "$here/tests/db/servers.sh"
db_servers_init || exit 1
engines=sqlite
db_start_mariadb && engines="$engines mysql" || echo "MariaDB: not run ($DB_SKIP_REASON)"
db_start_postgres && engines="$engines postgres" || echo "PostgreSQL: not run ($DB_SKIP_REASON)"
S=${MW_MYSQL_DSN#*unix_socket=}; S=${S%% *}
W=$DB_TMP/w
mkdir -p "$W"
n=0 clean=0 drift=0 noload=0

# check ENGINE DIR N: provision, load, audit; prints a line for anything but clean
check() {
	d=$2 db=c$3
	case $1 in
	sqlite) "$M" provision --db="$d/w.sqlite" "$d" 2>/dev/null || return 2
		out=$("$M" audit --db="$d/w.sqlite" "$d" 2>&1) ;;
	mysql) "$M" provision "$d" >"$d/my.sql" 2>/dev/null || return 2
		mariadb --no-defaults -S "$S" -e "CREATE DATABASE $db"
		mariadb --no-defaults -S "$S" --init-command="SET SESSION sql_mode='TRADITIONAL'" \
			"$db" <"$d/my.sql" >/dev/null 2>&1 || return 2
		out=$("$M" audit --mysql="$MW_MYSQL_DSN" --database=$db "$d" 2>&1) ;;
	postgres) "$M" provision --type=postgres "$d" >"$d/pg.sql" 2>/dev/null || return 2
		psql -X -q "$MW_PG_DSN" -c "CREATE DATABASE $db" >/dev/null
		psql -X -q -v ON_ERROR_STOP=1 "${MW_PG_DSN%dbname=*}dbname=$db" -f "$d/pg.sql" \
			>/dev/null 2>&1 || return 2
		out=$("$M" audit --postgres="$MW_PG_DSN" --database=$db "$d" 2>&1) ;;
	esac
	echo "$out" | grep -q ', 1 as the schema' && return 0
	echo "DRIFT $1 $j"
	echo "$out" | grep ': warning: ' | head -5
	return 1
}

for j in "$C"/*/tables*.json "$C"/checkuser/*.json "$C"/synthetic/*.json "$C"/synthetic-c/*.json; do
	case $j in */abstractSchemaChanges/*) continue ;; esac
	grep -q '"before"' "$j" && continue
	n=$((n + 1))
	d=$W/c$n
	mkdir -p "$d/sql" && cp "$j" "$d/sql/tables.json"
	for e in $engines; do
		check $e "$d" $n
		case $? in 0) clean=$((clean + 1)) ;; 1) drift=$((drift + 1)) ;; *) noload=$((noload + 1)) ;; esac
	done
done
echo "$n schema files x ($engines): $clean clean, $drift drift, $noload did not load"
[ $drift -eq 0 ]
