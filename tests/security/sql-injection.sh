#!/bin/sh
# Issue 14, SQL in names and values: nothing from an input file runs on any
# engine. Names are refused when loaded; a value that would end its quotes
# (an enum value, which MediaWiki writes unescaped; a backslash in a MySQL
# literal) makes verify refuse before running anything; a given --sql file
# runs only statements of the kinds the generators write, on unqualified
# names, one per call, in the scratch namespace. The victims (a file for
# SQLite, wiki.victim on MariaDB, public.victim on PostgreSQL) survive and
# no scratch namespace is left behind.
. "$top_srcdir/tests/security/lib.sh"
set +u	# servers.sh reads unset variables
. "$top_srcdir/tests/db/servers.sh"

vfy() { (cd "$TMP" && "$MWSCHEMA" verify "$@" >"$TMP/out" 2>&1); }
no_pwned() { [ ! -e "$TMP/PWNED.db" ] && [ ! -e "$TMP/p" ]; }
wrong="$top_srcdir/tests/db/data/add-flag.json"

# SQLite: always.
vfy --type=sqlite --json="$SEC/attach-table-name.json" && fail "verify loaded the table name"
grep -q "table name \"t (a INT); ATTACH" "$TMP/out" && no_pwned &&
	ok "sqlite: a table name holding SQL is refused at load" || fail "$(cat "$TMP/out")"
# SQLite keeps an enum as TEXT: its values never reach the SQL
vfy --type=sqlite --json="$SEC/enum-breakout.json"
grep -q 'SQLite: PASS' "$TMP/out" && no_pwned &&
	ok "sqlite: an enum value ending its quotes never reaches SQLite's SQL" || fail "$(cat "$TMP/out")"
vfy --type=sqlite --json="$wrong" --sql="$SEC/attach.sqlite.sql"
grep -q 'refused: not a statement mwschema generates' "$TMP/out" && no_pwned &&
	ok "sqlite: ATTACH in a given patch is refused" || fail "$(cat "$TMP/out")"

# review runs the SQLite round trip of a commit by default.
R="$TMP/ext"
make_ext "$R"
mkdir -p "$R/sql/abstractSchemaChanges"
cp "$SEC/enum-breakout.json" "$R/sql/abstractSchemaChanges/patch-t.json"
cp "$SEC/attach-table-name.json" "$R/sql/abstractSchemaChanges/patch-u.json"
git -C "$R" add -A && git -C "$R" commit -qm hostile
(cd "$R" && "$MWSCHEMA" review HEAD >"$TMP/review.out" 2>&1)
[ ! -e "$R/PWNED.db" ] && no_pwned && grep -q 'table name "t (a INT); ATTACH' "$TMP/review.out" &&
	ok "review HEAD: a hostile commit's round trip attaches nothing" ||
	fail "review: $(head -n 30 "$TMP/review.out")"

db_servers_init || exit 99
skipped=

if db_start_mariadb; then
	sock=$(printf '%s\n' "$MW_MYSQL_DSN" | sed 's/.*unix_socket=\([^ ]*\).*/\1/')
	my() { mariadb --no-defaults -S "$sock" -u "$(id -un)" -N -e "$1"; }
	my "CREATE DATABASE wiki; CREATE TABLE wiki.victim (v INT); INSERT INTO wiki.victim VALUES (1)"
	victim() { [ "$(my 'SELECT COUNT(*) FROM wiki.victim' 2>/dev/null)" = 1 ]; }
	vfy --type=mysql --json="$SEC/backslash-defaults.json"
	victim && { grep -q 'nothing was run: column t_path: its default' "$TMP/out" ||
		    grep -q 'MySQL: PASS' "$TMP/out"; } &&
		ok "mariadb: C:\\ and a DROP TABLE wiki.victim default: the victim survives" ||
		fail "mariadb defaults: $(cat "$TMP/out")"
	vfy --type=mysql --json="$SEC/enum-breakout.json"
	victim && grep -q 'nothing was run' "$TMP/out" &&
		ok "mariadb: an enum value ending its quotes: nothing run" || fail "$(cat "$TMP/out")"
	vfy --type=mysql --json="$wrong" --sql="$SEC/cross-db.mysql.sql"
	victim && grep -q 'refused: a name qualified with another database' "$TMP/out" &&
		ok "mariadb: DROP TABLE wiki.victim in a given patch is refused" || fail "$(cat "$TMP/out")"
	[ -z "$(my "SHOW DATABASES LIKE 'mwverify%'")" ] && ok "mariadb: no scratch database left" ||
		fail "left behind: $(my "SHOW DATABASES LIKE 'mwverify%'")"
else
	skipped="$skipped MariaDB"; echo "MariaDB: SKIP ($DB_SKIP_REASON)"
fi

if db_start_postgres; then
	pg() { psql "$MW_PG_DSN" -qAtc "$1"; }
	pg "CREATE TABLE public.victim (v INT); INSERT INTO public.victim VALUES (1)"
	victim() { [ "$(pg 'SELECT COUNT(*) FROM public.victim' 2>/dev/null)" = 1 ]; }
	vfy --type=postgres --json="$SEC/pg-drop-name.json" && fail "verify loaded the name"
	victim && grep -q 'table name' "$TMP/out" && grep -q 'partial-index condition' "$TMP/out" &&
		ok "postgres: a crafted table name and where are refused at load" || fail "$(cat "$TMP/out")"
	vfy --type=postgres --json="$SEC/enum-breakout.json"
	victim && grep -q 'nothing was run' "$TMP/out" &&
		ok "postgres: an enum value ending its quotes (CREATE TYPE): nothing run" ||
		fail "$(cat "$TMP/out")"
	vfy --type=postgres --json="$wrong" --sql="$SEC/cross-schema.postgres.sql"
	victim && grep -q 'refused: a name qualified with another database or schema' "$TMP/out" &&
		ok "postgres: DROP TABLE public.victim in a given patch is refused" ||
		fail "$(cat "$TMP/out")"
	vfy --type=postgres --json="$wrong" --sql="$SEC/function.postgres.sql"
	grep -q 'refused: not a statement mwschema generates' "$TMP/out" &&
		ok "postgres: SELECT pg_sleep(0) in a given patch is refused" || fail "$(cat "$TMP/out")"
	[ -z "$(pg "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'mwverify%'")" ] &&
		ok "postgres: no scratch schema left" || fail "schemas left behind"
else
	skipped="$skipped PostgreSQL"; echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"
fi
[ "$fails" != 0 ] && finish
[ -n "$skipped" ] && { echo "SKIP: no server for:$skipped (the SQLite cases passed)"; exit 77; }
finish
