#!/usr/bin/env bash
# CDR ingest and export benchmark: the whole platform in one JVM (embedded PostgreSQL in a temp dir),
# N CDRs posted over HTTP in batches, then the full set exported as CSV while heap is sampled.
# Usage: bench/cdr/run.sh [CDRS] [BATCH] [CLIENT_THREADS]      (from anywhere; default 1000000 5000 2)
# Not part of `mvn verify`. Needs the platform jar (built here if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/platform/target/telops.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests install)
fi
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$jar" "$here"/src/*.java
# A small heap on purpose: a 1,000,000-row export that loaded into memory would not fit in it.
exec java ${BENCH_JAVA_OPTS:-} ${BENCH_HEAP:--Xms256m -Xmx256m} -DTELOPS_LOG_LEVEL=WARN -cp "$here/target/classes:$jar" CdrBench "${1:-1000000}" "${2:-5000}" "${3:-2}"
