# Shared set-up for ./run.sh and ./test.sh (sourced, not run): install what
# is missing from Debian's archive, then bring the in-tree build up to date,
# doing only the steps whose inputs changed.
#
# Callers set MW_TOP (the source tree). Progress goes to stderr so that
# "./run.sh --version" and friends keep a clean stdout; tool output goes to
# $MW_TOP/setup.log and is shown only when a step fails.

MW_BUILD_PKGS="build-essential autoconf automake libtool pkgconf autoconf-archive
	libncurses-dev libsqlite3-dev sqlite3 libreadline-dev libgit2-dev check git"
MW_TEST_PKGS="tmux valgrind clang libclang-rt-14-dev python3
	mariadb-server mariadb-client postgresql libmariadb-dev libpq-dev"
MW_CONFIGURE_FLAGS="--enable-werror"
MW_JOBS=${MW_JOBS:-2}
MW_SETUP_LOG=${MW_SETUP_LOG:-$MW_TOP/setup.log}

mw_say() {
	printf '%s\n' "$*" >&2
}

# Prints the packages of "$@" that dpkg does not list as installed.
mw_missing_packages() {
	for pkg in "$@"; do
		status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)
		case $status in ii*) ;; *) printf '%s ' "$pkg" ;; esac
	done
}

# Installs the missing packages of "$@" when root; otherwise prints the
# exact command and fails, as the README promises.
mw_install_packages() {
	missing=$(mw_missing_packages "$@")
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		mw_say "mwschema needs these Debian packages. Install them as root with:"
		mw_say "  apt-get install -y $missing"
		return 1
	fi
	mw_say "Installing: $missing"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086 # one word per package
	if ! apt-get install -y -q --no-install-recommends $missing >>"$MW_SETUP_LOG" 2>&1; then
		# A fresh machine may have no package lists yet.
		apt-get update -q >>"$MW_SETUP_LOG" 2>&1 &&
			apt-get install -y -q --no-install-recommends $missing >>"$MW_SETUP_LOG" 2>&1 ||
			{ mw_fail_step "apt-get install $missing"; return 1; }
	fi
}

mw_fail_step() {
	mw_say "FAILED: $1 (last lines of $MW_SETUP_LOG follow)"
	tail -n 40 "$MW_SETUP_LOG" >&2
}

# mw_run_step DESCRIPTION COMMAND...: runs quietly into the log.
mw_run_step() {
	desc=$1
	shift
	mw_say "$desc"
	printf '\n### %s\n' "$*" >>"$MW_SETUP_LOG"
	"$@" >>"$MW_SETUP_LOG" 2>&1 || { mw_fail_step "$*"; return 1; }
}

# True when any file of "$@" (after the first) is newer than $1 or $1 is missing.
mw_stale() {
	target=$1
	shift
	[ -e "$target" ] || return 0
	[ -n "$(find "$@" -newer "$target" -print 2>/dev/null | head -n 1)" ]
}

mw_am_files() {
	find "$MW_TOP" -name '*.am' -not -path "$MW_TOP/_build/*" \
		-not -path "$MW_TOP/mwschema-*" -print
}

# Brings ./mwschema (and the rest of "make all") up to date in the tree.
mw_build() {
	(
		cd "$MW_TOP" || exit 1
		if mw_stale configure configure.ac $(mw_am_files) ||
			mw_stale Makefile.in configure.ac $(mw_am_files); then
			mw_run_step "Running autoreconf" autoreconf -fi || exit 1
		fi
		if [ ! -f Makefile ] || mw_stale config.status configure ||
			{ [ -n "${MW_REQUIRE_WERROR:-}" ] &&
				! ./config.status --config | grep -q enable-werror; }; then
			# shellcheck disable=SC2086
			mw_run_step "Running ./configure $MW_CONFIGURE_FLAGS" \
				./configure $MW_CONFIGURE_FLAGS || exit 1
		fi
		# make is incremental anyway; this only keeps a no-op run quiet. Only
		# sources count: "make check" leaves newer objects of test programs.
		if [ ! -e mwschema ] || [ -n "$(find src include themes Makefile config.h \
			\( -name '*.[ch]' -o -name '*.theme' -o -name Makefile \) \
			-newer mwschema -print 2>/dev/null | head -n 1)" ]; then
			mw_run_step "Building (make -j$MW_JOBS)" make -j"$MW_JOBS" all || exit 1
		fi
	)
}
