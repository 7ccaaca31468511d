# Sourced by the database tests: judging a failing synthetic case (issue 18).
#
# The synthetic corpus sets are random inputs that MediaWiki's real pipeline
# turned into SQL; some of that SQL is refused by a real engine (a reserved
# word DBAL leaves bare, a default the column type cannot hold, FULLTEXT on a
# binary column). When our SQL fails on such a case, the case is run again
# with MediaWiki's committed SQL for it, through our engines, one statement
# at a time (tests/db/mwjudge): failing at the same step with a comparable
# error (judge_key) makes it an expected failure; MediaWiki's SQL passing, or
# failing otherwise, makes it a real one.

: "${top_builddir:=.}"
MWJUDGE="$top_builddir/tests/db/mwjudge"

# judge_key STEP DETAIL, in awk: what two failures must share to count as
# the same. Engine errors read "statement N: <statement>: <message>"; the
# statement text is left out (MediaWiki's may differ from ours) and the
# message's last clause kept, so "statement N: <clause>" and the step remain.
JUDGE_KEY_AWK='
function judge_key(step, d,    pre, rest, n, parts) {
	gsub(/mwverify_[0-9_]+/, "mwverify", d)	# scratch namespaces differ per run
	if (match(d, /statement [0-9]+: /)) {
		pre = substr(d, 1, RSTART + RLENGTH - 1)
		rest = substr(d, RSTART + RLENGTH)
		n = split(rest, parts, ": ")
		return step "|" pre parts[n]
	}
	return step "|" d
}'

# judge_synthetic RESULTS KIND [verify options...]: for each failing
# synthetic row of RESULTS (`verify --tsv` output for KIND, change or schema,
# files), the verification redone with MediaWiki's committed SQL for that
# case and engine ("-" where MediaWiki writes no file, NOSQL.tsv). One
# mwjudge per engine, run side by side, each connected once. Options
# --prefix and --rollback are passed on.
judge_synthetic()
{
	results=$1 kind=$2; shift 2
	judge_opts=
	for o in "$@"; do
		case $o in --rollback|--prefix=*) judge_opts="$judge_opts $o" ;; esac
	done
	awk -F'\t' -v corpus="$MW_CORPUS/" -v kind="$kind" '
		$3 == "pass" || index($1, corpus) != 1 { next }
		{
			rel = substr($1, length(corpus) + 1)
			if (rel !~ /^synthetic[^\/]*\//) next
			src = substr(rel, 1, index(rel, "/") - 1)
			json = substr(rel, length(src) + 2)
			m = corpus src "/MANIFEST.tsv"
			sql = "-"
			while ((getline line < m) > 0) {
				split(line, f, "\t")
				if (f[1] == kind && f[2] == json && f[3] == $2) { sql = corpus src "/" f[4]; break }
			}
			close(m)
			print $1 "\t" $2 "\t" sql
		}' "$results" >"$DB_TMP/judge.in"
	[ -s "$DB_TMP/judge.in" ] || return 0
	# one mwjudge per engine, side by side
	pids=
	for t in sqlite mysql postgres; do
		awk -F'\t' -v t="$t" '$2 == t' "$DB_TMP/judge.in" >"$DB_TMP/judge.in.$t"
		[ -s "$DB_TMP/judge.in.$t" ] || continue
		"$MWJUDGE" $judge_opts <"$DB_TMP/judge.in.$t" >"$DB_TMP/judge.out.$t" &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p"; done
	cat "$DB_TMP"/judge.out.* 2>/dev/null
	rm -f "$DB_TMP"/judge.in.* "$DB_TMP"/judge.out.*
}
