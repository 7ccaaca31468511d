#!/bin/sh
# Issue 14, passwords: verify takes them from the environment or from a
# file (MW_MYSQL_PASSWORD_FILE, MW_PG_PASSWORD_FILE) that others cannot
# read, so that none needs to be on a command line (visible in ps); a
# password given in the DSN anyway draws a warning and is never printed.
. "$top_srcdir/tests/security/lib.sh"
set +u	# servers.sh reads unset variables
. "$top_srcdir/tests/db/servers.sh"

change="$top_srcdir/tests/db/data/add-flag.json"
vfy() { (cd "$TMP" && "$MWSCHEMA" verify --json="$change" "$@" >"$TMP/out" 2>&1); }
printf 's3cr3t-pw\n' >"$TMP/pw"
db_servers_init || exit 99
ran=

if db_start_mariadb; then
	ran=1
	sock=$(printf '%s\n' "$MW_MYSQL_DSN" | sed 's/.*unix_socket=\([^ ]*\).*/\1/')
	mariadb --no-defaults -S "$sock" -u "$(id -un)" -e \
		"CREATE USER mwpw@localhost IDENTIFIED BY 's3cr3t-pw'; GRANT ALL ON \`mwverify\\_%\`.* TO mwpw@localhost" ||
		fail "creating the user"
	dsn="unix_socket=$sock user=mwpw"
	vfy --type=mysql --mysql="$dsn"
	grep -q 'MySQL: PASS' "$TMP/out" && fail "mwpw logs in without its password"
	chmod 644 "$TMP/pw"
	MW_MYSQL_PASSWORD_FILE="$TMP/pw" vfy --type=mysql --mysql="$dsn" && fail "a readable password file was used"
	grep -q 'MW_MYSQL_PASSWORD_FILE=.*may be read by others (mode 0644): chmod 600 it' "$TMP/out" &&
		! grep -q 's3cr3t' "$TMP/out" && ok "mariadb: a password file others can read is refused" ||
		fail "readable file: $(cat "$TMP/out")"
	chmod 600 "$TMP/pw"
	MW_MYSQL_PASSWORD_FILE="$TMP/pw" vfy --type=mysql --mysql="$dsn"
	grep -q 'MySQL: PASS' "$TMP/out" && ok "mariadb: the password from a file" ||
		fail "password file: $(cat "$TMP/out")"
	MYSQL_PWD=s3cr3t-pw vfy --type=mysql --mysql="$dsn"
	grep -q 'MySQL: PASS' "$TMP/out" && ok "mariadb: the password from MYSQL_PWD" ||
		fail "MYSQL_PWD: $(cat "$TMP/out")"
	vfy --type=mysql --mysql="$dsn password=s3cr3t-pw"
	grep -q 'warning: a password on the command line is visible to other users' "$TMP/out" &&
		grep -q 'MySQL: PASS' "$TMP/out" && ! grep -q 's3cr3t' "$TMP/out" &&
		ok "mariadb: a password in the DSN works, with a warning, and is never printed" ||
		fail "password in the DSN: $(cat "$TMP/out")"
	vfy --type=mysql --mysql="$dsn password=wrong-pw"
	! grep -q 'wrong-pw' "$TMP/out" && ok "mariadb: a failed login does not print the password" ||
		fail "login failure: $(cat "$TMP/out")"
else
	echo "MariaDB: SKIP ($DB_SKIP_REASON)"
fi

if db_start_postgres; then
	ran=1
	chmod 644 "$TMP/pw"
	MW_PG_PASSWORD_FILE="$TMP/pw" vfy --type=postgres --postgres="$MW_PG_DSN" && fail "a readable password file was used"
	grep -q 'MW_PG_PASSWORD_FILE=.*may be read by others (mode 0644): chmod 600 it' "$TMP/out" &&
		! grep -q 's3cr3t' "$TMP/out" && ok "postgres: a password file others can read is refused" ||
		fail "readable file: $(cat "$TMP/out")"
	chmod 600 "$TMP/pw"
	MW_PG_PASSWORD_FILE="$TMP/pw" vfy --type=postgres --postgres="$MW_PG_DSN"
	grep -q 'PostgreSQL: PASS' "$TMP/out" && ok "postgres: a private password file is accepted" ||
		fail "password file: $(cat "$TMP/out")"
else
	echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"
fi

[ -n "$ran" ] || { echo "SKIP: no database server"; exit 77; }
finish
