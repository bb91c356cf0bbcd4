#!/usr/bin/env bash
# Offline STT cost per core: decodes the 12 phrases of sentences.txt (espeak-ng → μ-law 8 kHz → 16 kHz + noise fill,
# as the engine does) one after another with the engine's grammar; prints CPU seconds per utterance and the
# real-time factor (CPU time / audio time). Concurrent calls per core ≈ 1 / (RTF × share of call time callers speak).
# Needs pocketsphinx pocketsphinx-en-us espeak-ng sox. Usage: bench/pipeline/stt-throughput.sh [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
{ echo "#JSGF V1.0;"; echo "grammar telops;"; printf "public <utt> = ";
  awk 'NR>1{printf " | "} {printf "(%s)",$0}' "$here/sentences.txt"; echo ";"; } > "$work/g.gram"
i=0; audio=0
while read -r s; do i=$((i+1))
  espeak-ng -w "$work/r.wav" "$s"; sox "$work/r.wav" -r 8000 -c 1 -e u-law "$work/u.wav"
  sox "$work/u.wav" -r 16000 -e signed -b 16 "$work/t.wav"
  sox -m "$work/t.wav" "|sox $work/t.wav -p synth whitenoise vol 0.01 sinc 4200" "$work/$i.wav"
done < "$here/sentences.txt"
audio=$(for f in "$work"/[0-9]*.wav; do soxi -D "$f"; done | awk '{s+=$1} END {printf "%.2f", s}')
start=$(date +%s.%N)
for r in $(seq "$rounds"); do for f in "$work"/[0-9]*.wav; do
  pocketsphinx_continuous -infile "$f" -jsgf "$work/g.gram" -logfn /dev/null >/dev/null 2>&1
done; done
end=$(date +%s.%N)
n=$((rounds * i))
awk -v n="$n" -v a="$audio" -v r="$rounds" -v s="$start" -v e="$end" 'BEGIN {
  wall = e - s; printf "utterances %d, audio %.1f s, wall %.1f s on one core: %.0f ms per utterance, real-time factor %.2f\n",
  n, a * r, wall, wall * 1000 / n, wall / (a * r) }'
