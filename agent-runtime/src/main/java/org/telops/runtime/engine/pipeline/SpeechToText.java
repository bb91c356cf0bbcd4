package org.telops.runtime.engine.pipeline;

import java.util.concurrent.CompletableFuture;

/** A speech-to-text stage: one caller utterance (16 kHz linear PCM) in, its final transcript out. */
public interface SpeechToText {

  /** Provider name for logs and turn records, e.g. "pocketsphinx". */
  String name();

  /** Completes with the transcript ("" when nothing was recognised), or exceptionally on failure or timeout. */
  CompletableFuture<String> transcribe(short[] pcm16k);

  /**
   * A live transcription of the utterance starting now, fed as the caller speaks; null when this provider only takes
   * whole utterances, or cannot take one now (its circuit is open): the utterance then goes to {@link #transcribe}.
   */
  default LiveTranscription live() {
    return null;
  }
}
