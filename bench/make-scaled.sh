#!/bin/sh
# Writes a checkout whose sql/tables.json is core's tables.json repeated
# FACTOR times (copy k > 0 renames every table to NAME_k and every index to
# NAME_k, so the schema stays valid), with its generated SQL when MWSCHEMA
# is given. For the growth figures of load, lint, check and generate:
#
#   bench/make-scaled.sh CORE-TABLES.JSON FACTOR DIR [MWSCHEMA]
set -eu
core=$1 factor=$2 dir=$3 mwschema=${4:-}

mkdir -p "$dir/.git" "$dir/sql"
python3 - "$core" "$factor" "$dir/sql/tables.json" <<'PY'
import copy, json, sys
core = json.load(open(sys.argv[1]))
out = []
for k in range(int(sys.argv[2])):
    for t in core:
        t = copy.deepcopy(t)
        if k:
            t["name"] = "%s_%d" % (t["name"], k)
            for ix in t.get("indexes", []):
                ix["name"] = "%s_%d" % (ix["name"], k)
        out.append(t)
with open(sys.argv[3], "w") as f:
    json.dump(out, f, indent="\t")
    f.write("\n")
PY
if [ -n "$mwschema" ]; then
	(cd "$dir" && "$mwschema" generate --json=sql/tables.json --type=all --sql=sql >/dev/null)
fi
