#!/bin/sh
# The demo workspace and ./run.sh's handling of it: the scratch copy is its
# own git repository with one clean commit, the project's tree is left
# alone, and the demo's files agree with each other (generated SQL equals
# what "mwschema generate" writes now, every change has updater entries).
set -u
: "${top_srcdir:=.}" "${MWSCHEMA:=./mwschema}"
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
demo_src=$top_srcdir/demo

# 1. ./run.sh without a terminal: makes the copy, then mwschema refuses to
#    open the UI (exit 2) and says so.
project_status() {
	git -C "$top_srcdir" status --porcelain 2>/dev/null
}
before=$(project_status)
TMPDIR=$tmp XDG_STATE_HOME=$tmp/state MW_RUN_BINARY=$MWSCHEMA sh "$top_srcdir/run.sh" </dev/null \
	>"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || fail "run.sh without a terminal exited $status: $(cat "$tmp/err")"
grep -q "needs a terminal" "$tmp/err" || fail "no 'needs a terminal' message"
[ "$(project_status)" = "$before" ] || fail "run.sh changed the project's git status"
copy=$(sed -n 's/^Demo workspace (a scratch git repository): //p' "$tmp/err")
if [ -z "$copy" ] || [ ! -d "$copy/.git" ]; then
	fail "no scratch git repository announced: $(cat "$tmp/err")"
else
	case $copy in "$tmp"/*) ;; *) fail "copy $copy is not under TMPDIR" ;; esac
	[ "$(git -C "$copy" rev-list --count HEAD)" = 1 ] || fail "copy has not exactly one commit"
	[ -z "$(git -C "$copy" status --porcelain)" ] || fail "copy's work tree is not clean"
	[ -f "$copy/sql/tables.json" ] || fail "copy has no sql/tables.json"
	[ -e "$copy/demo.am" ] && fail "build glue demo.am was copied"
	[ -e "$copy/regenerate.sh" ] && fail "build glue regenerate.sh was copied"
	[ "$(cat "$tmp/state/mwschema/last-demo")" = "$copy" ] || fail "the copy is not remembered"
	# The demo is consistent: generated files, tables.json and updater entries.
	"$MWSCHEMA" check "$copy" >"$tmp/check.out" 2>&1
	status=$?
	grep -q "not implemented" "$tmp/check.out" ||
		[ "$status" = 0 ] || fail "mwschema check on the demo exited $status: $(cat "$tmp/check.out")"
fi

# 2. Every change is registered for every DBMS, and has its SQL files.
for json in "$demo_src"/sql/abstractSchemaChanges/*.json; do
	patch=$(basename "$json" .json).sql
	for updater in Mysql Postgres Sqlite; do
		grep -q "'$patch'" "$demo_src/includes/installer/${updater}Updater.php" ||
			fail "$patch is not in ${updater}Updater.php"
	done
done

# 3. The committed SQL is exactly what the generator writes today. Until the
#    generator exists (it printed "not implemented") there is nothing to compare.
cp -R "$demo_src/sql" "$tmp/sql"
chmod -R u+w "$tmp/sql"
demo_json=$(cd "$demo_src" && echo sql/tables.json sql/abstractSchemaChanges/*.json)
for json in $demo_json; do
	(cd "$tmp" && "$MWSCHEMA" generate --json="$json" --type=all --sql=sql --source="$json") \
		>"$tmp/gen.out" 2>&1
	status=$?
	if grep -q "not implemented" "$tmp/gen.out"; then
		echo "SKIP: mwschema generate is not implemented yet"
		[ "$fails" = 0 ] && exit 77
		exit 1
	fi
	[ "$status" = 0 ] || fail "generate $json exited $status: $(cat "$tmp/gen.out")"
done
diff -r "$demo_src/sql" "$tmp/sql" >"$tmp/diff" || fail "demo SQL is stale: run demo/regenerate.sh
$(head -n 40 "$tmp/diff")"
for platform in mysql postgres sqlite; do
	[ -f "$demo_src/sql/$platform/tables-generated.sql" ] ||
		fail "no sql/$platform/tables-generated.sql"
done

[ "$fails" = 0 ] && echo "demo-workspace: all checks passed"
[ "$fails" = 0 ]
