#!/bin/sh
# Every real layout: the fixtures under tests/data/checkouts imitate how
# Wikimedia extensions keep their schema (our own minimal files, not copies):
# two manifests and helper-built paths (Wikibase), MySQL beside the schema
# (Babel), db/ (PageAssessments), includes/backend/schema (FlaggedRevs),
# MySQL only, a change whose SQL has another name (Linter), only MediaWiki's
# schema test, no schema, nothing but .mwschemarc, and a bundle of extensions
# (SocialProfile). For each: discovery, check, sync, and sync again after a
# column was added to the schema JSON.
. "$top_srcdir/tests/workspace/lib.sh"
FX="$top_srcdir/tests/data/checkouts"

# fixture NAME: a writable copy in $TMP/NAME, echoed.
fixture() {
	rm -rf "$TMP/$1" && cp -r "$FX/$1" "$TMP/$1" && chmod -R u+w "$TMP/$1" || fail "copy $1"
	echo "$TMP/$1"
}

# gen REPO JSON PLATFORM OUT LABEL: a generated file as an older generator wrote it.
gen() {
	mkdir -p "$(dirname "$1/$4")" &&
		"$MWSCHEMA" generate --json="$1/$2" --type="$3" --source="$5" > "$1/$4" ||
		fail "generate $2 for $3"
}

# add_column REPO JSON: the mutation of tools/real-extensions.sh, without python.
add_column() {
	awk '/"columns": \[/ && !done { print; print "\t\t\t{ \"name\": \"probe_col\", \"type\": \"integer\", \"options\": { \"notnull\": false } },"; done = 1; next } { print }' \
		"$1/$2" > "$TMP/mut" && cat "$TMP/mut" > "$1/$2" || fail "mutate $2"
}

# mutate_and_repair REPO JSON SQL...: check sees the drift in each SQL file, sync repairs it.
mutate_and_repair() {
	r=$1 json=$2
	shift 2
	add_column "$r" "$json"
	out=$("$MWSCHEMA" check "$r" 2>&1) && fail "check missed the new column: $out"
	for f in "$@"; do
		printf '%s\n' "$out" | grep -q "^$f:[0-9]*: error: differs from what $json generates" ||
			fail "no drift reported in $f: $out"
	done
	"$MWSCHEMA" sync "$r" > "$TMP/sync.out" 2>&1 || fail "sync: $(cat "$TMP/sync.out")"
	for f in "$@"; do
		grep -q probe_col "$r/$f" || fail "$f not regenerated"
	done
	out=$("$MWSCHEMA" check "$r" 2>&1) || fail "not in sync after sync: $out"
}

# 1. Two manifests, no .mwschemarc, the CI test naming archives/, paths built by helpers.
R=$(fixture split)
out=$("$MWSCHEMA" check --layout "$R/repo/includes" 2>&1) || fail "layout: $out"
for want in "repo/sql/abstract/ (from repo/tests/phpunit/WbxRepoSchemaTest.php" \
	"  mysql    repo/sql/mysql/archives/" \
	"client/sql/abstract/ (from client/includes/UsageSchemaUpdater.php" \
	"  updater  client/includes/UsageSchemaUpdater.php::onLoadExtensionSchemaUpdates()"; do
	printf '%s\n' "$out" | grep -qF "$want" || fail "layout lacks '$want': $out"
done
for db in mysql postgres sqlite; do
	gen "$R" client/sql/abstract/wbx_usage.json $db client/sql/$db/wbx_usage.sql \
		extensions/Wbx/client/sql/abstract/wbx_usage.json
done
cp "$R/repo/includes/SchemaUpdater.php" "$TMP/handler"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "not inside\|hand-written\|which does not exist" && fail "misread: $out"
[ "$(printf '%s\n' "$out" | grep -c 'only the Source line differs')" = 3 ] || fail "labels: $out"
printf '%s\n' "$out" | grep -q "updater-entry-missing" && fail "helper-built entry not seen: $out"
"$MWSCHEMA" sync "$R" > "$TMP/sync.out" 2>&1 || fail "sync: $(cat "$TMP/sync.out")"
[ -f "$R/repo/sql/postgres/archives/patch-wbx_items-wbx_note.sql" ] || fail "no archives patch"
[ -f "$R/repo/sql/sqlite/wbx_items.sql" ] || fail "no schema SQL beside archives/"
cmp -s "$TMP/handler" "$R/repo/includes/SchemaUpdater.php" || fail "an entry was added twice"
head -n 2 "$R/client/sql/mysql/wbx_usage.sql" | grep -qx -- "-- Source: client/sql/abstract/wbx_usage.json" ||
	fail "label not rewritten"
