#!/bin/sh
# The add-column form at 160x48: it docks beside or above the preview, and
# every keystroke (before Enter) updates the diff and the SQL on screen.
. "${top_srcdir:-.}/tests/tui/lib.sh"
. "${top_srcdir:-.}/tests/tui/live_form_lib.sh"
live_form_check 160 48
echo PASS
