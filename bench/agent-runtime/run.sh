#!/usr/bin/env bash
# Agent-runtime load bench: N concurrent simulated Twilio media streams at real 20 ms pacing against the
# runtime (VAD, in-band DTMF, jitter/loss statistics and an engine on every frame), and the same load against
# a bare Vert.x WebSocket echo in the same run. Two processes on the same 2 cores: the server (BenchServer, a
# JVM: runtime + bare echo, 2 event loops, as the platform runs them) and the load generator (wsload, C on
# epoll on one thread, like wrk: the client must cost the shared cores as little as it can), run per step by
# LoadDriver, which prints the table. Needs gcc (on the java-maven machines).
# Prints, per N: frames lost and late (> 20 ms), turnaround percentiles, the load generator's own pacing lag
# (send-lag99), the server's GC during the step, CPU of server and load generator (% of one core) over the
# measured window, and the runtime-added turn latency (end-of-speech decision → first agent frame).
# Usage: bench/agent-runtime/run.sh [SECONDS_PER_STEP] [N ...]     (default: 20 500 1000 1500 2000 2500)
# Environment: SERVER_JAVA (default java), SERVER_JAVA_OPTS (default -Xms1g -Xmx1g; -DloopLag=true prints
# event-loop stalls over 15 ms, -DSERVER_LOOPS=n, -Dnative=false for NIO;
# the server runs the platform's transport: TELOPS_EVENT_LOOP_COALESCE_MICROS=0 for Netty's own epoll loop), RAMP (streams connected per second,
# default 250), SETTLE (seconds of traffic before measuring, default 3), TARGETS (default bare,runtime),
# WARMUP (seconds of 500 streams on each target before the steps, default 20: the JIT),
# SCRIPTED_EVERY (every k-th runtime stream is scripted and gives turns, default 10; 0 = all echo),
# WSLOAD_TIMELINE=1 (slow frames per 100 ms, with wall-clock times, on stderr), LOAD_NICE (nice value of the
# load generator), SERVER_CPUS / LOAD_CPUS (taskset CPU lists: the server and the load generator on cores of
# their own, e.g. SERVER_CPUS=0 LOAD_CPUS=1 with -DSERVER_LOOPS=1), and any TELOPS_* setting, which reaches the runtime (e.g. TELOPS_INBAND_DTMF=false).
# Not part of `mvn verify`. Compiles against the agent-runtime module and its dependencies, and the platform's
# event-loop transport (built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-20}"
shift || true
steps="${*:-500 1000 1500 2000 2500}"
if [ ! -d "$root/agent-runtime/target/classes/org" ] || [ ! -d "$root/platform/target/classes/org" ]; then
  (cd "$root" && mvn -B -q -pl platform -am -DskipTests install)
fi
mkdir -p "$here/target/classes"
cp_file="$here/target/classpath.txt"
(cd "$root" && mvn -B -q -o -pl agent-runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/classes:$root/agent-runtime/target/classes:$root/platform/target/classes:$root/agent-runtime/target/test-classes:$(cat "$cp_file")"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
gcc -O2 -Wall -o "$here/target/wsload" "$here/src/wsload.c"
echo "== CPU per frame on one thread, no sockets =="
java -cp "$cp" FramePathBench 500000 | tail -1
echo "== N streams over WebSockets (server JVM and wsload, two processes) =="
fifo="$(mktemp -u)"
mkfifo "$fifo"
log="$here/target/server.log"
# The server reads its stdin until EOF: holding the fifo open keeps it running; closing it stops it.
# shellcheck disable=SC2086
${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} "${SERVER_JAVA:-java}" ${SERVER_JAVA_OPTS:--Xms1g -Xmx1g} -DTELOPS_LOG_LEVEL=WARN -cp "$cp" BenchServer <"$fifo" >"$log" 2>&1 &
server=$!
exec 3>"$fifo"
rm -f "$fifo"
trap 'exec 3>&-; kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^READY' "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
read -r runtime_port echo_port server_pid < <(sed -n 's/^READY runtime=\([0-9]*\) echo=\([0-9]*\) pid=\([0-9]*\)$/\1 \2 \3/p' "$log")
${LOAD_CPUS:+taskset -c "$LOAD_CPUS"} ${LOAD_NICE:+nice -n "$LOAD_NICE"} java -Xmx256m -Dramp="${RAMP:-250}" -Dsettle="${SETTLE:-3}" -Dtargets="${TARGETS:-bare,runtime}" -DscriptedEvery="${SCRIPTED_EVERY:-10}" -Dwarmup="${WARMUP:-20}" \
  -cp "$cp" LoadDriver "$here/target/wsload" "$runtime_port" "$echo_port" "$server_pid" "$seconds" $steps
