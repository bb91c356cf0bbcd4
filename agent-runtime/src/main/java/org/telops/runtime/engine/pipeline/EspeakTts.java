package org.telops.runtime.engine.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.telops.audio.speech.Espeak;

/** Offline TTS: Debian's espeak-ng speaks the sentence, sox puts it on the telephone path (μ-law 8 kHz, raw). */
public final class EspeakTts implements TextToSpeech {
  public static final String NAME = "espeak-ng";

  private final ExecutorService workers;
  private final long timeoutMs;

  public EspeakTts(ExecutorService workers, long timeoutMs) {
    this.workers = workers;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<byte[]> speak(String sentence) {
    return CompletableFuture.supplyAsync(() -> render(sentence), workers);
  }

  private byte[] render(String sentence) {
    try {
      return Espeak.ulaw8k(sentence, 175, 50, timeoutMs);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + " (TELOPS_TTS_TIMEOUT_MS=" + timeoutMs + ")", e);
    }
  }
}
