package org.telops.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Committed test audio (raw μ-law 8 kHz, no header) in {@code src/test/resources/audio}, copies of what
 * agent-runtime/tools/render-prompts.sh renders with espeak-ng and sox; and test audio cut as a carrier
 * delivers it.
 */
final class Fixtures {
  private Fixtures() {}

  /** The fixture {@code audio/NAME.ulaw} decoded to PCM. */
  static short[] pcm(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("audio/" + name + ".ulaw")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture audio/" + name + ".ulaw in src/test/resources");
      }
      return MuLaw.decode(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** μ-law frames of 160 bytes (20 ms); a short last frame is padded with μ-law silence (0xFF). */
  static List<byte[]> frames(short[] pcm) {
    byte[] ulaw = MuLaw.encode(pcm);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < ulaw.length; i += 160) {
      byte[] f = Arrays.copyOfRange(ulaw, i, i + 160); // copyOfRange pads with 0, which is loud in μ-law
      Arrays.fill(f, Math.min(160, ulaw.length - i), 160, (byte) 0xFF);
      out.add(f);
    }
    return out;
  }

  static short[] concat(short[]... parts) {
    ShortBuffer out = ShortBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    Arrays.stream(parts).forEach(out::put);
    return out.array();
  }
}
