package org.telops.prober.media;

/**
 * Energy of one frequency in a block of 8 kHz samples (Goertzel's recurrence, evaluated at the exact
 * frequency, not the nearest DFT bin), and the block's level. {@link #share} normalises by the block's
 * energy: a pure sine at the frequency gives ≈ 1, each tone of an equal-level DTMF pair ≈ 0.5.
 */
public final class Goertzel {
  public static final int SAMPLE_RATE_HZ = 8000;
  /** RMS of a full-scale 16-bit sine: the 0 dBFS reference. */
  private static final double FULL_SCALE_RMS = 32767 / Math.sqrt(2);

  private Goertzel() {}

  /** |X(f)|² over the block. */
  public static double power(short[] samples, double frequencyHz) {
    double coeff = 2 * Math.cos(2 * Math.PI * frequencyHz / SAMPLE_RATE_HZ);
    double s1 = 0;
    double s2 = 0;
    for (short sample : samples) {
      double s0 = sample + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /** Σ x². */
  public static double energy(short[] samples) {
    double e = 0;
    for (short s : samples) {
      e += (double) s * s;
    }
    return e;
  }

  /** Share of the block's energy at the frequency, 0..≈1; 0 for silence. */
  public static double share(short[] samples, double frequencyHz, double energy) {
    return energy <= 0 ? 0 : 2 * power(samples, frequencyHz) / (samples.length * energy);
  }

  /** Level in dB relative to a full-scale sine; −120 for digital silence. */
  public static double levelDbfs(double energy, int samples) {
    if (energy <= 0 || samples == 0) {
      return -120;
    }
    return 20 * Math.log10(Math.sqrt(energy / samples) / FULL_SCALE_RMS);
  }
}
