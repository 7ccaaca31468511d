# Shared by live_form_wide.sh and live_form_narrow.sh: typing into the
# add-column form, before Enter, changes the diff and the SQL on screen.
# live_form_check X Y
live_form_check() {
  open_fixture "$1" "$2"
  keys a; wait_for "Add column"
  # The diff follows each keystroke of the name (no Enter yet).
  type_text "actor_mail"; keys Tab; type_text "str"; keys Tab; type_text "64"
  wait_for '+            "name": "actor_mail",'
  assert_screen "Add column"
  keys BTab BTab; type_text "x"
  wait_for '+            "name": "actor_mailx",'
  # The MySQL tab cannot be picked inside the form: look at it from a new form.
  keys Escape; wait_gone "Add column"
  wait_for "No change yet"
  keys 2
  keys a; wait_for "Add column"
  type_text "actor_mail"; keys Tab; type_text "str"; keys Tab; type_text "64"
  wait_for "ADD actor_mail VARCHAR(64) NOT NULL;"
  keys BSpace BSpace; type_text "32"
  wait_for "ADD actor_mail VARCHAR(32) NOT NULL;"
  # Invalid partial input: an inline error, the SQL back to no change, nothing lost.
  keys BSpace BSpace; type_text "3x"
  wait_for "a whole number, or empty"
  wait_gone "ADD actor_mail"
  keys BSpace; wait_for "ADD actor_mail VARCHAR(3) NOT NULL;"
  assert_screen "actor_mail"
  keys Enter; wait_gone "Add column"
  wait_for "column added"
  assert_screen "ADD actor_mail VARCHAR(3) NOT NULL;"
  # One undo step for the whole form.
  keys u; wait_for "No change yet"
  keys q; poll 40 exited || keys y
  wait_exit >/dev/null
}
