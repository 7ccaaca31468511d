# Sourced by verify-corpus.sh and rollback-corpus.sh: verifies every change
# of $MW_CORPUS on SQLite and, when their servers can run, on MariaDB and
# PostgreSQL, then judges the failures.
#
#   corpus_run KNOWN_FILE [verify options...]
#
# A failing synthetic case (random input, synthetic*/) is run again with
# MediaWiki's committed SQL for that case and engine as the patch
# (tests/db/mwjudge, through our engines, one statement at a time). When
# MediaWiki's SQL fails at the same step with a comparable error (the same
# statement number and engine message, see judge_key), the engine refuses the
# input itself: an expected failure, counted. Otherwise (MediaWiki's SQL
# passes, or fails differently) it is a real failure.
#
# A failing real-corpus case must be listed in KNOWN_FILE: corpus-relative
# path, engine (sqlite|mysql|postgres), reason, tab-separated; '#' starts a
# comment. An unlisted failure, or a listed case that passes, fails the test.

dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/servers.sh"
. "$dir/corpus-changes.sh"
. "$dir/judge.sh"

corpus_run()
{
	known=$1; shift
	start=$(date +%s)
	if [ ! -d "$MW_CORPUS" ] || ! ls "$MW_CORPUS"/*/MANIFEST.tsv >/dev/null 2>&1; then
		echo "SKIP: corpus not found at '$MW_CORPUS' (set MW_CORPUS)"
		exit 77
	fi
	db_servers_init || exit 99
	db_install_servers
	types=sqlite
	skipped=
	if db_start_mariadb; then types="$types,mysql"; else skipped="$skipped mysql"; echo "MariaDB: SKIP ($DB_SKIP_REASON)"; fi
	if db_start_postgres; then types="$types,postgres"; else skipped="$skipped postgres"; echo "PostgreSQL: SKIP ($DB_SKIP_REASON)"; fi
	echo "servers ready after $(( $(date +%s) - start )) s; engines: $types"

	corpus_changes >"$DB_TMP/changes"
	set -- "$@" --tsv --prefix=tp_
	while read -r f; do
		set -- "$@" "--json=$MW_CORPUS/$f"
	done <"$DB_TMP/changes"
	# one verify per engine, side by side: the servers work in parallel
	pids=
	for t in $(echo "$types" | tr , ' '); do
		"$MWSCHEMA" verify "$@" --type="$t" >"$DB_TMP/results.$t" 2>"$DB_TMP/stderr.$t" &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "mwschema verify failed to run (exit $rc):"
			cat "$DB_TMP"/stderr.*
			return 1
		fi
	done
	for t in $(echo "$types" | tr , ' '); do cat "$DB_TMP/results.$t"; done >"$DB_TMP/results.tsv"
	judge_synthetic "$DB_TMP/results.tsv" change "$@" >"$DB_TMP/judged.tsv" || return 1
	awk -F'\t' -v corpus="$MW_CORPUS/" -v ran="$types" -v nchanges="$(wc -l <"$DB_TMP/changes")" \
	    -v verbose="${MW_DB_VERBOSE:-0}" '
		'"$JUDGE_KEY_AWK"'
		BEGIN { split(ran, r, ","); for (i in r) run[r[i]] = 1
			title["sqlite"] = "SQLite"; title["mysql"] = "MariaDB"; title["postgres"] = "PostgreSQL" }
		FILENAME == ARGV[1] {
			if ($0 ~ /^#/ || NF < 3) next
			known[$1 SUBSEP $2] = $3; next
		}
		FILENAME == ARGV[2] { mw[$1 SUBSEP $2] = $0; next }
		{
			path = $1; if (index(path, corpus) == 1) path = substr(path, length(corpus) + 1)
			e = $2; total[e]++; seen[path SUBSEP e] = 1
			if ($3 == "pass") {
				pass[e]++
				if ((path SUBSEP e) in known) {
					printf "STALE: %s on %s passes now: remove it from the known failures\n", path, e
					bad++
				}
			} else if ((path SUBSEP e) in known) {
				kf[e]++
			} else if (($1 SUBSEP e) in mw) {
				split(mw[$1 SUBSEP e], m, "\t")
				if (m[3] == "fail" && judge_key(m[4], m[5]) == judge_key($4, $5)) {
					xf[e]++
					if (verbose) printf "expected: %s on %s: %s: %s\n", path, e, $4, $5
				} else {
					printf "FAIL: %s on %s: %s: %s\n  with MediaWiki'"'"'s SQL: %s%s%s\n", path, e, $4, $5,
						m[3], m[3] == "fail" ? ": " m[4] ": " : "", m[3] == "fail" ? m[5] : ""
					bad++
				}
			} else {
				printf "FAIL: %s on %s: %s: %s\n", path, e, $4, $5
				bad++
			}
		}
		END {
			for (k in known) {
				split(k, p, SUBSEP)
				if ((p[2] in run) && !(k in seen)) {
					printf "STALE: %s on %s is not in the corpus any more\n", p[1], p[2]
					bad++
				}
			}
			for (i = 1; i in r; i++) {
				e = r[i]
				printf "%s: %d/%d changes passed, %d expected failure%s (MediaWiki'"'"'s SQL fails the same way), %d known (real corpus, listed), %d real\n",
					title[e], pass[e], total[e], xf[e], xf[e] == 1 ? "" : "s", kf[e], total[e] - pass[e] - xf[e] - kf[e]
				if (total[e] != nchanges) { printf "%s: %d results for %d changes\n", title[e], total[e], nchanges; bad++ }
			}
			exit bad > 0
		}' "$known" "$DB_TMP/judged.tsv" "$DB_TMP/results.tsv"
	status=$?
	echo "elapsed: $(( $(date +%s) - start )) s"
	[ $status -ne 0 ] && return 1
	if [ -n "$skipped" ]; then
		echo "SKIP: no server for:$skipped (SQLite passed)"
		return 77
	fi
	return 0
}

