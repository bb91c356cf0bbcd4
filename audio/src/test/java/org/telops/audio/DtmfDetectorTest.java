package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DtmfDetectorTest {
  /** The prober's level: each tone at about −14 dBFS. */
  private static final int PROBE_AMPLITUDE = 6500;

  /** Keys heard in 8 kHz PCM fed in frames of {@code frameSamples}. */
  static String detect(short[] pcm, int frameSamples) {
    DtmfDetector d = new DtmfDetector();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pcm.length; i += frameSamples) {
      char c = d.process(pcm, i, Math.min(frameSamples, pcm.length - i));
      if (c != 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String detect(short[] pcm) {
    return detect(pcm, 160);
  }

  /** Keys heard in μ-law frames as a carrier delivers them. */
  static String detect(List<byte[]> frames) {
    DtmfDetector d = new DtmfDetector();
    StringBuilder sb = new StringBuilder();
    for (byte[] f : frames) {
      char c = d.process(MuLaw.decode(f));
      if (c != 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Test
  @DisplayName("Digits made by sox (an independent generator) are detected in order, each once")
  void soxDigits() {
    assertThat(detect(Fixtures.pcm("dtmf-159hash"))).isEqualTo("159#");
  }

  @Test
  @DisplayName("All sixteen keys are heard once each, in order, through μ-law at 60 ms and at the probe's 100 ms")
  void allKeys() {
    String keys = "123A456B789C*0#D";
    assertThat(detect(MuLaw.decode(MuLaw.encode(ToneGenerator.dtmfSequence(keys, 60, 60, 5000))))).isEqualTo(keys);
    String probeOrder = "0123456789*#ABCD";
    assertThat(detect(Fixtures.frames(ToneGenerator.dtmfSequence(probeOrder, 100, 100, PROBE_AMPLITUDE)))).isEqualTo(probeOrder);
  }

  @Test
  @DisplayName("The same audio gives the same keys whatever the frame size, odd sizes and 40 ms frames included")
  void anyFrameSize() {
    short[] pcm = ToneGenerator.dtmfSequence("159#", 100, 100, 5000);
    for (int frameSamples : new int[] {80, 97, 160, 205, 320, 400}) {
      assertThat(detect(pcm, frameSamples)).as("frames of %d samples", frameSamples).isEqualTo("159#");
    }
  }

  @Test
  @DisplayName("A key held down for a second is reported once; a key repeated after a gap is reported each time")
  void debounceAndRepeats() {
    assertThat(detect(ToneGenerator.dtmf('5', 1000, 5000))).isEqualTo("5");
    assertThat(detect(ToneGenerator.dtmfSequence("55", 100, 100, 5000))).isEqualTo("55");
    assertThat(detect(Fixtures.frames(ToneGenerator.dtmfSequence("5500#", 100, 100, PROBE_AMPLITUDE)))).isEqualTo("5500#");
  }

  @Test
  @DisplayName("A 62 ms key with a 62 ms gap is heard however it lines up with the 205-sample blocks; a 20 ms burst never is")
  void shortestKeyAtAnyAlignment() {
    for (int offset = 0; offset < DtmfDetector.BLOCK; offset += 3) {
      short[] pcm = Fixtures.concat(new short[offset], ToneGenerator.dtmfSequence("73", 62, 62, PROBE_AMPLITUDE));
      assertThat(detect(MuLaw.decode(MuLaw.encode(pcm)))).as("starting %d samples into a block", offset).isEqualTo("73");
      short[] burst = Fixtures.concat(new short[offset], ToneGenerator.dtmfSequence("7", 20, 100, PROBE_AMPLITUDE));
      assertThat(detect(burst)).as("20 ms starting %d samples into a block", offset).isEmpty();
    }
  }

  @Test
  @DisplayName("A key with one 20 ms frame replaced by silence (concealed loss) anywhere inside it is reported once, not twice")
  void concealedFrameInsideAKey() {
    for (int lost = 1; lost <= 6; lost++) {
      short[] pcm = ToneGenerator.dtmfSequence("77", 160, 100, 5000);
      Arrays.fill(pcm, lost * 160, lost * 160 + 160, (short) 0);
      assertThat(detect(pcm)).as("frame %d of the first 7 silenced", lost).isEqualTo("77");
    }
    List<byte[]> frames = new ArrayList<>(Fixtures.frames(ToneGenerator.dtmfSequence("92", 160, 100, PROBE_AMPLITUDE)));
    Arrays.fill(frames.get(3), (byte) 0xFF); // μ-law silence, as a jitter buffer conceals a loss
    assertThat(detect(frames)).isEqualTo("92");
  }

  @Test
  @DisplayName("A 160 ms key (the probe's) with any one 20 ms frame lost on the network (never delivered) is still heard once")
  void lostFrameInsideAKey() {
    for (int lost = 0; lost < 8; lost++) {
      List<byte[]> frames = new ArrayList<>(Fixtures.frames(ToneGenerator.dtmfSequence("92", 160, 100, PROBE_AMPLITUDE)));
      frames.remove(lost); // the audio either side is spliced, with a phase jump inside one block
      assertThat(detect(frames)).as("frame %d of the '9' lost", lost).isEqualTo("92");
    }
  }

  @Test
  @DisplayName("A 100 ms key with any one 20 ms frame lost is still heard once: a block spoilt by the splice is bridged")
  void lostFrameInsideAShortKey() {
    for (int lost = 0; lost < 5; lost++) {
      List<byte[]> frames = new ArrayList<>(Fixtures.frames(ToneGenerator.dtmfSequence("92", 100, 100, PROBE_AMPLITUDE)));
      frames.remove(lost);
      assertThat(detect(frames)).as("frame %d of the '9' lost", lost).isEqualTo("92");
    }
  }

  @Test
  @DisplayName("Probe challenges (160 ms keys) through 5 % random frame loss come out right at least 98 % of the time")
  void randomFrameLoss() {
    Random random = new Random(11);
    int wrong = 0;
    for (int run = 0; run < 300; run++) {
      StringBuilder keys = new StringBuilder();
      for (int k = 0; k < 4; k++) {
        keys.append((char) ('0' + random.nextInt(10)));
      }
      keys.append('#');
      List<byte[]> frames = new ArrayList<>();
      for (byte[] f : Fixtures.frames(ToneGenerator.dtmfSequence(keys.toString(), 160, 100, PROBE_AMPLITUDE))) {
        if (random.nextInt(100) >= 5) {
          frames.add(f);
        }
      }
      if (!detect(frames).equals(keys.toString())) {
        wrong++;
      }
    }
    assertThat(wrong).as("wrong challenges of 300").isLessThanOrEqualTo(6);
  }

  @Test
  @DisplayName("Speech, line noise, white noise, silence, a 1004 Hz test tone and keys too quiet to count contain no digits")
  void noFalseDigits() {
    assertThat(detect(Fixtures.pcm("caller-agent"))).as("caller speech").isEmpty();
    assertThat(detect(Fixtures.pcm("greeting"))).as("agent prompt").isEmpty();
    assertThat(detect(Fixtures.pcm("line-noise"))).as("line noise").isEmpty();
    assertThat(detect(ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, 1000, 8000))).as("1004 Hz").isEmpty();
    assertThat(detect(Fixtures.frames(ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, 400, 10000)))).as("1004 Hz via μ-law").isEmpty();
    assertThat(detect(Fixtures.frames(ToneGenerator.silence(500)))).as("silence").isEmpty();
    short[] quiet = ToneGenerator.dtmf('1', 100, PROBE_AMPLITUDE / 100); // about −51 dBFS
    assertThat(detect(Fixtures.frames(quiet))).as("quiet key").isEmpty();
    Random random = new Random(7);
    short[] noise = new short[8000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 6000);
    }
    assertThat(detect(Fixtures.frames(noise))).as("white noise").isEmpty();
  }
}
