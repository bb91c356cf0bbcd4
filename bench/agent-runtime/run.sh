#!/usr/bin/env bash
# Agent-runtime load bench: N concurrent simulated Twilio media streams at real 20 ms pacing against the
# runtime (VAD, in-band DTMF, jitter/loss statistics and an engine on every frame), and the same load against
# a bare Vert.x WebSocket echo in the same run. Prints, per N, frames lost and late (> 20 ms) and the frame
# turnaround percentiles, and the runtime-added turn latency (end-of-speech decision → first agent frame).
# Usage: bench/agent-runtime/run.sh [SECONDS_PER_STEP] [N ...]     (default: 20 250 500 1000 1500 2000)
# Not part of `mvn verify`. Compiles against the agent-runtime module and its dependencies (built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-20}"
shift || true
steps="${*:-250 500 1000 1500 2000}"
if [ ! -d "$root/agent-runtime/target/classes/org" ]; then
  (cd "$root" && mvn -B -q -pl agent-runtime -DskipTests install)
fi
mkdir -p "$here/target/classes"
cp_file="$here/target/classpath.txt"
(cd "$root" && mvn -B -q -o -pl agent-runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$root/agent-runtime/target/classes:$root/agent-runtime/target/test-classes:$(cat "$cp_file")"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
echo "== CPU per frame on one thread, no sockets =="
java -cp "$here/target/classes:$cp" FramePathBench 500000 | tail -1
echo "== N streams over WebSockets =="
# 1 GiB heap: 2,000 streams hold little (a session is a few KB), but the client lives in the same JVM.
exec java -Xms1g -Xmx1g -DTELOPS_LOG_LEVEL=WARN -cp "$here/target/classes:$cp" RuntimeBench "$seconds" $steps
