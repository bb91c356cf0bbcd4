package org.telops.audio.speech;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debian's espeak-ng speaks a text and sox puts it on the telephone path: G.711 μ-law, 8 kHz, raw bytes. Blocking:
 * call it on a worker thread.
 */
public final class Espeak {
  private Espeak() {}

  /**
   * @param wordsPerMinute espeak-ng's {@code -s} (its default is 175)
   * @param pitch espeak-ng's {@code -p}, 0–99 (default 50)
   */
  public static byte[] ulaw8k(String text, int wordsPerMinute, int pitch, long timeoutMs) {
    try {
      // "--" ends the options: a text starting with '-' is text, not a flag.
      Process p = new ProcessBuilder("sh", "-c",
          "espeak-ng -s \"$1\" -p \"$2\" --stdout -- \"$0\" | sox -t wav - -r 8000 -c 1 -e u-law -t raw -",
          text, String.valueOf(wordsPerMinute), String.valueOf(pitch)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
        throw new IllegalStateException("espeak-ng did not finish within " + timeoutMs + " ms");
      }
      byte[] audio = out.get(timeoutMs, TimeUnit.MILLISECONDS);
      if (p.exitValue() != 0 || audio.length == 0) {
        throw new IllegalStateException("espeak-ng | sox produced no audio (exit " + p.exitValue()
            + "): apt-get install espeak-ng sox");
      }
      return audio;
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot run espeak-ng | sox (apt-get install espeak-ng sox): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("espeak-ng interrupted", e);
    }
  }
}
