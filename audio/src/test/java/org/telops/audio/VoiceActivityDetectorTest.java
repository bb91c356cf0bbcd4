package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

  /** Events with the audio time (ms) at which they fired. */
  static List<String> run(VoiceActivityDetector vad, short[] pcm) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i + 160 <= pcm.length; i += 160) {
      VoiceActivityDetector.Event e = vad.process(java.util.Arrays.copyOfRange(pcm, i, i + 160));
      if (e != VoiceActivityDetector.Event.NONE) {
        events.add(e + "@" + vad.audioMs());
      }
    }
    return events;
  }

  static short[] mix(short[] a, short[] b) {
    short[] out = new short[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, a[i] + b[i % b.length]));
    }
    return out;
  }

  @Test
  @DisplayName("Speech after silence starts once and ends once, the configured silence after the last word")
  void speechThenSilence() {
    short[] speech = Fixtures.pcm("caller-agent");
    short[] pcm = Fixtures.concat(ToneGenerator.silence(1000), Fixtures.pcm("caller-agent"), ToneGenerator.silence(1000));
    VoiceActivityDetector vad = new VoiceActivityDetector(300, 100);
    List<String> events = run(vad, pcm);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("SPEECH_START@");
    assertThat(events.get(1)).startsWith("SPEECH_END@");
    long endAt = Long.parseLong(events.get(1).substring(events.get(1).indexOf('@') + 1));
    assertThat(endAt - vad.lastVoicedEndMs()).isBetween(300L, 320L);
    assertThat(vad.lastVoicedEndMs()).isBetween(1000L + speech.length / 8 - 300, 1000L + speech.length / 8 + 20);
  }

  @Test
  @DisplayName("Steady line noise alone is never speech")
  void noiseAlone() {
    short[] noise = Fixtures.pcm("line-noise");
    short[] loud = new short[noise.length];
    for (int i = 0; i < noise.length; i++) {
      loud[i] = (short) (noise[i] * 8); // about −30 dBFS: louder than most lines
    }
    assertThat(run(new VoiceActivityDetector(300, 100), noise)).isEmpty();
    assertThat(run(new VoiceActivityDetector(300, 100), loud)).isEmpty();
  }

  @Test
  @DisplayName("Speech over line noise is still found and its end still detected")
  void speechOverNoise() {
    short[] noise = Fixtures.pcm("line-noise");
    short[] clean = Fixtures.concat(ToneGenerator.silence(2000), Fixtures.pcm("caller-agent"), ToneGenerator.silence(1500));
    short[] noisy = mix(clean, noise);
    List<String> events = run(new VoiceActivityDetector(300, 100), noisy);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("SPEECH_START");
    assertThat(events.get(1)).startsWith("SPEECH_END");
  }

  @Test
  @DisplayName("A 40 ms click is shorter than the minimum speech time and is ignored")
  void clickIgnored() {
    short[] pcm = new short[8000];
    for (int i = 4000; i < 4320; i++) {
      pcm[i] = (short) ((i % 2 == 0) ? 12000 : -12000);
    }
    assertThat(run(new VoiceActivityDetector(300, 100), pcm)).isEmpty();
  }
}
