package org.telops.prober.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.telops.audio.MuLaw;

/** Test audio as a carrier would deliver it: μ-law, cut into 20 ms frames of 160 bytes. */
final class AudioFrames {
  private AudioFrames() {}

  static List<byte[]> frames(short[] pcm) {
    byte[] ulaw = MuLaw.encode(pcm);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < ulaw.length; i += 160) {
      byte[] f = Arrays.copyOfRange(ulaw, i, i + 160); // a short last frame is padded with 0 = loud: pad with silence
      for (int k = ulaw.length - i; k < 160; k++) {
        f[k] = (byte) 0xFF;
      }
      out.add(f);
    }
    return out;
  }

  static short[] silence(int ms) {
    return new short[ms * 8];
  }

  static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int o = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
