# Set-up for the review-mode UI tests (sourced after tests/tui/lib.sh):
# a checkout shaped like MediaWiki core whose last commit is a schema change
# made by `mwschema commit`, as tests/review/review_commit.sh builds it.

R_FIX="$top_srcdir/tests/data/workspace/core"
R_PATCH=sql/abstractSchemaChanges/patch-widget-wd_note.json
export HOME="$T_DIR" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true

# make_review_repo: the fixture with its generated files as the base commit,
# then the change (JSON + tables.json) committed by `mwschema commit`.
make_review_repo() {
  cp -R "$R_FIX" "$T_WS" && chmod -R u+w "$T_WS" && rm -rf "$T_WS/change" ||
    fail "cannot copy the fixture"
  (cd "$T_WS" && "$MWSCHEMA" sync >/dev/null) || fail "initial sync"
  (cd "$T_WS" && git init -q -b main && git config user.name "UI Test" &&
    git config user.email "ui@example.org" && git add -A && git commit -q -m base) ||
    fail "base commit"
  mkdir -p "$T_WS/sql/abstractSchemaChanges"
  cp "$R_FIX/change/patch-widget-wd_note.json" "$T_WS/$R_PATCH"
  cp "$R_FIX/change/tables.json" "$T_WS/sql/tables.json"
  chmod -R u+w "$T_WS"
  "$MWSCHEMA" commit --bug=T123456 --branch=wd-note "$T_WS" >/dev/null 2>&1 ||
    fail "mwschema commit failed"
}

# start_review [X Y] [ARGS...]: `mwschema review ARGS` in the checkout.
start_review() {
  x=${1:-160}; y=${2:-50}
  shift 2 2>/dev/null
  start "$x" "$y" review "$@"
  wait_for "mwschema review" 20
}
