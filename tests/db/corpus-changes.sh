# Sourced: lists every change file of $MW_CORPUS, one corpus-relative path a
# line: the kind=change rows of each MANIFEST.tsv plus the synthetic changes
# that produce no SQL at all (NOSQL.tsv), each file once.
corpus_changes()
{
	for m in "$MW_CORPUS"/*/MANIFEST.tsv; do
		src=$(basename "$(dirname "$m")")
		awk -F'\t' -v s="$src" 'NR > 1 && $1 == "change" { print s "/" $2 }' "$m"
		n="$MW_CORPUS/$src/NOSQL.tsv"
		[ -f "$n" ] && awk -F'\t' -v s="$src" 'NR > 1 { print s "/" $1 }' "$n"
	done | sort -u
}
