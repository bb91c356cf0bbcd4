#!/usr/bin/env bash
# Dashboard panel timings on the embedded PostgreSQL (a temporary data directory): loads CALLS CDRs over 30 days
# (one quality sample and two turns per call, one probe per 100 calls), then prints every PostgreSQL panel's
# median time over the last 24 h and 7 days, all variables at All, as telops_grafana, on the rollups (the provisioned
# panels) beside the same panels on the raw tables (bench/dashboards/raw: the panels as they read before the rollups).
# Usage: bench/dashboards/run.sh [CALLS]      (default 10000000). Not part of `mvn verify`.
#        bench/dashboards/run.sh --reuse DIR [SQL]  times the panels again on the data directory a run printed (no load),
#        after running the SQL file if given (a schema change to try on the loaded data).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$here/target"
(cd "$root" && mvn -B -q -pl dashboards -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$here/target/cp.txt")
cp="$root/dashboards/target/test-classes:$root/migrations/target/classes:$(cat "$here/target/cp.txt")"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
cd "$root/dashboards"
java ${BENCH_JAVA_OPTS:--Xmx1g} -Dtelops.dashboards.dir="$root/dashboards" -Dtelops.dashboards.raw.dir="$here/raw" -cp "$here/target/classes:$cp" \
  org.telops.dashboards.DashboardBench "${@:-10000000}" 2>&1 | grep --line-buffered -v ' INFO \| DEBUG '
