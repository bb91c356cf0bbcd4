package org.telops.prober.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DtmfAndToneTest {

  private static String detect(List<byte[]> frames) {
    DtmfDetector d = new DtmfDetector();
    StringBuilder sb = new StringBuilder();
    for (byte[] f : frames) {
      char k = d.accept(MuLaw.decode(f));
      if (k != 0) {
        sb.append(k);
      }
    }
    return sb.toString();
  }

  @Test
  @DisplayName("All sixteen keys sent as 100 ms tones with 100 ms gaps through μ-law are heard once each, in order")
  void everyKey() {
    String keys = "0123456789*#ABCD";
    assertThat(detect(AudioFrames.frames(Tones.dtmf(keys, 100, 100)))).isEqualTo(keys);
  }

  @Test
  @DisplayName("A repeated key is heard twice because of the gap, and 40 ms of tone is enough to count")
  void repeatsAndShortTones() {
    assertThat(detect(AudioFrames.frames(Tones.dtmf("5500#", 100, 100)))).isEqualTo("5500#");
    assertThat(detect(AudioFrames.frames(Tones.dtmf("73", 40, 60)))).isEqualTo("73");
  }

  @Test
  @DisplayName("A key whose middle frame was lost on the network is still heard once")
  void lostFrameInsideATone() {
    List<byte[]> frames = new java.util.ArrayList<>(AudioFrames.frames(Tones.dtmf("92", 100, 100)));
    frames.remove(2); // third 20 ms of the '9'
    assertThat(detect(frames)).isEqualTo("92");
  }

  @Test
  @DisplayName("A key with one frame replaced by silence (concealed loss) is heard once, not twice")
  void concealedFrameInsideATone() {
    List<byte[]> frames = new java.util.ArrayList<>(AudioFrames.frames(Tones.dtmf("92", 160, 100)));
    frames.set(3, new byte[160]);
    java.util.Arrays.fill(frames.get(3), (byte) 0xFF); // μ-law silence
    assertThat(detect(frames)).isEqualTo("92");
  }

  @Test
  @DisplayName("Silence, quiet keys, the 1004 Hz test tone and white noise are not taken for keys")
  void noFalseKeys() {
    assertThat(detect(AudioFrames.frames(AudioFrames.silence(500)))).isEmpty();
    short[] quiet = Tones.dtmf("1", 100, 0);
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] = (short) (quiet[i] / 100); // about −51 dBFS
    }
    assertThat(detect(AudioFrames.frames(quiet))).isEmpty();
    assertThat(detect(AudioFrames.frames(Tones.testTone(400)))).isEmpty();
    Random random = new Random(7);
    short[] noise = new short[8000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 6000);
    }
    assertThat(detect(AudioFrames.frames(noise))).isEmpty();
  }

  @Test
  @DisplayName("The 1004 Hz tone is recognised in every 20 ms frame; a DTMF pair, 941 Hz alone, noise and silence are not")
  void testTone() {
    assertThat(AudioFrames.frames(Tones.testTone(200)))
        .allSatisfy(f -> assertThat(ToneDetector.isTestTone(MuLaw.decode(f))).isTrue());
    assertThat(ToneDetector.isTestTone(MuLaw.decode(AudioFrames.frames(Tones.dtmf("#", 100, 0)).get(1)))).isFalse();
    short[] f941 = new short[160];
    for (int i = 0; i < f941.length; i++) {
      f941[i] = (short) (10000 * Math.sin(2 * Math.PI * 941 * i / 8000.0));
    }
    assertThat(ToneDetector.isTestTone(f941)).isFalse();
    assertThat(ToneDetector.isTestTone(new short[160])).isFalse();
    assertThat(ToneDetector.isAudible(new short[160])).isFalse();
    assertThat(ToneDetector.isAudible(MuLaw.decode(AudioFrames.frames(Tones.testTone(20)).get(0)))).isTrue();
  }

  @Test
  @DisplayName("A character that is not a DTMF key is refused by name")
  void badKey() {
    assertThatThrownBy(() -> Tones.dtmf("12x", 100, 100)).hasMessageContaining("'x' is not a DTMF key");
  }
}