out=$("$MWSCHEMA" check "$R" 2>&1) || fail "not in sync: $out"
mutate_and_repair "$R" repo/sql/abstract/wbx_items.json repo/sql/mysql/wbx_items.sql \
	repo/sql/postgres/wbx_items.sql repo/sql/sqlite/wbx_items.sql
ok "two manifests and helper-built paths: found, synced, no second entry, drift repaired"

# 2. MySQL's file in sql/ itself, labels "./tables.json".
R=$(fixture mysql-root)
gen "$R" sql/tables.json mysql sql/tables-generated.sql ./tables.json
gen "$R" sql/tables.json sqlite sql/sqlite/tables-generated.sql ./tables.json
gen "$R" sql/tables.json postgres sql/postgres/tables-generated.sql ./tables.json
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "missing\|hand-written" && fail "MySQL beside the schema: $out"
[ "$(printf '%s\n' "$out" | grep -c '\[generated-source-label\]')" = 3 ] || fail "labels: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 || fail "sync"
[ -e "$R/sql/mysql" ] && fail "sync wrote an unused sql/mysql/"
mutate_and_repair "$R" sql/tables.json sql/tables-generated.sql sql/sqlite/tables-generated.sql
ok "MySQL beside the schema: no 'missing', no sql/mysql/, drift repaired"

# 3. db/ found through the handler; a Windows label.
R=$(fixture db-folder)
for db in mysql postgres sqlite; do
	gen "$R" db/tables.json $db db/$db/tables-generated.sql 'db\tables.json'
done
out=$("$MWSCHEMA" check "$R" 2>&1)
[ "$(printf '%s\n' "$out" | grep -c '\[generated-source-label\]')" = 3 ] || fail "db\\: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 && "$MWSCHEMA" check "$R" >/dev/null 2>&1 || fail "db/ sync"
mutate_and_repair "$R" db/tables.json db/mysql/tables-generated.sql db/postgres/tables-generated.sql
ok "db/ and 'db\\tables.json': found, label fixed, drift repaired"

# 4. includes/backend/schema: a new table there is missing until synced.
R=$(fixture nested)
out=$("$MWSCHEMA" check "$R" 2>&1) && fail "nothing reported: $out"
printf '%s\n' "$out" | grep -q "includes/backend/schema/sqlite/tables-generated.sql: error: missing" ||
	fail "schema in includes/ not found: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 || fail "nested sync"
mutate_and_repair "$R" includes/backend/schema/tables.json \
	includes/backend/schema/mysql/tables-generated.sql
ok "a schema deep in includes/ is checked and synced"

# 5. MySQL only: no other platform is asked for or written.
R=$(fixture mysql-only)
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "PostgreSQL\|SQLite" && fail "MySQL-only: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 || fail "sync"
[ -f "$R/sql/tables-generated.sql" ] || fail "MySQL file not where the handler loads it"
[ -e "$R/sql/mysql" ] || [ -e "$R/sql/sqlite" ] || [ -e "$R/sql/postgres" ] &&
	fail "platform folders written: $(ls "$R/sql")"
mutate_and_repair "$R" sql/tables.json sql/tables-generated.sql
ok "MySQL-only: one file, where the handler loads it"

# 6. A change whose SQL is named otherwise, labels relative to sql/: no second copy, no second entry.
R=$(fixture renamed)
for db in mysql postgres sqlite; do
	gen "$R" sql/tables.json $db sql/$db/tables-generated.sql tables.json
	gen "$R" sql/abstractSchemaChanges/patch-lx-add-lx_tag.json $db \
		sql/$db/patch-lx-tag-fields.sql abstractSchemaChanges/patch-lx-add-lx_tag.json
done
cp "$R/includes/SchemaHooks.php" "$TMP/handler"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "missing\|not registered\|does not exist" && fail "renamed: $out"
[ "$(printf '%s\n' "$out" | grep -c '\[generated-source-label\]')" = 6 ] || fail "labels: $out"
"$MWSCHEMA" sync "$R" > "$TMP/sync.out" 2>&1 || fail "sync: $(cat "$TMP/sync.out")"
ls "$R/sql/mysql" | grep -q "patch-lx-add-lx_tag.sql" && fail "a second copy was written"
cmp -s "$TMP/handler" "$R/includes/SchemaHooks.php" || fail "a second entry was added"
# Renamed JSON, same change: the file and the registered field are recognised.
mv "$R/sql/abstractSchemaChanges/patch-lx-add-lx_tag.json" "$R/sql/abstractSchemaChanges/patch-lx_items-lx_tag.json"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "already holds what sql/abstractSchemaChanges/patch-lx_items-lx_tag.json generates" ||
	fail "copy under another name not recognised: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1
