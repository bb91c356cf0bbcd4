package org.telops.runtime.audio;

/** Sine tones and DTMF digits as 8 kHz PCM, for the probe responder and for tests. */
public final class ToneGenerator {
  public static final int SAMPLE_RATE_HZ = 8000;

  private ToneGenerator() {}

  /** A sine at {@code frequencyHz}, {@code durationMs} long, peak amplitude {@code amplitude} (≤ 32767). */
  public static short[] tone(double frequencyHz, int durationMs, int amplitude) {
    short[] out = new short[durationMs * SAMPLE_RATE_HZ / 1000];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequencyHz * i / SAMPLE_RATE_HZ));
    }
    return out;
  }

  /** One DTMF digit (0-9, *, #, A-D) with both tones at {@code amplitude} each. */
  public static short[] dtmf(char digit, int durationMs, int amplitude) {
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        if (DtmfDetector.KEYS[r][c] == Character.toUpperCase(digit)) {
          short[] out = new short[durationMs * SAMPLE_RATE_HZ / 1000];
          for (int i = 0; i < out.length; i++) {
            double t = (double) i / SAMPLE_RATE_HZ;
            out[i] = (short) Math.round(amplitude * (Math.sin(2 * Math.PI * DtmfDetector.ROWS[r] * t)
                + Math.sin(2 * Math.PI * DtmfDetector.COLS[c] * t)));
          }
          return out;
        }
      }
    }
    throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9, *, #, A-D)");
  }

  /** Digits as tone/gap sequences, e.g. 100 ms tone then 100 ms silence per digit. */
  public static short[] dtmfSequence(String digits, int toneMs, int gapMs, int amplitude) {
    int per = (toneMs + gapMs) * SAMPLE_RATE_HZ / 1000;
    short[] out = new short[per * digits.length()];
    for (int i = 0; i < digits.length(); i++) {
      short[] t = dtmf(digits.charAt(i), toneMs, amplitude);
      System.arraycopy(t, 0, out, i * per, t.length);
    }
    return out;
  }

  public static short[] silence(int durationMs) {
    return new short[durationMs * SAMPLE_RATE_HZ / 1000];
  }
}
