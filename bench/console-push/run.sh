#!/usr/bin/env bash
# The console's push beside the media, interleaved: N Twilio streams (wsload) on the platform jar, measured in windows
# of S seconds: one with no console session, then, with K console sessions signed in on /calls/live (in Chromium,
# which is then killed: the UIs stay open on the server), W windows in ABBA order with the sessions' push on (a plain
# WebSocket client per session reads everything the server pushes) or off (no browser connected). Prints every window,
# the medians and an exact permutation test. Not part of `mvn verify`. Needs gcc and Debian's chromium.
# Usage: bench/console-push/run.sh [STREAMS] [SECONDS] [SESSIONS] [WINDOWS]      (default 500 60 50 12)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/platform/target/telops.jar"
if [ ! -f "$jar" ] || [ ! -d "$root/agent-runtime/target/test-classes/org" ]; then
  (cd "$root" && mvn -B -q -DskipTests install)
fi
mkdir -p "$here/target/classes"
cp_file="$here/target/classpath.txt"
(cd "$root" && mvn -B -q -o -pl platform dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/classes:$root/agent-runtime/target/test-classes:$(cat "$cp_file")"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
gcc -O2 -Wall -o "$here/target/wsload" "$root/bench/agent-runtime/src/wsload.c"
# Pinned by default: the platform alone on CPU 0 (TELOPS_BENCH_SERVER_CPUS), wsload, the push clients and the browsers
# that sign in on CPU 1 (TELOPS_BENCH_CLIENT_CPUS), the browsers at the lowest priority (nice 19), so what the windows
# compare is the console server's cost to the media. Set both to "" to run unpinned.
export TELOPS_BENCH_SERVER_CPUS="${TELOPS_BENCH_SERVER_CPUS-0}" TELOPS_BENCH_CLIENT_CPUS="${TELOPS_BENCH_CLIENT_CPUS-1}"
# Playwright starts the browser in a session of its own, so with the kernel's autogroup scheduling its nice value
# only ranks it against itself: the wrapper lowers its autogroup too (where the kernel offers it).
cat > "$here/target/chromium-nice" <<EOS
#!/bin/sh
[ -w /proc/self/autogroup ] && echo 19 > /proc/self/autogroup
exec ${TELOPS_BENCH_CLIENT_CPUS:+taskset -c $TELOPS_BENCH_CLIENT_CPUS} nice -n 19 "$(command -v chromium)" "\$@"
EOS
chmod +x "$here/target/chromium-nice"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ${TELOPS_BENCH_CLIENT_CPUS:+taskset -c $TELOPS_BENCH_CLIENT_CPUS} java -Xmx512m -cp "$cp" PushBench "$jar" "$here/target/wsload" "${1:-500}" "${2:-60}" "${3:-50}" "$here/target/chromium-nice" "${4:-12}"
