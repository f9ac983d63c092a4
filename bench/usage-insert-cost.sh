#!/usr/bin/env bash
# What one usage record costs the embedded H2 database, outside any server (docs/benchmarks.md,
# "Why R1/R0 stays low"): 400 000 rows of the usage_record table in JDBC batches of 10 000, one
# transaction per batch, as the usage writer does; with the request_id primary key and the
# (key_id, started_at) index as in the schema (pk), without the primary key (nopk), and with no
# index at all (noidx). Prints the inserting thread's CPU per row; `time` adds the whole JVM's
# (the MVStore background writer serialises the pages in another thread).
# Needs the H2 jar in ~/.m2 (any build of Keygate fetches it). Usage: bench/usage-insert-cost.sh
set -euo pipefail
H2=$(ls ~/.m2/repository/com/h2database/h2/2.*/h2-2.*.jar | sort -V | tail -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" -cp "$H2" "$(dirname "$0")/usage-insert-cost/InsertCost.java"
for mode in pk nopk noidx; do
  /usr/bin/time -f "   whole JVM: %U s user + %S s system for 400000 rows" \
    java -Ddir="$WORK" -cp "$H2:$WORK" InsertCost "$mode"
done
