#!/usr/bin/env bash
# Failover time: fault injected in the carrier-sim → first new call connected on the secondary carrier.
# The real carrier router module and the real carrier-sim in one JVM over real HTTP, on an embedded
# PostgreSQL in a temp directory; RUNS runs per fault, median and max printed.
# Usage: bench/failover/run.sh [RUNS=20] [FAULTS=down,http-error:503,slow-api:5000]   (from anywhere)
# Needs JDK 17 and Maven; compiles agent-runtime (incremental) and reads its test class path
# (carrier-sim, embedded-postgres, HikariCP, migrations). Not part of `mvn verify`.
# AGENT_RUNTIME_DIR overrides the module directory (default: <repo>/agent-runtime).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="${AGENT_RUNTIME_DIR:-$root/agent-runtime}"
work="${BENCH_WORK_DIR:-$here/target}"
mkdir -p "$work/classes"
mvn -B -q -o -f "$module/pom.xml" compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt"
cp="$module/target/classes:$(cat "$work/classpath.txt")"
javac -d "$work/classes" -cp "$cp" "$here"/src/*.java
exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile="$here/logback.xml" -cp "$work/classes:$cp" FailoverBench \
  "${1:-20}" "${2:-down,http-error:503,slow-api:5000}"
