#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The differential test behind `make difftest` (issue 18).

    difftest.py --mwschema BIN --golden BIN --ref REFDIR [--seed S] [--n N] [--out DIR]

Generates N random inputs (gen.py, seed S), has MediaWiki's own pipeline
write the expected SQL for every input and platform (reference.php, PHP and
the fetched libraries in REFDIR; see doc/difftest.md), lays them out as a
corpus set (DIR/set: MANIFEST.tsv, NOSQL.tsv, mysql/ postgres/ sqlite/), and
compares mwschema with it byte for byte through the golden test. For each
mismatch it shrinks the input while the mismatch lasts and writes a minimal
reproducer to DIR/repro/. Without PHP or the reference it says so and exits
77 (skip). Exit 1 when anything differs.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PLATFORMS = ['mysql', 'postgres', 'sqlite']
REF_FILES = ['dbal/src/Platforms/AbstractPlatform.php', 'sql-formatter/src/SqlFormatter.php',
             'timestamp/src/ConvertibleTimestamp.php', 'event-manager/src/EventManager.php',
             'mediawiki/includes/libs/rdbms/dbal/DoctrineSchemaBuilderFactory.php',
             'mediawiki/maintenance/includes/SchemaGenerator.php']


def skip(why):
    print('SKIP: difftest: %s' % why)
    print('  set up the reference as doc/difftest.md says, then: make difftest MW_REFERENCE=DIR')
    sys.exit(77)


def sql_name(path, kind):
    base = path[:-len('.json')]
    if kind == 'schema' and os.path.basename(base).startswith('tables'):
        return base + '-generated.sql'
    return base + '.sql'


class Reference:
    """A reference.php process fed one case at a time (for shrinking)."""

    def __init__(self, php, ref):
        self.p = subprocess.Popen([php, os.path.join(HERE, 'reference.php'), ref],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, platform, kind, json_path, label, out):
        self.p.stdin.write('\t'.join([platform, kind, json_path, label, out]) + '\n')
        self.p.stdin.flush()
        self.p.stdout.readline()
        for suffix, what in (('', 'sql'), ('.nosql', 'nosql'), ('.error', 'error')):
            if os.path.exists(out + suffix):
                with open(out + suffix, encoding='utf-8', errors='replace') as f:
                    return what, f.read()
        return 'error', 'no output'

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def same_outcome(theirs, mine):
    """Both write no file, or the same bytes."""
    if theirs[0] == 'nosql' or mine[0] == 'nosql':
        return theirs[0] == mine[0]
    return theirs == mine


def ours(mwschema, platform, json_path, label):
    p = subprocess.run([mwschema, 'generate', '--type=' + platform, '--json=' + json_path,
                        '--source=' + label], capture_output=True, text=True)
    if p.returncode != 0:
        return 'error', p.stderr
    if p.stdout == '' and 'no schema changes' in p.stderr:
        return 'nosql', ''
    return 'sql', p.stdout


# ---- shrinking ---------------------------------------------------------------

def tables_of(doc, kind):
    if kind == 'schema':
        return doc if isinstance(doc, list) else [doc]
    return [t for t in (doc.get('before'), doc.get('after')) if t]


def candidates(doc, kind):
    """Smaller variants of doc: one thing left out (on both sides of a change)."""
    tables = tables_of(doc, kind)
    if kind == 'schema' and len(tables) > 1:
        for i in range(len(tables)):
            yield [t for j, t in enumerate(tables) if j != i]
    cols = []
    for t in tables:
        for c in t.get('columns', []):
            if c['name'] not in cols:
                cols.append(c['name'])
    for name in cols:
        yield edit(doc, kind, lambda t, n=name: drop_column(t, n))
    idx = []
    for t in tables:
        for ix in t.get('indexes', []):
            if ix['name'] not in idx:
                idx.append(ix['name'])
    for name in idx:
        yield edit(doc, kind, lambda t, n=name: t.update(
            indexes=[ix for ix in t.get('indexes', []) if ix['name'] != n]))
    for key in ('pk', 'table_options', 'comment'):
        if any(key in t for t in tables):
            yield edit(doc, kind, lambda t, k=key: t.pop(k, None))
    opts = set()
    for t in tables:
        for c in t.get('columns', []):
            opts |= {(c['name'], k) for k in c.get('options', {})}
            if 'comment' in c:
                opts.add((c['name'], '#comment'))
    for name, key in sorted(opts):
        yield edit(doc, kind, lambda t, n=name, k=key: drop_option(t, n, k))


def edit(doc, kind, fn):
    new = json.loads(json.dumps(doc))
    for t in tables_of(new, kind):
        fn(t)
    return new


def drop_column(t, name):
    t['columns'] = [c for c in t.get('columns', []) if c['name'] != name]
    t['indexes'] = [ix for ix in t.get('indexes', []) if name not in ix['columns']]
    if name in t.get('pk', []):
        t['pk'] = [x for x in t['pk'] if x != name]


def drop_option(t, name, key):
    for c in t.get('columns', []):
        if c['name'] == name:
            if key == '#comment':
                c.pop('comment', None)
            else:
                c.get('options', {}).pop(key, None)


def valid(doc, kind):
    tables = tables_of(doc, kind)
    return all(t.get('columns') for t in tables) and (kind == 'change' or tables)


def shrink(doc, kind, still_differs, budget=250):
    tries = 0
    progress = True
    while progress and tries < budget:
        progress = False
        for cand in candidates(doc, kind):
            if tries >= budget:
                break
            if not valid(cand, kind):
                continue
            tries += 1
            if still_differs(cand):
                doc, progress = cand, True
                break
    return doc, tries


