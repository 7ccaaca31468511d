# Sourced by the database tests: throwaway MariaDB and PostgreSQL servers.
#
# Both servers live in one private temporary directory, listen only on unix
# sockets inside it (no TCP port at all, so parallel runs never collide), and
# are stopped by their own pid files from an EXIT trap, which also removes the
# directory, whether the test passed, failed or was interrupted.
#
#   db_servers_init                  make the temp dir, install the trap
#   db_start_mariadb                 sets MW_MYSQL_DSN, or returns 1 (see DB_SKIP_REASON)
#   db_start_postgres                sets MW_PG_DSN, or returns 1
#   db_install_servers               apt-get the server packages when missing (root only)

DB_TMP=
DB_SKIP_REASON=
MARIADB_PID_FILE=
PG_DATA=

db_stop_servers()
{
	# a second signal must not cut the clean-up short
	trap '' INT TERM HUP
	if [ -n "$MARIADB_PID_FILE" ] && [ -s "$MARIADB_PID_FILE" ]; then
		pid=$(cat "$MARIADB_PID_FILE")
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
	fi
	if [ -n "$PG_DATA" ] && [ -s "$PG_DATA/postmaster.pid" ]; then
		pid=$(head -n 1 "$PG_DATA/postmaster.pid")
		# SIGINT is PostgreSQL's "fast shutdown".
		kill -INT "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
	fi
	MARIADB_PID_FILE=
	PG_DATA=
	if [ -n "$DB_TMP" ] && [ -d "$DB_TMP" ]; then
		rm -rf "$DB_TMP"
	fi
	DB_TMP=
}

db_servers_init()
{
	# The caller's connection settings must not leak into the tests.
	unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS
	unset MYSQL_HOST MYSQL_TCP_PORT MYSQL_UNIX_PORT MYSQL_PWD MYSQL_USER
	# A throwaway server needs no durability: use memory when there is some.
	base=${TMPDIR:-/tmp}
	[ -z "$TMPDIR" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
	DB_TMP=$(mktemp -d "$base/mwdb.XXXXXX") || return 1
	# The servers run as their own system users when we are root.
	chmod 755 "$DB_TMP"
	trap 'db_stop_servers' EXIT
	trap 'exit 130' INT TERM HUP
}

db_install_servers()
{
	need=
	command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need="$need mariadb-server"
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
	[ -z "$need" ] && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing$need"
		DEBIAN_FRONTEND=noninteractive apt-get install -y $need >"$DB_TMP/apt.log" 2>&1 ||
			echo "apt-get install$need failed (see above); those tests will be skipped"
	fi
}

# As root the daemons must run as their own users; otherwise as ourselves.
db_as()
{
	user=$1; shift
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$user" -- "$@"
	else
		"$@"
	fi
}

db_start_mariadb()
{
	mariadbd=$(command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd)
	if [ ! -x "$mariadbd" ] || ! command -v mariadb-install-db >/dev/null 2>&1; then
		DB_SKIP_REASON="MariaDB server not installed (apt-get install mariadb-server)"
		return 1
	fi
	d=$DB_TMP/mariadb
	# a private tmpdir: parallel bootstraps must not share /tmp temp tables
	mkdir -p "$d/tmp"
	user=$(id -un)
	[ "$(id -u)" = 0 ] && { chown mysql: "$d" "$d/tmp"; user_opt=--user=mysql; } || user_opt=
	if ! TMPDIR=$d/tmp mariadb-install-db --no-defaults $user_opt --datadir="$d/data" --tmpdir="$d/tmp" \
		--auth-root-authentication-method=socket --skip-test-db >"$d/install.log" 2>&1; then
		cat "$d/install.log" >&2
		DB_SKIP_REASON="mariadb-install-db failed"
		return 1
	fi
	MARIADB_PID_FILE=$d/mariadbd.pid
	"$mariadbd" --no-defaults $user_opt --datadir="$d/data" --tmpdir="$d/tmp" --socket="$d/mysql.sock" \
		--skip-networking --bind-address=127.0.0.1 --pid-file="$MARIADB_PID_FILE" \
		--innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
		--innodb-flush-log-at-trx-commit=0 --skip-log-bin --innodb-doublewrite=0 \
		--innodb-file-per-table=0 --innodb-flush-method=nosync \
		>"$d/server.log" 2>&1 &
	i=0
	until mariadb-admin --no-defaults -S "$d/mysql.sock" -u "$user" ping >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			cat "$d/server.log" >&2
			DB_SKIP_REASON="MariaDB did not start within 30 s"
			return 1
		fi
		sleep 0.1
	done
	MW_MYSQL_DSN="unix_socket=$d/mysql.sock user=$user"
	export MW_MYSQL_DSN
	return 0
}

db_start_postgres()
{
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
		DB_SKIP_REASON="PostgreSQL server not installed (apt-get install postgresql)"
		return 1
	fi
	d=$DB_TMP/postgres
	mkdir -p "$d"
	[ "$(id -u)" = 0 ] && chown postgres: "$d"
	pguser=$(id -un)
	[ "$(id -u)" = 0 ] && pguser=postgres
	if ! db_as postgres "$bindir/initdb" -D "$d/data" --auth=trust -E UTF8 \
		--locale=C.UTF-8 --no-sync -U "$pguser" >"$DB_TMP/initdb.log" 2>&1; then
		cat "$DB_TMP/initdb.log" >&2
		DB_SKIP_REASON="initdb failed"
		return 1
	fi
	PG_DATA=$d/data
	if ! db_as postgres "$bindir/pg_ctl" -w -t 30 -D "$PG_DATA" -l "$d/server.log" \
		-o "-k $d -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >"$DB_TMP/pg_ctl.log" 2>&1; then
		cat "$DB_TMP/pg_ctl.log" "$d/server.log" >&2
		DB_SKIP_REASON="PostgreSQL did not start"
		return 1
	fi
	MW_PG_DSN="host=$d port=5432 user=$pguser dbname=postgres"
	export MW_PG_DSN
	return 0
}
