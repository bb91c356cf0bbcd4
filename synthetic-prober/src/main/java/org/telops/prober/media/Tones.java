package org.telops.prober.media;

/**
 * The probe's outgoing audio at 8 kHz: DTMF digits (ITU-T Q.23 frequency pairs) and the 1004 Hz test
 * tone (the milliwatt tone of telephony test sets, off the DTMF grid and away from 1000 Hz so codec
 * sampling artefacts do not line up with it).
 */
public final class Tones {
  public static final double TEST_TONE_HZ = 1004;
  /** Each DTMF component at about −14 dBFS, the pair at about −11 dBFS: well inside what carriers pass unclipped. */
  static final int DTMF_AMPLITUDE = 6500;
  static final int TEST_TONE_AMPLITUDE = 10000;
  private static final String KEYS = "123A456B789C*0#D";
  static final double[] ROWS_HZ = {697, 770, 852, 941};
  static final double[] COLS_HZ = {1209, 1336, 1477, 1633};

  private Tones() {}

  /** The row and column frequency of a key, or null if it is not a DTMF key. */
  public static double[] frequencies(char key) {
    int i = KEYS.indexOf(Character.toUpperCase(key));
    return i < 0 ? null : new double[] {ROWS_HZ[i / 4], COLS_HZ[i % 4]};
  }

  /** Each key as {@code toneMs} of its pair followed by {@code gapMs} of silence. */
  public static short[] dtmf(String keys, int toneMs, int gapMs) {
    int toneSamples = toneMs * Goertzel.SAMPLE_RATE_HZ / 1000;
    int gapSamples = gapMs * Goertzel.SAMPLE_RATE_HZ / 1000;
    short[] out = new short[keys.length() * (toneSamples + gapSamples)];
    for (int k = 0; k < keys.length(); k++) {
      double[] f = frequencies(keys.charAt(k));
      if (f == null) {
        throw new IllegalArgumentException("'" + keys.charAt(k) + "' is not a DTMF key (0-9, *, #, A-D)");
      }
      int offset = k * (toneSamples + gapSamples);
      for (int i = 0; i < toneSamples; i++) {
        double t = (double) i / Goertzel.SAMPLE_RATE_HZ;
        out[offset + i] = (short) Math.round(DTMF_AMPLITUDE * (Math.sin(2 * Math.PI * f[0] * t) + Math.sin(2 * Math.PI * f[1] * t)));
      }
    }
    return out;
  }

  /** {@code ms} of the 1004 Hz test tone. */
  public static short[] testTone(int ms) {
    short[] out = new short[ms * Goertzel.SAMPLE_RATE_HZ / 1000];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(TEST_TONE_AMPLITUDE * Math.sin(2 * Math.PI * TEST_TONE_HZ * i / Goertzel.SAMPLE_RATE_HZ));
    }
    return out;
  }
}
