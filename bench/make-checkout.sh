#!/bin/sh
# Writes a synthetic MediaWiki-like checkout for benchmarking "mwschema check":
#
#   bench/make-checkout.sh DIR [CHANGES [MWSCHEMA]]      (default: 2000 changes)
#
# 200 tables in sql/tables.json; CHANGES change files, each adding one column
# to one table (change j to table j mod 200, so each table's changes form a
# chain and tables.json holds the state after the last one); an updater
# entry per change and DBMS; and, when MWSCHEMA can sync or generate, every
# SQL file.
# The checkout is consistent, so "check" does its full work and finds nothing.
set -eu
dir=$1
changes=${2:-2000}
mwschema=${3:-}
ntables=200

mkdir -p "$dir/sql/abstractSchemaChanges" "$dir/includes/installer"
cd "$dir"

awk -v changes="$changes" -v ntables="$ntables" '
function column(name, type, opts, last) {
	return "\t\t\t{\n\t\t\t\t\"name\": \"" name "\",\n\t\t\t\t\"type\": \"" type \
		"\",\n\t\t\t\t\"options\": { " opts " }\n\t\t\t}" (last ? "" : ",") "\n"
}
# The table as it is after its first k changes, at indentation level 1.
function table(t, k,    name, s, m) {
	name = sprintf("bench_t%03d", t)
	s = "\t{\n\t\t\"name\": \"" name "\",\n\t\t\"columns\": [\n"
	s = s column("bt" t "_id", "integer", "\"unsigned\": true, \"notnull\": true, \"autoincrement\": true")
	s = s column("bt" t "_name", "binary", "\"length\": 255, \"notnull\": true, \"default\": \"\"")
	s = s column("bt" t "_timestamp", "mwtimestamp", "\"notnull\": true", k == 0)
	for (m = 0; m < k; m++)
		s = s column("bt" t "_c" (t + m * ntables), "integer",
			"\"unsigned\": true, \"notnull\": true, \"default\": 0", m == k - 1)
	s = s "\t\t],\n\t\t\"indexes\": [\n"
	s = s "\t\t\t{ \"name\": \"bt" t "_name\", \"columns\": [ \"bt" t "_name\" ], \"unique\": true }\n"
	s = s "\t\t],\n\t\t\"pk\": [ \"bt" t "_id\" ]\n\t}"
	return s
}
# A table as the value of "before"/"after": the same lines, minus the
# indentation of its opening brace.
function value(s) {
	return substr(s, 2)
}
BEGIN {
	for (j = 0; j < changes; j++) {
		t = j % ntables
		k = int(j / ntables)
		name = sprintf("patch-bench_t%03d-bt%d_c%d", t, t, j)
		file = "sql/abstractSchemaChanges/" name ".json"
		printf "{\n\t\"comment\": \"Add bt%d_c%d\",\n\t\"before\": %s,\n\t\"after\": %s\n}\n",
			t, j, value(table(t, k)), value(table(t, k + 1)) > file
		close(file)
		entries = entries sprintf("\t\t\t[ \x27addField\x27, \x27bench_t%03d\x27, \x27bt%d_c%d\x27, \x27%s.sql\x27 ],\n",
			t, t, j, name)
		count[t] = k + 1
	}
	file = "sql/tables.json"
	printf "[\n" > file
	for (t = 0; t < ntables; t++)
		printf "%s%s\n", table(t, count[t] + 0), (t < ntables - 1 ? "," : "") > file
	printf "]\n" > file
	close(file)
	split("Mysql Postgres Sqlite", kinds, " ")
	for (i = 1; i <= 3; i++) {
		file = "includes/installer/" kinds[i] "Updater.php"
		printf "<?php\n\nnamespace MediaWiki\\Installer;\n\nclass %sUpdater extends DatabaseUpdater {\n", kinds[i] > file
		printf "\tprotected function getCoreUpdateList() {\n\t\treturn [\n\t\t\t// 1.45\n%s\t\t];\n\t}\n}\n", entries > file
		close(file)
	}
}'

# The SQL files: "mwschema sync" writes every missing one; without it
# (not implemented yet), one "generate" per file does the same.
if [ -n "$mwschema" ] && ! "$mwschema" sync . >sync.out 2>&1; then
	for json in sql/tables.json sql/abstractSchemaChanges/*.json; do
		"$mwschema" generate --json="$json" --type=all --sql=sql --source="$json" 2>/dev/null ||
			{ echo "make-checkout: cannot generate $json; SQL files left out" >&2; break; }
	done
fi
rm -f sync.out
git init -q . && git add -A &&
	git -c user.name=bench -c user.email=bench@mwschema.invalid commit -q -m "Synthetic checkout"
