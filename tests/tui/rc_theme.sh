#!/bin/sh
# The user's config file ($XDG_CONFIG_HOME/mwschema/config) rebinds keys,
# unbinds others and switches the theme; the theme is visible in the
# colours tmux captures; :set changes it back at run time; bad lines are
# reported with file:line (first in the status line, all in :messages) and
# the rest of the file still applies.
. "${top_srcdir:-.}/tests/tui/lib.sh"
make_workspace
CONF="$T_DIR/xdg/mwschema"
mkdir -p "$CONF"
cat > "$CONF/config" <<'RC'
# tig-style key names, a rebound and an unbound request
bind generic <C-x> add-column
bind generic a none
bind generic Q quit
bind generic q none
bind generic <Nope> quit
set theme = colorblind
set theme = no-such-theme
set mouse = maybe
RC
T_ENV="XDG_CONFIG_HOME=$T_DIR/xdg" start 120 40
wait_for "Tables (3)"
# HOME is $T_DIR in the pane: the path is shown from ~.
assert_screen "[3 config problems, :messages] ~/xdg/mwschema/config:6: unknown key '<Nope>'"

# The rebound key works, the unbound ones do nothing.
keys a
wait_for "'a' does nothing here"
keys C-x
wait_for "Add column"
type_text "an_extra"; keys Tab; type_text "integer"; keys Enter
wait_for "+ an_extra"

# colorblind: the diff's added lines in blue (34), not the default theme's green (32).
row_colour() {
  tmux -S "$T_SOCK" capture-pane -e -p -t t | grep -F '"name": "an_extra"' | head -1 |
    sed -e 's/"name".*//' | grep -o '\[[0-9;]*m' | tr '\n' ' '
}
row_colour | grep -q '34m' || fail "added line not blue in the colorblind theme: $(row_colour)"
row_colour | grep -q '32m' && fail "added line green in the colorblind theme"

# Every problem, in file order, with its line number.
keys :; type_text "messages"; keys Enter
wait_for "Messages"; assert_screen "Configuration:"
assert_screen "config:6: unknown key '<Nope>'"
assert_screen "config:8: unknown theme 'no-such-theme'"
assert_screen "config:9: mouse must be true or false, not 'maybe'"
keys Escape
wait_gone "Configuration:"

# :set at run time: the theme and the options it reports.
keys :; type_text "set theme = default"; keys Enter
wait_for "theme = default"
n=40; until row_colour | grep -q '32m'; do
  n=$((n - 1)); [ "$n" -gt 0 ] || fail "default theme not back after :set: $(row_colour)"; sleep 0.05
done
keys :; type_text "set"; keys Enter
wait_for "theme=default mouse=false tab=diff"
keys :; type_text "set tab = sqlite"; keys Enter
wait_for "ALTER TABLE /*_*/actor"
keys :; type_text "bind generic q quit"; keys Enter
wait_for "bind generic q quit"

# q is bound again (run time :bind); Q too (config); both ask about the edit.
keys Q
wait_for "Quit anyway?"
keys y
[ "$(wait_exit)" = 0 ] || fail "exit status"
tmux -S "$T_SOCK" kill-server

# NO_COLOR wins over any theme: attributes only, no colour at all.
printf 'set theme = colorblind\n' > "$T_WS/.mwschemarc"
T_ENV=NO_COLOR=1 start 100 30
# The quit above kept the edit in the recovery file.
wait_for "Restore them?"
keys n
wait_for "a backup is kept"; keys Enter
wait_for "discarded"
keys :; type_text "set"; keys Enter
wait_for "theme=colorblind"
colours=$(tmux -S "$T_SOCK" capture-pane -e -p -t t | grep -o '\[[0-9;]*m' | grep -E '[[;][34][0-7](;|m)' | sort -u)
[ -z "$colours" ] || fail "colours with NO_COLOR: $colours"
tmux -S "$T_SOCK" capture-pane -e -p -t t | grep -q -E '[[;]7(;|m)' || fail "no reverse video with NO_COLOR"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status with NO_COLOR"
echo PASS
