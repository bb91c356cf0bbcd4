package org.telops.runtime.session;

/**
 * The hot path of every call: a well-formed media frame read straight from the WebSocket frame's bytes, with no
 * String, no parser objects and no tree (50 frames a second per call). It reads what Twilio and Telnyx send —
 * {@code event} first, then in any order the sequence number, the stream id and a {@code media} object with
 * track, chunk, timestamp and payload (numbers as strings or as numbers) — and returns null for anything
 * else: other events, escapes in strings, odd values, bad base64. The caller then parses the frame the slow
 * way, so unusual frames get the same tolerant treatment and the same named errors as before.
 */
public final class MediaFrameReader {
  private static final byte[] PREFIX = "{\"event\":\"media\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int[] BASE64 = new int[256];
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static {
    java.util.Arrays.fill(BASE64, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      BASE64[ALPHABET[i]] = i;
    }
  }

  private MediaFrameReader() {}

  /** Where the scan is; fields hold the last value read. Confined to one call, so no sharing. */
  private static final class Cursor {
    final byte[] b;
    final int end;
    int p;
    int strFrom;
    int strTo;

    Cursor(byte[] b, int from, int end) {
      this.b = b;
      this.p = from;
      this.end = end;
    }

    boolean ws() {
      while (p < end && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
        p++;
      }
      return p < end;
    }

    boolean expect(char c) {
      if (ws() && b[p] == c) {
        p++;
        return true;
      }
      return false;
    }

    /** A string without escapes; bounds in strFrom/strTo. False for anything else. */
    boolean string() {
      if (!ws() || b[p] != '"') {
        return false;
      }
      int i = ++p;
      while (i < end && b[i] != '"') {
        if (b[i] == '\\') {
          return false;
        }
        i++;
      }
      if (i >= end) {
        return false;
      }
      strFrom = p;
      strTo = i;
      p = i + 1;
      return true;
    }

    boolean is(String s) {
      if (strTo - strFrom != s.length()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        if (b[strFrom + i] != s.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** A whole number, bare or quoted; -2 when the value is something else. */
    long number() {
      if (!ws()) {
        return -2;
      }
      int from;
      int to;
      if (b[p] == '"') {
        if (!string()) {
          return -2;
        }
        from = strFrom;
        to = strTo;
      } else {
        from = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
          p++;
        }
        to = p;
      }
      if (to == from || to - from > 18) {
        return -2;
      }
      long v = 0;
      for (int i = from; i < to; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return -2;
        }
        v = v * 10 + (b[i] - '0');
      }
      return v;
    }

    /** Skips any JSON value; false when it is not well formed as far as this reader cares. */
    boolean skipValue() {
      if (!ws()) {
        return false;
      }
      byte c = b[p];
      if (c == '"') {
        return string();
      }
      if (c == '{' || c == '[') {
        int depth = 0;
        while (p < end) {
          byte x = b[p];
          if (x == '"') {
            if (!string()) {
              return false;
            }
            continue;
          }
          if (x == '{' || x == '[') {
            depth++;
          } else if (x == '}' || x == ']') {
            depth--;
            if (depth == 0) {
              p++;
              return true;
            }
          }
          p++;
        }
        return false;
      }
      int from = p;
      while (p < end && b[p] != ',' && b[p] != '}' && b[p] != ']' && b[p] != ' ') {
        p++;
      }
      return p > from;
    }
  }

  /** A media frame from {@code b[from, from+length)}, or null (see the class comment). */
  public static InboundFrame.Media read(byte[] b, int from, int length) {
    return read(b, from, length, null);
  }

