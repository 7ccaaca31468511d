#!/usr/bin/env python3
"""Writes a synthetic MediaWiki-sized checkout for the code-index benchmark.

    bench/make-php-tree.py DIR [FILES]          (default: 5000 files)

FILES PHP files of core's average size (about 9 KB) under includes/,
maintenance/ and tests/phpunit/, shaped like MediaWiki's code: licence
docblocks, namespaces, classes whose methods build queries with the
query builders and the old $db->select() style, raw SQL in strings and
heredocs, array keys, row properties, log messages and comments, over a
vocabulary of 60 prefixed tables of 10 columns each. Also sql/tables.json
with those tables, so the tree is a checkout mwschema can open. The output
only depends on FILES (a fixed seed).
"""
import json
import os
import random
import sys

TABLES = ["page", "revision", "user", "actor", "comment", "text", "archive", "logging",
          "recentchanges", "watchlist", "categorylinks", "pagelinks", "templatelinks",
          "imagelinks", "externallinks", "langlinks", "iwlinks", "redirect", "image",
          "oldimage", "filearchive", "uploadstash", "ipblocks", "block_target", "user_groups",
          "user_properties", "user_newtalk", "change_tag", "change_tag_def", "slots",
          "content", "content_models", "slot_roles", "page_props", "page_restrictions",
          "protected_titles", "site_stats", "sites", "site_identifiers", "job", "objectcache",
          "querycache", "querycachetwo", "l10n_cache", "module_deps", "bot_passwords",
          "ip_changes", "category", "linktarget", "updatelog", "searchindex", "interwiki",
          "user_former_groups", "watchlist_expiry", "log_search", "existencelinks",
          "file", "filerevision", "filetypes", "user_autocreate_serial"]
SUFFIXES = ["id", "name", "timestamp", "actor", "namespace", "title", "len", "deleted",
            "flags", "touched"]


def prefix(table):
    parts = table.split("_")
    return "".join(p[0] for p in parts) + (table[1:3] if len(parts) == 1 else "")


def columns(table):
    return ["%s_%s" % (prefix(table), s) for s in SUFFIXES]


LICENCE = """/**
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation; either version 2 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the
 * GNU General Public License for more details.
 *
 * @file
 */
"""


def method(r, i):
    t = r.choice(TABLES)
    cols = columns(t)
    c = r.sample(cols, 4)
    kind = r.randrange(6)
    body = []
    body.append("\t/**\n\t * Loads the %s rows matching %s (uses %s).\n\t *\n"
                "\t * @param int $id\n\t * @return array\n\t */" % (t, c[0], c[1]))
    body.append("\tpublic function get%s%d( int $id, array $options = [] ): array {" %
                (t.title().replace("_", ""), i))
    body.append("\t\t$dbr = $this->dbProvider->getReplicaDatabase();")
    if kind == 0:
        body.append("\t\t$res = $dbr->newSelectQueryBuilder()\n"
                    "\t\t\t->select( [ '%s', '%s', '%s' ] )\n\t\t\t->from( '%s' )\n"
                    "\t\t\t->where( [ '%s' => $id, '%s' => 0 ] )\n"
                    "\t\t\t->orderBy( '%s', SelectQueryBuilder::SORT_DESC )\n"
                    "\t\t\t->limit( 50 )\n\t\t\t->caller( __METHOD__ )->fetchResultSet();" %
                    (c[0], c[1], c[2], t, c[3], c[1], c[2]))
    elif kind == 1:
        t2 = r.choice(TABLES)
        body.append("\t\t$res = $dbr->select(\n\t\t\t[ '%s', '%s' ],\n\t\t\t[ '%s', '%s' ],\n"
                    "\t\t\t[ '%s' => $id, '%s = %s' ],\n\t\t\t__METHOD__,\n"
                    "\t\t\t[ 'ORDER BY' => '%s DESC', 'USE INDEX' => [ '%s' => '%s_%s' ] ]\n\t\t);" %
                    (t, t2, c[0], c[1], c[2], c[3], columns(t2)[0], c[1], t, prefix(t), "time"))
    elif kind == 2:
        body.append("\t\t$sql = \"SELECT %s, %s FROM {$dbr->tableName( '%s' )} \" .\n"
                    "\t\t\t\"WHERE %s = \" . (int)$id . \" AND %s > 0\";\n"
                    "\t\t$res = $dbr->query( $sql, __METHOD__ );" % (c[0], c[1], t, c[2], c[3]))
    elif kind == 3:
        body.append("\t\t$res = $dbr->query( <<<SQL\n\t\t\tSELECT %s, %s\n\t\t\tFROM %s\n"
                    "\t\t\tWHERE %s = {$id}\n\t\t\tSQL, __METHOD__ );" % (c[0], c[1], t, c[2]))
    elif kind == 4:
        body.append("\t\t$dbw = $this->dbProvider->getPrimaryDatabase();\n"
                    "\t\t$dbw->newUpdateQueryBuilder()\n\t\t\t->update( '%s' )\n"
                    "\t\t\t->set( [ '%s' => $dbw->timestamp(), '%s' => $options['%s'] ?? 0 ] )\n"
                    "\t\t\t->where( [ '%s' => $id ] )\n\t\t\t->caller( __METHOD__ )->execute();\n"
                    "\t\t$res = [];" % (t, c[0], c[1], c[1], c[2]))
    else:
        body.append("\t\t$res = $dbr->newSelectQueryBuilder()\n"
                    "\t\t\t->select( '%s' )\n\t\t\t->from( '%s' )\n\t\t\t->join( '%s', null, '%s = %s' )\n"
                    "\t\t\t->useIndex( '%s_%s' )\n\t\t\t->where( $dbr->expr( '%s', '>', $id ) )\n"
                    "\t\t\t->caller( __METHOD__ )->fetchFieldValues();" %
                    (c[0], t, r.choice(TABLES), c[1], c[2], prefix(t), "timestamp", c[3]))
    body.append("\t\t// Keep %s in step with %s: see T%d." % (c[0], c[1], r.randrange(100000, 399999)))
    body.append("\t\t$out = [];\n\t\tforeach ( $res as $row ) {\n"
                "\t\t\t$out[] = [ 'id' => (int)$row->%s, 'name' => $row->%s ];\n\t\t}" %
                (c[0], c[1]))
    body.append("\t\twfDebugLog( 'Database', __METHOD__ . \": loaded \" . count( $out ) . \" rows\" );")
    body.append("\t\treturn $out;\n\t}\n")
    return "\n".join(body)


