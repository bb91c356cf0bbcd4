package org.telops.runtime.engine;

import org.telops.contracts.call.Usage;

/** What an engine can do to its call. Call only from the call's thread (the session methods or the scheduler). */
public interface EngineOutput {

  /** Starts an utterance the engine streams into (TTS chunks as they come). */
  Utterance say(String label);

  /** A whole prompt at once: μ-law 8 kHz, no header. Returns the utterance id. */
  default String play(String label, byte[] ulaw) {
    Utterance u = say(label);
    u.append(ulaw);
    u.finish();
    return u.id();
  }

  /** Drops everything queued for playback (as a barge-in would); {@link EngineSession#onInterrupted} follows. */
  void stopSpeaking();

  /** Ends the call once the queued audio has played. */
  void hangup(String reason);

  /** Asks the carrier to transfer the call (to a number or SIP URI) once the queued audio has played. */
  void transfer(String target, String reason);

  /** Adds to the call's usage (costing): seconds of STT, LLM tokens, TTS characters. */
  void reportUsage(Usage delta);

  /** Where the current turn's time went: the time each stage took, ms ({@link LatencyStage}). */
  void reportLatency(LatencyStage stage, long millis);

  /**
   * A hosted or offline provider failed (error or timeout) and the engine answered another way (a fallback provider,
   * a polite line, a re-prompt): kept on the call's timeline, and counted by the {@code provider-failures} alert rule.
   *
   * @param stage {@code stt}, {@code llm} or {@code tts}
   */
  default void providerFailed(String stage, String provider, String error) {}

  /** Timers on the call's thread. */
  Scheduler scheduler();
}
