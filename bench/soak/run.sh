#!/usr/bin/env bash
# Soak: the platform jar on its defaults (embedded PostgreSQL, probes every 30 s, alert evaluation) carrying N Twilio
# media streams from the C load generator (bench/agent-runtime/src/wsload.c) for M minutes. Prints each minute the
# heap after a full GC, RSS and open file descriptors of java and of PostgreSQL; at the end frames lost, CDRs
# expected vs stored, and whether memory stayed flat. Not part of `mvn verify`. Needs gcc.
# Usage: bench/soak/run.sh [STREAMS] [MINUTES]      (default 1000 10)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/platform/target/telops.jar"
if [ ! -f "$jar" ] || [ ! -d "$root/agent-runtime/target/test-classes/org" ]; then
  (cd "$root" && mvn -B -q -pl platform -am package -DskipTests)
fi
mkdir -p "$here/target/classes"
cp_file="$here/target/classpath.txt"
(cd "$root" && mvn -B -q -o -pl agent-runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/classes:$root/agent-runtime/target/classes:$root/agent-runtime/target/test-classes:$(cat "$cp_file")"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
gcc -O2 -Wall -o "$here/target/wsload" "$root/bench/agent-runtime/src/wsload.c"
java -Xmx256m -cp "$cp" SoakDriver "$jar" "$here/target/wsload" "${1:-1000}" "${2:-10}"
