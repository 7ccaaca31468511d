#!/bin/sh
# Quick start, step 2: the same set-up as ./run.sh, then the whole test suite.
#
#   1. make check (unit, golden, database and UI tests), built with -Werror
#   2. the unit tests under ASan+UBSan (clang, separate build in _build/)
#   3. the unit tests under valgrind
#   4. the fuzzers (JSON loader; printer, generators and lint) for a bounded
#      time shared between them (MW_FUZZ_SECONDS, default 60)
#   5. make distcheck
#
# Prints Check's summary lines, a verdict per stage and a last line
# "N passed, N failed[, N skipped]"; exits non-zero when anything failed.
# MW_SKIP_STAGES="asan valgrind fuzz distcheck" leaves stages out (for quick
# local runs; CI runs everything).
set -u

MW_TOP=$(cd "$(dirname "$0")" && pwd) || exit 1
. "$MW_TOP/tests/run-setup.sh"
. "$MW_TOP/tests/run-summary.sh"
cd "$MW_TOP" || exit 1

t_start=$(date +%s)
results=$MW_TOP/test-results
mkdir -p "$results"
total_pass=0 total_fail=0 total_skip=0

# The corpus is read in place; say where, so every stage (distcheck too) and
# every reader of the log agree.
if [ -z "${MW_CORPUS:-}" ] && [ -d "$MW_TOP/../shared/corpus" ]; then
	MW_CORPUS=$(cd "$MW_TOP/../shared/corpus" && pwd)
fi
if [ -n "${MW_CORPUS:-}" ]; then
	export MW_CORPUS
	echo "Corpus: $MW_CORPUS"
else
	echo "Corpus: not found beside the tree (corpus tests will be skipped)"
fi

# shellcheck disable=SC2086
mw_install_packages $MW_BUILD_PKGS $MW_TEST_PKGS || exit 1
MW_REQUIRE_WERROR=1 mw_build || exit 1

stage_wanted() {
	case " ${MW_SKIP_STAGES:-} " in *" $1 "*) return 1 ;; esac
	return 0
}

stage_begin() {
	echo
	echo "== $1"
	t_stage=$(date +%s)
}

stage_end() {
	echo "   ($(($(date +%s) - t_stage)) s)"
}

# add_counts: adds the counts of the last mw_summarise to the totals.
add_counts() {
	total_pass=$((total_pass + MW_PASS))
	total_fail=$((total_fail + MW_FAIL))
	total_skip=$((total_skip + MW_SKIP))
}

# add_verdict NAME STATUS: a stage that is one result (distcheck, fuzzing).
add_verdict() {
	if [ "$2" = 0 ]; then
		echo "$1: passed"
		total_pass=$((total_pass + 1))
	else
		echo "$1: FAILED (exit $2)"
		total_fail=$((total_fail + 1))
	fi
}

units=$(make -s list-unit-tests | tr '\n' ' ')

# 1. The whole suite, in the -Werror build.
stage_begin "make check (-Wall -Wextra -Werror build)"
make -j"$MW_JOBS" check >"$results/check.out" 2>&1
check_status=$?
mw_summarise . "make check"
mw_list_skips .
add_counts
if [ "$check_status" != 0 ] && [ "$MW_FAIL" = 0 ]; then
	# The build of a test program failed: no .trs tells about it.
	tail -n 40 "$results/check.out"
	add_verdict "make check (build)" "$check_status"
fi
stage_end

# 2. ASan + UBSan: a private copy of the sources (automake does not allow a
# second build beside an in-tree one), only the unit tests and what they link.
if stage_wanted asan && [ -n "$units" ]; then
	stage_begin "unit tests under ASan+UBSan (clang)"
	asan=$MW_TOP/_build/asan
	san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	rm -rf "$asan"
	mkdir -p "$MW_TOP/_build"
	if mw_run_step "  preparing $asan" make distdir distdir="$asan" &&
		mw_run_step "  configuring with clang" sh -c "cd '$asan' && ./configure CC=clang \
			CFLAGS='-g -O1 $san' LDFLAGS='$san'"; then
		# Build the unit tests alone (not mwschema), then run them.
		# shellcheck disable=SC2086 # one word per program
		make -C "$asan" -j"$MW_JOBS" $units >"$asan/check.out" 2>&1 &&
			ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
				make -C "$asan" -j"$MW_JOBS" check-TESTS TESTS="$units" \
				check_PROGRAMS="$units" >>"$asan/check.out" 2>&1
		status=$?
		mw_summarise "$asan" "ASan+UBSan unit tests" TESTS="$units"
		add_counts
		if [ "$status" != 0 ] && [ "$MW_FAIL" = 0 ]; then
			tail -n 20 "$asan/check.out" | sed 's/^/  | /'
			add_verdict "ASan+UBSan build" "$status"
		fi
	else
		add_verdict "ASan+UBSan build" 1
	fi
	stage_end
fi

# 3. valgrind, on the unit tests only (Check must not fork, or valgrind
# would only watch the runner).
if stage_wanted valgrind && [ -n "$units" ]; then
	stage_begin "unit tests under valgrind"
	CK_FORK=no make -j"$MW_JOBS" check-TESTS TESTS="$units" check_PROGRAMS="$units" LOG_COMPILER=valgrind \
		LOG_FLAGS="--quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no" \
		>"$results/valgrind.out" 2>&1
	mw_summarise . "valgrind unit tests" TESTS="$units"
	add_counts
	stage_end
fi

# 4. The fuzzers: the JSON loader, and the printer, generators and lint.
if stage_wanted fuzz && [ -f tests/fuzz/run-fuzz.sh ]; then
	stage_begin "fuzzers (${MW_FUZZ_SECONDS:-60} s in all)"
	sh tests/fuzz/run-fuzz.sh "${MW_FUZZ_SECONDS:-60}" >"$results/fuzz.out" 2>&1
	status=$?
	tail -n 5 "$results/fuzz.out" | sed 's/^/  | /'
	# The driver keeps failing inputs in the tree's root; the source tree
	# is no place for them, test-results/ is.
	for artifact in crash-* leak-* timeout-* oom-*; do
		[ -f "$artifact" ] && mv "$artifact" "$results/" &&
			echo "  failing input kept as $results/$artifact"
	done
	if [ "$status" = 77 ]; then
		echo "fuzzer: skipped (clang's libFuzzer is not available)"
		total_skip=$((total_skip + 1))
	else
		add_verdict "fuzzer" "$status"
	fi
	stage_end
fi

# 5. The tarball builds, passes its tests and cleans up after itself.
if stage_wanted distcheck; then
	stage_begin "make distcheck"
	make -j"$MW_JOBS" distcheck >"$results/distcheck.out" 2>&1
	status=$?
	[ "$status" != 0 ] && tail -n 40 "$results/distcheck.out" | sed 's/^/  | /'
	grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' "$results/distcheck.out" | tr '\n' ' ' | sed 's/^/  /;s/ *$/\n/'
	add_verdict "distcheck" "$status"
	stage_end
fi

echo
echo "Total time: $(($(date +%s) - t_start)) s (logs: $results/, tests/**/*.log)"
if [ "$total_skip" -gt 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" = 0 ]
