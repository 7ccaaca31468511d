#!/bin/sh
# Issue 14, "other hostile inputs": what a red-team pass found beyond the
# cases of the issue. A handler whose expressions or blocks nest 100000 deep
# is read without overflowing the stack (deeper than PHP_MAX_NESTING is
# parsed past as unknown); a NUL byte in .mwschemarc is refused at its
# line and column (it made the parser loop, eating memory); a manifest that
# cannot be read (too deep, a FIFO, not an object) is a warning at its
# line:column, not a silent "0 findings" with its handlers unchecked; a
# generated SQL file that is a link leading out is not read by check or
# review (review printed the outside file's first differing line); lint DIR
# walks past links to directories (three links to "." never ended) and links
# leading out of DIR; a one-line file with 20000 tables lints in linear
# time (finding columns were counted from the line's start: 30 s); commit's
# "[branch oid] subject" line shows the branch (a clone names it) and the
# subject escaped; messages on stderr (cli_fail, cli_summary) show
# control characters of a checkout's path or a revision escaped.
. "$top_srcdir/tests/security/lib.sh"

R="$TMP/ext"
make_ext "$R"
add_change "$R"
H="$R/includes/Hooks/SchemaChangesHandler.php"
cp "$H" "$TMP/handler.php"
for deep in "'(' * 100000 + '1' + ')' * 100000" "'[' * 100000" "'!' * 200000 + '1'" \
	"'if (1) {' * 50000 + '}' * 50000" "'{' * 100000 + '}' * 100000"; do
	python3 - "$TMP/handler.php" "$H" "$deep" <<'PY' || exit 99
import sys
s = open(sys.argv[1]).read()
code = eval(sys.argv[3])
if not code.startswith(('if', '{')):
    code = '$x = ' + code + ';'
open(sys.argv[2], 'w').write(s.replace('$updater->addPostDatabaseUpdateMaintenance',
    code + '\n\t\t$updater->addPostDatabaseUpdateMaintenance'))
PY
	(cd "$R" && "$MWSCHEMA" check >"$TMP/out" 2>&1)
	rc=$?
	[ "$rc" = 1 ] && grep -q 'updater-entry-missing' "$TMP/out" &&
		ok "check: a handler nesting $deep: read, the missing entry reported" ||
		fail "handler nesting $deep: exit $rc: $(head -c 300 "$TMP/out")"
done
cp "$TMP/handler.php" "$H"

# A NUL byte in .mwschemarc: an error at its line:column, at once.
printf 'set schema-dir = sql\nset\000 x = y\n' >"$R/.mwschemarc"
(cd "$R" && ulimit -v 400000 && timeout 20 "$MWSCHEMA" check) >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q '^.mwschemarc:2:4: NUL byte' "$TMP/out" &&
	ok ".mwschemarc: a NUL byte is refused at its line and column" ||
	fail ".mwschemarc NUL: exit $rc: $(head -c 300 "$TMP/out")"
rm -f "$R/.mwschemarc"

# A manifest MediaWiki could not read either: a warning, exit 1.
cp "$R/extension.json" "$TMP/manifest.json"
python3 -c "print('{\"name\": \"G\", \"x\": ' + '[' * 100000 + ']' * 100000 + '}')" >"$R/extension.json"
(cd "$R" && timeout 20 "$MWSCHEMA" check) >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q '^extension.json:1:[0-9]*: cannot read the manifest: nesting too deep' "$TMP/out" &&
	ok "check: a manifest nested too deep is named at its line and column" ||
	fail "deep manifest: exit $rc: $(head -c 300 "$TMP/out")"
rm "$R/extension.json" && mkfifo "$R/extension.json"
(cd "$R" && timeout 20 "$MWSCHEMA" check) >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q '^extension.json:1:1: cannot read the manifest: empty file' "$TMP/out" &&
	ok "check: a manifest that is a FIFO does not block and is named" ||
	fail "FIFO manifest: exit $rc: $(head -c 300 "$TMP/out")"
rm "$R/extension.json" && cp "$TMP/manifest.json" "$R/extension.json"

