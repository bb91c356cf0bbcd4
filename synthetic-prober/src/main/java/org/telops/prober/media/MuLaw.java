package org.telops.prober.media;

/**
 * G.711 μ-law, the 16-bit-input algorithm (not the 14-bit G.191 variant): encode clips to ±32635,
 * adds the 0x84 bias and keeps exponent + 4 mantissa bits; decode is a 256-entry table.
 */
public final class MuLaw {
  private static final int BIAS = 0x84;
  private static final int CLIP = 32635;
  private static final short[] DECODE = new short[256];

  static {
    int[] base = {0, 132, 396, 924, 1980, 4092, 8316, 16764};
    for (int i = 0; i < 256; i++) {
      int u = ~i & 0xFF;
      int exponent = (u >> 4) & 0x07;
      int magnitude = base[exponent] + ((u & 0x0F) << (exponent + 3));
      DECODE[i] = (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }
  }

  private MuLaw() {}

  public static byte encode(int sample) {
    int sign = (sample >> 8) & 0x80;
    int s = sign != 0 ? -sample : sample;
    if (s > CLIP) {
      s = CLIP;
    }
    s += BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (s >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  public static short decode(byte b) {
    return DECODE[b & 0xFF];
  }

  public static byte[] encode(short[] pcm) {
    byte[] out = new byte[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = encode(pcm[i]);
    }
    return out;
  }

  public static short[] decode(byte[] ulaw) {
    short[] out = new short[ulaw.length];
    for (int i = 0; i < ulaw.length; i++) {
      out[i] = DECODE[ulaw[i] & 0xFF];
    }
    return out;
  }
}
