package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResamplerTest {

  static double rms(short[] s, int from) {
    double e = 0;
    for (int i = from; i < s.length; i++) {
      e += (double) s[i] * s[i];
    }
    return Math.sqrt(e / (s.length - from));
  }

  @Test
  @DisplayName("A 1 kHz tone upsampled to 16 kHz keeps its level and frequency, across frame boundaries")
  void upsample() {
    Resampler up = Resampler.upsampler();
    short[] tone = ToneGenerator.tone(1000, 400, 10000);
    short[] out = new short[tone.length * 2];
    for (int i = 0; i < tone.length; i += 160) {
      short[] part = up.upsample(java.util.Arrays.copyOfRange(tone, i, i + 160));
      System.arraycopy(part, 0, out, i * 2, part.length);
    }
    assertThat(rms(out, 320)).isCloseTo(rms(tone, 160), org.assertj.core.data.Percentage.withPercentage(3));
    double share = Goertzel.relativePower(out, 320, 3200, 1000, 16000, Goertzel.energy(out, 320, 3200));
    assertThat(share).isGreaterThan(0.95);
  }

  @Test
  @DisplayName("Downsampling keeps a 1 kHz tone and removes a 6 kHz one that 8 kHz cannot carry")
  void downsample() {
    short[] in1k = new short[16000];
    short[] in6k = new short[16000];
    for (int i = 0; i < in1k.length; i++) {
      in1k[i] = (short) (10000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
      in6k[i] = (short) (10000 * Math.sin(2 * Math.PI * 6000 * i / 16000.0));
    }
    short[] out1k = Resampler.downsampler().downsample(in1k);
    short[] out6k = Resampler.downsampler().downsample(in6k);
    assertThat(out1k).hasSize(8000);
    assertThat(rms(out1k, 100)).isCloseTo(rms(in1k, 0), org.assertj.core.data.Percentage.withPercentage(3));
    assertThat(rms(out6k, 100)).isLessThan(rms(in6k, 0) * 0.05);
  }
}
