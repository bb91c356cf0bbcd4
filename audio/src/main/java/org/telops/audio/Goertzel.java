package org.telops.audio;

/**
 * Power of one frequency in a block of samples (Goertzel's algorithm, evaluated at the exact
 * frequency rather than the nearest DFT bin). {@link #relativePower} normalises by the block's
 * energy: a pure sine at the frequency gives ≈ 1, each tone of an equal-level DTMF pair ≈ 0.5.
 */
public final class Goertzel {
  private Goertzel() {}

  /** |X(f)|² over samples [from, from + n). */
  public static double power(short[] samples, int from, int n, double frequencyHz, int sampleRateHz) {
    double coeff = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRateHz);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double s0 = samples[from + i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /** Σ x² over the block. */
  public static double energy(short[] samples, int from, int n) {
    double e = 0;
    for (int i = 0; i < n; i++) {
      double x = samples[from + i];
      e += x * x;
    }
    return e;
  }

  /** Share of the block's energy at {@code frequencyHz}: 2·|X|² / (n·Σx²), 0 for a silent block. */
  public static double relativePower(short[] samples, int from, int n, double frequencyHz, int sampleRateHz, double energy) {
    if (energy <= 0) {
      return 0;
    }
    return 2 * power(samples, from, n, frequencyHz, sampleRateHz) / (n * energy);
  }

  /** Level of a block in dB relative to a full-scale sine (0 dBFS ≈ −3 dBm0 for G.711). */
  public static double levelDbfs(double energy, int n) {
    if (energy <= 0 || n == 0) {
      return -120;
    }
    double rms = Math.sqrt(energy / n);
    return 20 * Math.log10(rms / 23170.0); // 23170 = RMS of a full-scale sine
  }
}
