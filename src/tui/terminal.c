/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The terminal outside curses (see terminal.h). A fatal signal must not
 * leave the shell in raw mode on the alternate screen: everything the
 * handler sends is computed beforehand, so it only calls write(2) and
 * tcsetattr(3), both async-signal-safe.
 */
#include <config.h>

#include "tui/terminal.h"
#include "tui/curses.h"
#include "tui/display.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_mode;
static int saved_fd = -1;
static char leave_seq[256];
static size_t leave_len;

void
terminal_save_mode(void)
{
	if (tcgetattr(STDIN_FILENO, &saved_mode) == 0)
		saved_fd = STDIN_FILENO;
}

static void
append_cap(const char *name)
{
	const char *s = tigetstr(name);
	size_t n;

	if (!s || s == (const char *)-1)
		return;
	n = strlen(s);
	if (leave_len + n < sizeof(leave_seq)) {
		memcpy(leave_seq + leave_len, s, n);
		leave_len += n;
	}
}

void
terminal_prepare_restore(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";

	leave_len = 0;
	append_cap("sgr0");
	append_cap("cnorm");
	append_cap("rmkx");
	memcpy(leave_seq + leave_len, mouse_off, sizeof(mouse_off) - 1);
	leave_len += sizeof(mouse_off) - 1;
	append_cap("rmcup");
}

void
terminal_restore_from_signal(void)
{
	int saved_errno = errno;
	ssize_t ignored;

	if (leave_len)
		ignored = write(STDOUT_FILENO, leave_seq, leave_len);
	(void)ignored;
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved_mode);
	errno = saved_errno;
}

/* Runs the editor in a child; SIGINT and SIGQUIT are the child's meanwhile (as system(3)). */
static int
run_editor(const char *path, long line, mw_buf *err)
{
	const char *ed = getenv("VISUAL");
	struct sigaction ign, old_int, old_quit;
	char *script, at[32];
	int status = 0;
	pid_t pid;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	script = mw_strdupf("%s \"$@\"", ed);
	snprintf(at, sizeof(at), "+%ld", line > 0 ? line : 1);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, ed, at, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		mw_buf_addf(err, "the editor '%s' did not finish normally", ed);
		return -1;
	}
	return 0;
}

int
terminal_edit_file(const char *path, long line, mw_buf *err)
{
	bool curses = display_active();
	int rc;

	if (curses) {
		def_prog_mode();
		endwin();
	}
	rc = run_editor(path, line, err);
	if (curses) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	return rc;
}

/* vim: set ts=8 sw=8 noexpandtab: */
