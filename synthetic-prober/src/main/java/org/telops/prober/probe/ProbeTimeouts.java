package org.telops.prober.probe;

/**
 * How long each step of a probe may take, ms. A step that runs out fails the probe with that step's
 * named reason.
 *
 * @param apiMs one carrier REST request (place, status, hang up) → carrier-error
 * @param connectMs from the dial request to the carrier opening the probe's media stream → no-answer / no-media
 * @param audioMs from the stream's start to its first media frame → no-audio
 * @param answerMs after the challenge digits have played, until the agent's reply ends with '#'
 *     → one-way-audio (only silence came back) or wrong-digits
 * @param echoMs after the 1004 Hz tone was sent, until its echo comes back → no-tone-echo
 * @param phraseMs after the spoken phrase has played, until the agent's transcript ends with '#' → no WER for this
 *     probe (the probe still succeeds: WER is a measurement, not a pass/fail step)
 */
public record ProbeTimeouts(int apiMs, int connectMs, int audioMs, int answerMs, int echoMs, int phraseMs) {

  /** Every step at its limit plus the challenge audio itself: a probe can take no longer than this. */
  public long totalMs(int digits, boolean phrase) {
    long challengeAudioMs = (digits + 1L) * 2 * 100 + 2 * Challenge.TONE_MS;
    long phraseStepMs = phrase ? SpokenPhrase.MAX_AUDIO_MS + phraseMs : 0;
    return 3L * apiMs + connectMs + audioMs + answerMs + echoMs + challengeAudioMs + Challenge.SETTLE_MS + phraseStepMs;
  }
}
