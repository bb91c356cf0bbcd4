package org.telops.runtime.engine.pipeline;

import java.util.concurrent.CompletableFuture;

/** A text-to-speech stage: one sentence in, μ-law 8 kHz audio (no header) out. */
public interface TextToSpeech {

  String name();

  CompletableFuture<byte[]> speak(String sentence);
}
