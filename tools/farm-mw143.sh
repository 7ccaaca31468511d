#!/bin/sh
# Issue 20's MariaDB must-show, reproducible: the schema of a Wikibase.cloud
# wiki at MediaWiki 1.43 (core plus Echo, EntitySchema, InviteSignup, OAuth
# and Wikibase repo+client), provisioned by mwschema, compared on a private
# MariaDB with
#   1. a database built from MediaWiki's own committed MySQL files at 1.43
#      (tables-generated.sql and the extensions' generated files), as
#      `mariadb-dump --no-data` prints both, and with `mwschema audit`;
#   2. Wikibase.cloud's hand-made dump for new wikis at 1.43
#      (wbstack/api database/mw/new/mw1.43-wbs2.sql), with `mwschema audit`.
#
#   tools/farm-mw143.sh [MWSCHEMA] [WORKDIR]
#
# The repositories are read from git mirrors (the search tool's `fetch` puts
# them under /work/.mirror/OWNER+NAME/repo; set MIRRORS to change that) at the
# commits pinned below. Nothing fetched is committed: the sources are
# exported into WORKDIR (default: a temporary directory, removed at the end
# unless WORKDIR is given). MediaWiki core is too large to fetch whole; its
# 1.43 files come from wbstack/mediawiki's dist/, which is the MediaWiki
# 1.43.9 release that Wikibase.cloud runs.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
MWSCHEMA=${1:-$here/mwschema}
work=${2:-}
MIRRORS=${MIRRORS:-/work/.mirror}

# name  repository  commit  what to export
SOURCES="
core wbstack/mediawiki 4fe04e1679ce811b30fbf435e419bf7fd536f9b7 dist/maintenance/tables.json:dist/maintenance/tables-generated.sql:dist/maintenance/abstractSchemaChanges:dist/includes/installer
Echo wikimedia/mediawiki-extensions-Echo 0aa7394429b04b6f4c474946fbaffa92aec26ba4 extension.json:sql
EntitySchema wikimedia/mediawiki-extensions-EntitySchema 2484403d6aa9fa00eccd8df3551e8bb716a756a7 extension.json:sql
InviteSignup wikimedia/mediawiki-extensions-InviteSignup 010bb9369a0419cac7d6d6d8563c52e88df3147a extension.json:sql
OAuth wikimedia/mediawiki-extensions-OAuth 01ce6661a0bd45d98f468c1e327827fe093171c6 extension.json:schema
Wikibase wikimedia/mediawiki-extensions-Wikibase c79eb4efab9ad27267a6df9034e1b99ad695d1c7 extension-repo.json:extension-client.json:repo/sql:client/sql
"
# InviteSignup on REL1_43 just before f92b258 (T366079: two columns made
# nullable without an upgrade patch)
INVITE_OLD=aaea1907b37ffeae3b44b06dda912ed325d9e330
# Wikibase.cloud's dump for new 1.43 wikis
DUMP_REPO=wbstack/api DUMP_COMMIT=459d0f6c676aced152d1305396686edd5237d608
DUMP_PATH=database/mw/new/mw1.43-wbs2.sql
# MediaWiki's committed MySQL files, per checkout
COMMITTED="core/maintenance/tables-generated.sql Echo/sql/mysql/tables-generated.sql
Echo/sql/mysql/tables-sharedtracking-generated.sql EntitySchema/sql/mysql/tables-generated.sql
InviteSignup/sql/mysql/invitesignup.sql OAuth/schema/mysql/tables-generated.sql
Wikibase/repo/sql/mysql/term_store.sql Wikibase/repo/sql/mysql/wb_changes.sql
Wikibase/repo/sql/mysql/wb_changes_subscription.sql Wikibase/repo/sql/mysql/wb_id_counters.sql
Wikibase/repo/sql/mysql/wb_items_per_site.sql Wikibase/repo/sql/mysql/wb_property_info.sql
Wikibase/client/sql/mysql/entity_usage.sql"

