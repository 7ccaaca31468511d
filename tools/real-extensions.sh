#!/bin/sh
# Runs mwschema over real Wikimedia extensions at pinned commits: check as the
# extension is, sync on a copy (no duplicate installer entries, a second sync
# changes nothing), then a copy whose schema JSON all gain a column (check must
# see the drift, sync must repair it where the extension keeps its files), and
# review of the extension's last schema commit and of the mutation's commit
# (which must report nothing but what it introduced). One row per extension.
#
# The repositories are not part of mwschema: bring them first, as mirrors in
# one directory, named like the search tool's fetch names them:
#   MIRRORS/wikimedia+mediawiki-extensions-NAME/repo   (a git directory, or a
#                                                        clone whose .git is there)
# e.g. fetch github:wikimedia/mediawiki-extensions-Wikibase for each NAME of
# tools/real-extensions.list (it puts them under /work/.mirror), or
#   git clone --mirror https://gerrit.wikimedia.org/r/mediawiki/extensions/NAME \
#       MIRRORS/wikimedia+mediawiki-extensions-NAME/repo
# The script clones from there (no network), checks out the pinned commit and
# works on copies in a temporary directory.
#
# usage: tools/real-extensions.sh [-m MIRRORS] [-l LIST] [-w WORKDIR] [-b MWSCHEMA] [-k] [NAME...]
#   -m MIRRORS   the mirrors' directory (default: $MW_MIRRORS, else /work/.mirror)
#   -l LIST      NAME COMMIT [noschema] lines (default: tools/real-extensions.list)
#   -w WORKDIR   where the clones go (default: a temporary directory)
#   -b MWSCHEMA  the program to run (default: ./mwschema beside this script's tree)
#   -k           keep the work directory
# Exit status: 0 when every extension met the expectations above, 1 otherwise.
# MW_LAYOUT_BIN=PROGRAM finds the JSON folders to mutate with another build
# (to measure an older mwschema, which has no check --layout).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
mirrors=${MW_MIRRORS:-/work/.mirror}
list=$here/tools/real-extensions.list
work= keep= bin=$here/mwschema
while getopts m:l:w:b:k opt; do
	case $opt in
	m) mirrors=$OPTARG ;; l) list=$OPTARG ;; w) work=$OPTARG ;; b) bin=$OPTARG ;; k) keep=1 ;;
	*) sed -n 's/^# usage: /usage: /p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "real-extensions: no program at $bin (build first, or -b)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "real-extensions: python3 is needed for the mutation" >&2; exit 2; }
