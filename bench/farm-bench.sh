#!/bin/sh
# "make bench-farm": what an audit of a wiki farm costs on a local MariaDB
# (issue 20's goal: 500 databases of ~90 tables in under 30 s). Starts a
# private server (tests/db/servers.sh), makes MW_BENCH_DATABASES (500)
# databases of core plus four extensions (91 tables each), then times:
#   - one database, the whole process (bench_exec, with /bin/true as floor);
#   - per database inside a farm run (the JSON report's own timings);
#   - the whole farm with --all-databases at 1, 4 and 8 connections.
# Run from the build directory: farm-bench.sh SRCDIR. Needs the corpus.
set -u
srcdir=${1:-.}
n=${MW_BENCH_DATABASES:-500}
MWSCHEMA=$PWD/mwschema top_srcdir=$(cd "$srcdir" && pwd)
export MWSCHEMA top_srcdir
. "$top_srcdir/tests/farm/lib.sh"
set +u
. "$top_srcdir/tests/db/servers.sh"
[ -f "$MW_CORPUS/core/tables.json" ] || { echo "farm benchmark: no corpus at $MW_CORPUS"; exit 0; }
db_servers_init || exit 1
trap 'db_stop_servers; rm -rf "$TMP"' EXIT
db_start_mariadb || { echo "farm benchmark: not run: $DB_SKIP_REASON"; exit 0; }
make_all_checkouts "$TMP"
dirs="$TMP/core $TMP/Echo $TMP/OAuth $TMP/AbuseFilter $TMP/CheckUser"
sock=${MW_MYSQL_DSN#*unix_socket=}; sock=${sock%% *}
user=${MW_MYSQL_DSN#*user=}; user=${user%% *}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start;" \
	"$(mariadb --no-defaults -S "$sock" -u "$user" -N -e 'SELECT VERSION()')"
"$MWSCHEMA" provision $dirs >"$TMP/wiki.sql" 2>/dev/null || { echo "provision failed"; exit 1; }
t0=$(date +%s)
for i in $(seq -w 1 "$n"); do echo "CREATE DATABASE wiki$i; USE wiki$i;"; cat "$TMP/wiki.sql"; done |
	mariadb --no-defaults -S "$sock" -u "$user" || { echo "making the farm failed"; exit 1; }
echo "Made $n databases of $(grep -c '^CREATE TABLE' "$TMP/wiki.sql") tables in $(( $(date +%s) - t0 )) s"
echo

BENCH_HEADER=1 bench/bench_exec "/bin/true (process floor)" 21 /bin/true
bench/bench_exec "audit, 1 database of 91 tables (process)" 21 \
	"$MWSCHEMA" audit --quiet --mysql="$MW_MYSQL_DSN" --database=wiki001 $dirs

# the report's own per-database wall times, one connection
"$MWSCHEMA" audit --quiet --format=json --jobs=1 --mysql="$MW_MYSQL_DSN" --all-databases $dirs \
	>"$TMP/farm.json" 2>/dev/null
sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$TMP/farm.json" | sort -n |
	awk '{ v[NR] = $1 } END { if (NR) printf "audit, per database inside a %d-database run (1 connection): median %.1f ms, p90 %.1f ms\n", NR, 1000 * v[int((NR + 1) / 2)], 1000 * v[int(NR * 0.9)] }'
# farm_run LABEL JOBS...: median of 3 whole runs of --all-databases per jobs value
farm_run() {
	label=$1; shift
	for jobs in "$@"; do
		times=
		for run in 1 2 3; do
			s=$(date +%s.%N)
			"$MWSCHEMA" audit --quiet --jobs=$jobs --mysql="$MW_MYSQL_DSN" --all-databases $dirs \
				>/dev/null 2>&1
			rc=$?
			e=$(date +%s.%N)
			[ $rc -le 1 ] || { echo "audit failed (exit $rc)"; exit 1; }
			times="$times $(awk -v a="$s" -v b="$e" 'BEGIN { print b - a }')"
		done
		echo "$times" | tr ' ' '\n' | grep . | sort -n |
			awk -v j="$jobs" -v n="$n" -v l="$label" '{ v[NR] = $1 } END { printf "audit --all-databases, %d databases x 91 tables, --jobs=%d, %s: median %.2f s of 3 (%.1f ms per database)\n", n, j, l, v[2], 1000 * v[2] / n }'
	done
}

echo
# The server's default table_definition_cache (400) holds far fewer than the
# farm's tables: each audit re-reads their definitions. A farm server's
# cache is usually sized for its tables: both are measured.
farm_run "default table_definition_cache" 1 4
mariadb --no-defaults -S "$sock" -u "$user" -e \
	"SET GLOBAL table_definition_cache = $((n * 91 + 1000))"
"$MWSCHEMA" audit --quiet --jobs=4 --mysql="$MW_MYSQL_DSN" --all-databases $dirs >/dev/null 2>&1
farm_run "table_definition_cache $((n * 91 + 1000)), warm" 1 4
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
