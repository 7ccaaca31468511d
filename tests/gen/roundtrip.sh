#!/bin/sh
# Issue 11: for every change of the corpus, the forward patch followed by its
# rollback gives the `before` table's shape again on SQLite (column positions
# aside). Changes whose SQL SQLite refuses are listed as exceptions with the
# engine's reason; a shape difference fails the test.
: "${MWSCHEMA:=./mwschema}" "${top_builddir:=.}"
GENTOOL="$top_builddir/tests/gen/gentool"
if [ -z "$MW_CORPUS" ] || [ ! -d "$MW_CORPUS" ]; then echo "SKIP: no corpus (MW_CORPUS)"; exit 77; fi
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

shape() {
	sqlite3 "$1" "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk
		FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2;
		SELECT m.name, il.name, il.\"unique\", group_concat(ii.name)
		FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
		WHERE m.type = 'table' AND il.origin = 'c' GROUP BY 1, 2 ORDER BY 1, 2;"
}

total=0 same=0 exceptions=0 differ=0
for manifest in "$MW_CORPUS"/*/MANIFEST.tsv; do
	dir=$(dirname "$manifest")
	for json in $(awk -F'\t' '$1 == "change" { print $2 }' "$manifest" | sort -u); do
		f="$dir/$json"
		rm -f "$tmp/fresh.db" "$tmp/rt.db"
		"$GENTOOL" before "$f" sqlite > "$tmp/before.sql" || continue
		total=$((total + 1))
		sqlite3 "$tmp/fresh.db" < "$tmp/before.sql" && sqlite3 "$tmp/rt.db" < "$tmp/before.sql"
		if ! "$MWSCHEMA" generate --type=sqlite --db="$tmp/rt.db" --json="$f" 2>"$tmp/err" ||
		   ! "$MWSCHEMA" generate --reverse --type=sqlite --db="$tmp/rt.db" --json="$f" 2>>"$tmp/err"; then
			exceptions=$((exceptions + 1))
			echo "exception: $json: $(grep -v 'no schema changes' "$tmp/err" | head -1)"
			continue
		fi
		if [ "$(shape "$tmp/fresh.db")" = "$(shape "$tmp/rt.db")" ]; then
			same=$((same + 1))
		else
			differ=$((differ + 1))
			echo "DIFFERENT: $json"
			shape "$tmp/fresh.db" > "$tmp/a"; shape "$tmp/rt.db" > "$tmp/b"
			diff "$tmp/a" "$tmp/b" | head -5
		fi
	done
done
echo "roundtrip sqlite: $same/$total same shape, $exceptions exceptions, $differ different"
[ "$differ" -eq 0 ]
