package org.telops.prober.media;

/**
 * In-band DTMF detection for the agent's reply, one 20 ms frame (160 samples) at a time. A frame holds
 * a key when one row and one column frequency together carry most of its energy, each clearly beats
 * the other frequencies of its group (≥ 8 dB), the twist is within −8…+4 dB and the level is above
 * −30 dBFS. A key is reported when two consecutive frames agree (40 ms of tone; the responder sends
 * 160 ms) and again only after two frames without it, so "55" needs the gap between the two tones.
 *
 * <p>At 160 samples the Goertzel main lobe is ±50 Hz wide: the closest row tones (697/770 Hz) leak about
 * −13 dB into each other, which the group-separation test tolerates.
 */
public final class DtmfDetector {
  private static final char[][] KEYS = {
      {'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}};
  private static final double MIN_PAIR_SHARE = 0.70;
  private static final double MIN_TONE_SHARE = 0.12;
  private static final double GROUP_SEPARATION = 6.3; // 8 dB
  private static final double MIN_LEVEL_DBFS = -30;

  private char candidate;
  private int candidateFrames;
  private int quietFrames;
  private char reported;

  /** Feeds one frame; returns the key that completed in it, or 0. */
  public char accept(short[] frame) {
    char key = classify(frame);
    if (key == 0) {
      candidate = 0;
      candidateFrames = 0;
      // Released only after two quiet frames: one lost or damaged frame inside a tone must not
      // report the key twice (the inter-digit pause is ≥ 40 ms, so a real repeat always has two).
      if (++quietFrames >= 2) {
        reported = 0;
      }
      return 0;
    }
    quietFrames = 0;
    if (key == candidate) {
      candidateFrames++;
    } else {
      candidate = key;
      candidateFrames = 1;
    }
    if (candidateFrames >= 2 && reported != key) {
      reported = key;
      return key;
    }
    return 0;
  }

  /** The key one frame holds, or 0. */
  static char classify(short[] frame) {
    double energy = Goertzel.energy(frame);
    if (Goertzel.levelDbfs(energy, frame.length) < MIN_LEVEL_DBFS) {
      return 0;
    }
    int row = strongest(frame, Tones.ROWS_HZ, energy);
    int col = strongest(frame, Tones.COLS_HZ, energy);
    if (row < 0 || col < 0) {
      return 0;
    }
    double r = Goertzel.share(frame, Tones.ROWS_HZ[row], energy);
    double c = Goertzel.share(frame, Tones.COLS_HZ[col], energy);
    if (r + c < MIN_PAIR_SHARE || r < MIN_TONE_SHARE || c < MIN_TONE_SHARE) {
      return 0;
    }
    double twistDb = 10 * Math.log10(c / r);
    return twistDb > 4 || twistDb < -8 ? 0 : KEYS[row][col];
  }

  /** Index of the group's strongest frequency, or −1 when the runner-up is within 8 dB of it. */
  private static int strongest(short[] frame, double[] group, double energy) {
    double best = -1;
    double second = -1;
    int index = -1;
    for (int i = 0; i < group.length; i++) {
      double p = Goertzel.share(frame, group[i], energy);
      if (p > best) {
        second = best;
        best = p;
        index = i;
      } else if (p > second) {
        second = p;
      }
    }
    return second * GROUP_SEPARATION > best ? -1 : index;
  }
}
