package org.telops.audio;

/**
 * Sine tones, DTMF keys and silence as 8 kHz 16-bit PCM: the probe's challenge and test tone, the
 * responder's reply, test audio. Amplitudes are peak sample values (32767 = full scale); a DTMF key
 * puts {@code amplitude} on each of its two tones, so the pair peaks at twice that.
 */
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

  /** One DTMF key (0-9, *, #, A-D, either case) with both tones at {@code amplitude} each. */
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
    throw new IllegalArgumentException("'" + digit + "' is not a DTMF key (0-9, *, #, A-D)");
  }

  /** Each key as {@code toneMs} of its pair followed by {@code gapMs} of silence. */
  public static short[] dtmfSequence(String digits, int toneMs, int gapMs, int amplitude) {
    int per = (toneMs + gapMs) * SAMPLE_RATE_HZ / 1000;
    short[] out = new short[per * digits.length()];
    for (int i = 0; i < digits.length(); i++) {
      short[] t = dtmf(digits.charAt(i), toneMs, amplitude);
      System.arraycopy(t, 0, out, i * per, t.length);
    }
    return out;
  }

  /** {@code durationMs} of digital silence (μ-law encodes it as 0xFF). */
  public static short[] silence(int durationMs) {
    return new short[durationMs * SAMPLE_RATE_HZ / 1000];
  }
}