# ---- the run -----------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mwschema', required=True)
    ap.add_argument('--golden', required=True)
    ap.add_argument('--ref', default=os.environ.get('MW_REFERENCE', ''))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--n', type=int, default=300)
    ap.add_argument('--out', default='difftest-out')
    a = ap.parse_args()

    php = shutil.which('php')
    if not php:
        skip('no PHP on this machine (Debian: apt-get install php-cli)')
    if not a.ref or not all(os.path.exists(os.path.join(a.ref, f)) for f in REF_FILES):
        skip("no reference sources in '%s' (MW_REFERENCE)" % a.ref)
    ref = os.path.abspath(a.ref)

    out = os.path.abspath(a.out)
    shutil.rmtree(out, ignore_errors=True)
    cases = os.path.join(out, 'set')
    names = subprocess.run([sys.executable, os.path.join(HERE, 'gen.py'), str(a.seed), str(a.n),
                            cases], check=True, capture_output=True, text=True).stdout.split()

    jobs = []
    for name in names:
        kind = 'change' if name.startswith('abstractSchemaChanges/') else 'schema'
        for p in PLATFORMS:
            target = os.path.join(cases, p, sql_name(name, kind))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            jobs.append((p, kind, os.path.join(cases, name), 'sql/' + name, target, name))
    subprocess.run([php, os.path.join(HERE, 'reference.php'), ref],
                   input=''.join('\t'.join(j[:5]) + '\n' for j in jobs),
                   stdout=subprocess.DEVNULL, text=True, check=True)

    manifest = ['kind\tjson\tplatform\tsql\tsource_label\torig_sql_path\tgenerator_era\tcommit']
    nosql, refused = ['json\tplatform'], 0
    for p, kind, _, label, target, name in jobs:
        if os.path.exists(target):
            manifest.append('\t'.join([kind, name, p, os.path.relpath(target, cases), label,
                                       '-', 'current', '-']))
        elif os.path.exists(target + '.nosql'):
            nosql.append(name + '\t' + p)
        else:
            refused += 1
    with open(os.path.join(cases, 'MANIFEST.tsv'), 'w') as f:
        f.write('\n'.join(manifest) + '\n')
    with open(os.path.join(cases, 'NOSQL.tsv'), 'w') as f:
        f.write('\n'.join(nosql) + '\n')

    env = dict(os.environ, MW_CORPUS=out, MW_GOLDEN_VERBOSE='0')
    g = subprocess.run([a.golden, 'set'], env=env, capture_output=True, text=True)
    failing = []
    for line in g.stdout.splitlines():
        m = re.match(r'FAIL (\S+?)(?:: .*)?$', line)
        n = re.match(r'FAIL (\S+) \((\w+)\): expected no SQL', line)
        if n:
            failing.append((os.path.relpath(n.group(1), cases), n.group(2)))
        elif m and m.group(1).endswith('.sql'):
            rel = os.path.relpath(m.group(1), cases)
            p, rest = rel.split('/', 1)
            for _, kind, _, _, target, name in jobs:
                if target == m.group(1):
                    failing.append((name, p))
                    break
    summary = [l for l in g.stdout.splitlines() if l.startswith('golden ')]

    repro_dir = os.path.join(out, 'repro')
    reference = Reference(php, ref) if failing else None
    tmp = tempfile.mkdtemp()
    for k, (name, p) in enumerate(failing):
        kind = 'change' if name.startswith('abstractSchemaChanges/') else 'schema'
        with open(os.path.join(cases, name), encoding='utf-8') as f:
            doc = json.load(f)
        label = 'sql/' + name
        probe = os.path.join(tmp, 'case.json')

        def outcome(d):
            with open(probe, 'w', encoding='utf-8') as f:
                json.dump(d, f, indent='\t', ensure_ascii=False)
            theirs = reference.run(p, kind, probe, label, os.path.join(tmp, 'ref.sql'))
            return theirs, ours(a.mwschema, p, probe, label)

        def still_differs(d):
            theirs, mine = outcome(d)
            return theirs[0] != 'error' and same_outcome(theirs, mine) is False

        small, tries = shrink(doc, kind, still_differs)
        theirs, mine = outcome(small)
        d = os.path.join(repro_dir, '%03d-%s' % (k + 1, p))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'input.json'), 'w', encoding='utf-8') as f:
            json.dump(small, f, indent='\t', ensure_ascii=False)
            f.write('\n')
        with open(os.path.join(d, 'mediawiki.sql'), 'w') as f:
            f.write(theirs[1] if theirs[0] == 'sql' else '(%s) %s' % theirs)
        with open(os.path.join(d, 'mwschema.sql'), 'w') as f:
            f.write(mine[1] if mine[0] == 'sql' else '(%s) %s' % mine)
        with open(os.path.join(d, 'README'), 'w') as f:
            f.write('From %s (seed %d) on %s, shrunk in %d tries.\n'
                    'mwschema generate --type=%s --json=input.json --source=%s\n'
                    'differs from mediawiki.sql (MediaWiki\'s pipeline).\n'
                    % (name, a.seed, p, tries, p, label))
        print('MISMATCH %s on %s: reproducer %s' % (name, p, os.path.relpath(d)))
    if reference:
        reference.close()
    shutil.rmtree(tmp, ignore_errors=True)

    rows = len(manifest) - 1 + len(nosql) - 1
    for line in summary:
        print('  ' + line)
    print('difftest: seed %d, %d inputs, %d (input, platform) rows compared with MediaWiki\'s '
          'pipeline, %d mismatches, %d refused by MediaWiki (not compared); files in %s'
          % (a.seed, len(names), rows, len(failing), refused, os.path.relpath(out)))
    sys.exit(1 if failing else 0)


if __name__ == '__main__':
    main()
