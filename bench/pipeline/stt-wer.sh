#!/usr/bin/env bash
# Offline STT on telephone audio: speaks sentences.txt with espeak-ng and flite, passes each through the
# telephone path (G.711 mu-law, 8 kHz), decodes it with pocketsphinx under several configurations and prints
# the WER of each as NIST sclite computes it (substitutions + deletions + insertions over reference words).
# Needs Debian: pocketsphinx pocketsphinx-en-us espeak-ng flite sox sctk.   Run: bench/pipeline/stt-wer.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sentences="$here/sentences.txt"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
model=/usr/share/pocketsphinx/model/en-us/en-us
# 8 kHz front end: the model's feat.params says -upperf 6800 and overrides the command line, so copy and edit it.
cp -r "$model" "$work/hmm8"; sed -i 's/^-upperf .*/-upperf 3800/' "$work/hmm8/feat.params"

# grammar of the flow's phrases (JSGF), and a keyphrase list for keyword spotting
{ echo "#JSGF V1.0;"; echo "grammar intents;"; printf "public <utt> = ";
  awk 'NR>1{printf " | "} {printf "(%s)",$0}' "$sentences"; echo ";"; } > "$work/g.gram"
awk '{print $0" /1e-20/"}' "$sentences" > "$work/kws.txt"
awk '{print $0" (s"NR")"}' "$sentences" > "$work/ref.trn"

for voice in espeak flite; do
  for v in clean16 tel8 tel16 fill16; do mkdir -p "$work/$voice/$v"; done
  i=0
  while read -r s; do
    i=$((i+1)); d="$work/$voice"
    if [ $voice = espeak ]; then espeak-ng -w "$d/r.wav" "$s"; else flite -t "$s" -o "$d/r.wav"; fi
    sox "$d/r.wav" -r 16000 -c 1 -e signed -b 16 "$d/clean16/$i.wav"
    sox "$d/r.wav" -r 8000 -c 1 -e u-law "$d/u.wav"                      # the telephone path
    sox "$d/u.wav" -r 8000 -e signed -b 16 "$d/tel8/$i.wav"               # as received
    sox "$d/u.wav" -r 16000 -e signed -b 16 "$d/tel16/$i.wav"             # upsampled: 4-8 kHz empty
    # upsampled and the empty 4-8 kHz band filled with low-level noise (what the model's filterbank expects)
    sox -m "$d/tel16/$i.wav" "|sox $d/tel16/$i.wav -p synth whitenoise vol 0.01 sinc 4200" "$d/fill16/$i.wav"
  done < "$sentences"
done

decode() { # dir args...
  local dir=$1; shift; local i=0
  while read -r _; do i=$((i+1))
    h=$(pocketsphinx_continuous -infile "$dir/$i.wav" "$@" -logfn /dev/null 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')
    echo "$h (s$i)"
  done < "$sentences"
}
wer() { sctk sclite -r "$work/ref.trn" trn -h "$1" trn -i rm -o sum stdout 2>/dev/null | awk '/Sum\/Avg/{print $(NF-2)}'; }

printf "%-7s %-44s %-40s %6s\n" voice audio configuration "WER%"
run() { # voice audio label args...   (audio: "<dir> (<description>)")
  local voice=$1 audio=$2 label=$3; shift 3
  decode "$work/$voice/${audio%% *}" "$@" > "$work/h.trn" || true
  printf "%-7s %-44s %-40s %6s\n" "$voice" "$audio" "$label" "$(wer "$work/h.trn")"
}
strict=(-remove_noise no -beam 1e-80 -pbeam 1e-80 -wbeam 1e-60)
for voice in espeak flite; do
  run $voice "clean16 (16 kHz, no phone path)" "default LM"
  run $voice "clean16 (16 kHz, no phone path)" "JSGF" -jsgf "$work/g.gram"
  run $voice "tel8 (mu-law 8 kHz)" "-samprate 8000 -nfft 256 -upperf 3800" -hmm "$work/hmm8" -samprate 8000 -nfft 256
  run $voice "tel8 (mu-law 8 kHz)" "same + JSGF" -hmm "$work/hmm8" -samprate 8000 -nfft 256 -jsgf "$work/g.gram"
  run $voice "tel16 (mu-law, sox upsampled)" "default LM" 
  run $voice "tel16 (mu-law, sox upsampled)" "JSGF" -jsgf "$work/g.gram"
  run $voice "tel16 (mu-law, sox upsampled)" "JSGF, no noise removal, wide beams" -jsgf "$work/g.gram" "${strict[@]}"
  run $voice "tel16 (mu-law, sox upsampled)" "keyword spotting (-kws)" -kws "$work/kws.txt"
  run $voice "fill16 (upsampled + 4-8 kHz noise fill)" "default LM"
  run $voice "fill16 (upsampled + 4-8 kHz noise fill)" "JSGF" -jsgf "$work/g.gram"
  run $voice "fill16 (upsampled + 4-8 kHz noise fill)" "keyword spotting (-kws)" -kws "$work/kws.txt"
done