  /**
   * As {@link #read(byte[], int, int)}, decoding the audio into {@code reuse[0]} when it has the payload's
   * length (a new array, left in {@code reuse[0]}, otherwise): the frame's audio is then only valid until the
   * next frame read with the same {@code reuse}.
   */
  public static InboundFrame.Media read(byte[] b, int from, int length, byte[][] reuse) {
    int end = from + length;
    if (length < PREFIX.length) {
      return null;
    }
    for (int i = 0; i < PREFIX.length; i++) {
      if (b[from + i] != PREFIX[i]) {
        return null;
      }
    }
    Cursor c = new Cursor(b, from + PREFIX.length, end);
    boolean media = false;
    boolean inbound = true;
    long chunk = -1;
    long timestamp = -1;
    long sequence = -1;
    byte[] ulaw = null;
    while (true) {
      if (c.expect('}')) {
        break;
      }
      if (!c.expect(',') || !c.string()) {
        return null;
      }
      boolean isMedia = c.is("media");
      boolean isSequence = c.is("sequence_number");
      if (!c.expect(':')) {
        return null;
      }
      if (isMedia) {
        if (!c.expect('{')) {
          return null;
        }
        media = true;
        boolean first = true;
        while (true) {
          if (c.expect('}')) {
            break;
          }
          if (!first && !c.expect(',')) {
            return null;
          }
          first = false;
          if (!c.string()) {
            return null;
          }
          int keyFrom = c.strFrom;
          int keyTo = c.strTo;
          if (!c.expect(':')) {
            return null;
          }
          c.strFrom = keyFrom;
          c.strTo = keyTo;
          if (c.is("track")) {
            if (!c.string()) {
              return null;
            }
            inbound = c.strTo - c.strFrom >= 7 && startsWith(b, c.strFrom, "inbound");
          } else if (c.is("chunk")) {
            chunk = c.number();
            if (chunk == -2) {
              return null;
            }
          } else if (c.is("timestamp")) {
            timestamp = c.number();
            if (timestamp == -2) {
              return null;
            }
          } else if (c.is("payload")) {
            if (!c.string() || (ulaw = base64(b, c.strFrom, c.strTo, reuse)) == null) {
              return null;
            }
          } else if (!c.skipValue()) {
            return null;
          }
        }
      } else if (isSequence) {
        sequence = c.number();
        if (sequence == -2) {
          return null;
        }
      } else if (!c.skipValue()) {
        return null;
      }
    }
    if (c.ws() || !media || ulaw == null) {
      return null; // trailing bytes, or not a whole media frame
    }
    return new InboundFrame.Media(inbound, chunk >= 0 ? chunk : sequence, timestamp, ulaw);
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Standard base64 with padding, or null when it is not. */
  static byte[] base64(byte[] b, int from, int to) {
    return base64(b, from, to, null);
  }

  private static byte[] base64(byte[] b, int from, int to, byte[][] reuse) {
    int n = to - from;
    if (n % 4 != 0) {
      return null;
    }
    if (n == 0) {
      return new byte[0];
    }
    int pad = b[to - 1] == '=' ? (b[to - 2] == '=' ? 2 : 1) : 0;
    int size = n / 4 * 3 - pad;
    byte[] out;
    if (reuse == null) {
      out = new byte[size];
    } else {
      if (reuse[0] == null || reuse[0].length != size) {
        reuse[0] = new byte[size];
      }
      out = reuse[0];
    }
    int o = 0;
    for (int i = from; i < to; i += 4) {
      int a0 = BASE64[b[i] & 0xFF];
      int a1 = BASE64[b[i + 1] & 0xFF];
      boolean last = i + 4 == to;
      int a2 = last && pad == 2 ? 0 : BASE64[b[i + 2] & 0xFF];
      int a3 = last && pad >= 1 ? 0 : BASE64[b[i + 3] & 0xFF];
      if ((a0 | a1 | a2 | a3) < 0) {
        return null;
      }
      int v = a0 << 18 | a1 << 12 | a2 << 6 | a3;
      out[o++] = (byte) (v >> 16);
      if (o < out.length) {
        out[o++] = (byte) (v >> 8);
      }
      if (o < out.length) {
        out[o++] = (byte) v;
      }
    }
    return out;
  }

  /** Appends standard base64 (with padding) of {@code src} to {@code dst} at {@code at}; returns the new end. */
  public static int encodeBase64(byte[] src, byte[] dst, int at) {
    int i = 0;
    int n = src.length;
    for (; i + 3 <= n; i += 3) {
      int v = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
      dst[at++] = ALPHABET[v >>> 18];
      dst[at++] = ALPHABET[v >>> 12 & 63];
      dst[at++] = ALPHABET[v >>> 6 & 63];
      dst[at++] = ALPHABET[v & 63];
    }
    if (n - i == 1) {
      int v = (src[i] & 0xFF) << 16;
      dst[at++] = ALPHABET[v >>> 18];
      dst[at++] = ALPHABET[v >>> 12 & 63];
      dst[at++] = '=';
      dst[at++] = '=';
    } else if (n - i == 2) {
      int v = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8;
      dst[at++] = ALPHABET[v >>> 18];
      dst[at++] = ALPHABET[v >>> 12 & 63];
      dst[at++] = ALPHABET[v >>> 6 & 63];
      dst[at++] = '=';
    }
    return at;
  }

  public static int base64Length(int bytes) {
    return (bytes + 2) / 3 * 4;
  }
}
