package org.telops.prober.probe;

import org.telops.audio.MuLaw;
import org.telops.audio.ToneGenerator;

/**
 * The audio of a probe's phrase step: '*', {@value #PAD_MS} ms of silence, the spoken phrase, {@value #PAD_MS} ms of
 * silence, '#' (the agent's probe responder transcribes what lies between the two keys).
 */
final class SpokenPhrase {
  static final int PAD_MS = 400;
  /** Longest phrase audio sent (a slow voice speaks a phrase in about 2 s); longer speech is cut. */
  static final int MAX_AUDIO_MS = 5_000;

  private SpokenPhrase() {}

  static byte[] frame(byte[] speechUlaw) {
    byte[] star = key('*');
    byte[] pad = MuLaw.encode(ToneGenerator.silence(PAD_MS));
    byte[] hash = key('#');
    int speech = Math.min(speechUlaw.length, 8 * MAX_AUDIO_MS);
    byte[] out = new byte[star.length + pad.length * 2 + speech + hash.length];
    int at = 0;
    for (byte[] part : new byte[][] {star, pad, java.util.Arrays.copyOf(speechUlaw, speech), pad, hash}) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private static byte[] key(char k) {
    return MuLaw.encode(ToneGenerator.dtmfSequence(String.valueOf(k), Challenge.DIGIT_TONE_MS, Challenge.DIGIT_GAP_MS,
        Challenge.DTMF_AMPLITUDE));
  }
}