# A generated file linked outside, holding the header and a secret.
(cd "$R" && "$MWSCHEMA" sync >/dev/null 2>&1)
S="$TMP/outside.sql"
{ head -n 4 "$R/sql/postgres/patch-add-index-gi_name.sql"; echo "SECRET-TOKEN"; } >"$S"
rm -f "$R/sql/mysql/patch-add-index-gi_name.sql"
ln -s "$S" "$R/sql/mysql/patch-add-index-gi_name.sql"
(cd "$R" && "$MWSCHEMA" check) >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 1 ] && ! grep -q SECRET "$TMP/out" && grep -q 'leads outside the checkout.*not read' "$TMP/out" &&
	ok "check: a generated file linked outside is named, not read" ||
	fail "check through a link: exit $rc: $(cat "$TMP/out")"
(cd "$R" && "$MWSCHEMA" review --format=text sql/abstractSchemaChanges/patch-add-index-gi_name.json) \
	>"$TMP/out" 2>&1
rc=$?
[ "$rc" != 0 ] && ! grep -q SECRET "$TMP/out" && grep -q 'leads outside the checkout' "$TMP/out" &&
	ok "review PATCH.json: a generated file linked outside is not shown" ||
	fail "review through a link: exit $rc: $(cat "$TMP/out")"
rm -f "$R/sql/mysql/patch-add-index-gi_name.sql"

# Links lint must not follow: loops, and a file outside.
L="$TMP/loops"
make_ext "$L"
ln -s . "$L/sql/a" && ln -s . "$L/sql/b" && ln -s . "$L/sql/c" && ln -s "$S" "$L/sql/outside.sql"
(cd "$L" && timeout 20 "$MWSCHEMA" lint) >"$TMP/out" 2>&1
rc=$?
[ "$rc" != 124 ] && ! grep -q 'nested too deeply\|SECRET\|outside.sql' "$TMP/out" &&
	grep -q '^mwschema lint: 4 files' "$TMP/out" &&
	ok "lint: links to directories and out of the checkout are walked past" ||
	fail "lint through links: exit $rc: $(tail -n 3 "$TMP/out")"

# 20000 tables without a primary key on one line: a finding each, quickly.
python3 -c "import sys; sys.stdout.write('[' + ','.join('{\"name\": \"t%d\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", \"options\": {}}], \"indexes\": []}' % i for i in range(20000)) + ']')" \
	>"$TMP/wide.json"
timeout 15 "$MWSCHEMA" lint --no-config "$TMP/wide.json" >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 1 ] && [ "$(grep -c 'pk-required' "$TMP/out")" = 20000 ] &&
	ok "lint: 20000 findings on one line in under 15 s" || fail "wide lint: exit $rc"

# commit on a branch whose name holds a C1 CSI and U+202E.
C="$TMP/commit"
make_ext "$C"
git -C "$C" checkout -q -b "$(printf 'br\302\2332J\342\200\256X')" || exit 99
add_change "$C"
(cd "$C" && "$MWSCHEMA" commit -m "$(printf 'Add an index \033[2J')") >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 0 ] && ! has_raw_control "$TMP/out" && ! LC_ALL=C grep -q "$(printf '\342\200\256')" "$TMP/out" &&
	grep -qF '[br\u009b2J\u202eX ' "$TMP/out" &&
	ok "commit: the branch and the subject are shown escaped" ||
	fail "commit line: exit $rc: $(od -c "$TMP/out" | head)"

# A checkout whose path holds an escape sequence, and a revision with one.
D="$TMP/$(printf 'ck\033]0;pwned\007')"
make_ext "$D"
"$MWSCHEMA" -C "$D" review "$(printf 'x\033[2J')" >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 3 ] && ! has_raw_control "$TMP/out" && grep -qF 'ck\x1b]0;pwned\x07' "$TMP/out" &&
	ok "review: an unknown revision's message shows the escapes" ||
	fail "review message: exit $rc: $(od -c "$TMP/out" | head)"
(cd "$D" && "$MWSCHEMA" generate --json="$(printf 'no\033[2J.json')") >"$TMP/out" 2>&1
! has_raw_control "$TMP/out" && ok "generate: a missing file's message shows the escapes" ||
	fail "generate message: $(od -c "$TMP/out" | head)"
finish
