# Reading automake's test results (sourced by ./test.sh, not run).
#
# Under the parallel harness each test's output goes to its .log and its
# verdict to its .trs, so Check's summary lines never reach the console:
# this prints them, lists the failures with the end of their logs, and
# counts the verdicts.

# mw_summarise BUILDDIR LABEL [MAKE-ARGS...]: prints the report of the last
# "make check" in BUILDDIR and sets MW_PASS, MW_FAIL, MW_SKIP.
mw_summarise() {
	dir=$1 label=$2
	shift 2
	MW_PASS=0 MW_FAIL=0 MW_SKIP=0
	failed_logs=
	for trs in $(make -s -C "$dir" list-test-results "$@" 2>/dev/null); do
		log=$dir/${trs%.trs}.log
		trs=$dir/$trs
		# Check's totals, and the per-source / per-engine counts that the
		# golden, round-trip and database tests print.
		grep -hE '^([0-9]*%: Checks: |golden |roundtrip |(SQLite|MariaDB|PostgreSQL): )' \
			"$log" 2>/dev/null |
			sed "s|^|  ${trs#"$dir"/}: |; s|\.trs: |: |"
		if [ ! -f "$trs" ]; then
			MW_FAIL=$((MW_FAIL + 1))
			failed_logs="$failed_logs $log"
			continue
		fi
		for verdict in $(sed -n 's/^:test-result: *//p' "$trs"); do
			case $verdict in
			PASS | XFAIL) MW_PASS=$((MW_PASS + 1)) ;;
			SKIP) MW_SKIP=$((MW_SKIP + 1)) ;;
			*)
				MW_FAIL=$((MW_FAIL + 1))
				failed_logs="$failed_logs $log"
				;;
			esac
		done
	done
	for log in $failed_logs; do
		echo "  --- ${log#"$dir"/} (last 30 lines) ---"
		tail -n 30 "$log" 2>/dev/null | sed 's/^/  | /'
	done
	echo "$label: $MW_PASS passed, $MW_FAIL failed, $MW_SKIP skipped"
}

# Skipped tests say why on their first output line; show it once per test.
mw_list_skips() {
	dir=$1
	shift
	for trs in $(make -s -C "$dir" list-test-results "$@" 2>/dev/null); do
		grep -q '^:test-result: SKIP' "$dir/$trs" 2>/dev/null || continue
		log=$dir/${trs%.trs}.log
		echo "  skipped ${trs%.trs}: $(grep -m1 -v '^$' "$log" 2>/dev/null)"
	done
}
