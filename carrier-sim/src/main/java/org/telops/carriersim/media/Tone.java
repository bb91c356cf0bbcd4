package org.telops.carriersim.media;

/**
 * The simulated far end's "short tone": a 440 Hz beep of 400 ms every 2 s, G.711 μ-law (16-bit
 * algorithm: bias 0x84, clip 32635), so a caller hears that the line is alive without an agent on it.
 */
public final class Tone {
  static final int PERIOD_FRAMES = 100;   // 2 s
  static final int BEEP_FRAMES = 20;      // 400 ms
  private static final double HZ = 440.0;
  private static final int AMPLITUDE = 8_000;
  private static final int SAMPLE_RATE = 8_000;

  private Tone() {}

  /** The frame at {@code frameIndex} (20 ms each) of the repeating beep. */
  public static byte[] frame(long frameIndex) {
    byte[] out = new byte[Pipe.FRAME_BYTES];
    if (frameIndex % PERIOD_FRAMES >= BEEP_FRAMES) {
      java.util.Arrays.fill(out, Pipe.SILENCE);
      return out;
    }
    long firstSample = frameIndex * Pipe.FRAME_BYTES;
    for (int i = 0; i < out.length; i++) {
      double t = (firstSample + i) / (double) SAMPLE_RATE;
      out[i] = encode((short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * HZ * t)));
    }
    return out;
  }

  /** Linear 16-bit PCM to μ-law. */
  public static byte encode(short pcm) {
    int s = pcm;
    int sign = (s >> 8) & 0x80;
    if (sign != 0) {
      s = -s;
    }
    if (s > 32_635) {
      s = 32_635;
    }
    s += 0x84;
    int exponent = 7;
    for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (s >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }
}
