#!/bin/sh
# The layering of the source tree, as HACKING.md states it:
#
#   src/core/<area>/  the UI-free core; includes only mwschema/ headers and
#                     its own folder's one private header, spelt
#                     "core/<area>/internal.h"
#   src/editor/       the editing session without curses; core + editor/
#   src/cli/          the headless commands; core + cli/ (no editor, no tui)
#   src/tui/          curses and readline live here and nowhere else
#   src/main.c        dispatch only
#
# libgit2, libsqlite3 and the MariaDB and PostgreSQL clients stay in their
# one module each; every public header under include/mwschema/ compiles on
# its own; and no source file is longer than 800 lines (generated files
# excepted).
set -u
: "${top_srcdir:=.}"
: "${CC:=cc}"
fails=0
cd "$top_srcdir" || exit 99

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# quoted_includes FILE: the "..." includes of FILE, one per line.
quoted_includes() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"
}

# Known exceptions, "FILE:HEADER" each: the CLI still enters the curses
# review and tutorial directly. They go when the front ends are split; do not
# add to this list.
known="src/cli/cmd_review.c:tui/tui.h src/cli/cmd_tutorial.c:tui/tui.h src/cli/cmd_tutorial.c:tui/tutorial.h"

# check_folder DIR ALLOWED_PATTERN: every quoted include of a file below DIR
# must match the extended regular expression.
check_folder() {
	dir=$1 allowed=$2
	for f in $(find "$dir" -name '*.[ch]' | sort); do
		for inc in $(quoted_includes "$f"); do
			case " $known " in *" $f:$inc "*) continue ;; esac
			echo "$inc" | grep -Eq "^($allowed)$" ||
				fail "$f includes \"$inc\", which its layer must not"
		done
		[ "$dir" = src/tui ] && continue
		grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(n?cursesw?|ncursesw/[a-z]*|readline/[a-z]*|term|panel|menu|form)\.h>' "$f" |
			sed "s|^|FAIL: $f:|;s|\$| (curses and readline belong to src/tui)|" | grep . && fails=$((fails + 1))
	done
}

for area in src/core/*/; do
	area=${area%/}
	name=${area#src/core/}
	check_folder "$area" "config\.h|mwschema/[a-z_]+\.h|core/$name/internal\.h"
	# A folder's private declarations live in one header, internal.h.
	for h in "$area"/*.h; do
		[ -e "$h" ] || continue
		[ "$h" = "$area/internal.h" ] ||
			fail "$h: a core folder keeps its private declarations in internal.h"
	done
done
check_folder src/editor "config\.h|mwschema/[a-z_]+\.h|editor/[a-z_]+\.h"
check_folder src/cli "config\.h|mwschema/[a-z_]+\.h|cli/[a-z_]+\.h"
check_folder src/tui "config\.h|mwschema/[a-z_]+\.h|editor/[a-z_]+\.h|tui/[a-z_]+\.h"

# Each third-party library stays in its one module: confined LIBRARY
# HEADER_REGEX FILES_REGEX.
confined() {
	for f in $(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<($2)>" src include | sort); do
		case $f in *.[ch]) ;; *) continue ;; esac
		echo "$f" | grep -Eq "^($3)$" ||
			fail "$f includes $1, which belongs to $(echo "$3" | tr -d '\\')"
	done
}
confined libgit2 'git2\.h' 'src/core/checkout/git(_history|_guard)?\.c'
confined libsqlite3 'sqlite3\.h' 'src/core/verify/engine_sqlite\.c'
confined 'the MariaDB client' 'mysql\.h|mariadb/[a-z_]+\.h' 'src/core/verify/engine_mariadb\.c'
confined 'the PostgreSQL client' 'libpq-fe\.h' 'src/core/verify/engine_pg\.c'

# Each public header stands alone (its own includes suffice).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for h in include/mwschema/*.h; do
	printf '#include "%s"\nint mw_layering_probe;\n' "${h#include/}" >"$tmp/probe.c"
	$CC -std=c11 -fsyntax-only -Wall -Werror -I include "$tmp/probe.c" 2>"$tmp/err" ||
		{ fail "$h does not compile on its own:"; sed 's/^/  /' "$tmp/err"; }
done

# Short files: no source over 800 lines, unless it says it is generated.
for f in $(find src include -name '*.[ch]' | sort); do
	n=$(wc -l <"$f")
	[ "$n" -le 800 ] && continue
	head -n 5 "$f" | grep -q 'GENERATED' && continue
	fail "$f has $n lines (at most 800: split it along what its parts do)"
done

[ "$fails" = 0 ] && echo "PASS: layering, self-contained headers, file lengths"
[ "$fails" = 0 ]
