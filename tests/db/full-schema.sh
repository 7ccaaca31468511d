#!/bin/sh
# Issue 11: the full core schema applied to real engines. Every schema file
# of the corpus is created whole (MariaDB in strict mode, any warning fails)
# and each table is compared with a fresh CREATE of that table alone; a
# synthetic file that fails counts as expected when MediaWiki's committed SQL
# for it fails the same way (issue 18, judge.sh). With
# `generate --apply-ready`, its output is what gets applied, and the SQLite
# database made by `generate --apply-ready --type=sqlite --db=FILE` is
# checked table by table.
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/servers.sh"
. "$dir/judge.sh"
fails=0 start=$(date +%s)

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if [ ! -f "$MW_CORPUS/core/tables.json" ]; then
	echo "SKIP: corpus not found at '$MW_CORPUS' (set MW_CORPUS)"
	exit 77
fi
db_servers_init || exit 99
db_install_servers
types=sqlite skipped=
db_start_mariadb && types="$types,mysql" || { skipped="$skipped MariaDB"; echo "MariaDB: SKIP ($DB_SKIP_REASON)"; }
db_start_postgres && types="$types,postgres" || { skipped="$skipped PostgreSQL"; echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"; }
core=$MW_CORPUS/core/tables.json

# every schema file of the corpus, generated SQL with the placeholders
# filled; a synthetic file that fails is judged with MediaWiki's committed
# SQL for it (judge.sh), a real one must pass
schemas=
for m in "$MW_CORPUS"/*/MANIFEST.tsv; do
	src=$(dirname "$m")
	for j in $(awk -F'\t' 'NR > 1 && $1 == "schema" { print $2 }' "$m" | sort -u); do
		schemas="$schemas --json=$src/$j"
	done
done
"$MWSCHEMA" verify --tsv --type="$types" $schemas >"$DB_TMP/schemas.tsv" 2>"$DB_TMP/err"
[ $? -gt 1 ] && { fail "verify could not run:"; cat "$DB_TMP/err"; }
judge_synthetic "$DB_TMP/schemas.tsv" schema >"$DB_TMP/judged.tsv"
awk -F'\t' -v corpus="$MW_CORPUS/" -v verbose="${MW_DB_VERBOSE:-0}" '
	'"$JUDGE_KEY_AWK"'
	FILENAME == ARGV[1] { mw[$1 SUBSEP $2] = $0; next }
	{
		path = substr($1, length(corpus) + 1); e = $2; total[e]++
		if ($3 == "pass") { pass[e]++; next }
		if (($1 SUBSEP e) in mw) {
			split(mw[$1 SUBSEP e], m, "\t")
			if (m[3] == "fail" && judge_key(m[4], m[5]) == judge_key($4, $5)) {
				xf[e]++
				if (verbose) printf "expected: %s on %s: %s\n", path, e, $5
				next
			}
			printf "FAIL: %s on %s: %s\n  with MediaWiki'"'"'s SQL: %s %s\n", path, e, $5, m[3], m[5]
		} else {
			printf "FAIL: %s on %s: %s\n", path, e, $5
		}
		bad++
	}
	END {
		title["sqlite"] = "SQLite"; title["mysql"] = "MariaDB"; title["postgres"] = "PostgreSQL"
		split("sqlite mysql postgres", order, " ")
		for (i = 1; i <= 3; i++) if ((e = order[i]) in total)
			printf "%s: %d/%d schema files passed, %d expected failure%s (MediaWiki'"'"'s SQL fails the same way), %d real\n",
				title[e], pass[e], total[e], xf[e], xf[e] == 1 ? "" : "s", total[e] - pass[e] - xf[e]
		exit bad > 0
	}' "$DB_TMP/judged.tsv" "$DB_TMP/schemas.tsv" || fails=$((fails + 1))
n=$(grep -c . "$DB_TMP/schemas.tsv")
[ "$n" -gt 0 ] || fail "no schema results"

# apply-ready output (issue 11): what gets applied is checked too
if "$MWSCHEMA" generate --apply-ready --type=sqlite --db="$DB_TMP/wiki.sqlite" --json="$core" >"$DB_TMP/gen.out" 2>&1; then
	"$MWSCHEMA" verify --type=sqlite --db="$DB_TMP/wiki.sqlite" --json="$core" >"$DB_TMP/out" 2>&1 &&
		echo "ok: generate --apply-ready --db=wiki.sqlite: $(grep -c '^ok ' "$DB_TMP/out") tables equal to a fresh CREATE" ||
		{ fail "wiki.sqlite differs from a fresh CREATE"; cat "$DB_TMP/out"; }
else
	fail "generate --apply-ready --db failed"; cat "$DB_TMP/gen.out"
fi
for t in mysql postgres; do
	case $types in *$t*) ;; *) continue ;; esac
	"$MWSCHEMA" generate --apply-ready --type=$t --json="$core" >"$DB_TMP/$t.sql" 2>"$DB_TMP/gen.err" ||
		{ fail "generate --apply-ready --type=$t"; cat "$DB_TMP/gen.err"; continue; }
	grep -q 'CREATE TABLE' "$DB_TMP/$t.sql" || { fail "generate --apply-ready --type=$t wrote no CREATE TABLE to stdout"; continue; }
	grep -q '/\*_\*/\|wgDBTableOptions' "$DB_TMP/$t.sql" && fail "apply-ready $t output still has placeholders"
	"$MWSCHEMA" verify --type=$t --sql="$DB_TMP/$t.sql" --json="$core" >"$DB_TMP/out" 2>&1 &&
		echo "ok: apply-ready $t output applied, $(grep -c '^ok ' "$DB_TMP/out") tables equal to a fresh CREATE" ||
		{ fail "apply-ready $t output"; cat "$DB_TMP/out"; }
done

echo "elapsed: $(( $(date +%s) - start )) s"
[ $fails -ne 0 ] && { echo "$fails check(s) failed"; exit 1; }
[ -n "$skipped" ] && { echo "SKIP: no server for:$skipped (SQLite checks passed)"; exit 77; }
exit 0
