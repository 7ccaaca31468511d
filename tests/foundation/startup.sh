#!/bin/sh
# A command pays only for what it uses: mwschema links no curses, readline,
# git or database library (mwschema-edit has curses and readline); at run
# time generate, lint, check, sync and help load none of them, verify on
# SQLite loads SQLite only, review loads git; and a library that cannot be
# loaded is named with the package to install (exit 3).
. "${top_srcdir:-.}/tests/foundation/lib.sh"

EDIT=$(dirname "$MWSCHEMA")/mwschema-edit
heavy='ncurses|tinfo|readline|git2|mariadb|libpq|sqlite3'

# Linked: ldd lists what the program needs before main().
linked=$(ldd "$MWSCHEMA" | awk '{ print $1 }')
if printf '%s\n' "$linked" | grep -Eq "$heavy"; then
	fail "mwschema links $(printf '%s\n' "$linked" | grep -E "$heavy" | tr '\n' ' ')"
else
	pass "mwschema links only $(printf '%s\n' "$linked" | grep -v vdso | tr '\n' ' ')"
fi
for lib in libncursesw libreadline; do
	ldd "$EDIT" | grep -q "$lib" || fail "mwschema-edit does not link $lib"
done

# loaded CMD...: the shared objects the dynamic loader opened, linked or dlopen'd.
loaded() {
	rm -f "$tmp"/ld.*
	LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/ld" "$@" >"$tmp/out" 2>&1
	sed -n 's/.*file=\([^ ]*\) .*/\1/p' "$tmp"/ld.* 2>/dev/null | sort -u | tr '\n' ' '
}

# expect_light CMD...: none of the heavy libraries.
expect_light() {
	libs=$(loaded "$@")
	case $libs in
	*libc.so*) ;;
	*) echo "SKIP: LD_DEBUG gives no output here"; exit 77 ;;
	esac
	if printf '%s\n' "$libs" | tr ' ' '\n' | grep -Eq "$heavy"; then
		fail "$* loads $libs"
	else
		pass "$(echo "$*" | sed "s|$MWSCHEMA|mwschema|;s|$tmp/||g") loads $libs"
	fi
}

mkdir -p "$tmp/ws" && cp -r "$top_srcdir/demo/sql" "$top_srcdir/demo/includes" "$tmp/ws/" &&
	chmod -R u+w "$tmp/ws"
change=$(ls "$tmp"/ws/sql/abstractSchemaChanges/*.json | head -n 1)
expect_light "$MWSCHEMA" --version
expect_light "$MWSCHEMA" --help
expect_light "$MWSCHEMA" help lint
expect_light "$MWSCHEMA" generate --type=all "$tmp/ws/sql/tables.json"
expect_light "$MWSCHEMA" generate --type=all --reverse "$change"
expect_light "$MWSCHEMA" lint "$tmp/ws/sql"
expect_light "$MWSCHEMA" -C "$tmp/ws" lint
expect_light "$MWSCHEMA" check "$tmp/ws"
expect_light "$MWSCHEMA" sync "$tmp/ws"
expect_light "$MWSCHEMA" __complete lint --f
expect_light "$MWSCHEMA" lint --write-baseline="$tmp/baseline" "$tmp/ws/sql"
expect_light "$MWSCHEMA" lint --baseline="$tmp/baseline" "$tmp/ws/sql"
expect_light "$MWSCHEMA" -C "$tmp/ws" check --layout
expect_light "$MWSCHEMA" help audit

# verify on SQLite: SQLite, and nothing else heavy.
libs=$(loaded "$MWSCHEMA" verify --type=sqlite "$change")
case $libs in
*sqlite3*) printf '%s\n' "$libs" | tr ' ' '\n' | grep -Eq 'ncurses|readline|git2|mariadb|libpq' &&
		fail "verify --type=sqlite loads $libs" || pass "verify --type=sqlite loads $libs" ;;
*) fail "verify --type=sqlite did not load SQLite: $libs $(cat "$tmp/out")" ;;
esac

# review: git on demand (and SQLite for its round trip).
if command -v git >/dev/null 2>&1; then
	(cd "$tmp/ws" && git init -q && git add -A &&
		git -c user.name=T -c user.email=t@example.org commit -qm base) >/dev/null 2>&1
	libs=$(loaded "$MWSCHEMA" -C "$tmp/ws" review --format=text)
	case $libs in
	*libgit2*) printf '%s\n' "$libs" | grep -Eq 'ncurses|readline' &&
			fail "review --format=text loads $libs" || pass "review loads $libs" ;;
	*) fail "review did not load libgit2: $libs $(head -3 "$tmp/out")" ;;
	esac
fi

# A library that does not load: exit 3 and the package to install.
mkdir -p "$tmp/broken"
for so in libpq.so.5 libmariadb.so.3; do : >"$tmp/broken/$so"; done
out=$(LD_LIBRARY_PATH="$tmp/broken" "$MWSCHEMA" verify --type=postgres "$change" 2>&1); rc=$?
[ $rc = 3 ] || fail "verify with a broken libpq: exit $rc, expected 3"
case $out in
*"PostgreSQL support needs libpq.so"*"apt-get install libpq"*) pass "a broken libpq is named, with its package" ;;
*) fail "verify with a broken libpq: $out" ;;
esac
[ "$(printf '%s\n' "$out" | grep -c 'needs libpq')" = 1 ] || fail "the library error is not said once: $out"

[ "$fails" = 0 ] && echo "PASS: start-up"
[ "$fails" = 0 ]
