#!/usr/bin/env bash
# Benchmark: our RTP analyzer vs tshark -z rtp,streams on a generated 1,000,000-packet capture.
# Usage: bench/pcap/run.sh [PACKETS] [OUR_RUNS] [TSHARK_RUNS]     (from anywhere)
# Needs: JDK 17, Maven (compiles quality-analyzer's classes), tshark on PATH.
# Not part of `mvn verify`: it takes minutes and needs ~250 MB of scratch disk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packets="${1:-1000000}"
our_runs="${2:-10}"
tshark_runs="${3:-2}"
classes="$root/quality-analyzer/target/classes"
work="${BENCH_WORK_DIR:-$here/target}"

command -v tshark >/dev/null || { echo "tshark is not installed (apt-get install -y tshark)" >&2; exit 1; }
# Incremental compile of this one module only, so the bench never measures stale classes.
(cd "$root" && mvn -B -q -pl quality-analyzer compile)
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$classes" "$here"/src/*.java
capture="$work/rtp-${packets}.pcap"
if [ ! -f "$capture" ]; then
  echo "generating $capture ..."
  java -cp "$work/classes" BenchPcapGenerator "$capture" "$packets"
fi
exec java -Xms1g -Xmx1g -cp "$work/classes:$classes" PcapBench "$capture" "$our_runs" "$tshark_runs"
