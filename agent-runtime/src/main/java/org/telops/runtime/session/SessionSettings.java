package org.telops.runtime.session;

/**
 * Per-call media settings.
 *
 * @param silenceMs VAD end-of-speech silence
 * @param minSpeechMs voiced audio needed before speech counts as started (and may barge in)
 * @param markIntervalMs a mark is placed after every this much agent audio, so barge-in knows what played
 * @param reorderWindowFrames out-of-order frames held while waiting for a missing one
 * @param inBandDtmf detect DTMF in the audio as well as from carrier events
 * @param dtmfDigitsInEvents keep the digit itself in the call's timeline (off: "a key" — PINs and card numbers are
 *     typed on keypads)
 */
public record SessionSettings(int silenceMs, int minSpeechMs, int markIntervalMs, int reorderWindowFrames,
                              boolean inBandDtmf, boolean dtmfDigitsInEvents) {
  public static SessionSettings defaults() {
    return new SessionSettings(300, 100, 500, 5, true, false);
  }
}
