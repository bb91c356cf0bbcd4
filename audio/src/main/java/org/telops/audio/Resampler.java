package org.telops.audio;

/**
 * 8 kHz ⇄ 16 kHz for engines that want wideband input or produce it: factor-2 interpolation and
 * decimation through one windowed-sinc half-band low-pass (31 taps, Blackman window, cut-off at
 * 4 kHz of the 16 kHz rate). The filter keeps its history, so frames join without clicks: use one
 * instance per direction per call. Not thread-safe.
 */
public final class Resampler {
  private static final double[] TAPS = halfBand(31);
  private final double[] history = new double[TAPS.length];
  private int pos;

  private Resampler() {}

  public static Resampler upsampler() {
    return new Resampler();
  }

  public static Resampler downsampler() {
    return new Resampler();
  }

  /** 8 kHz → 16 kHz: zero-stuffing, then the low-pass (gain 2 restores the level). */
  public short[] upsample(short[] in) {
    short[] out = new short[in.length * 2];
    for (int i = 0; i < in.length; i++) {
      out[2 * i] = clip(2 * filter(in[i]));
      out[2 * i + 1] = clip(2 * filter(0));
    }
    return out;
  }

  /** 16 kHz → 8 kHz: low-pass, then keep every second sample. An odd trailing sample is filtered and dropped. */
  public short[] downsample(short[] in) {
    short[] out = new short[in.length / 2];
    for (int i = 0; i < in.length; i++) {
      double y = filter(in[i]);
      if ((i & 1) == 1) {
        out[i / 2] = clip(y);
      }
    }
    return out;
  }

  private double filter(double x) {
    history[pos] = x;
    double acc = 0;
    int idx = pos;
    for (double tap : TAPS) {
      acc += tap * history[idx];
      idx = idx == 0 ? history.length - 1 : idx - 1;
    }
    pos = pos + 1 == history.length ? 0 : pos + 1;
    return acc;
  }

  private static short clip(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  private static double[] halfBand(int n) {
    double[] h = new double[n];
    int mid = n / 2;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int k = i - mid;
      double sinc = k == 0 ? 0.5 : Math.sin(Math.PI * k / 2.0) / (Math.PI * k);
      double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));
      h[i] = sinc * w;
      sum += h[i];
    }
    for (int i = 0; i < n; i++) {
      h[i] /= sum; // unity gain at DC
    }
    return h;
  }
}
