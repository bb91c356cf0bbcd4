package org.telops.runtime.engine.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * One utterance transcribed while the caller speaks: audio goes up as it arrives, and the transcript is ready soon after
 * the end of speech instead of after the whole utterance is uploaded. Called on the call's thread; never blocks.
 */
public interface LiveTranscription {
  /** More of the utterance, 16 kHz linear PCM (the caller's array is not kept). */
  void audio(short[] pcm16k);

  /** The utterance ended: the final transcript ("" when nothing was recognised), or exceptionally on failure. */
  CompletableFuture<String> finish();

  /** Nothing more will come (barge-in, the call ended): drop the connection. */
  void cancel();
}
