#!/usr/bin/env bash
# Renders the scripted engine's built-in prompts and the integration tests' caller audio: speech from
# espeak-ng, converted by sox to raw μ-law 8 kHz mono (no header), as carriers stream it. Run once after
# changing a text; the outputs are committed, so builds and tests never need espeak-ng or sox.
# Needs: apt-get install -y espeak-ng sox
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/.." && pwd)"
prompts="$module/src/main/resources/prompts"
fixtures="$module/src/test/resources/audio"
mkdir -p "$prompts" "$fixtures"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# speak NAME VOICE "TEXT" DIR: espeak-ng (22.05 kHz WAV) → 8 kHz μ-law, peak normalised to −3 dBFS,
# 150 ms of silence trimmed to at most that at either end.
speak() {
  espeak-ng -v "$2" -s 160 -w "$tmp/$1.wav" "$3"
  sox "$tmp/$1.wav" -r 8000 -c 1 -e mu-law -t raw "$4/$1.ulaw" norm -3 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.05 0.15
}

speak greeting en-us "Hello, and thank you for calling. This call may be recorded for quality and training purposes. You are speaking with an automated A I assistant, not a person." "$prompts"
speak menu en-us "For our opening hours, press 1 or say hours. To speak with a person, press 2 or say agent. To end the call, press 9." "$prompts"
speak nomatch en-us "Sorry, I did not catch that." "$prompts"
speak hours en-us "We are open Monday to Friday, from nine in the morning until six in the evening." "$prompts"
speak transfer en-us "Please hold while I transfer you to a member of our team." "$prompts"
speak goodbye en-us "Thank you for calling. Goodbye." "$prompts"

# Caller audio for the integration tests (a different voice from the agent's).
speak caller-agent en-us+m3 "I would like to speak to an agent, please." "$fixtures"
speak caller-hours en-us+m3 "What are your opening hours?" "$fixtures"

# In-band DTMF made by sox (an independent generator, so the Goertzel detector is not tested against itself):
# "1", "5", "9", "#" — 100 ms tone, 100 ms silence each, each tone at about −12 dBFS.
dtmf_pair() { # digit low high
  sox -n -r 8000 -c 1 "$tmp/lo.wav" synth 0.1 sine "$2" vol 0.18
  sox -n -r 8000 -c 1 "$tmp/hi.wav" synth 0.1 sine "$3" vol 0.18
  sox -m "$tmp/lo.wav" "$tmp/hi.wav" "$tmp/d$1.wav" pad 0 0.1
}
dtmf_pair 1 697 1209
dtmf_pair 5 770 1336
dtmf_pair 9 852 1477
dtmf_pair hash 941 1477
sox "$tmp/d1.wav" "$tmp/d5.wav" "$tmp/d9.wav" "$tmp/dhash.wav" -e mu-law -t raw "$fixtures/dtmf-159hash.ulaw"

# The audio library's tests (no false digits on speech or noise, sox digits, VAD) use copies of some of
# these, plus line noise: 3 s of white noise at about −40 dBFS RMS.
audio_fixtures="$module/../audio/src/test/resources/audio"
mkdir -p "$audio_fixtures"
sox -n -r 8000 -c 1 -e mu-law -t raw "$audio_fixtures/line-noise.ulaw" synth 3 whitenoise vol 0.017
cp "$fixtures/caller-agent.ulaw" "$fixtures/dtmf-159hash.ulaw" "$audio_fixtures/"
cp "$prompts/greeting.ulaw" "$audio_fixtures/"

ls -l "$prompts" "$fixtures" "$audio_fixtures"
