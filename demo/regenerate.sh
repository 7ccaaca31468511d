#!/bin/sh
# Regenerates the demo's SQL files with mwschema itself (never by hand):
# sql/<platform>/tables-generated.sql from sql/tables.json, and
# sql/<platform>/patch-*.sql from sql/abstractSchemaChanges/patch-*.json.
#
#   demo/regenerate.sh [PATH-TO-MWSCHEMA]     (default: ./mwschema of this tree)
set -eu
demo=$(cd "$(dirname "$0")" && pwd)
mwschema=${1:-$demo/../mwschema}
case $mwschema in /*) ;; *) mwschema=$(pwd)/$mwschema ;; esac
cd "$demo"

# --source: the label MediaWiki would print, relative to the checkout's root
# (the demo directory), not to this project's repository.
for json in sql/tables.json sql/abstractSchemaChanges/*.json; do
	echo "generate $json"
	"$mwschema" generate --json="$json" --type=all --sql=sql --source="$json"
done
