package org.telops.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Committed test audio (raw μ-law 8 kHz), rendered by tools/render-prompts.sh. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] audio(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("audio/" + name + ".ulaw")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture audio/" + name + ".ulaw");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] prompt(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("prompts/" + name + ".ulaw")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** μ-law silence (0xFF decodes to 0). */
  public static byte[] silence(int ms) {
    byte[] b = new byte[ms * 8];
    java.util.Arrays.fill(b, (byte) 0xFF);
    return b;
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }
}
