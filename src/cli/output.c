/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How the commands talk to a terminal: colour (only on a terminal, never
 * with NO_COLOR), a pager for long output (as git does), one way of
 * printing paths, diagnostics, and handing over to the curses front end,
 * which is a separate program so that no headless command loads curses.
 */
#include <config.h>

#include "cli/cli.h"
#include "mwschema/fs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static enum cli_when color_when = CLI_WHEN_AUTO;
static int color_on[2] = { -1, -1 };	/* stdout, stderr: decided on first use */
static bool pager_enabled = true;
static pid_t pager_pid;

void
cli_color_set(enum cli_when when)
{
	color_when = when;
	color_on[0] = color_on[1] = -1;
}

void
cli_pager_set(bool enabled)
{
	pager_enabled = enabled;
}

static bool
color_auto(int fd)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(fd) && !(no_color && *no_color) && term && strcmp(term, "dumb");
}

const char *
cli_style(FILE *fp, enum cli_style style)
{
	static const char *const sgr[] = {
		[CLI_S_RESET] = "\033[m", [CLI_S_ERROR] = "\033[1;31m",
		[CLI_S_WARNING] = "\033[33m", [CLI_S_INFO] = "\033[36m",
		[CLI_S_GOOD] = "\033[32m", [CLI_S_BOLD] = "\033[1m",
	};
	int i = fp == stderr;

	if (color_on[i] < 0)
		color_on[i] = color_when == CLI_WHEN_ALWAYS ||
			      (color_when == CLI_WHEN_AUTO && color_auto(fileno(fp)));
	return color_on[i] ? sgr[style] : "";
}

/*
 * The pager
 */

static bool
in_path(const char *prog)
{
	const char *path = getenv("PATH");

	while (path && *path) {
		size_t n = strcspn(path, ":");
		char *dir = mw_xstrndup(path, n), *file = mw_path_join(*dir ? dir : ".", prog);
		bool found = access(file, X_OK) == 0;

		free(dir);
		free(file);
		if (found)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

static const char *
pager_command(void)
{
	const char *p = getenv("MWSCHEMA_PAGER");

	if (!p)
		p = getenv("PAGER");
	if (!p)
		p = in_path("less") ? "less" : NULL;
	return p && *p && strcmp(p, "cat") ? p : NULL;
}

static void
wait_for_pager(void)
{
	fflush(stdout);
	fflush(stderr);
	close(STDOUT_FILENO);
	close(STDERR_FILENO);
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
}

void
cli_pager_start(void)
{
	const char *cmd;
	int fds[2];

	if (!pager_enabled || pager_pid || !isatty(STDOUT_FILENO) || !(cmd = pager_command()))
		return;
	/* Colour is decided while the streams are still the terminal. */
	cli_style(stdout, CLI_S_RESET);
	cli_style(stderr, CLI_S_RESET);
	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0)
		return;
	pager_pid = fork();
	if (pager_pid < 0) {
		pager_pid = 0;
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pager_pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	dup2(fds[1], STDOUT_FILENO);
	/* As git: messages on a terminal join the paged text, in order. */
	if (isatty(STDERR_FILENO))
		dup2(fds[1], STDERR_FILENO);
	close(fds[0]);
	close(fds[1]);
	/* Quitting the pager early ends us quietly, as it does git. */
	signal(SIGPIPE, SIG_DFL);
	atexit(wait_for_pager);
}

bool
cli_output_is_terminal(void)
{
	return pager_pid > 0 || isatty(STDOUT_FILENO);
}

/*
 * Paths
 */

/* Drops "." components and repeated slashes; ".." stays. */
static char *
normalize(const char *path)
{
	mw_buf out = MW_BUF_INIT;
	const char *p = path;

	if (*p == '/')
		mw_buf_addc(&out, '/');
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n && !(n == 1 && *p == '.')) {
			if (out.len && mw_buf_cstr(&out)[out.len - 1] != '/')
				mw_buf_addc(&out, '/');
			mw_buf_add(&out, p, n);
		}
		p += n;
		p += strspn(p, "/");
	}
	if (!out.len)
		mw_buf_addc(&out, '.');
	return mw_buf_detach(&out);
}

char *
cli_path(const char *root, const char *path)
{
	char real[PATH_MAX];
	size_t n;

	if (!path)
		return NULL;
	if (!root || path[0] != '/')
		return normalize(path);
	/* An absolute path below the root: the part below it. */
	if (!realpath(root, real))
		snprintf(real, sizeof(real), "%s", root);
	n = strlen(real);
	while (n > 1 && real[n - 1] == '/')
		n--;
	if (!strncmp(path, real, n) && (path[n] == '/' || !path[n]))
		return normalize(path[n] ? path + n + 1 : ".");
	return normalize(path);
}

int
cli_check_input(const char *cmd, const char *path)
{
	char *shown;
	int err;

	if (access(path, R_OK) == 0 && !mw_is_dir(path))
		return 0;
	err = errno;
	shown = cli_path(NULL, path);
	cli_fail(CLI_IO, cmd, "%s: %s", shown, mw_is_dir(path) ? "is a directory" : strerror(err));
	free(shown);
	return CLI_IO;
}

void
cli_diags_paths(mw_diags *diags, const char *root)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *p = cli_path(root, diags->items[i].file);

		free(diags->items[i].file);
		diags->items[i].file = p;
	}
}

/* One formatted diagnostic, its severity word coloured. */
static void
put_diag(FILE *fp, const mw_diag *d, const char *text)
{
	static const enum cli_style styles[] = { CLI_S_INFO, CLI_S_WARNING, CLI_S_ERROR };
	char word[32];
	const char *at;

	snprintf(word, sizeof(word), ": %s: ", mw_severity_name(d->severity));
	at = d->rule ? strstr(text, word) : NULL;
	if (!at || !*cli_style(fp, CLI_S_RESET)) {
		fprintf(fp, "%s\n", text);
		return;
	}
	fprintf(fp, "%.*s: %s%s%s%s\n", (int)(at - text), text, cli_style(fp, styles[d->severity]),
		mw_severity_name(d->severity), cli_style(fp, CLI_S_RESET), at + strlen(word) - 2);
}

void
cli_print_diags(FILE *fp, const char *root, const mw_diags *diags)
{
	mw_buf line = MW_BUF_INIT;

	for (size_t i = 0; i < diags->n; i++) {
		mw_diag d = diags->items[i];

		d.file = cli_path(root, d.file);
		mw_buf_reset(&line);
		mw_diag_format(&line, &d);
		put_diag(fp, &d, mw_buf_cstr(&line));
		free(d.file);
	}
	mw_buf_release(&line);
}

/*
 * The curses front end
 */

/* $MWSCHEMA_EXEC_PATH, else beside this binary (a build tree), else installed. */
static char *
editor_program(void)
{
	const char *env = getenv("MWSCHEMA_EXEC_PATH");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return mw_path_join(env, "mwschema-edit");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *dir, *prog;

		exe[n] = '\0';
		dir = mw_path_dirname(exe);
		prog = mw_path_join(dir, "mwschema-edit");
		free(dir);
		if (access(prog, X_OK) == 0)
			return prog;
		free(prog);
	}
	return mw_path_join(MW_PKGLIBEXECDIR, "mwschema-edit");
}

int
cli_exec_editor(const char *cmd, char **argv)
{
	char *prog = editor_program();
	int err;

	argv[0] = prog;
	fflush(stdout);
	fflush(stderr);
	execv(prog, argv);
	err = errno;
	cli_fail(CLI_IO, cmd, "cannot run the editor %s: %s", prog, strerror(err));
	free(prog);
	return CLI_IO;
}
