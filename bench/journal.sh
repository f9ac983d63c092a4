#!/usr/bin/env bash
# The usage journal's cost per metered call and its ceiling (docs/benchmarks.md, "The usage
# journal"): bench/journal/JournalBench.java drives the real UsageJournal of target/classes with
# 1, 4, 16, 64 and 256 request threads, each appending a record and waiting for its fsync, as a
# gateway call does before its answer is released. Side by side in one run: the journal on this
# machine's disk (target/, where fsync reaches the device) and on /dev/shm (tmpfs: fsync is free),
# so the difference is what durability costs.
# Usage: bench/journal.sh   (needs target/classes: mvn compile first)
# Tunables: DURATION (s per run, 10), WARMUP (3), THREADS ("1 4 16 64 256").
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
THREADS=${THREADS:-1 4 16 64 256}
[ -d target/classes/org/keygate/usage/control ] || { echo "no target/classes: run mvn compile first" >&2; exit 2; }
WORK=$(mktemp -d)
SHM=""
cleanup() { rm -rf "$WORK" ${SHM:+"$SHM"} target/journal-bench; }
trap cleanup EXIT
javac -d "$WORK" -cp target/classes bench/journal/JournalBench.java
mkdir -p target/journal-bench
echo "== journal on disk ($(df --output=source target | tail -1))"
# shellcheck disable=SC2086
java -Xmx1g -cp "target/classes:$WORK" JournalBench target/journal-bench "$DURATION" "$WARMUP" $THREADS
if [ -d /dev/shm ]; then
  SHM=$(mktemp -d /dev/shm/journal-bench-XXXX)
  echo "== journal on tmpfs (/dev/shm: fsync costs nothing)"
  # shellcheck disable=SC2086
  java -Xmx1g -cp "target/classes:$WORK" JournalBench "$SHM" "$DURATION" "$WARMUP" $THREADS
fi
