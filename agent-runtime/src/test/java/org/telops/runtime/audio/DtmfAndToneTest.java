package org.telops.runtime.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.runtime.Fixtures;

class DtmfAndToneTest {

  static String detect(short[] pcm) {
    DtmfDetector d = new DtmfDetector();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 160 <= pcm.length; i += 160) {
      char c = d.process(pcm, i, 160);
      if (c != 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Test
  @DisplayName("Digits made by sox (an independent generator) are detected in order, each once")
  void soxDigits() {
    assertThat(detect(MuLaw.decode(Fixtures.audio("dtmf-159hash")))).isEqualTo("159#");
  }

  @Test
  @DisplayName("All sixteen keys are detected through μ-law coding")
  void allKeys() {
    String keys = "123A456B789C*0#D";
    short[] pcm = MuLaw.decode(MuLaw.encode(ToneGenerator.dtmfSequence(keys, 60, 60, 5000)));
    assertThat(detect(pcm)).isEqualTo(keys);
  }

  @Test
  @DisplayName("A key held down for a second is reported once; pressed twice it is reported twice")
  void debounce() {
    short[] held = ToneGenerator.dtmf('5', 1000, 5000);
    assertThat(detect(held)).isEqualTo("5");
    assertThat(detect(ToneGenerator.dtmfSequence("55", 100, 100, 5000))).isEqualTo("55");
  }

  @Test
  @DisplayName("A digit with one 20 ms frame lost to silence inside it is still reported once, not twice")
  void concealedFrameInsideADigit() {
    for (int lost = 2; lost <= 5; lost++) {
      short[] pcm = ToneGenerator.dtmfSequence("77", 160, 100, 5000);
      java.util.Arrays.fill(pcm, lost * 160, lost * 160 + 160, (short) 0);
      assertThat(detect(pcm)).as("frame %d of the first 7 silenced", lost).isEqualTo("77");
    }
  }

  @Test
  @DisplayName("Speech, line noise and a 1004 Hz test tone contain no digits")
  void noFalseDigits() {
    assertThat(detect(MuLaw.decode(Fixtures.audio("caller-agent")))).isEmpty();
    assertThat(detect(MuLaw.decode(Fixtures.prompt("greeting")))).isEmpty();
    assertThat(detect(MuLaw.decode(Fixtures.audio("line-noise")))).isEmpty();
    assertThat(detect(ToneGenerator.tone(1004, 1000, 8000))).isEmpty();
  }

  @Test
  @DisplayName("The tone detector hears 1004 Hz but not a DTMF pair, speech or silence")
  void testTone() {
    ToneDetector t = new ToneDetector(1004, 8000);
    assertThat(t.isTone(MuLaw.decode(MuLaw.encode(ToneGenerator.tone(1004, 20, 8000))))).isTrue();
    assertThat(t.isTone(ToneGenerator.dtmf('1', 20, 5000))).isFalse();
    assertThat(t.isTone(ToneGenerator.tone(941, 20, 8000))).isFalse();
    assertThat(t.isTone(new short[160])).isFalse();
    short[] speech = MuLaw.decode(Fixtures.audio("caller-agent"));
    int toneFrames = 0;
    for (int i = 0; i + 160 <= speech.length; i += 160) {
      toneFrames += t.isTone(java.util.Arrays.copyOfRange(speech, i, i + 160)) ? 1 : 0;
    }
    assertThat(toneFrames).isZero();
  }
}
