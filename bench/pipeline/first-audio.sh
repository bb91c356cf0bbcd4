#!/usr/bin/env bash
# First audio after a transcript, sentence buffering vs whole-reply TTS (espeak-ng, in-process fake LLM).
# Usage: bench/pipeline/first-audio.sh [runs] [gapMs]. Needs espeak-ng, sox; compiles against agent-runtime.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ ! -d "$root/agent-runtime/target/classes/org" ]; then
  (cd "$root" && mvn -B -q -o -pl agent-runtime -am test-compile)
fi
mkdir -p "$here/target/classes"
cp_file="$here/target/classpath.txt"
# compile + build-classpath in one reactor run: sibling modules resolve to their target/classes (no install)
(cd "$root" && mvn -B -q -o -pl agent-runtime -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/classes:$root/agent-runtime/target/classes:$(cat "$cp_file")"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
java -cp "$cp" FirstAudioBench "${1:-10}" "${2:-30}"
