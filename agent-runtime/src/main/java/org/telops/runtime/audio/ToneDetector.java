package org.telops.runtime.audio;

/**
 * Is this frame a single steady tone at one frequency (e.g. the 1004 Hz test tone)? True when the
 * frequency carries ≥ 80 % of the frame's energy at a level above −40 dBFS: a DTMF pair puts at most
 * about half its energy near either of its tones, speech far less.
 */
public final class ToneDetector {
  private final double frequencyHz;
  private final int sampleRateHz;
  private final double minShare;
  private final double minLevelDbfs;

  public ToneDetector(double frequencyHz, int sampleRateHz) {
    this(frequencyHz, sampleRateHz, 0.8, -40);
  }

  public ToneDetector(double frequencyHz, int sampleRateHz, double minShare, double minLevelDbfs) {
    this.frequencyHz = frequencyHz;
    this.sampleRateHz = sampleRateHz;
    this.minShare = minShare;
    this.minLevelDbfs = minLevelDbfs;
  }

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
