package org.telops.audio;

/**
 * G.711 μ-law ⇄ 16-bit linear PCM, table-driven. This is the 16-bit ("Sun") variant, not the 14-bit
 * G.191 one: encode clips at 32635 and adds a bias of 0x84; decode yields ±32124 at full scale.
 * Both tables are built once from the bit-level algorithm (encode: 64 KiB indexed by the sample's
 * 16 bits; decode: 256 shorts), so a frame costs one array load per sample.
 */
public final class MuLaw {
  private static final short[] DECODE = new short[256];
  private static final byte[] ENCODE = new byte[65536];
  private static final int[] EXPONENT_BASE = {0, 132, 396, 924, 1980, 4092, 8316, 16764};

  static {
    for (int i = 0; i < 256; i++) {
      DECODE[i] = decodeSlow((byte) i);
    }
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      ENCODE[s & 0xFFFF] = encodeSlow((short) s);
    }
  }

  private MuLaw() {}

  public static short decode(byte ulaw) {
    return DECODE[ulaw & 0xFF];
  }

  public static byte encode(short pcm) {
    return ENCODE[pcm & 0xFFFF];
  }

  /** Decodes {@code ulaw} into a new PCM array of the same length. */
  public static short[] decode(byte[] ulaw) {
    short[] out = new short[ulaw.length];
    decode(ulaw, 0, ulaw.length, out, 0);
    return out;
  }

  public static void decode(byte[] ulaw, int from, int length, short[] out, int outFrom) {
    for (int i = 0; i < length; i++) {
      out[outFrom + i] = DECODE[ulaw[from + i] & 0xFF];
    }
  }

  public static byte[] encode(short[] pcm) {
    return encode(pcm, 0, pcm.length);
  }

  public static byte[] encode(short[] pcm, int from, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = ENCODE[pcm[from + i] & 0xFFFF];
    }
    return out;
  }

  static byte encodeSlow(short sample) {
    int s = sample;
    int sign = (s >> 8) & 0x80;
    if (sign != 0) {
      s = -s;
    }
    if (s > 32635) {
      s = 32635;
    }
    s += 0x84;
    int exponent = 7;
    for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (s >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  static short decodeSlow(byte ulaw) {
    int u = ~ulaw & 0xFF;
    int exponent = (u >> 4) & 0x07;
    int magnitude = EXPONENT_BASE[exponent] + ((u & 0x0F) << (exponent + 3));
    return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
  }
}