def php_file(r, ns, name, size):
    out = ["<?php", LICENCE, "namespace MediaWiki\\%s;" % ns, "",
           "use MediaWiki\\MediaWikiServices;", "use Wikimedia\\Rdbms\\IConnectionProvider;",
           "use Wikimedia\\Rdbms\\SelectQueryBuilder;", "",
           "/**\n * %s: generated for the code index benchmark.\n *\n * @since 1.%d\n */" %
           (name, r.randrange(20, 45)),
           "class %s {" % name,
           "\tprivate const CACHE_TTL = 3600;\n",
           "\tpublic function __construct(\n\t\tprivate readonly IConnectionProvider $dbProvider\n\t) {\n\t}\n"]
    i = 0
    while sum(len(x) for x in out) < size:
        out.append(method(r, i))
        i += 1
    out.append("}\n")
    return "\n".join(out)


def main():
    root = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    r = random.Random(20240601)
    dirs = ["includes/%s" % d for d in ("Revision", "Storage", "User", "Page", "Title", "api",
            "specials", "jobqueue", "logging", "changes", "filerepo", "deferred", "parser",
            "Permissions", "libs/rdbms", "installer", "watchlist", "search", "block", "cache")]
    dirs += ["maintenance", "tests/phpunit/includes", "tests/phpunit/integration"]
    for n in range(files):
        d = os.path.join(root, dirs[n % len(dirs)], "Sub%02d" % (n // 400))
        os.makedirs(d, exist_ok=True)
        name = "Generated%05d" % n
        size = int(r.lognormvariate(8.7, 0.8))
        with open(os.path.join(d, name + ".php"), "w") as f:
            f.write(php_file(r, d.replace("/", "\\").replace("-", ""), name, min(size, 120000)))
    schema = []
    for t in TABLES:
        cols = [{"name": c, "type": "integer", "options": {"notnull": True, "unsigned": True,
                                                            "default": 0}}
                for c in columns(t)]
        cols[0]["options"] = {"notnull": True, "unsigned": True, "autoincrement": True}
        schema.append({"name": t, "columns": cols, "indexes": [
            {"name": "%s_timestamp" % prefix(t), "columns": [columns(t)[2]], "unique": False}],
            "pk": [columns(t)[0]]})
    os.makedirs(os.path.join(root, "sql"), exist_ok=True)
    with open(os.path.join(root, "sql", "tables.json"), "w") as f:
        json.dump(schema, f, indent="\t")
        f.write("\n")


if __name__ == "__main__":
    main()
