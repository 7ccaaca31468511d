#!/bin/sh
# Issue 14, verify and unresponsive or interrupted servers: a server that
# accepts a connection and never answers costs MWSCHEMA_CONNECT_TIMEOUT,
# not forever; Ctrl-C (SIGINT) stops verify promptly and its scratch
# databases and schemas are dropped.
. "$top_srcdir/tests/security/lib.sh"
set +u	# servers.sh reads unset variables
. "$top_srcdir/tests/db/servers.sh"

change="$top_srcdir/tests/db/data/add-flag.json"
skipped=
if command -v socat >/dev/null 2>&1; then
	socat UNIX-LISTEN:"$TMP/hang.sock",fork SYSTEM:'sleep 60' & pid1=$!
	socat UNIX-LISTEN:"$TMP/.s.PGSQL.5999",fork SYSTEM:'sleep 60' & pid2=$!
	sleep 0.5
	for t in "mysql --mysql=unix_socket=$TMP/hang.sock" "postgres --postgres=host=$TMP port=5999 dbname=x"; do
		start=$(date +%s)
		# shellcheck disable=SC2086
		MWSCHEMA_CONNECT_TIMEOUT=2 timeout 60 "$MWSCHEMA" verify --type=${t%% *} "${t#* }" \
			--json="$change" >"$TMP/out" 2>&1
		took=$(( $(date +%s) - start ))
		[ "$took" -le 15 ] && grep -Eq 'handshake|timeout expired' "$TMP/out" &&
			ok "${t%% *}: a server that never answers fails after ${took} s" ||
			fail "${t%% *}: ${took} s: $(cat "$TMP/out")"
	done
	kill "$pid1" "$pid2" 2>/dev/null
else
	skipped="$skipped socat"; echo "socat: SKIP (apt-get install socat)"
fi

db_servers_init || exit 99
if db_start_postgres; then
	# many changes: verify is still busy when the signal comes
	set -- $(find "$MW_CORPUS/synthetic" -name 'patch-*.json' 2>/dev/null | sort | head -n 200)
	if [ $# -gt 20 ]; then
		"$MWSCHEMA" verify --type=postgres "$@" >"$TMP/out" 2>&1 & vpid=$!
		sleep 3
		kill -INT "$vpid"
		start=$(date +%s)
		wait "$vpid"; rc=$?
		took=$(( $(date +%s) - start ))
		left=$(psql "$MW_PG_DSN" -qAtc "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'mwverify%'")
		[ "$rc" = 130 ] && [ "$took" -le 10 ] && [ -z "$left" ] &&
			grep -q 'interrupted; the scratch databases were dropped' "$TMP/out" &&
			ok "postgres: SIGINT stops verify in ${took} s, exit 130, no scratch schema left" ||
			fail "SIGINT: exit $rc after ${took} s, left: $left; $(tail -n 3 "$TMP/out")"
	else
		skipped="$skipped corpus"; echo "SIGINT: SKIP (no synthetic corpus in MW_CORPUS)"
	fi
else
	skipped="$skipped PostgreSQL"; echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"
fi
[ "$fails" != 0 ] && finish
[ -n "$skipped" ] && { echo "SKIP: not available:$skipped"; exit 77; }
finish
