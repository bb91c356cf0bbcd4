package org.telops.prober.media;

/**
 * Is a 20 ms frame the 1004 Hz test tone? True when 1004 Hz carries ≥ 80 % of the frame's energy at a
 * level above −40 dBFS: a DTMF pair puts at most about half its energy near one frequency, speech far less.
 */
public final class ToneDetector {
  private static final double MIN_SHARE = 0.8;
  private static final double MIN_LEVEL_DBFS = -40;

  private ToneDetector() {}

  public static boolean isTestTone(short[] frame) {
    if (frame.length < Goertzel.SAMPLE_RATE_HZ / 100) {
      return false; // under 10 ms the resolution cannot tell 1004 Hz from 941 Hz
    }
    double energy = Goertzel.energy(frame);
    return Goertzel.levelDbfs(energy, frame.length) >= MIN_LEVEL_DBFS
        && Goertzel.share(frame, Tones.TEST_TONE_HZ, energy) >= MIN_SHARE;
  }

  /** Anything above −45 dBFS counts as sound (μ-law silence decodes to 0; line noise sits far lower). */
  public static boolean isAudible(short[] frame) {
    return Goertzel.levelDbfs(Goertzel.energy(frame), frame.length) > -45;
  }
}
