package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ToneDetectorTest {
  private final ToneDetector detector = ToneDetector.testTone();

  @Test
  @DisplayName("Every 20 ms μ-law frame of the 1004 Hz test tone is recognised, at the runtime's and the prober's levels")
  void hearsTheTestTone() {
    assertThat(Fixtures.frames(ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, 200, 10000)))
        .allSatisfy(f -> assertThat(detector.isTone(MuLaw.decode(f))).isTrue());
    assertThat(detector.isTone(MuLaw.decode(MuLaw.encode(ToneGenerator.tone(1004, 20, 8000))))).isTrue();
  }

  @Test
  @DisplayName("A DTMF pair, 941 Hz alone, silence and a frame under 10 ms are not the test tone")
  void notTheTestTone() {
    assertThat(detector.isTone(ToneGenerator.dtmf('1', 20, 5000))).as("key 1").isFalse();
    assertThat(detector.isTone(MuLaw.decode(Fixtures.frames(ToneGenerator.dtmf('#', 100, 6500)).get(1)))).as("key #").isFalse();
    assertThat(detector.isTone(ToneGenerator.tone(941, 20, 8000))).as("941 Hz").isFalse();
    assertThat(detector.isTone(ToneGenerator.tone(941, 20, 10000))).as("941 Hz, louder").isFalse();
    assertThat(detector.isTone(new short[160])).as("silence").isFalse();
    assertThat(detector.isTone(ToneGenerator.tone(1004, 5, 10000))).as("5 ms").isFalse();
  }

  @Test
  @DisplayName("No 20 ms frame of caller speech is taken for the test tone")
  void speechIsNotTheTestTone() {
    short[] speech = Fixtures.pcm("caller-agent");
    int toneFrames = 0;
    for (int i = 0; i + 160 <= speech.length; i += 160) {
      toneFrames += detector.isTone(Arrays.copyOfRange(speech, i, i + 160)) ? 1 : 0;
    }
    assertThat(toneFrames).isZero();
  }
}
