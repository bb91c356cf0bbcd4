package org.telops.runtime.engine.pipeline;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

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
      // "--" ends the options: a sentence starting with '-' is text, not a flag.
      Process p = new ProcessBuilder("sh", "-c", "espeak-ng --stdout -- \"$0\" | sox -t wav - -r 8000 -c 1 -e u-law -t raw -",
          sentence).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
        try {
          return p.getInputStream().readAllBytes();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(NAME + " did not finish within " + timeoutMs + " ms (TELOPS_TTS_TIMEOUT_MS)");
      }
      byte[] audio = out.get(timeoutMs, TimeUnit.MILLISECONDS);
      if (p.exitValue() != 0 || audio.length == 0) {
        throw new IllegalStateException(NAME + " produced no audio (exit " + p.exitValue()
            + "): apt-get install espeak-ng sox");
      }
      return audio;
    } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot run espeak-ng | sox (apt-get install espeak-ng sox): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(NAME + " interrupted", e);
    }
  }
}
