#!/usr/bin/env bash
# What the runtime adds to a turn with hosted providers faked to answer at once (Deepgram, OpenAI-compatible LLM,
# OpenAI speech: local servers speaking their wire formats). Usage: bench/pipeline/runtime-latency.sh [calls] [turns] [hosted|offline]
# Compiles against agent-runtime's classes and test classes (its harness and fakes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$here/target/latency-classes"
cp_file="$here/target/latency-classpath.txt"
(cd "$root" && mvn -B -q -o -pl agent-runtime -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/latency-classes:$root/agent-runtime/target/classes:$root/agent-runtime/target/test-classes:$(cat "$cp_file")"
javac -d "$here/target/latency-classes" -cp "$cp" "$here/src/RuntimeLatencyBench.java"
java -cp "$cp" RuntimeLatencyBench "${1:-10}" "${2:-10}" "${3:-hosted}"
