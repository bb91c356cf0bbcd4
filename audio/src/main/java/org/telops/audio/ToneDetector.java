package org.telops.audio;

/**
 * Is this frame a single steady tone at one frequency (e.g. the 1004 Hz test tone)? True when the
 * frequency carries ≥ 80 % of the frame's energy at a level above −40 dBFS: a DTMF pair puts at most
 * about half its energy near either of its tones, speech far less.
 */
public final class ToneDetector {
  /**
   * The telephony test tone, Hz: the "milliwatt" tone of test sets, off the DTMF grid and away from
   * 1000 Hz so that 8 kHz sampling artefacts do not line up with it.
   */
  public static final double TEST_TONE_HZ = 1004;

  private final double frequencyHz;
  private final int sampleRateHz;
  private final double minShare;
  private final double minLevelDbfs;

  /** The 1004 Hz test tone at 8 kHz, with the default share (80 %) and level (−40 dBFS) limits. */
  public static ToneDetector testTone() {
    return new ToneDetector(TEST_TONE_HZ, 8000);
  }

  public ToneDetector(double frequencyHz, int sampleRateHz) {
    this(frequencyHz, sampleRateHz, 0.8, -40);
  }

  public ToneDetector(double frequencyHz, int sampleRateHz, double minShare, double minLevelDbfs) {
    this.frequencyHz = frequencyHz;
    this.sampleRateHz = sampleRateHz;
    this.minShare = minShare;
    this.minLevelDbfs = minLevelDbfs;
  }

  /** Whether the whole {@code frame} (PCM at the detector's rate, ≥ 10 ms) is the tone. */
  public boolean isTone(short[] frame) {
    if (frame.length < sampleRateHz / 100) {
      return false; // under 10 ms the frequency resolution cannot tell 1004 Hz from 941 Hz
    }
    double energy = Goertzel.energy(frame, 0, frame.length);
    if (Goertzel.levelDbfs(energy, frame.length) < minLevelDbfs) {
      return false;
    }
    return Goertzel.relativePower(frame, 0, frame.length, frequencyHz, sampleRateHz, energy) >= minShare;
  }
}