ls "$R/sql/mysql" | grep -q "patch-lx_items-lx_tag.sql" && fail "a second copy after a rename"
cmp -s "$TMP/handler" "$R/includes/SchemaHooks.php" || fail "a second entry after a rename"
ok "a change's SQL under another name: no second copy, no second installer entry"

# 7. Only MediaWiki's schema test: its folders and its platforms.
R=$(fixture ci-test)
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 || fail "ci-test sync"
[ -f "$R/database/sql/mysql/cix.sql" ] && [ -f "$R/database/sql/sqlite/cix.sql" ] ||
	fail "SQL not where the test looks"
[ -e "$R/database/sql/postgres" ] && fail "a platform the test does not list was written"
mutate_and_repair "$R" database/schema/cix.json database/sql/sqlite/cix.sql
ok "AbstractSchemaTestBase subclass: its folders and platforms are used"

# 8. No abstract schema: said, not "0 findings".
R=$(fixture noschema)
out=$("$MWSCHEMA" check "$R" 2>&1); rc=$?
[ $rc = 0 ] || fail "no schema: rc=$rc"
printf '%s\n' "$out" | grep -q "no abstract schema found in .*(extension Plain); looked at .*includes/Hooks.php" ||
	fail "no schema: $out"
printf '%s\n' "$out" | grep -q "0 findings" && fail "said 0 findings: $out"
out=$("$MWSCHEMA" sync "$R" 2>&1) && printf '%s\n' "$out" | grep -q "no abstract schema found" ||
	fail "sync without schema: $out"
ok "an extension without abstract schema is told so"

# 9. .mwschemarc alone (the manifest fallback once formatted into a NULL buffer).
R=$(fixture rc-only)
out=$("$MWSCHEMA" check "$R" 2>&1); rc=$?
[ $rc = 1 ] || fail "rc-only: rc=$rc $out"
printf '%s\n' "$out" | grep -q "schema/sql-sqlite/tables-generated.sql: error: missing" || fail "rc dirs: $out"
printf '%s\n' "$out" | grep -q "PostgreSQL" && fail "set platforms ignored: $out"
"$MWSCHEMA" sync "$R" >/dev/null 2>&1 && "$MWSCHEMA" check "$R" >/dev/null 2>&1 || fail "rc-only sync"
ok ".mwschemarc alone: sql-dir with %(platform), platforms, no crash"

# 10. A repository bundling extensions in its folders, no manifest at its top
# (SocialProfile): its root is the checkout, not "not inside a checkout".
R=$(fixture bundle)
git -C "$R" init -q || fail "git init bundle"
out=$(cd "$R" && "$MWSCHEMA" check 2>&1); rc=$?
[ $rc = 0 ] || fail "bundle: rc=$rc $out"
printf '%s\n' "$out" | grep -q "no abstract schema found in .*bundle (extension bundle)" ||
	fail "bundle: $out"
out=$(cd "$R/Cards" && "$MWSCHEMA" check 2>&1) && printf '%s\n' "$out" | grep -q "(extension Cards)" ||
	fail "a bundled extension's own folder: $out"
out=$(cd "$R" && "$MWSCHEMA" review HEAD 2>&1); rc=$?
[ $rc -lt 128 ] || fail "review in a bundle crashed: $out"
ok "a repository bundling extensions is a checkout without abstract schema"

# 11. A patch an older generator wrote (Doctrine once added a SET DEFAULT
# after a type change: UploadWizard, WikiLove, AntiSpoof), committed with its
# JSON and untouched since, is a warning; a later hand edit is drift.
R="$TMP/older"
rm -rf "$R" && cp -r "$FIX/extension" "$R" && chmod -R u+w "$R" && rm -rf "$R/change"
write_change extension "$R"
(cd "$R" && "$MWSCHEMA" sync >/dev/null) || fail "older: sync"
pg=sql/postgres/patch-add-index-gi_name.sql
printf 'ALTER TABLE  gadgetry_item ALTER gi_name\nSET  DEFAULT \x27\x27;' >> "$R/$pg"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm "Add the index" || fail "older: commit"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^$pg:[0-9]*: warning: written by an older generator" ||
	fail "older generator: $out"
printf '%s\n' "$out" | grep -q ": error:" && fail "older generator is an error: $out"
out=$("$MWSCHEMA" check --strict "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^$pg:[0-9]*: error: differs" || fail "--strict: $out"
printf '%s\n' "-- by hand" >> "$R/$pg"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^$pg:[0-9]*: error: differs" || fail "uncommitted edit: $out"
git -C "$R" commit -qam "Edit the patch by hand" || fail "older: edit"
out=$("$MWSCHEMA" check "$R" 2>&1)
printf '%s\n' "$out" | grep -q "^$pg:[0-9]*: error: differs" || fail "committed hand edit: $out"
ok "a patch an older generator wrote with its JSON is a warning, a hand edit since is drift"
exit 0