die() { echo "farm-mw143: $*" >&2; exit 1; }
[ -x "$MWSCHEMA" ] || die "no mwschema at $MWSCHEMA (build it, or pass its path)"
keep=$work
[ -n "$work" ] || work=$(mktemp -d)
mkdir -p "$work/src" || die "cannot make $work"
set +u	# servers.sh reads variables that may be unset
. "$here/tests/db/servers.sh"
db_servers_init || die "no temporary directory"
trap 'db_stop_servers; [ -n "$keep" ] || rm -rf "$work"' EXIT
db_start_mariadb || die "MariaDB: $DB_SKIP_REASON"
sock=${MW_MYSQL_DSN#*unix_socket=}; sock=${sock%% *}
user=${MW_MYSQL_DSN#*user=}; user=${user%% *}
sql() { mariadb --no-defaults -S "$sock" -u "$user" --show-warnings \
	--init-command="SET SESSION sql_mode='TRADITIONAL,ONLY_FULL_GROUP_BY'" "$@"; }

# export REPO COMMIT PATHS DEST: the listed paths of the commit, nothing else
export_source() {
	git_dir=$MIRRORS/$(echo "$1" | tr / +)/repo
	[ -d "$git_dir" ] || die "no mirror of $1 at $git_dir (fetch github:$1)"
	mkdir -p "$4"
	git -C "$git_dir" archive --format=tar "$2" $(echo "$3" | tr : ' ') | tar -x -C "$4" ||
		die "cannot export $1 at $2"
}

dirs=
echo "== sources"
while read -r name repo commit paths; do
	[ -n "$name" ] || continue
	export_source "$repo" "$commit" "$paths" "$work/src/$name"
	echo "  $name: $repo @ $commit"
done <<EOF
$SOURCES
EOF
[ -d "$work/src/core/dist" ] && cp -r "$work/src/core/dist/." "$work/src/core/" && rm -rf "$work/src/core/dist"
# Layouts this mwschema may not find by itself: core 1.43 keeps its schema in
# maintenance/, Wikibase in repo/ and client/ (the .mwschemarc says so).
printf 'set schema-dir = maintenance\n' >"$work/src/core/.mwschemarc"
printf 'set schema-dir = repo/sql/abstract\nset schema-dir = client/sql/abstract\n' \
	>"$work/src/Wikibase/.mwschemarc"
for n in core Echo EntitySchema InviteSignup OAuth Wikibase; do dirs="$dirs $work/src/$n"; done

echo
echo "== provision (mwschema $("$MWSCHEMA" --version | cut -d' ' -f2))"
"$MWSCHEMA" provision $dirs >"$work/provisioned.sql" 2>"$work/provision.err" ||
	die "provision: $(cat "$work/provision.err")"
cat "$work/provision.err"
sed -n '/^-- Sources:/,/^-- Do not/p' "$work/provisioned.sql"
echo "CREATE DATABASE provisioned; CREATE DATABASE committed; CREATE DATABASE wbcloud;" | sql
sql provisioned <"$work/provisioned.sql" >"$work/load.out" 2>&1 || die "the provisioned SQL fails: $(cat "$work/load.out")"
[ -s "$work/load.out" ] && echo "WARNINGS loading the provisioned SQL:" && cat "$work/load.out"
echo "loaded in strict mode: $(echo 'SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "provisioned"' |
	sql -N) tables, $( [ -s "$work/load.out" ] && echo "with warnings" || echo "no warnings")"

echo
echo "== 1. MediaWiki's committed MySQL files at 1.43"
for f in $COMMITTED; do
	[ -f "$work/src/$f" ] || die "missing $f"
	# MediaWiki's installer fills the two placeholders the same way
	sed -e 's|/\*_\*/||g' -e 's|/\*\$wgDBTableOptions\*/|ENGINE=InnoDB, DEFAULT CHARSET=binary|g' "$work/src/$f"
done >"$work/committed.sql"
sql committed <"$work/committed.sql" >"$work/load.out" 2>&1 || die "the committed SQL fails: $(cat "$work/load.out")"
dump() { mariadb-dump --no-defaults -S "$sock" -u "$user" --no-data --skip-comments --compact "$1" |
	sed 's/ AUTO_INCREMENT=[0-9]*//'; }
dump provisioned >"$work/provisioned.dump"
dump committed >"$work/committed.dump"
if cmp -s "$work/provisioned.dump" "$work/committed.dump"; then
	echo "mariadb-dump --no-data: identical ($(grep -c '^CREATE TABLE' "$work/committed.dump") tables)"
else
	echo "mariadb-dump --no-data differs:"
	diff -u "$work/committed.dump" "$work/provisioned.dump" | head -60
fi
echo "-- mwschema audit of the database built from the committed files:"
"$MWSCHEMA" audit --mysql="$MW_MYSQL_DSN" --database=committed $dirs

echo
echo "== 2. Wikibase.cloud's hand-made dump ($DUMP_REPO $DUMP_PATH @ $DUMP_COMMIT)"
git -C "$MIRRORS/$(echo "$DUMP_REPO" | tr / +)/repo" show "$DUMP_COMMIT:$DUMP_PATH" >"$work/wbcloud.sql" ||
	die "cannot read the dump (fetch github:$DUMP_REPO)"
echo "$(grep -c '^CREATE TABLE' "$work/wbcloud.sql") tables in the dump"
sed 's/<<prefix>>/mwt/g' "$work/wbcloud.sql" | sql wbcloud >"$work/load.out" 2>&1 ||
	die "the dump does not load: $(cat "$work/load.out")"
"$MWSCHEMA" audit --mysql="$MW_MYSQL_DSN" --database=wbcloud --prefix=mwt_ $dirs
echo "(exit status $?)"
echo "-- the same dump, only the tables the schema files define, against the provisioned database:"
dump wbcloud | sed 's/`mwt_/`/g' >"$work/wbcloud.dump"
for t in $(sed -n 's/^CREATE TABLE `\([^`]*\)`.*/\1/p' "$work/provisioned.dump"); do
	a=$(sed -n "/^CREATE TABLE \`$t\` (/,/^) ENGINE/p" "$work/provisioned.dump")
	b=$(sed -n "/^CREATE TABLE \`$t\` (/,/^) ENGINE/p" "$work/wbcloud.dump")
	if [ -z "$b" ]; then
		echo "  $t: not in the dump"
	elif [ "$a" != "$b" ]; then
		echo "  $t differs:"
		printf '%s\n' "$b" >"$work/a" && printf '%s\n' "$a" >"$work/b"
		diff "$work/a" "$work/b" | sed -n 's/^[<>] /    &/p'
	fi
done
echo "  (< the dump, > provisioned; tables not listed are identical)"

echo
echo "== 3. InviteSignup before its schema fix without an upgrade patch ($INVITE_OLD)"
# REL1_43 got is_invitee and is_used made nullable (T366079) with no patch
# file: databases created before keep NOT NULL. Against the schema files of
# that time, the dump (made after) shows the change as drift.
export_source wikimedia/mediawiki-extensions-InviteSignup "$INVITE_OLD" extension.json:sql \
	"$work/src/InviteSignup-old"
old_dirs=$(echo "$dirs" | sed "s|$work/src/InviteSignup|$work/src/InviteSignup-old|")
"$MWSCHEMA" audit --mysql="$MW_MYSQL_DSN" --database=wbcloud --prefix=mwt_ --fix $old_dirs 2>&1 |
	grep -v '^$'
[ -n "$keep" ] && echo "artifacts in $work"
exit 0
