package org.telops.runtime.engine;

/**
 * One call as an engine sees it. Every method is called on the call's thread, never concurrently, so
 * a session needs no locks; a method must not block (hand slow work to another thread and come back
 * through {@link EngineOutput#scheduler()} or the engine's own executor + {@code EngineOutput} calls made
 * via the scheduler).
 */
public interface EngineSession {

  /** Sample rate the engine wants in {@link #onAudio}: 8000 (as received) or 16000 (resampled). */
  default int inputSampleRateHz() {
    return 8000;
  }

  /** May caller speech or DTMF interrupt this engine's audio (barge-in)? */
  default boolean interruptible() {
    return true;
  }

  /** Media is flowing: speak first if the engine greets. */
  void onStart();

  /**
   * Every inbound audio frame, decoded, in order (after reordering), typically 20 ms. The array is reused for the
   * next frame once this returns: copy what you keep.
   */
  default void onAudio(short[] pcm, int sampleRateHz) {}

  /** The caller started talking (after the VAD's minimum speech time). */
  default void onSpeechStarted() {}

  /** The caller stopped: {@code speechMs} of speech ended, followed by the configured silence. */
  default void onSpeechEnded(long speechMs) {}

  /** A digit, from the carrier's DTMF event or detected in the audio (each key press once). */
  default void onDtmf(char digit) {}

  /** Text from a speech-to-text stage, when one runs (none offline). */
  default void onTranscript(String text, boolean isFinal) {}

  /** The carrier confirmed the whole utterance was played. */
  default void onPlaybackFinished(String utteranceId) {}

  /** Barge-in (or {@link EngineOutput#stopSpeaking()}): queued audio was cleared; cancel generation. */
  default void onInterrupted(Interruption interruption) {}

  /** The call ended; release resources. No output calls after this. */
  default void onStop() {}
}
