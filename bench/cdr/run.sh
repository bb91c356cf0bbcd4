#!/usr/bin/env bash
# CDR ingest and export benchmark on the embedded PostgreSQL (a temporary data directory).
#   1. ingest: the collector role alone, N CDRs posted over HTTP in batches until all are committed;
#      prints sustained CDR/s and the CPU cost per CDR (JVM with its client + PostgreSQL).
#   2. export: a second JVM with a deliberately small heap (256 MiB — a 1,000,000-row export loaded into
#      memory would not fit) streams every row as CSV while heap use is sampled.
# Usage: bench/cdr/run.sh [CDRS] [BATCH] [CLIENT_THREADS]      (from anywhere; default 1000000 5000 2)
# Env: INGEST_HEAP (default -Xms1g -Xmx1g), EXPORT_HEAP (default -Xms256m -Xmx256m), BENCH_JAVA_OPTS.
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
data="$(mktemp -d /tmp/telops-bench.XXXXXX)"
trap 'rm -rf "$data"' EXIT
cp=("$here/target/classes:$jar")
java ${BENCH_JAVA_OPTS:-} ${INGEST_HEAP:--Xms1g -Xmx1g} -DTELOPS_LOG_LEVEL=WARN -cp "${cp[@]}" CdrBench ingest "$data" \
  "${1:-1000000}" "${2:-5000}" "${3:-2}"
java ${BENCH_JAVA_OPTS:-} ${EXPORT_HEAP:--Xms256m -Xmx256m} -DTELOPS_LOG_LEVEL=WARN -cp "${cp[@]}" CdrBench export "$data"
