#!/usr/bin/env python3
"""Strict structural check of a SARIF 2.1.0 log written by `mwschema lint --format=sarif`.

Usage: sarif_check.py SCHEMA < log.sarif
Checks the cross-references the JSON schema cannot express (ruleIndex points at
the rule with that ruleId, levels, URIs), then validates against SCHEMA with the
jsonschema module when it is installed. Exit 0 = valid, 1 = invalid.
"""
import json
import re
import sys


def fail(msg):
    print("SARIF invalid: " + msg, file=sys.stderr)
    sys.exit(1)


def check_structure(log):
    if log.get("version") != "2.1.0":
        fail("version must be 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or not runs:
        fail("runs must be a non-empty array")
    for run in runs:
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            fail("duplicate rule ids")
        for r in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not r[key]["text"].strip():
                    fail("rule %s: empty %s" % (r["id"], key))
        for res in run.get("results", []):
            if "ruleIndex" in res:
                if "ruleId" not in res or ids[res["ruleIndex"]] != res["ruleId"]:
                    fail("ruleIndex does not point at ruleId in %r" % res)
            elif "ruleId" in res and res["ruleId"] in ids:
                fail("result without ruleIndex for a known rule")
            if res.get("level") not in ("none", "note", "warning", "error"):
                fail("bad level %r" % res.get("level"))
            for loc in res.get("locations", []):
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                if re.search(r"[\s%](?![0-9A-F]{2})|[\s]", uri):
                    fail("uri not encoded: %r" % uri)
                region = loc["physicalLocation"].get("region", {})
                for key in ("startLine", "startColumn"):
                    if key in region and (not isinstance(region[key], int) or region[key] < 1):
                        fail("bad %s in %r" % (key, region))


def main():
    log = json.load(sys.stdin)
    check_structure(log)
    try:
        import jsonschema
    except ImportError:
        print("note: python3-jsonschema not installed; structural check only")
        return
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.FormatChecker()).iter_errors(log))
    for e in errors:
        print("SARIF invalid at %s: %s" % ("/".join(map(str, e.path)), e.message), file=sys.stderr)
    if errors:
        sys.exit(1)
    print("SARIF valid (%d results)" % sum(len(r.get("results", [])) for r in log["runs"]))


main()
