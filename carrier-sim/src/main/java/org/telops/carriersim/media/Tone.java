package org.telops.carriersim.media;

import java.util.Arrays;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneGenerator;

/**
 * The simulated far end's "short tone": a 440 Hz beep of 400 ms every 2 s, G.711 μ-law, so a caller
 * hears that the line is alive without an agent on it. A 2 s period holds exactly 880 cycles of 440 Hz,
 * so the beep is rendered once and every period repeats it sample for sample.
 */
public final class Tone {
  static final int PERIOD_FRAMES = 100;   // 2 s
  static final int BEEP_FRAMES = 20;      // 400 ms
  private static final double HZ = 440.0;
  private static final int AMPLITUDE = 8_000;
  private static final byte[] BEEP = MuLaw.encode(ToneGenerator.tone(HZ, BEEP_FRAMES * Pipe.FRAME_MS, AMPLITUDE));

  private Tone() {}

  /** The frame at {@code frameIndex} (20 ms each) of the repeating beep. */
  public static byte[] frame(long frameIndex) {
    int inPeriod = (int) (frameIndex % PERIOD_FRAMES);
    if (inPeriod >= BEEP_FRAMES) {
      byte[] out = new byte[Pipe.FRAME_BYTES];
      Arrays.fill(out, Pipe.SILENCE);
      return out;
    }
    return Arrays.copyOfRange(BEEP, inPeriod * Pipe.FRAME_BYTES, (inPeriod + 1) * Pipe.FRAME_BYTES);
  }
}
