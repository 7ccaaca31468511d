#!/bin/sh
# The ':' commands come from one list: completion offers every one
# (review, export, wq, recover included) and :help lists them all.
. "${top_srcdir:-.}/tests/tui/lib.sh"
open_fixture 160 60
for pair in rev:review exp:export wq:wq reco:recover save:save-display mess:messages; do
  keys :; type_text "${pair%:*}"; keys Tab
  wait_for ":${pair#*:}"
  keys Escape
done
keys :; type_text "help"; keys Enter
wait_for "mwschema keys"
keys G
wait_for "Commands (after ':'"
for c in ":w, :write" ":q, :quit" ":q!" ":wq" ":open PATCH.json" ":table NAME" ":recover" \
    ":review [REV | PATCH.json]" ":export FILE" ":set NAME = VALUE" ":bind KEYMAP KEY REQUEST" \
    ":color ELEMENT FG BG [ATTR...]" ":messages" ":save-display FILE" ":tutorial" ":help"; do
  assert_screen "  $c "
done
keys q
# What the list dispatches: a command, an alias, a request name, a typo.
keys :; type_text "write"; keys Enter
wait_for "nothing to write"
keys :; type_text "add-column"; keys Enter
wait_for "Add column"
keys Escape
keys :; type_text "wrte"; keys Enter
wait_for "unknown command 'wrte': did you mean ':write'? (:help lists them)"
keys q
wait_exit >/dev/null
echo PASS
