#!/bin/sh
# Issue 14, MySQL string literals as Doctrine DBAL writes them
# (quoteStringLiteral doubles backslashes as well as quotes): the default
# C:\ is 'C:\\'. The generators' quoting is another branch's work
# (wt/fidelity); until it is merged this test prints SKIP. Once both are
# merged it must pass: the literal is byte-exact and verify runs it.
. "$top_srcdir/tests/security/lib.sh"

"$MWSCHEMA" generate --type=mysql --json="$SEC/backslash-defaults.json" >"$TMP/out.sql" 2>&1 ||
	{ fail "generate: $(cat "$TMP/out.sql")"; finish; }
if grep -qF "DEFAULT 'C:\\'" "$TMP/out.sql" && ! grep -qF "DEFAULT 'C:\\\\'" "$TMP/out.sql"; then
	echo "SKIP: the generators do not double MySQL backslashes yet (the wt/fidelity fix is not merged)"
	exit 77
fi
grep -qF "DEFAULT 'C:\\\\'" "$TMP/out.sql" && ok "MySQL: the default C:\\ is written 'C:\\\\'" ||
	fail "MySQL literal: $(cat "$TMP/out.sql")"
"$MWSCHEMA" verify --type=sqlite --json="$SEC/backslash-defaults.json" >/dev/null 2>&1 ||
	fail "verify refused the change on SQLite"
finish
