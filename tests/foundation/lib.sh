# Shared set-up of the foundation shell tests (sourced, not run): the
# defaults make check passes, a temporary directory removed at exit, and
# fail/pass that count. A test ends with: [ "$fails" = 0 ] || exit 1
set -u
: "${top_srcdir:=.}"
: "${MWSCHEMA:=./mwschema}"
: "${MW_CORPUS:=$top_srcdir/../shared/corpus}"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok - $*"; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
case $MWSCHEMA in /*) ;; *) MWSCHEMA=$PWD/$MWSCHEMA ;; esac
