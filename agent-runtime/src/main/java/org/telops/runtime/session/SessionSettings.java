package org.telops.runtime.session;

/**
 * Per-call media settings.
 *
 * @param silenceMs VAD end-of-speech silence
 * @param minSpeechMs voiced audio needed before speech counts as started (and may barge in)
 * @param markIntervalMs a mark is placed after every this much agent audio, so barge-in knows what played
 * @param reorderWindowFrames out-of-order frames held while waiting for a missing one
 * @param inBandDtmf detect DTMF in the audio as well as from carrier events
 */
public record SessionSettings(int silenceMs, int minSpeechMs, int markIntervalMs, int reorderWindowFrames,
                              boolean inBandDtmf) {
  public static SessionSettings defaults() {
    return new SessionSettings(300, 100, 500, 5, true);
  }
}
