# Shared set-up for the farm tests (sourced, not run): a private temporary
# directory and HOME, and checkouts made from the shared corpus.
set -u
: "${MWSCHEMA:?run through make check}" "${top_srcdir:?run through make check}"
: "${MW_CORPUS:=$top_srcdir/../shared/corpus}"
FARM_DATA="$top_srcdir/tests/data/farm"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true
mkdir -p "$HOME"
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }
die() { echo "FAIL: $*"; exit 1; }

# need_corpus: SKIP (77) when the corpus is not there.
need_corpus() {
	if [ ! -f "$MW_CORPUS/core/tables.json" ] || [ ! -f "$MW_CORPUS/echo/tables.json" ]; then
		echo "SKIP: corpus not found at '$MW_CORPUS' (set MW_CORPUS)"
		exit 77
	fi
}

# make_checkouts DIR: DIR/core (MediaWiki core) and DIR/Echo (an extension
# with two schema files), as the corpus has them.
make_checkouts() {
	mkdir -p "$1/core/sql" "$1/Echo/sql" || die "mkdir $1"
	cp "$MW_CORPUS/core/tables.json" "$1/core/sql/" || die "copy core"
	cp "$MW_CORPUS/echo/tables.json" "$MW_CORPUS/echo/tables-sharedtracking.json" "$1/Echo/sql/" ||
		die "copy Echo"
	printf '{ "name": "Echo", "manifest_version": 2 }\n' >"$1/Echo/extension.json"
}

# make_all_checkouts DIR: core, Echo, OAuth (schema/), AbuseFilter
# (db_patches/) and CheckUser (schema/, eight files): 94 table definitions, 91 tables
# (three of CheckUser's single-table files repeat its tables.json).
make_all_checkouts() {
	make_checkouts "$1"
	for e in OAuth:oauth:schema AbuseFilter:abusefilter:db_patches CheckUser:checkuser:schema; do
		name=${e%%:*} rest=${e#*:}
		src=${rest%%:*} dir=${rest#*:}
		mkdir -p "$1/$name/$dir" && cp "$MW_CORPUS/$src"/*.json "$1/$name/$dir/" || die "copy $name"
		printf '{ "name": "%s", "manifest_version": 2 }\n' "$name" >"$1/$name/extension.json"
	done
}

# git_repo DIR: an empty repository with an identity.
git_repo() {
	git init -q "$1" && git -C "$1" config user.name Test &&
		git -C "$1" config user.email test@example.org || die "git init $1"
}

# finish: the verdict.
finish() {
	[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
	exit 0
}