if [ -z "$work" ]; then
	work=$(mktemp -d) || exit 2
	[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/logs"
log=$work/logs
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
git config --global user.name "real-extensions" && git config --global user.email re@example.org
bad=0

# The JSON folders mwschema found ("DIR/ (from ...)" lines of check --layout).
json_dirs() {
	(cd "$1" && "${MW_LAYOUT_BIN:-$bin}" check --layout 2>/dev/null) |
		sed -n 's|^\([^ ].*\)/ (from .*|\1|p'
}

# Adds a nullable column to the first table of every schema JSON in the given folders.
mutate() {
	python3 - "$@" <<'PY'
import json, os, sys
root = sys.argv[1]
for d in sys.argv[2:]:
    full = os.path.join(root, d)
    for name in sorted(os.listdir(full)) if os.path.isdir(full) else []:
        path = os.path.join(full, name)
        if not name.endswith('.json'):
            continue
        try:
            doc = json.load(open(path, encoding='utf-8'))
        except ValueError:
            continue
        table = doc[0] if isinstance(doc, list) and doc and isinstance(doc[0], dict) else doc
        if not isinstance(table, dict) or 'columns' not in table or 'before' in table:
            continue
        first = table['columns'][0]['name'] if table['columns'] else ''
        prefix = first.split('_')[0] + '_' if '_' in first else ''
        table['columns'].append({'name': prefix + 'mwschema_probe', 'type': 'integer',
                                 'options': {'notnull': False}})
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(doc, f, indent='\t')
            f.write('\n')
        print(os.path.join(d, name))
PY
}

# Installer entries sync added for a patch the handler already named.
duplicates() {
	git -C "$1" diff --name-only -- '*.php' | while read -r php; do
		git -C "$1" diff -U0 -- "$php" | sed -n 's/^+[^+]//p' |
			grep -o "[A-Za-z0-9_.-]*\.sql" | sort -u | while read -r sql; do
			git -C "$1" show "HEAD:$php" | grep -qF "$sql" && echo "$php:$sql"
		done
	done
}

count() { grep -c "$1" "$2" 2>/dev/null; true; }

# repaired REPO JSON: a generated file naming JSON (in any spelling) has the probe column.
repaired() {
	base=$(basename "$2")
	(cd "$1" && git ls-files -mo -- '*.sql' | while read -r sql; do
		sed -n 2p "$sql" | grep -q "^-- Source: .*$base\$" && grep -q mwschema_probe "$sql" &&
			echo "$sql"
	done) | grep -q .
}

# Checks out commit $2 in clone $1: only what mwschema reads (PHP, JSON, SQL,
# .mwschemarc), which keeps the big extensions quick. Snapshots made by the
# search tool's fetch lack files of 4 MiB and more; those are never schema.
checkout() {
	git -C "$1" sparse-checkout set --no-cone '*.php' '*.json' '*.sql' '/.mwschemarc' &&
		git -C "$1" checkout -q --detach "$2" 2>>"$log/git.err"
	git -C "$1" rev-parse -q --verify HEAD >/dev/null
}

# Commits the work tree; --missing-ok as fetched snapshots lack their largest files.
commit_all() {
	git -C "$1" add -A &&
		tree=$(git -C "$1" write-tree --missing-ok) &&
		c=$(git -C "$1" commit-tree "$tree" -p HEAD -m "$2") &&
		git -C "$1" update-ref HEAD "$c"
}

# A second work tree of the same commit, sharing the objects (--shared: the
# objects stay in the mirror, the clones only get a work tree).
copy() {
	git clone -q --shared --no-checkout "$1" "$2" && checkout "$2" "$(git -C "$1" rev-parse HEAD)"
}

# review REPO REV: "result" or "crash"/"error".
review() {
	out=$(cd "$1" && "$bin" review --no-roundtrip --format=text "$2" 2>&1); rc=$?
	[ $rc -ge 128 ] && { echo "crash($rc)"; return; }
	res=$(printf '%s\n' "$out" | sed -n 's/^Review result: //p' | tail -n 1)
	echo "${res:-rc=$rc}"
}

printf '%-18s %-16s %-9s %-10s %-10s %-6s %-24s %s\n' extension check mutation sync after dup \
	"review(last schema commit)" "review(mutation)"
grep -v '^#' "$list" | while read -r name commit expect; do
	[ -n "$name" ] || continue
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	src=$mirrors/wikimedia+mediawiki-extensions-$name/repo
	[ -d "$src/.git" ] && src=$src/.git
	R=$work/$name
	rm -rf "$R" "$R.sync" "$R.mut"
	if ! git clone -q --shared --no-checkout "$src" "$R" 2>/dev/null ||
	   ! checkout "$R" "$commit"; then
		printf '%-18s %s\n' "$name" "not available (mirror $src, commit $commit)"
		echo x >> "$log/bad"
		continue
	fi
	# 1. check as it is
	(cd "$R" && "$bin" check) > "$log/$name.check" 2>&1; rc=$?
	e=$(count ': error:' "$log/$name.check"); w=$(count ': warning:' "$log/$name.check")
	chk="rc=$rc e=$e w=$w"
	grep -q "not inside a MediaWiki checkout" "$log/$name.check" && chk="NOT A CHECKOUT"
	[ $rc -ge 128 ] && chk="CRASH($rc)"
	noschema=$(grep -c "no abstract schema found" "$log/$name.check")
	if [ "$expect" = noschema ]; then
		[ "$noschema" -gt 0 ] && chk="no schema (said)" || { chk="$chk !said"; echo x >> "$log/bad"; }
		printf '%-18s %s\n' "$name" "$chk"
		continue
	fi
	case $chk in CRASH*|NOT*) echo x >> "$log/bad" ;; esac
	[ "$noschema" -gt 0 ] && { chk="no schema?!"; echo x >> "$log/bad"; }
	dirs=$(json_dirs "$R")

	# 2. sync on a copy: no duplicate entries, and a second sync changes nothing
	copy "$R" "$R.sync"
	(cd "$R.sync" && "$bin" sync) > "$log/$name.sync" 2>&1; src_rc=$?
	dup=$(duplicates "$R.sync" | wc -l)
	st1=$(git -C "$R.sync" status --porcelain | sort; git -C "$R.sync" diff | md5sum)
	(cd "$R.sync" && "$bin" sync) > "$log/$name.sync2" 2>&1
	st2=$(git -C "$R.sync" status --porcelain | sort; git -C "$R.sync" diff | md5sum)
	[ "$st1" = "$st2" ] || dup="$dup+unstable"
	[ "$dup" = 0 ] || echo x >> "$log/bad"
	[ $src_rc -ge 128 ] && { dup="CRASH"; echo x >> "$log/bad"; }

	# 3. a column more in every schema JSON: seen, then repaired
	copy "$R" "$R.mut"
	# shellcheck disable=SC2086
	mutated=$(mutate "$R.mut" $dirs)
	n=$(printf '%s\n' "$mutated" | grep -c .)
	(cd "$R.mut" && "$bin" check) > "$log/$name.mut" 2>&1; rc=$?
	seen=0
	for f in $mutated; do grep -q "from what $f generates" "$log/$name.mut" && seen=$((seen + 1)); done
	mut="$seen/$n seen"
	[ "$seen" = "$n" ] && [ "$n" -gt 0 ] || echo x >> "$log/bad"
	(cd "$R.mut" && "$bin" sync) > "$log/$name.mutsync" 2>&1; rc=$?
	snc="rc=$rc"
	[ $rc -ge 128 ] && { snc="CRASH"; echo x >> "$log/bad"; }
	(cd "$R.mut" && "$bin" check) > "$log/$name.after" 2>&1
	fixed=0
	for f in $mutated; do
		grep -q "from what $f generates\|missing: $f " "$log/$name.after" && continue
		repaired "$R.mut" "$f" && fixed=$((fixed + 1))
	done
	new=$(git -C "$R.mut" status --porcelain | grep -c '^??.*\.sql$')
	aft="fixed=$fixed/$n"
	[ "$new" = 0 ] || aft="$aft new=$new"
	[ "$fixed" = "$n" ] && [ "$new" = 0 ] || echo x >> "$log/bad"

	# 4. review: the last real schema commit, and the mutation committed
	last=$(git -C "$R" log -1 --format=%h -- $dirs 2>/dev/null)
	rv1=$( [ -n "$last" ] && review "$R" "$last" || echo "-")
	commit_all "$R.mut" "probe column"
	rv2=$(review "$R.mut" HEAD)
	case $rv1$rv2 in *crash*) echo x >> "$log/bad" ;; esac
	case $rv2 in "in order"*|*"no problems"*|ok*) ;; *) echo x >> "$log/bad" ;; esac
	printf '%-18s %-16s %-9s %-10s %-10s %-6s %-24s %s\n' "$name" "$chk" "$mut" "$snc" "$aft" \
		"$dup" "$last $rv1" "$rv2"
done
[ -f "$log/bad" ] && bad=1
[ -n "$keep" ] && echo "work directory kept: $work"
exit $bad
