#!/bin/sh
# Issue 7: every change of the corpus (real and synthetic) verified on
# SQLite, MariaDB and PostgreSQL; pass counts per engine.
. "$(cd "$(dirname "$0")" && pwd)/corpus-run.sh"
corpus_run "$dir/known-failures.tsv"
