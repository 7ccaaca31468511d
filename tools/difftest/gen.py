#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Random, realistic MediaWiki abstract-schema inputs for the differential test.

    gen.py SEED N OUTDIR

writes N cases to OUTDIR: schema files (an array of one to three tables,
as tables.json) and schema-change files in abstractSchemaChanges/ (one table
before and after one to six edits, or created, dropped or renamed). The same
SEED always gives the same files. The vocabulary is MediaWiki's: every type,
every column option, PlatformOptions and the older CustomSchemaOptions,
string/number/boolean/null defaults (quotes, backslashes, unicode,
timestamps in every format wikimedia/timestamp reads), unique, partial,
prefix-length and fulltext indexes, single, composite and missing primary
keys, table_options, and names that are reserved words for a DBMS or
keywords of the SQL pretty-printer. Both JSON layouts seen in real
repositories are written (core's expanded one, the extensions' compact one)
with varying key order.
"""
import copy
import json
import os
import random
import sys

TYPES = ['integer', 'bigint', 'smallint', 'mwtinyint', 'boolean', 'string', 'binary', 'blob',
         'text', 'datetimetz', 'mwtimestamp', 'float', 'decimal', 'mwenum']
INTS = {'integer', 'bigint', 'smallint', 'mwtinyint'}

# Table and column words; some are reserved somewhere (MySQL, PostgreSQL,
# SQLite) or are keywords the pretty-printer lays out specially.
NOUNS = ['page', 'revision', 'user', 'actor', 'comment', 'log', 'cache', 'job', 'site', 'link',
         'category', 'echo_event', 'abuse_filter', 'cu_changes', 'oauth_consumer', 'watchlist',
         'bot_password', 'change_tag', 'content', 'slot', 'module_deps', 'l10n_cache']
RESERVED = ['user', 'order', 'group', 'key', 'index', 'check', 'window', 'select', 'range',
            'option', 'limit', 'offset', 'values', 'set', 'match', 'action', 'collation',
            'fetch', 'interval', 'status', 'condition', 'primary', 'references', 'desc',
            'table', 'column', 'default', 'analyse', 'both', 'trailing', 'returning', 'full',
            'natural', 'cross', 'union', 'where', 'from', 'update', 'delete', 'insert', 'add',
            'alter', 'drop', 'join', 'having', 'into', 'exists', 'timestamp', 'text', 'name',
            'type', 'data', 'comment', 'level', 'role', 'owner', 'value', 'sequence', 'no']
FIELDS = ['id', 'name', 'title', 'namespace', 'timestamp', 'touched', 'user', 'actor', 'text',
          'comment_id', 'len', 'sha1', 'model', 'format', 'deleted', 'minor', 'hidden', 'type',
          'value', 'key', 'expiry', 'params', 'flags', 'count', 'ratio', 'score', 'wiki',
          'domain', 'ip_hex', 'agent', 'reason', 'status', 'created', 'updated', 'order_index',
          'enabled', 'latitude', 'weight', 'priority', 'rev_id', 'page_id', 'target', 'label']
STRINGS = ['', 'page', 'it\'s', 'O\'Brien\'s', 'a\'\'b', '\'\'', 'C:\\Temp', 'say \\', '\\',
           'a\\\'b', 'café', 'Ünïcödé', '日本語', 'NULL', 'unknown', '0', '1', '-1', '0.00',
           '1e3', '  ', 'a b', 'x' * 40, '{}', '"quoted"', 'semi;colon', '--dash', '/* c */',
           'CURRENT_TIMESTAMP', 'infinity', 'true', 'false']
TIMESTAMPS = ['19700101000000', '20010115000000', '00000000000000', '20240229235959',
              '99991231235959', '19700101000001', '20380119031407', 'infinity', '',
              '0', '1970-01-01 00:00:00', '2001-01-15T00:00:00Z', '2001-01-15T12:30:00+05:30',
              '20010115T000000Z', '2001-01-15 00:00:00+00', '2001-01-15 00:00:00 GMT',
              '2001:01:15 00:00:00', 'Mon, 15 Jan 2001 00:00:00 GMT',
              'Tue, 15 Jan 2001 00:00:00 EST', 'Monday, 15-Jan-01 00:00:00 GMT',
              'Mon Jan 15 00:00:00 2001', '15-01-2001 00:00:00.000000', '978566400',
              '-1.5', '20011315000000', '20010132250000']
LENGTHS = [1, 2, 10, 14, 16, 32, 40, 60, 64, 100, 191, 255, 256, 512, 767, 1000, 4000, 4001,
           10000, 65535, 65536, 70000, 16777215, 16777216]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    # ---- names -------------------------------------------------------------

    def table_name(self):
        if self.chance(0.12):
            return self.pick(RESERVED)
        name = self.pick(NOUNS)
        if self.chance(0.3):
            name += '_' + self.pick(['temp', 'props', 'link', 'log', 'stats', 'map'])
        if self.chance(0.03):
            name = (name + '_recommendation_normalized_content_reference')[:64]
        return name

    def prefix(self, table):
        parts = [p for p in table.split('_') if p]
        p = ''.join(w[0] for w in parts) if len(parts) > 1 else table[:self.r.randint(2, 4)]
        return p + '_'

    def column_name(self, prefix, used):
        for _ in range(50):
            if self.chance(0.07):
                name = self.pick(RESERVED)
            else:
                name = prefix + self.pick(FIELDS)
                if self.chance(0.02):
                    name = (name + '_notification_configuration_expiration_reference')[:64]
            if name.lower() not in used:
                used.add(name.lower())
                return name
        name = prefix + 'c%d' % len(used)
        used.add(name.lower())
        return name

    # ---- columns -----------------------------------------------------------

    def default_for(self, t, c):
        if t in INTS:
            return self.pick([0, 1, -1, 42, 255, '0', '7'])
        if t == 'boolean':
            return self.pick([0, 1, True, False, '0', '1'])
        if t == 'float':
            return self.pick([0, 0.5, -12.5, 1.5, '0', '3.14', '-0.0', 1e3])
        if t == 'decimal':
            return self.pick([0, '0.00', '1234567.89', -1, '12.5'])
        if t == 'mwtimestamp':
            return self.pick(TIMESTAMPS)
        if t == 'datetimetz':
            return self.pick(['CURRENT_TIMESTAMP', '2001-01-15 00:00:00', '', '1970-01-01 00:00:00'])
        if t == 'mwenum':
            values = c['options'].get('PlatformOptions', c['options'].get('CustomSchemaOptions', {}))
            values = values.get('enum_values') or ['a']
            return self.pick(values + [''])
        return self.pick(STRINGS)

    def bag(self, opts, key, value):
        name = 'CustomSchemaOptions' if self.chance(0.12) else 'PlatformOptions'
        opts.setdefault(name, {})[key] = value

    def column(self, name, t=None, pk_auto=False):
        t = t or self.pick(TYPES)
        c = {'name': name, 'type': t, 'options': {}}
        o = c['options']
        if self.chance(0.3):
            c['comment'] = 'The %s of the row' % name
        if self.chance(0.35):
            o['notnull'] = self.chance(0.4)
        if t in INTS or t in ('float', 'decimal'):
            if self.chance(0.4):
                o['unsigned'] = self.chance(0.8)
        if pk_auto and t in INTS:
            o['autoincrement'] = True
            o['notnull'] = True
        if t in ('string', 'binary', 'blob', 'text', 'mwtinyint') and self.chance(0.7):
            o['length'] = self.pick(LENGTHS) if t != 'mwtinyint' else self.pick([1, 3, 4])
        if t in ('string', 'binary', 'mwenum') and self.chance(0.3):
            o['fixed'] = True
        if t == 'decimal' and self.chance(0.8):
            o['precision'] = self.pick([5, 10, 12, 20, 65])
            o['scale'] = self.pick([0, 2, 4, min(o['precision'], 10)])
        if t == 'float' and self.chance(0.4):
            self.bag(o, 'doublePrecision', self.chance(0.8))
        if t == 'mwtimestamp' and self.chance(0.35):
            self.bag(o, 'allowInfinite', self.chance(0.85))
        if t == 'datetimetz' and self.chance(0.4):
            self.bag(o, 'version', self.chance(0.8))
        if t == 'mwenum':
            n = self.r.randint(1, 4)
            self.bag(o, 'enum_values', self.r.sample(['open', 'closed', 'pending', 'add',
                                                      'remove', "it's", 'web', 'api'], n))
        if not pk_auto and self.chance(0.55):
            o['default'] = self.default_for(t, c) if self.chance(0.92) else None
        return c

    # ---- tables ------------------------------------------------------------

    def index(self, table, cols, used):
        ncols = self.r.randint(1, min(3, len(cols)))
        chosen = self.r.sample([c['name'] for c in cols], ncols)
        if self.chance(0.08):
            name = self.pick(RESERVED)
        else:
            name = '%s%s' % (table.get('_prefix', ''), '_'.join(x.split('_')[-1] for x in chosen))
        while name.lower() in used:
            name += '_2'
        used.add(name.lower())
        ix = {'name': name, 'columns': chosen, 'unique': self.chance(0.3)}
        if self.chance(0.2):
            ix['comment'] = 'Index on ' + ', '.join(chosen)
        types = {c['name']: c['type'] for c in cols}
        if self.chance(0.15):
            ix['options'] = {'lengths': [self.pick([10, 20, 191]) if types[x] in
                                         ('string', 'binary', 'blob', 'text') else None
                                         for x in chosen]}
        elif self.chance(0.06):
            ix.setdefault('options', {})['where'] = '%s IS NOT NULL' % chosen[0]
        if not ix['unique'] and self.chance(0.05):
            ix['flags'] = ['fulltext']
        return ix

    def table(self, name=None):
        name = name or self.table_name()
        prefix = self.prefix(name)
        used = set()
        cols, pk = [], []
        shape = self.r.random()
        if shape < 0.55:
            c = self.column(prefix + 'id', self.pick(['integer', 'bigint', 'integer']), pk_auto=True)
            used.add(c['name'].lower())
            cols.append(c)
            pk = [c['name']]
        for _ in range(self.r.randint(1, 7)):
            cols.append(self.column(self.column_name(prefix, used)))
        if 0.55 <= shape < 0.8:
            candidates = [c['name'] for c in cols if c['type'] not in ('blob', 'text')]
            pk = self.r.sample(candidates, min(len(candidates), self.r.randint(1, 2)))
        t = {'name': name, '_prefix': prefix, 'columns': cols, 'indexes': []}
        if self.chance(0.5):
            t['comment'] = 'Random table %s' % name
        iused = set()
        for _ in range(self.r.randint(0, 4)):
            t['indexes'].append(self.index(t, cols, iused))
        if pk or self.chance(0.1):
            t['pk'] = pk
        if self.chance(0.05):
            t['table_options'] = ['ENGINE=InnoDB', 'DEFAULT CHARSET=binary']
        return t

    # ---- edits -------------------------------------------------------------

    def drop_column_refs(self, t, name):
        t['indexes'] = [ix for ix in t['indexes'] if name not in ix['columns']]
        if name in t.get('pk', []):
            t['pk'] = [x for x in t['pk'] if x != name]

    def rename_refs(self, t, old, new):
        for ix in t['indexes']:
            ix['columns'] = [new if x == old else x for x in ix['columns']]
        if 'pk' in t:
            t['pk'] = [new if x == old else x for x in t['pk']]

    def edit(self, t):
        cols = t['columns']
        used = {c['name'].lower() for c in cols}
        kind = self.pick(['add_column', 'add_column', 'drop_column', 'type', 'length',
                          'nullable', 'default', 'unsigned', 'autoinc', 'rename_column',
                          'move_column', 'add_index', 'drop_index', 'rename_index',
                          'toggle_unique', 'index_columns', 'pk', 'drop_pk', 'respell',
                          'comment', 'platform_option'])
        c = self.pick(cols) if cols else None
        if kind == 'add_column' or not cols:
            nc = self.column(self.column_name(t['_prefix'], used))
            if self.chance(0.3):
                nc['options']['notnull'] = True
            cols.insert(self.r.randint(0, len(cols)), nc)
            if self.chance(0.3):
                t['indexes'].append(self.index(t, [nc], {i['name'].lower() for i in t['indexes']}))
        elif kind == 'drop_column' and len(cols) > 1:
            cols.remove(c)
            self.drop_column_refs(t, c['name'])
        elif kind == 'type':
            nc = self.column(c['name'], self.pick(TYPES))
            c.clear()
            c.update(nc)
        elif kind == 'length':
            c['options']['length'] = self.pick(LENGTHS)
        elif kind == 'nullable':
            c['options']['notnull'] = not c['options'].get('notnull', True)
        elif kind == 'default':
            if 'default' in c['options'] and self.chance(0.3):
                del c['options']['default']
            else:
                c['options']['default'] = self.default_for(c['type'], c)
        elif kind == 'unsigned' and c['type'] in INTS | {'float', 'decimal'}:
            c['options']['unsigned'] = not c['options'].get('unsigned', False)
        elif kind == 'autoinc' and c['type'] in INTS:
            on = not c['options'].get('autoincrement', False)
            c['options']['autoincrement'] = on
            if on:
                c['options'].pop('default', None)
                t['pk'] = [c['name']]
        elif kind == 'rename_column':
            new = self.column_name(t['_prefix'], used)
            self.rename_refs(t, c['name'], new)
            c['name'] = new
        elif kind == 'move_column' and len(cols) > 1:
            cols.remove(c)
            cols.insert(self.r.randint(0, len(cols)), c)
        elif kind == 'add_index':
            t['indexes'].append(self.index(t, cols, {i['name'].lower() for i in t['indexes']}))
        elif kind in ('drop_index', 'rename_index', 'toggle_unique', 'index_columns') and t['indexes']:
            ix = self.pick(t['indexes'])
            if kind == 'drop_index':
                t['indexes'].remove(ix)
            elif kind == 'rename_index':
                ix['name'] = ix['name'] + '_' + self.pick(['2', 'idx', 'new'])
            elif kind == 'toggle_unique':
                ix['unique'] = not ix['unique']
                ix.pop('flags', None)
            else:
                ix['columns'] = list(reversed(ix['columns'])) if len(ix['columns']) > 1 \
                    else ix['columns'] + [self.pick(cols)['name']]
                ix['columns'] = list(dict.fromkeys(ix['columns']))
                ix.pop('options', None)
        elif kind == 'pk':
            candidates = [x['name'] for x in cols if x['type'] not in ('blob', 'text')]
            if candidates:
                t['pk'] = self.r.sample(candidates, min(len(candidates), self.r.randint(1, 2)))
        elif kind == 'drop_pk':
            t['pk'] = []
            for x in cols:
                x['options'].pop('autoincrement', None)
        elif kind == 'respell':
            o = c['options']
            for a, b in (('PlatformOptions', 'CustomSchemaOptions'),
                         ('CustomSchemaOptions', 'PlatformOptions')):
                if a in o:
                    o[b] = o.pop(a)
                    break
        elif kind == 'comment':
            c['comment'] = 'Changed comment'
        elif kind == 'platform_option':
            if c['type'] == 'datetimetz':
                self.bag(c['options'], 'version', self.chance(0.5))
            elif c['type'] == 'mwtimestamp':
                self.bag(c['options'], 'allowInfinite', self.chance(0.5))
            elif c['type'] == 'float':
                self.bag(c['options'], 'doublePrecision', self.chance(0.5))

    def change(self):
        before = self.table()
        r = self.r.random()
        if r < 0.07:
            return {}, before, 'Add the %s table' % before['name']
        if r < 0.11:
            return before, {}, 'Drop the %s table' % before['name']
        after = copy.deepcopy(before)
        if r < 0.15:
            after['name'] = before['name'] + '_new'
            return before, after, 'Rename the table'
        for _ in range(self.r.randint(1, 6)):
            self.edit(after)
        # an auto-increment column must be the key
        for c in after['columns']:
            if c['options'].get('autoincrement') and after.get('pk') != [c['name']]:
                c['options']['autoincrement'] = False
        return before, after, 'Random edits of %s' % before['name']

    # ---- writing -----------------------------------------------------------

    def shuffled(self, obj):
        """A copy with the keys in a random order now and then."""
        if isinstance(obj, list):
            return [self.shuffled(x) for x in obj]
        if not isinstance(obj, dict):
            return obj
        keys = [k for k in obj if not k.startswith('_')]
        if self.chance(0.2):
            self.r.shuffle(keys)
        return {k: self.shuffled(obj[k]) for k in keys}

    def dump(self, obj):
        obj = self.shuffled(obj)
        if self.chance(0.6):
            return json.dumps(obj, indent='\t', ensure_ascii=self.chance(0.5)) + '\n'
        return json.dumps(obj, indent=4, separators=(',', ': ')) + '\n'


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: gen.py SEED N OUTDIR')
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    g = Gen(seed)
    os.makedirs(os.path.join(out, 'abstractSchemaChanges'), exist_ok=True)
    for i in range(n):
        if g.chance(0.2):
            tables = [g.table() for _ in range(g.r.randint(1, 3))]
            seen, unique = set(), []
            for t in tables:
                if t['name'].lower() not in seen:
                    seen.add(t['name'].lower())
                    unique.append(t)
            path = 'tables-d-%04d.json' % i
            text = g.dump(unique)
        else:
            before, after, comment = g.change()
            path = 'abstractSchemaChanges/patch-%04d.json' % i
            text = g.dump({'comment': comment, 'before': before, 'after': after})
        with open(os.path.join(out, path), 'w', encoding='utf-8') as f:
            f.write(text)
        print(path)


if __name__ == '__main__':
    main()
