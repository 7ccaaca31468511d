#!/bin/sh
# Issue 11: for every change of the corpus, the forward patch then the
# generated rollback must give back the `before` table (column positions
# aside) with the sample rows, on SQLite, MariaDB and PostgreSQL.
. "$(cd "$(dirname "$0")" && pwd)/corpus-run.sh"
corpus_run "$dir/known-rollback-failures.tsv" --rollback
